"""Journeys and personas: the tabs above the canvas, and the dialog that manages both."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QCursor
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMenu,
    QMessageBox,
    QPushButton,
    QTabBar,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from motdesk.ui.fields import ChoiceField, LongTextField, TextField
from motdesk.ui.text import literal, plain

if TYPE_CHECKING:
    from motdesk.ui.mainwindow import MainWindow


class JourneyTabs(QTabBar):
    """One tab per journey of the project; switching tabs puts that journey on the canvas."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.setObjectName("journey-tabs")
        self.window_ = window
        self.setExpanding(False)
        self.setDocumentMode(True)
        self.setMovable(True)
        self._ids: list[str] = []
        self._rebuilding = False
        self.currentChanged.connect(self._switched)
        self.tabMoved.connect(self._moved)
        self.tabBarDoubleClicked.connect(lambda _i: window.editing.rename_journey())
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.customContextMenuRequested.connect(self._menu)

    def rebuild(self) -> None:
        self._rebuilding = True
        journeys = self.window_.document.project.journeys
        while self.count():
            self.removeTab(0)
        self._ids = [j.id for j in journeys]
        for journey in journeys:
            index = self.addTab(literal(journey.title) or "(untitled journey)")
            self.setTabToolTip(index, plain(journey.description or journey.title))
        if self.window_.journey_id in self._ids:
            self.setCurrentIndex(self._ids.index(self.window_.journey_id))
        self._rebuilding = False

    def select(self, journey_id: str | None) -> None:
        if journey_id in self._ids and self.currentIndex() != self._ids.index(journey_id):
            self._rebuilding = True
            self.setCurrentIndex(self._ids.index(journey_id))
            self._rebuilding = False

    def _switched(self, index: int) -> None:
        if not self._rebuilding and 0 <= index < len(self._ids):
            self.window_.show_journey(self._ids[index])

    def _moved(self, source: int, target: int) -> None:
        journey_id = self._ids[source]
        self.window_.document.move_journey(journey_id, target)

    def _menu(self, pos) -> None:
        index = self.tabAt(pos)
        if not self.rect().contains(self.mapFromGlobal(QCursor.pos())):
            index = self.currentIndex()  # the Menu key: the tab the keyboard is on
        if 0 <= index < len(self._ids):
            self.window_.show_journey(self._ids[index])
        a = self.window_.actions
        menu = QMenu(self)
        menu.addActions([a.new_journey, a.rename_journey, a.duplicate_journey, a.delete_journey])
        menu.exec(self.mapToGlobal(pos))


class _ListPage(QWidget):
    """A list of items on the left, the selected item's fields on the right."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__()
        self.window_ = window
        self.list = QListWidget()
        self.form = QFormLayout()
        buttons = QHBoxLayout()
        self.add_button = QPushButton("Add")
        self.duplicate_button = QPushButton("Duplicate")
        self.remove_button = QPushButton("Delete")
        for b in (self.add_button, self.duplicate_button, self.remove_button):
            b.setAutoDefault(False)  # Enter in a field accepts the field, adds nothing
            buttons.addWidget(b)
        left = QVBoxLayout()
        left.addWidget(self.list)
        left.addLayout(buttons)
        layout = QHBoxLayout(self)
        layout.addLayout(left, 1)
        layout.addLayout(self.form, 2)
        self.list.currentRowChanged.connect(lambda _r: self.show_current())

    @property
    def document(self):
        return self.window_.document

    def current_id(self) -> str | None:
        item = self.list.currentItem()
        return None if item is None else item.data(Qt.ItemDataRole.UserRole)

    def fill(self, items: list[tuple[str, str]]) -> None:
        keep = self.current_id()
        self.list.blockSignals(True)
        self.list.clear()
        for item_id, text in items:
            item = QListWidgetItem(text or "(unnamed)")
            item.setData(Qt.ItemDataRole.UserRole, item_id)
            self.list.addItem(item)
            if item_id == keep:
                self.list.setCurrentItem(item)
        if self.list.currentRow() < 0 and self.list.count():
            self.list.setCurrentRow(0)
        self.list.blockSignals(False)
        self.show_current()

    def show_current(self) -> None:
        raise NotImplementedError


class JourneysPage(_ListPage):
    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.title = TextField(lambda v: self._edit(title=v))
        self.persona = ChoiceField([], lambda v: self._edit(persona=v))
        self.description = LongTextField(lambda v: self._edit(description=v))
        self.form.addRow("&Title", self.title)
        self.form.addRow("&Persona", self.persona)
        self.form.addRow("&Description", self.description)
        self.add_button.clicked.connect(self._add)
        self.duplicate_button.clicked.connect(self._duplicate)
        self.remove_button.clicked.connect(self._remove)

    def refresh(self) -> None:
        self.fill([(j.id, j.title) for j in self.document.project.journeys])

    def _edit(self, **change) -> None:
        journey_id = self.current_id()
        if journey_id is not None:
            self.document.update_journey(journey_id, merge=True, **change)
            if "title" in change:
                self.list.currentItem().setText(change["title"] or "(unnamed)")

    def show_current(self) -> None:
        journey_id = self.current_id()
        for w in (self.title, self.persona, self.description):
            w.setEnabled(journey_id is not None)
        self.remove_button.setEnabled(self.list.count() > 1)
        if journey_id is None:
            return
        journey = self.document.journey(journey_id)
        personas = self.document.project.personas
        self.persona.set_choices([("none", None)] + [(p.name, p.id) for p in personas])
        self.title.show_value(journey.title)
        self.persona.show_value(journey.persona)
        self.description.show_value(journey.description)

    def _add(self) -> None:
        journey = self.document.add_journey(f"Journey {len(self.document.project.journeys) + 1}")
        self.refresh()
        self._select(journey.id)

    def _duplicate(self) -> None:
        if self.current_id():
            twin = self.document.duplicate_journey(self.current_id())
            self.refresh()
            self._select(twin.id)

    def _remove(self) -> None:
        if self.current_id() and len(self.document.project.journeys) > 1:
            self.document.remove_journey(self.current_id())
            self.refresh()

    def _select(self, item_id: str) -> None:
        for row in range(self.list.count()):
            if self.list.item(row).data(Qt.ItemDataRole.UserRole) == item_id:
                self.list.setCurrentRow(row)


class PersonasPage(_ListPage):
    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.duplicate_button.hide()
        self.name = TextField(lambda v: self._edit(name=v))
        self.description = LongTextField(lambda v: self._edit(description=v))
        self.goals = LongTextField(lambda v: self._edit(goals=v))
        self.form.addRow("&Name", self.name)
        self.form.addRow("&Description", self.description)
        self.form.addRow("&Goals", self.goals)
        self.add_button.clicked.connect(self._add)
        self.remove_button.clicked.connect(self._remove)

    def refresh(self) -> None:
        self.fill([(p.id, p.name) for p in self.document.project.personas])

    def _edit(self, **change) -> None:
        persona_id = self.current_id()
        if persona_id is not None:
            self.document.update_persona(persona_id, merge=True, **change)
            if "name" in change:
                self.list.currentItem().setText(change["name"] or "(unnamed)")

    def show_current(self) -> None:
        persona_id = self.current_id()
        for w in (self.name, self.description, self.goals, self.remove_button):
            w.setEnabled(persona_id is not None)
        if persona_id is None:
            return
        persona = self.document.project.persona(persona_id)
        self.name.show_value(persona.name)
        self.description.show_value(persona.description)
        self.goals.show_value(persona.goals)

    def _add(self) -> None:
        persona = self.document.add_persona(f"Persona {len(self.document.project.personas) + 1}")
        self.refresh()
        for row in range(self.list.count()):
            if self.list.item(row).data(Qt.ItemDataRole.UserRole) == persona.id:
                self.list.setCurrentRow(row)
        self.name.setFocus()
        self.name.selectAll()

    def _remove(self) -> None:
        persona_id = self.current_id()
        if not persona_id:
            return
        users = [j for j in self.document.project.journeys if j.persona == persona_id]
        if users:  # the journeys lose their persona: say so first
            persona = next(p for p in self.document.project.personas if p.id == persona_id)
            which = (
                f"the journey {users[0].title!r}" if len(users) == 1 else f"{len(users)} journeys"
            )
            answer = QMessageBox.question(
                self,
                "Delete Persona",
                plain(
                    f"Delete the persona {persona.name!r}? It is the persona of {which}, "
                    "which will have none. (Edit > Undo brings it back once this window "
                    "is closed.)"
                ),
                QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                QMessageBox.StandardButton.No,
            )
            if answer != QMessageBox.StandardButton.Yes:
                return
        self.document.remove_persona(persona_id)
        self.refresh()


class JourneysDialog(QDialog):
    """Journeys and personas of the project; every change is undoable from the Edit menu."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.setWindowTitle("Journeys and Personas")
        self.resize(720, 420)
        tabs = QTabWidget()
        self.journeys = JourneysPage(window)
        self.personas = PersonasPage(window)
        tabs.addTab(self.journeys, "&Journeys")
        tabs.addTab(self.personas, "&Personas")
        tabs.currentChanged.connect(lambda _i: self.refresh())
        note = QLabel("Changes apply at once; Edit > Undo takes them back.")
        note.setStyleSheet("color: #666;")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.accept)
        layout = QVBoxLayout(self)
        layout.addWidget(tabs)
        layout.addWidget(note)
        layout.addWidget(buttons)
        self.refresh()

    def refresh(self) -> None:
        self.journeys.refresh()
        self.personas.refresh()

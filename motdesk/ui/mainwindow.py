"""The main window: journey tabs above the canvas, the inspector, menus, toolbar and status bar.

The window only arranges and follows: it subscribes to the document's events and
history, and hands gestures to `files` (open, save, export) and `editing`
(clipboard, steps, journeys). Every change goes through the document.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, QTimer, QUrl
from PySide6.QtGui import QAction, QCloseEvent, QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QApplication, QLabel, QMainWindow, QVBoxLayout, QWidget

from motdesk.errors import sentence
from motdesk.graph.events import Change
from motdesk.graph.vocabulary import View
from motdesk.ui.actions import Actions, build_menus, build_toolbar
from motdesk.ui.canvas import JourneyScene, JourneyView
from motdesk.ui.editing import EditController
from motdesk.ui.files import FileController
from motdesk.ui.inspector import InspectorDock
from motdesk.ui.journeys import JourneyTabs
from motdesk.ui.presentation import Presentation
from motdesk.ui.seeing import Seeing
from motdesk.ui.session import Session
from motdesk.ui.settings import Settings
from motdesk.ui.shell import first_size

# Open windows, so they live until closed (each owns one project).
WINDOWS: list[MainWindow] = []
TITLE_SEPARATOR = " — "
NOTICE_MS = 8000  # how long a canvas notice stays in the status bar


class MainWindow(QMainWindow):
    """One project, one window."""

    def __init__(self, session: Session | None = None, settings: Settings | None = None) -> None:
        super().__init__()
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.setAcceptDrops(True)
        self.setObjectName("motdesk-main-window")
        self.settings = settings or Settings()
        self.session = session or Session.new()
        self.journey_id: str | None = None
        self.scene: JourneyScene | None = None
        self.view_mode = View.CURRENT
        self._shown = False

        self.actions = Actions(self)
        self.menus = build_menus(self, self.actions)
        self.toolbar = build_toolbar(self, self.actions)
        self.tabs = JourneyTabs(self)
        self.view = JourneyView()
        self.view.setObjectName("journey-view")
        central = QWidget(self)
        layout = QVBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.tabs)
        layout.addWidget(self.view, 1)
        self.setCentralWidget(central)
        self.inspector = InspectorDock(self)
        self.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.inspector)
        self.menus["panels"].addAction(self.inspector.toggleViewAction())
        self.analysis = None
        self._build_status_bar()

        self.files = FileController(self)
        self.editing = EditController(self)
        self.view.selectionChangedIds.connect(self._selection_changed)
        # a refused gesture or a hint from the canvas: one sentence in the status bar
        self.view.notice.connect(self._notice)
        self.view.zoomChanged.connect(self._zoom_changed)
        for view, action in self.actions.views.items():
            action.triggered.connect(lambda _=False, v=view: self.set_view_mode(v))
        self.actions.zoom_in.triggered.connect(self.view.zoom_in)
        self.actions.zoom_out.triggered.connect(self.view.zoom_out)
        self.actions.zoom_fit.triggered.connect(self.view.zoom_fit)
        self.actions.zoom_reset.triggered.connect(self.view.zoom_reset)
        self._add_analysis_dock()
        self.seeing = Seeing(self)  # curve, filters, outline, find, overview, legend, theme
        self._looks: dict[str, tuple] = {}  # journey id -> where the view looked at it
        self.presentation = Presentation(self)  # the map alone, full screen (F11)
        # every shortcut works with the menu bar and toolbar hidden (presentation): an
        # action answers its keys only while it is in a visible widget, so the window holds
        # them all
        self.addActions([a for a in self.findChildren(QAction) if a.shortcuts()])

        self._bind(self.session)
        self._first_size()
        geometry = self.settings.geometry()
        if geometry is not None:
            self.restoreGeometry(geometry)
        state = self.settings.window_state()
        if state is not None:
            self.restoreState(state)
        else:
            # The map comes first: on a first start the analysis waits in View > Panels,
            # and the side panels take no more room than their contents need.
            if self.analysis is not None:
                self.analysis.hide()
            self.resizeDocks(
                [self.seeing.outline, self.inspector],
                [self.seeing.outline.preferred_width(), 340],
                Qt.Orientation.Horizontal,
            )
        WINDOWS.append(self)

    def _first_size(self) -> None:
        first_size(self)  # the same as the window shown while the editor loads

    @classmethod
    def start(cls, path: str | None = None) -> MainWindow:
        """The first window: on `path` if given (a refusal is shown, then an empty project)."""
        window = cls()
        if path:
            window.files.open_path(path)
        return window

    # -- document binding ----------------------------------------------------
    @property
    def document(self):
        return self.session.document

    def _bind(self, session: Session) -> None:
        self.session = session
        session.document.events.subscribe(self._on_change)
        session.document.history.subscribe(self._on_history)
        self.tabs.rebuild()
        journeys = session.document.project.journeys
        self.show_journey(journeys[0].id if journeys else None)
        self._on_history()
        self.editing.rebuild_stage_menus()
        if self.analysis is not None:
            self.analysis.refresh_if_shown()
        if session.read_only:  # why, once, in full; the short label stays
            self.statusBar().showMessage(
                f"{session.display_name} is open read-only: {session.read_only_reason}",
                NOTICE_MS,
            )

    def _unbind(self) -> None:
        document = self.session.document
        document.events.unsubscribe(self._on_change)
        document.history.unsubscribe(self._on_history)
        self._drop_scene()
        self._looks.clear()  # another project's journeys

    def replace_session(self, session: Session) -> None:
        """Show another project in this window (the old one was pristine or saved)."""
        old = self.session
        self._unbind()
        old.close()
        self._bind(session)

    def is_pristine(self) -> bool:
        """An untouched untitled project: opening a file may reuse this window."""
        s = self.session
        return s.path is None and s.imported_from is None and s.document.history.depth == 0

    def _on_change(self, change: Change) -> None:
        if change.kind == "journey":
            self.tabs.rebuild()
            journeys = self.document.project.journeys
            if self.journey_id is not None and not any(j.id == self.journey_id for j in journeys):
                index = min(change.index or 0, len(journeys) - 1)
                self.show_journey(journeys[index].id if journeys else None)
            elif self.journey_id is None and journeys:  # one came back (undo) or was added
                self.show_journey(change.new.id if change.action == "added" else journeys[0].id)
        elif change.kind in ("stage", "lane"):
            self.editing.rebuild_stage_menus()
        elif change.kind == "project" and self.journey_id is None:
            pass
        self._counts_timer.start()  # once after a burst: counting walks every step
        self.inspector.document_changed(change)
        if self.analysis is not None:
            self.analysis.document_changed()

    def _on_history(self) -> None:
        history = self.document.history
        self.actions.show_history(history)
        self.setWindowModified(not history.is_clean)
        self.update_title()

    def update_title(self) -> None:
        title = f"{self.session.display_name}[*]"
        if self.session.read_only:
            title += " (read-only)"
        # the program's name always: Qt adds it only to titles not already ending in it,
        # which "trip.motdesk" does and "trip.motdesk*" does not
        self.setWindowTitle(f"{title}{TITLE_SEPARATOR}motdesk")
        self.readonly_label.setVisible(self.session.read_only)
        # short, for it stays beside the counts; the reason is in its tooltip
        self.readonly_label.setText("Read-only" if self.session.read_only else "")
        self.readonly_label.setToolTip(
            f"Read-only: {self.session.read_only_reason}. Save As keeps your changes "
            "in another file."
            if self.session.read_only
            else ""
        )

    # -- journeys and the canvas -----------------------------------------
    def finish_typing(self) -> None:
        """Keep a label being typed on the canvas or in the outline (saving, closing,
        switching journeys)."""
        self.seeing.outline.finish_editing()
        if self.scene is not None:
            self.scene.finish_editing()

    def _drop_scene(self) -> None:
        if self.scene is not None:
            self.finish_typing()  # typed, not yet entered: kept, not dropped
            if self.view.scene() is self.scene:
                self.view.set_scene(None)  # the canvas never shows a scene that is going
            self.scene.detach()
            self.scene.deleteLater()
            self.scene = None

    def show_journey(self, journey_id: str | None) -> None:
        """Put the journey on the canvas (None: an empty canvas), where it was last seen in
        this window (its zoom and place), else from its beginning."""
        if journey_id == self.journey_id and self.scene is not None:
            return
        if self.scene is not None and self.journey_id is not None:
            self._looks[self.journey_id] = self.view.look()
        self._drop_scene()
        self.journey_id = journey_id
        if journey_id is not None:
            self.scene = JourneyScene(self.document, journey_id, self)
            self.scene.headerChosen.connect(self._header_chosen)
            self.view.set_scene(self.scene)
            self.view.set_view_mode(self.view_mode)
            if journey_id in self._looks:
                self.view.restore_look(self._looks[journey_id])
            elif self.isVisible():
                self.initial_zoom()
            focus = QApplication.focusWidget()
            if focus is not None and self.inspector.isAncestorOf(focus):
                self.view.setFocus()  # keys go to the new map, not to a field of the inspector
        self.tabs.select(journey_id)
        self.editing.rebuild_stage_menus()
        self._update_counts()
        self._selection_changed()
        if self.analysis is not None:
            self.analysis.refresh_if_shown()

    def _header_chosen(self, kind: str, item_id: str) -> None:
        """A stage or lane header double-clicked on the canvas: its fields in the inspector."""
        if self.journey_id is None:
            return
        show = self.inspector.show_stage if kind == "stage" else self.inspector.show_lane
        show(self.journey_id, item_id)

    def initial_zoom(self) -> None:
        """Readable cards from the journey's beginning: 100 % if the map's height fits."""
        self.view.zoom_readable()

    def journey(self):
        return None if self.journey_id is None else self.document.journey(self.journey_id)

    def set_view_mode(self, view: View) -> None:
        self.view_mode = view
        self.actions.views[view].setChecked(True)
        self.view.set_view_mode(view)
        self.inspector.set_view_mode(view)
        if self.analysis is not None:
            self.analysis.refresh_if_shown()

    # -- status bar ----------------------------------------------------------
    def _notice(self, text: str) -> None:
        """A canvas notice in the status bar; an empty one takes the last one away."""
        if text:
            self.statusBar().showMessage(sentence(text), NOTICE_MS)
        else:
            self.statusBar().clearMessage()

    def _build_status_bar(self) -> None:
        bar = self.statusBar()
        self.readonly_label = QLabel()
        self.readonly_label.setObjectName("readonly-label")
        # by name: a rule for any label would reach its tooltip (Qt's tooltip is a label)
        self.readonly_label.setStyleSheet("#readonly-label { color: #a33; font-weight: bold; }")
        self.selection_label = QLabel()
        self.counts_label = QLabel()
        self.zoom_label = QLabel("100 %")
        # permanent: a passing message must not hide that saving here is refused
        bar.addPermanentWidget(self.readonly_label)
        bar.addPermanentWidget(self.selection_label)
        bar.addPermanentWidget(self.counts_label)
        bar.addPermanentWidget(self.zoom_label)
        self._counts_timer = QTimer(self)
        self._counts_timer.setSingleShot(True)
        self._counts_timer.setInterval(0)
        self._counts_timer.timeout.connect(self._update_counts)

    def _update_counts(self) -> None:
        journey = self.journey()
        if journey is None:
            self.counts_label.setText("No journey")
            return
        moments = sum(1 for s in journey.steps() if s.moment is not None)
        self.counts_label.setText(
            f"{journey.step_count} steps · {journey.transition_count} transitions · "
            f"{moments} moments of truth"
        )

    def _zoom_changed(self, factor: float) -> None:
        self.zoom_label.setText(f"{round(factor * 100)} %")

    def selected_step_ids(self) -> list[str]:
        return list(self.view.selected_step_ids()) if self.scene is not None else []

    def selected_transition_ids(self) -> list[str]:
        return list(self.view.selected_transition_ids()) if self.scene is not None else []

    def _selection_changed(self) -> None:
        steps = self.selected_step_ids()
        transitions = self.selected_transition_ids()
        parts = []
        if steps:
            parts.append(f"{len(steps)} step{'s' if len(steps) != 1 else ''}")
        if transitions:
            parts.append(f"{len(transitions)} transition{'s' if len(transitions) != 1 else ''}")
        self.selection_label.setText(("Selected: " + ", ".join(parts)) if parts else "")
        self.editing.selection_changed(steps, transitions)
        self.inspector.show_selection(self.journey_id, steps, transitions)

    # -- analysis ------------------------------------------------------------
    def _add_analysis_dock(self) -> None:
        try:
            from motdesk.ui.analysis import AnalysisDock
        except ImportError:
            return
        self.analysis = AnalysisDock(self)
        self.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, self.analysis)
        self.resizeDocks([self.analysis], [220], Qt.Orientation.Vertical)
        self.menus["panels"].addAction(self.analysis.toggleViewAction())

    # -- window events -------------------------------------------------------
    def showEvent(self, event) -> None:  # noqa: N802
        super().showEvent(event)
        if not self._shown:
            self._shown = True
            self.initial_zoom()

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:  # noqa: N802
        if any(u.isLocalFile() for u in event.mimeData().urls()):
            event.acceptProposedAction()
        else:
            super().dragEnterEvent(event)

    def dropEvent(self, event: QDropEvent) -> None:  # noqa: N802
        paths = [u.toLocalFile() for u in event.mimeData().urls() if isinstance(u, QUrl)]
        paths = [p for p in paths if p]
        if not paths:
            return super().dropEvent(event)
        event.acceptProposedAction()
        for path in paths:
            self.files.open_path(Path(path))

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802
        if not self.files.maybe_save():
            event.ignore()
            return
        self.presentation.set_active(False)  # the window is remembered with its panels
        self.settings.save_window(self.saveGeometry(), self.saveState())
        self.files.stop()
        self._unbind()
        self.session.close()
        if self in WINDOWS:
            WINDOWS.remove(self)
        event.accept()

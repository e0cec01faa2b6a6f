"""Inspector field widgets that show a value, report user edits, and never fight the cursor.

Each field calls `on_edit(value)` only for the user's own edits; `show(value,
mixed)` updates it from the document and leaves it alone when it already shows
that value (so typing is never interrupted by the echo of its own change).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QValidator
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDoubleSpinBox,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from motdesk.graph.model import Kpi

MIXED = "(several values)"
Edit = Callable[[Any], None]


class TextField(QLineEdit):
    def __init__(self, on_edit: Edit, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.textEdited.connect(on_edit)

    def show_value(self, value: str, mixed: bool = False) -> None:
        value = "" if mixed else value
        self.setPlaceholderText(MIXED if mixed else "")
        if self.text() != value:
            cursor = self.cursorPosition()
            self.setText(value)
            self.setCursorPosition(min(cursor, len(value)))


class LongTextField(QPlainTextEdit):
    def __init__(self, on_edit: Edit, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._showing = False
        self.setTabChangesFocus(True)
        self.setMaximumHeight(80)
        self.textChanged.connect(lambda: None if self._showing else on_edit(self.toPlainText()))

    def show_value(self, value: str, mixed: bool = False) -> None:
        value = "" if mixed else value
        self.setPlaceholderText(MIXED if mixed else "")
        if self.toPlainText() != value:
            cursor = self.textCursor()
            position = cursor.position()
            self._showing = True
            self.setPlainText(value)
            self._showing = False
            cursor = self.textCursor()
            cursor.setPosition(min(position, len(value)))
            self.setTextCursor(cursor)


class _WheelScrollsPanel:
    """The mouse wheel never changes a value here: turned over the inspector it scrolls
    the panel, even over a field that has the focus (a rating or a share changed by a
    stray turn during a workshop is silent damage). Keys and clicks change values."""

    def _no_focus_by_wheel(self) -> None:
        """Focus by Tab and click only (a combo box's default also takes it by the wheel)."""
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)  # type: ignore[attr-defined]

    def wheelEvent(self, event) -> None:  # noqa: N802
        event.ignore()  # to the panel, which scrolls


class ChoiceField(_WheelScrollsPanel, QComboBox):
    """A closed list of (text, value) pairs; the user's choice reports the value."""

    def __init__(
        self, choices: Sequence[tuple[str, Any]], on_edit: Edit, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._no_focus_by_wheel()
        # Long entries ("ZMOT: Zero moment of truth") must not widen the whole inspector.
        self.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.setMinimumContentsLength(10)
        self.set_choices(choices)
        self.activated.connect(lambda index: on_edit(self.itemData(index)))

    def set_choices(self, choices: Sequence[tuple[str, Any]]) -> None:
        current = self.currentData()
        self.blockSignals(True)
        self.clear()
        for text, value in choices:
            self.addItem(text, value)
        self.setCurrentIndex(self.findData(current) if current is not None else -1)
        self.blockSignals(False)

    def show_value(self, value: Any, mixed: bool = False) -> None:
        index = -1 if mixed else self._index_of(value)
        if index != self.currentIndex():
            self.blockSignals(True)
            self.setCurrentIndex(index)
            self.blockSignals(False)
        self.setPlaceholderText(MIXED if mixed else "")

    def _index_of(self, value: Any) -> int:
        for i in range(self.count()):
            if self.itemData(i) == value:
                return i
        return -1


class PhaseField(_WheelScrollsPanel, QSpinBox):
    """A phase number from 1, or none (shown at 0)."""

    def __init__(self, on_edit: Edit, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._no_focus_by_wheel()
        self.setRange(0, 99)
        self.setSpecialValueText("none")
        self._showing = False
        self.valueChanged.connect(
            lambda v: None if self._showing else on_edit(None if v == 0 else v)
        )

    def show_value(self, value: int | None, mixed: bool = False) -> None:
        number = 0 if (mixed or value is None) else value
        if self.value() != number:
            self._showing = True
            self.setValue(number)
            self._showing = False


class ShareField(_WheelScrollsPanel, QDoubleSpinBox):
    """A share of customers in per cent, as the map shows it ("80", "80 %" and "80%" all
    read as 80 %), or unknown (an empty field; shown below 0). Reports a fraction from 0
    to 1, once typing is done (Enter or leaving the field), not at every keystroke."""

    def __init__(
        self, on_edit: Edit, on_refused: Edit | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._on_refused = on_refused
        self._no_focus_by_wheel()
        self.setRange(_UNKNOWN_SHARE, 100.0)
        self.setDecimals(1)
        self.setSingleStep(5.0)
        self.setSuffix(" %")
        self.setSpecialValueText("unknown")
        self.setKeyboardTracking(False)
        self._showing = False
        self.valueChanged.connect(
            lambda v: None if self._showing else on_edit(None if v < 0 else round(v / 100, 4))
        )

    def show_value(self, value: float | None, mixed: bool = False) -> None:
        number = _UNKNOWN_SHARE if value is None or mixed else value * 100
        if abs(self.value() - number) > 1e-9:
            self._showing = True
            self.setValue(number)
            self._showing = False

    def validate(self, text: str, pos: int) -> object:
        number = _percent(text)
        if number is None:
            return QValidator.State.Invalid, text, pos
        ok = number == _UNKNOWN_SHARE or 0.0 <= number <= 100.0
        # a number past the range may be typed, and is then refused with a reason (`fixup`)
        return (QValidator.State.Acceptable if ok else QValidator.State.Intermediate), text, pos

    def fixup(self, text: str) -> str:
        """A share typed out of range is refused: said, and the field shows the share as it
        was (not a cut-off '15' for '150')."""
        number = _percent(text)
        if number is not None and self._on_refused is not None:
            self._on_refused(f"{text.strip()} is not a share: a share runs from 0 to 100 %")
        return self.textFromValue(self.value())

    def valueFromText(self, text: str) -> float:  # noqa: N802
        number = _percent(text)
        return _UNKNOWN_SHARE if number is None else number


_UNKNOWN_SHARE = -1.0


def _percent(text: str) -> float | None:
    """The number of a typed share ("80", "80 %", "80%", "33,5"); empty or "unknown" is
    unknown; None if it is no number."""
    cleaned = text.replace("%", "").strip()
    if cleaned in ("", "unknown"):
        return _UNKNOWN_SHARE
    try:
        return float(cleaned.replace(",", "."))
    except ValueError:
        return None


class _Buttons(QWidget):
    added = Signal()
    removed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        self.add = QPushButton("Add")
        self.remove = QPushButton("Remove")
        row.addWidget(self.add)
        row.addWidget(self.remove)
        row.addStretch(1)
        self.add.clicked.connect(self.added)
        self.remove.clicked.connect(self.removed)


class TextListField(QWidget):
    """An editable list of short texts (pain points, opportunities)."""

    def __init__(self, on_edit: Edit, noun: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._on_edit = on_edit
        self._noun = noun
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.list = QListWidget()
        self.list.setMaximumHeight(90)
        # A pain point is a sentence: wrap it rather than hide it behind a scroll bar.
        self.list.setWordWrap(True)
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.list.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.SelectedClicked
        )
        self.buttons = _Buttons()
        layout.addWidget(self.list)
        layout.addWidget(self.buttons)
        self.list.itemChanged.connect(lambda _item: self._report())
        self.buttons.added.connect(self._add)
        self.buttons.removed.connect(self._remove)

    def values(self) -> tuple[str, ...]:
        return tuple(self.list.item(i).text() for i in range(self.list.count()))

    def _report(self) -> None:
        self._on_edit(self.values())

    def _add(self) -> None:
        self._on_edit((*self.values(), f"New {self._noun}"))
        item = self.list.item(self.list.count() - 1)
        if item is not None:
            self.list.setCurrentItem(item)
            self.list.editItem(item)

    def _remove(self) -> None:
        row = self.list.currentRow()
        if row >= 0:
            values = list(self.values())
            del values[row]
            self._on_edit(tuple(values))

    def show_value(self, values: Sequence[str], mixed: bool = False) -> None:
        values = () if mixed else tuple(values)
        if self.values() == values:
            return
        self.list.blockSignals(True)
        self.list.clear()
        for text in values:
            item = QListWidgetItem(text)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsEditable)
            self.list.addItem(item)
        self.list.blockSignals(False)


KPI_COLUMNS = ("name", "current", "target", "unit")


class KpiTable(QWidget):
    """KPIs as a table: name, current value, target, unit."""

    def __init__(self, on_edit: Edit, on_refused: Edit, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._on_edit = on_edit
        self._on_refused = on_refused
        self._kpis: tuple[Kpi, ...] = ()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.table = QTableWidget(0, 4)
        self.table.setHorizontalHeaderLabels(["Name", "Current", "Target", "Unit"])
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column in (1, 2, 3):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        header.setMinimumSectionSize(40)  # numbers never take the name's room to nothing
        self.table.verticalHeader().hide()
        self.table.setMaximumHeight(120)
        self.buttons = _Buttons()
        layout.addWidget(self.table)
        layout.addWidget(self.buttons)
        self.table.itemChanged.connect(self._changed)
        self.buttons.added.connect(self._add)
        self.buttons.removed.connect(self._remove)

    def _add(self) -> None:
        """A new KPI at the end, in view, its name ready to type over."""
        self._on_edit((*self._kpis, Kpi("New KPI")))
        row = self.table.rowCount() - 1
        if row >= 0 and self.table.item(row, 0) is not None:
            self.table.scrollToBottom()
            self.table.setCurrentCell(row, 0)
            self.table.editItem(self.table.item(row, 0))

    def _remove(self) -> None:
        row = self.table.currentRow()
        if 0 <= row < len(self._kpis):
            kpis = list(self._kpis)
            del kpis[row]
            self._on_edit(tuple(kpis))

    def _changed(self, item: QTableWidgetItem) -> None:
        row, column = item.row(), item.column()
        if row >= len(self._kpis):
            return
        text = item.text().strip()
        field = KPI_COLUMNS[column]
        value: Any = text
        if field in ("current", "target"):
            try:
                value = None if text == "" else float(text.replace(",", "."))
            except ValueError:
                self._on_refused(f"{text!r} is not a number")
                self._fill(self._kpis, force=True)
                return
        elif field == "name" and not text:
            self._on_refused("a KPI needs a name")
            self._fill(self._kpis, force=True)
            return
        old = self._kpis[row]
        kpis = list(self._kpis)
        kpis[row] = replace(old, **{field: value})
        self._on_edit(tuple(kpis))

    def show_value(self, kpis: Sequence[Kpi], mixed: bool = False) -> None:
        self._fill(() if mixed else tuple(kpis))

    def _fill(self, kpis: tuple[Kpi, ...], force: bool = False) -> None:
        if kpis == self._kpis and not force and self.table.rowCount() == len(kpis):
            return
        self._kpis = kpis
        self.table.blockSignals(True)
        self.table.setRowCount(len(kpis))
        for row, kpi in enumerate(kpis):
            for column, field in enumerate(KPI_COLUMNS):
                value = getattr(kpi, field)
                text = (
                    ""
                    if value is None
                    else f"{value:g}"
                    if isinstance(value, float)
                    else str(value)
                )
                self.table.setItem(row, column, QTableWidgetItem(text))
        self.table.blockSignals(False)

"""The outline dock: the journey as a tree of stages and their steps, for the keyboard and for
screen readers.

Each stage is a row holding the steps the view shows in reading order (left to
right, then top to bottom), with the emotion the view shows and the moment of
truth in columns (the lane is in the tooltip and the spoken name). Selecting
rows selects the steps on the canvas and the other way round. F2 or a
double-click edits a step's label in place, one undoable `update_step`.

The tree is a model over the document, not a copy of it: rows hold step ids and
their texts are read when Qt paints them, so a journey of 20,000 steps costs a
sort per stage, not 20,000 widgets. Qt's standard item model keeps the shape of
the tree (a row per stage, under it as many empty rows as the stage shows), so
laying out the tree after a view switch runs in Qt without calling Python for
every row; the texts still come from the model, all the roles of a cell in one call
(`multiData`), worked out once per row and view and kept until that step, the codes,
the scale or the palette change. A few changed steps update, move, add or remove their
rows; a burst (a view switch, an auto-layout, an undo of a large paste) re-sorts the
stages once and keeps the selection and the expanded stages.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import (
    QEvent,
    QItemSelection,
    QItemSelectionModel,
    QModelIndex,
    QPersistentModelIndex,
    QPointF,
    QSize,
    Qt,
    QTimer,
)
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetrics,
    QIcon,
    QPainter,
    QPalette,
    QPixmap,
    QStandardItem,
    QStandardItemModel,
)
from PySide6.QtWidgets import (
    QAbstractItemDelegate,
    QAbstractItemView,
    QApplication,
    QDockWidget,
    QHeaderView,
    QStyledItemDelegate,
    QTreeView,
)
from shiboken6 import Shiboken

from motdesk.errors import sentence
from motdesk.graph.codes import step_codes
from motdesk.graph.events import Change
from motdesk.graph.model import Journey, Step
from motdesk.graph.validation import DocumentError
from motdesk.graph.views import view_emotion, visible
from motdesk.graph.vocabulary import MOMENT_NAMES, MOMENT_WHEN, Moment, State, View
from motdesk.ui.canvas.palette import current_palette, emotion_colour
from motdesk.ui.canvas.step_item import moment_badge_path

if TYPE_CHECKING:
    from motdesk.ui.mainwindow import MainWindow

COLUMNS = ("Step", "Emotion", "Moment", "Code")
CODE = 3  # the step code (S01...) the handout prints; shown beside the label
NO_LABEL = "(no label)"
STEP_ROLE = Qt.ItemDataRole.UserRole
BURST = 100
"""More step changes than this in one burst re-sort every stage instead of moving rows."""
_PARKED = 1_000_000  # rows past any real one, where a relayout keeps Qt's persistent indexes
_ROLE = Qt.ItemDataRole
_STAGE_FLAGS = Qt.ItemFlag.ItemIsEnabled
_ANSWERED = frozenset(
    int(role.value)
    for role in (
        _ROLE.DisplayRole,
        _ROLE.EditRole,
        _ROLE.DecorationRole,
        _ROLE.ToolTipRole,
        _ROLE.ForegroundRole,
        _ROLE.FontRole,
        _ROLE.AccessibleTextRole,
        STEP_ROLE,
    )
)
"""The roles `OutlineModel.data` answers."""
_PAINTED = tuple(
    int(role.value)
    for role in (_ROLE.DisplayRole, _ROLE.DecorationRole, _ROLE.FontRole, _ROLE.ForegroundRole)
)
"""The roles painting a row asks for: kept per row until the row or the view changes."""


def reading_key(step: Step, lane_index: dict[str, int]) -> tuple:
    """Left to right, then top to bottom (by lane, then height), then by id for a stable order."""
    return (step.x, lane_index.get(step.lane, len(lane_index)), step.y, step.id)


def _address(item: QStandardItem) -> int:
    """What Qt's model indexes hold for the children of `item` (their `internalId`)."""
    return Shiboken.getCppPointer(item)[0]


class OutlineModel(QStandardItemModel):
    """Stages and the steps one view shows, read from the document on demand.

    Stage rows are items (they hold the rows of their steps); step rows are empty
    places under them, so Qt answers `index`, `parent`, `rowCount` and `flags`.
    """

    def __init__(self, dock: OutlineDock) -> None:
        super().__init__(dock)
        self.setColumnCount(len(COLUMNS))
        self._root = _address(self.invisibleRootItem())
        self._stage_at: dict[int, int] = {}  # a stage item's address -> its row
        self._parking: QStandardItem | None = None  # where a relayout keeps persistent indexes
        self.dock = dock
        self.journey: Journey | None = None
        self.view = View.CURRENT
        self.stages: list = []
        self.rows: list[list[str]] = []  # per stage, its shown step ids in reading order
        self.keys: list[list[tuple]] = []  # the reading keys of those rows
        self.where: dict[str, int] = {}  # shown step id -> its stage's index
        self._lane_index: dict[str, int] = {}
        self._lanes: dict[str, str] = {}
        self._icons: dict[tuple, QIcon] = {}
        self.codes: dict[str, str] = {}  # step id -> code, as on the handout
        self.stages_seen: list = []  # the stages when the steps were last put in order
        self._ordered: list[list[tuple]] | None = None  # per stage: (reading key, state)
        # per view, step id -> what its row paints, per column: kept across view switches
        self._cells_of: dict[View, dict[str, tuple]] = {}
        self._cells: dict[str, tuple] = self._cells_of.setdefault(self.view, {})

    # -- building ----------------------------------------------------------------------
    def _compute(self) -> tuple[list, list[list[str]], list[list[tuple]]]:
        journey = self.journey
        if journey is None:
            self.codes = {}
            self._ordered = None
            return [], [], []
        if self._ordered is None:
            self._order(journey)
        shown = frozenset(state for state in State if visible(state, self.view))
        keyed = [[key for key, state in steps if state in shown] for steps in self._ordered]
        return list(self.stages_seen), [[k[3] for k in keys] for keys in keyed], keyed

    def _order(self, journey: Journey) -> None:
        """Every step of every stage in reading order, whatever its state, and the codes.

        Neither depends on the view, so a view switch only filters these lists.
        """
        self.codes = step_codes(journey)
        self._lane_index = {lane.id: i for i, lane in enumerate(journey.lanes)}
        self._lanes = {lane.id: lane.name for lane in journey.lanes}
        self.stages_seen = list(journey.stages)
        position = {s.id: i for i, s in enumerate(self.stages_seen)}
        ordered: list[list[tuple]] = [[] for _ in self.stages_seen]
        lane_index = self._lane_index
        for step in journey.steps():
            index = position.get(step.stage)
            if index is not None:
                ordered[index].append((reading_key(step, lane_index), step.state))
        for steps in ordered:
            steps.sort()
        self._ordered = ordered

    def reset(self, journey: Journey | None, view: View) -> None:
        """Show another journey (selection and expansion start afresh)."""
        self.beginResetModel()
        self.journey = journey
        self._ordered = None
        self._forget_cells()
        self._show_view(view)
        self.stages, self.rows, self.keys = self._compute()
        self._index_rows()
        self._quietly_shape()
        self.endResetModel()

    def relayout(self, view: View, changed: bool = True) -> None:
        """Re-sort every stage (after a view switch or a burst), keeping selection and expansion.

        `changed`: the journey changed since the last sort (not just the view), so the
        steps are put in order and numbered again.
        """
        with self._new_layout():
            if changed:
                self._ordered = None
                self._forget_cells()
            self._show_view(view)
            self.stages, self.rows, self.keys = self._compute()
            self._index_rows()

    def _show_view(self, view: View) -> None:
        self.view = view
        self._cells = self._cells_of.setdefault(view, {})

    def _forget_cells(self, step_ids: set[str] | None = None) -> None:
        """What rows paint changed: of these steps (None: of every step), in every view."""
        for cells in self._cells_of.values():
            if step_ids is None:
                cells.clear()
            else:
                for step_id in step_ids:
                    cells.pop(step_id, None)

    @contextmanager
    def _new_layout(self) -> Iterator[None]:
        """Around a change of rows: Qt's persistent indexes (selection, current row, expanded
        stages) wait where no change of the tree's shape moves them, then go to the rows of
        their steps and stages in the new order. Views hear of one new layout, never of rows
        half moved (the lists and Qt's rows agree whenever they look)."""
        self.layoutAboutToBeChanged.emit()
        old_persistent = self.persistentIndexList()
        ids = [self._id_of(index) for index in old_persistent]
        parking = self._parking_place()
        parked = (
            [self.createIndex(_PARKED + i, 0, parking) for i in range(len(old_persistent))]
            if parking is not None
            else []
        )
        if parking is not None:
            self.changePersistentIndexList(old_persistent, parked)
        yield
        self._quietly_shape()
        stage_position = {s.id: i for i, s in enumerate(self.stages)}
        new = []
        for index, (kind, item_id) in zip(old_persistent, ids, strict=True):
            if kind == "stage" and item_id in stage_position:
                new.append(self.index(stage_position[item_id], index.column()))
            elif kind == "step" and item_id in self.where:
                stage = self.where[item_id]
                row = bisect_left(self.rows_keys(stage), self._key(item_id))
                new.append(self._cell(stage, row, index.column()))
            else:
                new.append(QModelIndex())
        if parking is not None:
            self.changePersistentIndexList(parked, new)
        self.layoutChanged.emit()

    # -- the shape of the tree -------------------------------------------------------------
    def _parking_place(self) -> int | None:
        """The address of an item that never has rows (the last cell of the first stage row),
        under which persistent indexes can wait; None without stages."""
        item = self.invisibleRootItem().child(0, len(COLUMNS) - 1)
        return None if item is None else _address(item)

    def _quietly_shape(self) -> None:
        """Give Qt's items the shape of `stages` and `rows`, telling no view: the caller
        resets the model or announces a new layout."""
        blocked = self.blockSignals(True)
        try:
            root = self.invisibleRootItem()
            if root.rowCount() != len(self.stages):
                root.setRowCount(len(self.stages))
            for stage, ids in enumerate(self.rows):
                item = root.child(stage, 0)
                if item is None:
                    for column in range(len(COLUMNS)):
                        cell = QStandardItem()
                        cell.setFlags(_STAGE_FLAGS)
                        root.setChild(stage, column, cell)
                    item = root.child(stage, 0)
                    item.setColumnCount(len(COLUMNS))
                if item.rowCount() != len(ids):
                    item.setRowCount(len(ids))
            self._stage_at = {
                _address(root.child(stage, 0)): stage for stage in range(len(self.stages))
            }
        finally:
            self.blockSignals(blocked)

    def _cell(self, stage: int, row: int, column: int = 0) -> QModelIndex:
        return self.index(row, column, self.index(stage, 0))

    def _stage_row_of(self, index: QModelIndex) -> int | None:
        """The stage a step row is under (None: a stage row, or no row)."""
        return self._stage_at.get(index.internalId())

    def _id_of(self, index: QPersistentModelIndex) -> tuple[str, str | None]:
        if not index.isValid():
            return ("", None)
        row = index.row()
        if index.internalId() == self._root:
            return ("stage", self.stages[row].id if row < len(self.stages) else None)
        stage = self._stage_row_of(index)
        if stage is not None and stage < len(self.rows) and row < len(self.rows[stage]):
            return ("step", self.rows[stage][row])
        return ("", None)

    def _index_rows(self) -> None:
        self.where = {sid: i for i, ids in enumerate(self.rows) for sid in ids}

    def rows_keys(self, stage: int) -> list[tuple]:
        return self.keys[stage]

    def _key(self, step_id: str) -> tuple:
        return reading_key(self.journey.step(step_id), self._lane_index)

    # -- a few changed steps -------------------------------------------------------------
    def update_steps(self, step_ids: set[str]) -> None:
        """Move, add, remove or repaint the rows of a few changed steps."""
        journey = self.journey
        if journey is None:
            return
        self._ordered = None  # put in order again at the next relayout
        self._forget_cells(step_ids)
        position = {s.id: i for i, s in enumerate(self.stages)}
        moves: list[tuple[str, int | None, int | None, tuple | None]] = []
        for step_id in step_ids:
            old_stage = self.where.get(step_id)
            step = journey.step(step_id) if journey.has_step(step_id) else None
            new_stage = None
            key = None
            if step is not None and visible(step.state, self.view):
                new_stage = position.get(step.stage)
                key = reading_key(step, self._lane_index)
            if old_stage is not None and new_stage == old_stage:
                keys = self.keys[old_stage]
                old_row = self.rows[old_stage].index(step_id)
                fits = (old_row == 0 or keys[old_row - 1] < key) and (
                    old_row == len(keys) - 1 or key < keys[old_row + 1]
                )
                if fits:
                    keys[old_row] = key
                    self.dataChanged.emit(
                        self._cell(old_stage, old_row, 0),
                        self._cell(old_stage, old_row, len(COLUMNS) - 1),
                    )
                    continue
            if old_stage is not None or new_stage is not None:
                moves.append((step_id, old_stage, new_stage, key))
        if not moves:
            return
        touched: set[int] = set()
        with self._new_layout():
            for step_id, old_stage, new_stage, key in moves:
                if old_stage is not None:
                    old_row = self.rows[old_stage].index(step_id)
                    del self.rows[old_stage][old_row]
                    del self.keys[old_stage][old_row]
                    del self.where[step_id]
                    touched.add(old_stage)
                if new_stage is not None:
                    row = bisect_left(self.keys[new_stage], key)
                    self.rows[new_stage].insert(row, step_id)
                    self.keys[new_stage].insert(row, key)
                    self.where[step_id] = new_stage
                    touched.add(new_stage)
        for stage in touched:
            index = self.index(stage, 0)
            self.dataChanged.emit(index, index)

    def refresh_codes(self) -> None:
        """Renumber after changes (steps added, removed, moved): repaint codes that moved."""
        codes = step_codes(self.journey) if self.journey is not None else {}
        if codes == self.codes:
            return
        self.codes = codes
        self._forget_cells()
        for stage, ids in enumerate(self.rows):
            if ids:
                self.dataChanged.emit(
                    self._cell(stage, 0, CODE), self._cell(stage, len(ids) - 1, CODE)
                )

    def refresh_texts(self) -> None:
        """Every row's texts may have changed (the scale or the palette)."""
        self._icons.clear()
        self._forget_cells()
        if self.stages:
            self.dataChanged.emit(
                self.index(0, 0), self.index(len(self.stages) - 1, len(COLUMNS) - 1)
            )
            for stage, ids in enumerate(self.rows):
                if ids:
                    self.dataChanged.emit(
                        self._cell(stage, 0, 0),
                        self._cell(stage, len(ids) - 1, len(COLUMNS) - 1),
                    )

    # -- the model ---------------------------------------------------------------------
    def headerData(self, section: int, orientation, role: int = _ROLE.DisplayRole) -> Any:  # noqa: N802
        if orientation == Qt.Orientation.Horizontal and role == _ROLE.DisplayRole:
            return COLUMNS[section]
        return None

    def step_id(self, index: QModelIndex) -> str | None:
        stage = self._stage_row_of(index) if index.isValid() else None
        if stage is None:
            return None
        return self.rows[stage][index.row()]

    def index_of(self, step_id: str, column: int = 0) -> QModelIndex:
        stage = self.where.get(step_id)
        if stage is None:
            return QModelIndex()
        rows = self.rows[stage]
        row = bisect_left(self.keys[stage], self._key(step_id))
        if row >= len(rows) or rows[row] != step_id:  # the step moved since the last update
            row = rows.index(step_id)
        return self._cell(stage, row, column)

    def data(self, index: QModelIndex, role: int = _ROLE.DisplayRole) -> Any:
        # painting a row asks for a dozen roles a cell; most have no answer here
        if role not in _ANSWERED or not index.isValid() or self.journey is None:
            return None
        place = index.internalId()
        if place == self._root:
            return self._stage_data(index, role)
        stage = self._stage_at.get(place)
        if stage is None:
            return None
        step_id = self.rows[stage][index.row()]
        if role == STEP_ROLE:
            return step_id
        if role in _PAINTED:  # worked out once per row, not once per cell and role
            cells = self._painted_cells(step_id, index.column())
            return None if cells is None else cells[role]
        if not self.journey.has_step(step_id):  # removed; the deferred update follows
            return None
        return self._step_data(self.journey.step(step_id), index.column(), role)

    def multiData(self, index: QModelIndex, span) -> None:  # noqa: N802
        """Every role a delegate asks for to paint a cell, in one call (Qt's default asks
        `data` once per role: seven calls into Python a cell)."""
        step_id = self.step_id(index) if self.journey is not None else None
        cells = None if step_id is None else self._painted_cells(step_id, index.column())
        for role_data in span:
            role = role_data.role()
            if cells is not None and role in cells:
                value = cells[role]
            elif role in _ANSWERED:
                value = self.data(index, role)
            else:  # alignment, check state, background: the style's own
                value = None
            if value is None:
                role_data.clearData()
            else:
                role_data.setData(value)

    def _painted_cells(self, step_id: str, column: int) -> dict | None:
        """The painted roles of a step's cell, worked out once per row (None: removed)."""
        cells = self._cells.get(step_id)
        if cells is None:
            if not self.journey.has_step(step_id):
                return None
            step = self.journey.step(step_id)
            facts = self._facts(step)
            cells = self._cells[step_id] = tuple(
                {r: self._step_data(step, each, r, facts) for r in _PAINTED}
                for each in range(len(COLUMNS))
            )
        return cells[column]

    def _stage_data(self, index: QModelIndex, role: int) -> Any:
        stage = self.stages[index.row()]
        column = index.column()
        name = stage.name or "(unnamed stage)"
        shown = len(self.rows[index.row()])
        if role == _ROLE.DisplayRole:
            if column == 0:
                return name
            if column == 2 and stage.moment is not None:
                return stage.moment.value
            return None
        if role == _ROLE.FontRole and column == 0:
            font = QFont(self.dock.font())
            font.setWeight(QFont.Weight.DemiBold)
            return font
        if role == _ROLE.ToolTipRole:
            if column == 2 and stage.moment is not None:
                return f"The stage usually holds a {MOMENT_NAMES[stage.moment].lower()}"
            return f"{name}: {shown} step{'s' if shown != 1 else ''}"
        if role == _ROLE.AccessibleTextRole:
            return f"Stage {name}, {shown} step{'s' if shown != 1 else ''}"
        return None

    def _facts(self, step: Step) -> tuple:
        """The scale, the emotion the view shows and whether the step is a moment of misery."""
        scale = self.dock.document.project.scale
        emotion = view_emotion(step, self.view)
        return scale, emotion, step.moment is not None and scale.is_negative(emotion)

    def _step_data(self, step: Step, column: int, role: int, facts: tuple | None = None) -> Any:
        scale, emotion, misery = facts if facts is not None else self._facts(step)
        if role in (_ROLE.DisplayRole, _ROLE.EditRole):
            if column == 0:
                return step.label if role == _ROLE.EditRole else (step.label or NO_LABEL)
            if column == 1:
                return scale.number(emotion)
            if column == CODE:
                return self.codes.get(step.id, "")
            return step.moment.value if step.moment is not None else ""
        if role == _ROLE.DecorationRole:
            if column == 1 and emotion is not None:
                return self._emotion_icon(scale.normalized(emotion))
            if column == 2 and step.moment is not None:
                return self._moment_icon(step.moment, misery)
            return None
        if role == _ROLE.ToolTipRole:
            if column == CODE:
                return "The step's code on the printed handout and in the analysis"
            if column == 1:
                return "Not rated" if emotion is None else f"{emotion}: {scale.name(emotion)}"
            if column == 2 and step.moment is not None:
                tip = f"{MOMENT_NAMES[step.moment]}: {MOMENT_WHEN[step.moment]}"
                return f"A moment of misery. {tip}" if misery else tip
            lines = [step.label or NO_LABEL, f"Lane: {self._lanes.get(step.lane, '')}"]
            lines.extend(f"• {p}" for p in step.pain_points)
            return "\n".join(lines)
        if role == _ROLE.ForegroundRole:
            if column == 2 and misery:
                return current_palette().misery
            if column == 0 and not step.label:
                return self.dock.palette().color(QPalette.ColorRole.PlaceholderText)
            return None
        if role == _ROLE.FontRole and column == 2 and misery:
            font = QFont(self.dock.font())
            font.setBold(True)
            return font
        if role == _ROLE.AccessibleTextRole and column == 0:
            spoken = [
                step.label or "no label",
                f"step {self.codes.get(step.id, '')}",
                f"lane {self._lanes.get(step.lane, '')}",
            ]
            spoken.append(
                "no emotion" if emotion is None else f"emotion {emotion}, {scale.name(emotion)}"
            )
            if step.moment is not None:
                spoken.append(MOMENT_NAMES[step.moment])
                if misery:
                    spoken.append("a moment of misery")
            return "; ".join(spoken)
        return None

    def setData(self, index: QModelIndex, value: Any, role: int = _ROLE.EditRole) -> bool:  # noqa: N802
        """A label typed in the outline: one undoable `update_step` (the event repaints the row)."""
        step_id = self.step_id(index)
        if step_id is None or index.column() != 0 or role != _ROLE.EditRole:
            return False
        text = " ".join(str(value).split())
        step = self.journey.step(step_id)
        if text == step.label:
            return False
        try:
            self.dock.document.update_step(self.journey.id, step_id, label=text)
        except DocumentError as exc:
            self.dock.window.statusBar().showMessage(sentence(str(exc)), 6000)
            return False
        return True

    # -- icons ---------------------------------------------------------------------------
    def _emotion_icon(self, normalized: float) -> QIcon:
        key = ("emotion", round(normalized, 4))
        icon = self._icons.get(key)
        if icon is None:
            pixmap = QPixmap(14, 14)
            pixmap.fill(emotion_colour(normalized))
            icon = self._icons[key] = QIcon(pixmap)
        return icon

    def _moment_icon(self, moment: Moment, misery: bool) -> QIcon:
        key = ("moment", moment, misery)
        icon = self._icons.get(key)
        if icon is None:
            icon = self._icons[key] = QIcon(moment_pixmap(moment, misery, 14))
        return icon


class _LabelEditing(QStyledItemDelegate):
    """Only a step's label is edited in place (the other cells show what the canvas edits)."""

    def createEditor(self, parent, option, index):  # noqa: N802
        if index.column() != 0 or index.data(STEP_ROLE) is None:
            return None
        return super().createEditor(parent, option, index)


class OutlineDock(QDockWidget):
    """The outline of the journey on the canvas of one window."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__("Outline", window)
        self.window = window
        self.setObjectName("outline-dock")
        self.model = OutlineModel(self)
        self.tree = QTreeView(self)
        self.tree.setIndentation(12)  # two levels only: keep the room for the labels
        self.tree.setObjectName("outline-tree")
        self.tree.setAccessibleName("Journey outline")
        self.tree.setAccessibleDescription(
            "Stages and their steps; F2 edits a step's label, selecting selects on the map"
        )
        self.tree.setModel(self.model)
        self.tree.setItemDelegate(_LabelEditing(self.tree))
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.tree.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.tree.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
        )
        self.tree.setUniformRowHeights(True)
        self.tree.setIconSize(QSize(14, 14))
        self.tree.setExpandsOnDoubleClick(False)
        header = self.tree.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Fixed)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Fixed)
        header.setSectionResizeMode(CODE, QHeaderView.ResizeMode.Fixed)
        # from the font, not fixed pixels: the longest code and moment fit at any size
        bold = QFont(self.tree.font())
        bold.setBold(True)
        plain, strong = self.tree.fontMetrics(), QFontMetrics(bold)
        icon = self.tree.iconSize().width() + 8
        header.resizeSection(1, icon + plain.horizontalAdvance("−3 ") + 12)
        header.resizeSection(2, icon + strong.horizontalAdvance("LTZMOT") + 14)
        header.resizeSection(CODE, plain.horizontalAdvance("S0000") + 14)  # up to 9,999 steps
        header.moveSection(CODE, 0)  # read first: the code, then the tree of labels
        self.tree.setTreePosition(0)  # the branches stay with the labels
        self.setWidget(self.tree)
        self.setMinimumWidth(240)

        self.journey_id: str | None = None
        self.view_mode = View.CURRENT
        self._pending: set[str] = set()
        self._reset = True
        self._relayout = False
        self._changed = False  # the journey changed (not only the view) since the last relayout
        self._syncing = False  # a selection is being mirrored, not made
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(0)
        self._timer.timeout.connect(self.flush)
        self.tree.selectionModel().selectionChanged.connect(self._tree_selection_changed)
        self.tree.selectionModel().currentChanged.connect(self._current_changed)
        self.model.modelReset.connect(self._expand_stages)
        self.visibilityChanged.connect(self._shown)
        self.tree.installEventFilter(self)  # F2 from any column edits the label

    def eventFilter(self, watched, event) -> bool:  # noqa: N802
        """F2 on a step's row edits its label whatever column is current (the code column,
        read first, is where the keyboard usually stands)."""
        if (
            watched is self.tree
            and event.type() == QEvent.Type.KeyPress
            and event.key() == Qt.Key.Key_F2
        ):
            current = self.tree.currentIndex()
            if current.isValid() and current.column() != 0 and self.model.step_id(current):
                label = current.siblingAtColumn(0)
                self.tree.setCurrentIndex(label)
                self.tree.edit(label)
                return True
        return super().eventFilter(watched, event)

    @property
    def document(self):
        return self.window.document

    def preferred_width(self) -> int:
        """Wide enough for the fixed columns and about 22 characters of a step's label."""
        header = self.tree.header()
        fixed = sum(header.sectionSize(c) for c in range(1, len(COLUMNS)))
        label = self.tree.fontMetrics().averageCharWidth() * 22
        frame = 2 * self.tree.frameWidth() + self.tree.verticalScrollBar().sizeHint().width()
        return fixed + 2 * self.tree.indentation() + label + frame + 8

    # -- what to show ---------------------------------------------------------------------
    def set_journey(self, journey_id: str | None) -> None:
        self.journey_id = journey_id
        self._reset = True
        self._later()

    def finish_editing(self) -> None:
        """Commit a label being typed in the tree (before a save, a close, another journey):
        what was typed is kept, as Enter would keep it."""
        tree = self.tree
        if tree.state() != QAbstractItemView.State.EditingState:
            return
        editor = QApplication.focusWidget()
        if editor is None or not tree.isAncestorOf(editor) or editor is tree:
            editor = tree.indexWidget(tree.currentIndex())
        if editor is not None:
            tree.commitData(editor)
            tree.closeEditor(editor, QAbstractItemDelegate.EndEditHint.NoHint)

    def set_view_mode(self, view: View) -> None:
        if view is not self.view_mode:
            self.view_mode = View(view)
            self._relayout = True
            self._later()

    def document_changed(self, change: Change) -> None:
        if change.kind == "project":
            if "emotion_scale" in (change.new or {}):
                self.model.refresh_texts()
            return
        if change.kind == "journey" and change.action == "removed":
            if change.old is not None and change.old.id == self.journey_id:
                self.journey_id = None
                self._reset = True
                self._later()
            return
        if change.journey is None or change.journey != self.journey_id:
            return
        if change.kind == "step":
            record = change.new if change.new is not None else change.old
            self._pending.add(record.id)
        elif change.kind in ("stage", "lane", "journey"):
            self._relayout = self._changed = True
        else:
            return
        self._later()

    def refresh_palette(self) -> None:
        self.model.refresh_texts()

    def changeEvent(self, event) -> None:  # noqa: N802
        if event.type() in (QEvent.Type.PaletteChange, QEvent.Type.ApplicationPaletteChange):
            self.refresh_palette()  # the badges and the misery colour follow light and dark
        elif event.type() in (QEvent.Type.FontChange, QEvent.Type.ApplicationFontChange):
            self.model.refresh_texts()  # the rows keep their fonts until told
        super().changeEvent(event)

    def _later(self) -> None:
        if not self._timer.isActive():
            self._timer.start()

    def _shown(self, visible_now: bool) -> None:
        if visible_now:
            self.flush()

    # -- following -----------------------------------------------------------------------
    def flush(self) -> None:
        """Bring the tree up to date (only while it can be seen; it catches up when shown)."""
        self._timer.stop()
        if not self.isVisible():
            return
        model = self.model
        if self._reset:
            self._reset = self._relayout = self._changed = False
            self._pending.clear()
            model.reset(self._journey(), self.view_mode)
        elif self._relayout or len(self._pending) > BURST:
            changed = self._changed or bool(self._pending)
            self._relayout = self._changed = False
            self._pending.clear()
            model.relayout(self.view_mode, changed)  # renumbers too, if the journey changed
            self._expand_stages()  # a stage added since shows its steps too
        elif self._pending:
            pending, self._pending = self._pending, set()
            model.update_steps(pending)
            model.refresh_codes()
        self._mirror_selection()

    def _expand_stages(self) -> None:
        """Open every stage (not `expandAll`, which keeps an index for every step)."""
        model = self.model
        for row in range(model.rowCount()):
            self.tree.expand(model.index(row, 0))

    def _journey(self) -> Journey | None:
        if self.journey_id is None:
            return None
        try:
            return self.document.journey(self.journey_id)
        except KeyError:
            return None

    def shown_rows(self) -> dict[str, list[str]]:
        """Stage id -> the step ids of its rows, top to bottom (read by tests and tools)."""
        self.flush()
        model = self.model
        return {stage.id: list(ids) for stage, ids in zip(model.stages, model.rows, strict=True)}

    def text(self, step_id: str, column: int = 0) -> str | None:
        """What a step's row shows in a column (None: no row)."""
        self.flush()
        index = self.model.index_of(step_id, column)
        return index.data() if index.isValid() else None

    def index_of(self, step_id: str) -> QModelIndex:
        self.flush()
        return self.model.index_of(step_id)

    # -- selection -----------------------------------------------------------------------
    def selected_step_ids(self) -> list[str]:
        model = self.model
        ids = (model.step_id(i) for i in self.tree.selectionModel().selectedRows(0))
        return [step_id for step_id in ids if step_id is not None]

    def _tree_selection_changed(self, *_args) -> None:
        if self._syncing:
            return
        ids = self.selected_step_ids()
        self._syncing = True
        try:
            self.window.view.select_ids(ids)
        finally:
            self._syncing = False

    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        """Keep the step the keyboard is on in sight on the canvas."""
        if self._syncing:
            return
        step_id = self.model.step_id(current)
        scene = self.window.scene
        item = scene.step_item(step_id) if scene is not None and step_id else None
        if item is not None:
            self.window.view.ensureVisible(item.sceneBoundingRect(), 40, 40)

    def canvas_selection_changed(self) -> None:
        """The canvas selection changed: select the same rows (without answering back)."""
        if not self._syncing:
            self._mirror_selection()

    def _mirror_selection(self) -> None:
        if not self.isVisible():
            return
        wanted = set(self.window.view.selected_step_ids())
        if wanted == set(self.selected_step_ids()):
            return
        model = self.model
        selection = QItemSelection()
        first = None
        for step_id in wanted:
            index = model.index_of(step_id)
            if index.isValid():
                selection.select(index, model.index_of(step_id, len(COLUMNS) - 1))
                first = first or index
        self._syncing = True
        try:
            flags = QItemSelectionModel.SelectionFlag.ClearAndSelect
            self.tree.selectionModel().select(selection, flags)
            if first is not None:
                self.tree.scrollTo(first)
        finally:
            self._syncing = False

    # -- keyboard ------------------------------------------------------------------------
    def focus(self) -> None:
        """Show the outline and put the keyboard in it, on the first selected step if any."""
        self.show()
        self.raise_()
        self.flush()
        selected = self.tree.selectionModel().selectedRows(0)
        if selected:
            self._syncing = True
            try:
                self.tree.selectionModel().setCurrentIndex(
                    selected[0], QItemSelectionModel.SelectionFlag.NoUpdate
                )
            finally:
                self._syncing = False
        self.tree.setFocus(Qt.FocusReason.ShortcutFocusReason)


def moment_pixmap(moment: Moment, misery: bool, size: int, ratio: float = 2.0) -> QPixmap:
    """The badge shape of a moment of truth, dark (or the misery colour) on clear ground."""
    pixmap = QPixmap(round(size * ratio), round(size * ratio))
    pixmap.setDevicePixelRatio(ratio)
    pixmap.fill(Qt.GlobalColor.transparent)
    palette = current_palette()
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(QColor(palette.misery if misery else palette.header_text))
    painter.drawPath(moment_badge_path(moment, QPointF(size / 2, size / 2), size / 2 - 1))
    painter.end()
    return pixmap

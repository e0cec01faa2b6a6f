"""The outline dock: the journey as a tree of stages and their steps, for the keyboard and for
screen readers.

Each stage is a row holding its steps in reading order (left to right, then top
to bottom), with the emotion the view shows and the moment of truth in columns
(the lane is in the tooltip and the spoken name); steps the view hides are hidden here too. Selecting rows selects the
steps on the canvas and the other way round. F2 or a double-click edits a step's
label in place, one undoable `update_step`. The tree follows the document's
events: a few changes are applied row by row, a burst (an auto-layout, an undo
of a large paste) rebuilds it once.
"""

from __future__ import annotations

from bisect import bisect_right
from typing import TYPE_CHECKING

from PySide6.QtCore import QPointF, QSize, Qt, QTimer
from PySide6.QtGui import QColor, QFont, QIcon, QPainter, QPixmap
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDockWidget,
    QHeaderView,
    QStyledItemDelegate,
    QTreeWidget,
    QTreeWidgetItem,
)

from motdesk.errors import sentence
from motdesk.graph.events import Change
from motdesk.graph.model import Journey, Step
from motdesk.graph.validation import DocumentError
from motdesk.graph.views import view_emotion, visible
from motdesk.graph.vocabulary import MOMENT_NAMES, MOMENT_WHEN, Moment, View
from motdesk.ui.canvas.palette import current_palette, emotion_colour
from motdesk.ui.canvas.step_item import format_emotion, moment_badge_path

if TYPE_CHECKING:
    from motdesk.ui.mainwindow import MainWindow

COLUMNS = ("Step", "Emotion", "Moment")
NO_LABEL = "(no label)"
STEP_ROLE = Qt.ItemDataRole.UserRole
KEY_ROLE = Qt.ItemDataRole.UserRole + 1
BURST = 200
"""More step changes than this in one burst rebuild the tree instead of moving rows."""


class _ReadOnly(QStyledItemDelegate):
    """Columns other than the label are not edited in the outline."""

    def createEditor(self, parent, option, index):  # noqa: N802
        return None


def reading_key(step: Step, lane_index: dict[str, int]) -> tuple:
    """Left to right, then top to bottom (by lane, then height), then by id for a stable order."""
    return (step.x, lane_index.get(step.lane, len(lane_index)), step.y, step.id)


class OutlineDock(QDockWidget):
    """The outline of the journey on the canvas of one window."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__("Outline", window)
        self.window = window
        self.setObjectName("outline-dock")
        self.tree = QTreeWidget(self)
        self.tree.setObjectName("outline-tree")
        self.tree.setAccessibleName("Journey outline")
        self.tree.setAccessibleDescription(
            "Stages and their steps; F2 edits a step's label, selecting selects on the map"
        )
        self.tree.setColumnCount(len(COLUMNS))
        self.tree.setHeaderLabels(list(COLUMNS))
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.tree.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.tree.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
        )
        self.tree.setUniformRowHeights(True)
        self.tree.setIconSize(QSize(14, 14))
        self._read_only = _ReadOnly(self.tree)
        for column in range(1, len(COLUMNS)):
            self.tree.setItemDelegateForColumn(column, self._read_only)
        header = self.tree.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column in range(1, len(COLUMNS)):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        self.setWidget(self.tree)
        self.setMinimumWidth(240)

        self.journey_id: str | None = None
        self.view_mode = View.CURRENT
        self._items: dict[str, QTreeWidgetItem] = {}
        self._stage_items: dict[str, QTreeWidgetItem] = {}
        self._pending: set[str] = set()
        self._full = True
        self._filling = False  # the tree is being changed by code, not by the user
        self._syncing = False  # a selection is being mirrored, not made
        self._icons: dict[tuple, QIcon] = {}
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(0)
        self._timer.timeout.connect(self.flush)
        self.tree.itemSelectionChanged.connect(self._tree_selection_changed)
        self.tree.itemChanged.connect(self._item_changed)
        self.tree.currentItemChanged.connect(self._current_changed)
        self.visibilityChanged.connect(self._shown)

    @property
    def document(self):
        return self.window.document

    # -- what to show ---------------------------------------------------------------------
    def set_journey(self, journey_id: str | None) -> None:
        self.journey_id = journey_id
        self._full = True
        self._later()

    def set_view_mode(self, view: View) -> None:
        if view is not self.view_mode:
            self.view_mode = View(view)
            self._full = True
            self._later()

    def document_changed(self, change: Change) -> None:
        if change.kind == "project":
            if "emotion_scale" in (change.new or {}):
                self._full = True
                self._later()
            return
        if change.journey is None or change.journey != self.journey_id:
            return
        if change.kind == "step":
            record = change.new if change.new is not None else change.old
            self._pending.add(record.id)
        elif change.kind in ("stage", "lane", "journey"):
            self._full = True
        else:
            return
        self._later()

    def refresh_palette(self) -> None:
        self._icons.clear()
        self._full = True
        self._later()

    def _later(self) -> None:
        if not self._timer.isActive():
            self._timer.start()

    def _shown(self, visible_now: bool) -> None:
        if visible_now:
            self.flush()

    # -- building ------------------------------------------------------------------------
    def flush(self) -> None:
        """Bring the tree up to date (only while it can be seen; it catches up when shown)."""
        self._timer.stop()
        if not self.isVisible():
            return
        if self._full or len(self._pending) > BURST:
            self.rebuild()
        elif self._pending:
            self._apply_pending()
        self._mirror_selection()

    def rebuild(self) -> None:
        self._full = False
        self._pending.clear()
        self._filling = True
        tree = self.tree
        tree.setUpdatesEnabled(False)
        try:
            tree.clear()
            self._items.clear()
            self._stage_items.clear()
            journey = self._journey()
            if journey is None:
                return
            lane_index = {lane.id: i for i, lane in enumerate(journey.lanes)}
            lanes = {lane.id: lane.name for lane in journey.lanes}
            by_stage: dict[str, list[Step]] = {s.id: [] for s in journey.stages}
            for step in journey.steps():
                by_stage.setdefault(step.stage, []).append(step)
            stages = []
            for stage in journey.stages:
                stage_item = QTreeWidgetItem()
                stage_item.setFlags(Qt.ItemFlag.ItemIsEnabled)
                self._stage_items[stage.id] = stage_item
                steps = sorted(by_stage[stage.id], key=lambda s: reading_key(s, lane_index))
                children = [self._make_item(step, lane_index, lanes) for step in steps]
                stage_item.addChildren(children)
                stages.append(stage_item)
            tree.addTopLevelItems(stages)
            view = self.view_mode
            for stage, stage_item in zip(journey.stages, stages, strict=True):
                for step in by_stage[stage.id]:
                    if not visible(step.state, view):
                        self._items[step.id].setHidden(True)
                self._fill_stage(stage_item, stage)
                stage_item.setExpanded(True)
        finally:
            self._filling = False
            tree.setUpdatesEnabled(True)

    def _journey(self) -> Journey | None:
        if self.journey_id is None:
            return None
        try:
            return self.document.journey(self.journey_id)
        except KeyError:
            return None

    def _make_item(self, step: Step, lane_index: dict, lanes: dict) -> QTreeWidgetItem:
        item = QTreeWidgetItem()
        item.setFlags(
            Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsEditable
        )
        item.setData(0, STEP_ROLE, step.id)
        self._items[step.id] = item
        self._fill_step(item, step, lane_index, lanes)
        return item

    def _fill_stage(self, item: QTreeWidgetItem, stage) -> None:
        shown = sum(1 for i in range(item.childCount()) if not item.child(i).isHidden())
        name = stage.name or "(unnamed stage)"
        item.setText(0, name)
        font = item.font(0)
        font.setWeight(QFont.Weight.DemiBold)
        item.setFont(0, font)
        item.setText(1, "")
        item.setText(2, stage.moment.value if stage.moment else "")
        item.setToolTip(0, f"{name}: {shown} step{'s' if shown != 1 else ''}")
        if stage.moment:
            item.setToolTip(2, f"The stage usually holds a {MOMENT_NAMES[stage.moment].lower()}")
        item.setData(0, Qt.ItemDataRole.AccessibleTextRole, f"Stage {name}, {shown} steps")

    def _fill_step(self, item: QTreeWidgetItem, step: Step, lane_index: dict, lanes: dict) -> None:
        scale = self.document.project.scale
        view = self.view_mode
        emotion = view_emotion(step, view)
        misery = step.moment is not None and scale.is_negative(emotion)
        item.setData(0, KEY_ROLE, reading_key(step, lane_index))
        item.setText(0, step.label or NO_LABEL)
        item.setForeground(0, self.palette().color(self.foregroundRole()))
        if not step.label:
            item.setForeground(0, self.palette().color(self.palette().ColorRole.PlaceholderText))
        if emotion is None:
            item.setText(1, "–")
            item.setIcon(1, QIcon())
            item.setToolTip(1, "Not rated")
        else:
            item.setText(1, format_emotion(emotion, scale.low < 0))
            item.setIcon(1, self._emotion_icon(scale.normalized(emotion)))
            item.setToolTip(1, f"{emotion}: {scale.name(emotion)}")
        if step.moment is None:
            item.setText(2, "")
            item.setIcon(2, QIcon())
            item.setToolTip(2, "")
        else:
            item.setText(2, step.moment.value)
            item.setIcon(2, self._moment_icon(step.moment, misery))
            tip = f"{MOMENT_NAMES[step.moment]}: {MOMENT_WHEN[step.moment]}"
            item.setToolTip(2, f"A moment of misery. {tip}" if misery else tip)
        font = item.font(2)
        font.setBold(misery)
        item.setFont(2, font)
        if misery:
            item.setForeground(2, current_palette().misery)
        else:
            item.setForeground(2, self.palette().color(self.foregroundRole()))
        tip = [
            step.label or NO_LABEL,
            f"Lane: {lanes.get(step.lane, '')}",
            *(f"• {p}" for p in step.pain_points),
        ]
        item.setToolTip(0, "\n".join(tip))
        spoken = [step.label or "no label", f"lane {lanes.get(step.lane, '')}"]
        spoken.append(
            "no emotion" if emotion is None else f"emotion {emotion}, {scale.name(emotion)}"
        )
        if step.moment is not None:
            spoken.append(MOMENT_NAMES[step.moment])
            if misery:
                spoken.append("a moment of misery")
        item.setData(0, Qt.ItemDataRole.AccessibleTextRole, "; ".join(spoken))
        if item.treeWidget() is not None:  # a row outside the tree cannot be hidden yet
            item.setHidden(not visible(step.state, view))

    def _apply_pending(self) -> None:
        """Update, move, add or remove the rows of the steps that changed."""
        journey = self._journey()
        pending, self._pending = self._pending, set()
        if journey is None:
            return
        lane_index = {lane.id: i for i, lane in enumerate(journey.lanes)}
        lanes = {lane.id: lane.name for lane in journey.lanes}
        touched: set[str] = set()
        self._filling = True
        try:
            for step_id in pending:
                item = self._items.get(step_id)
                if not journey.has_step(step_id):
                    if item is not None:
                        parent = item.parent()
                        parent.removeChild(item)
                        del self._items[step_id]
                        touched.add(self._stage_of(parent))
                    continue
                step = journey.step(step_id)
                if item is None:
                    item = self._make_item(step, lane_index, lanes)
                else:
                    self._fill_step(item, step, lane_index, lanes)
                touched |= self._place(item, step)
                item.setHidden(not visible(step.state, self.view_mode))
            stages = {s.id: s for s in journey.stages}
            for stage_id in touched:
                if stage_id in stages and stage_id in self._stage_items:
                    self._fill_stage(self._stage_items[stage_id], stages[stage_id])
        finally:
            self._filling = False

    def _stage_of(self, stage_item: QTreeWidgetItem) -> str:
        for stage_id, item in self._stage_items.items():
            if item is stage_item:
                return stage_id
        return ""

    def _place(self, item: QTreeWidgetItem, step: Step) -> set[str]:
        """Put the row under its stage at its reading place; the stages whose rows changed."""
        parent = self._stage_items.get(step.stage)
        if parent is None:
            self._full = True
            self._later()
            return set()
        old_parent = item.parent()
        key = item.data(0, KEY_ROLE)
        if old_parent is parent:
            index = parent.indexOfChild(item)
            before = parent.child(index - 1) if index > 0 else None
            after = parent.child(index + 1) if index + 1 < parent.childCount() else None
            if (before is None or before.data(0, KEY_ROLE) <= key) and (
                after is None or key <= after.data(0, KEY_ROLE)
            ):
                return {step.stage}
        selected = item.isSelected()
        current = self.tree.currentItem() is item
        if old_parent is not None:
            old_parent.removeChild(item)
        keys = [parent.child(i).data(0, KEY_ROLE) for i in range(parent.childCount())]
        parent.insertChild(bisect_right(keys, key), item)
        if current:
            self.tree.setCurrentItem(item, 0, self.tree.selectionModel().SelectionFlag.NoUpdate)
        item.setSelected(selected)
        touched = {step.stage}
        if old_parent is not None and old_parent is not parent:
            touched.add(self._stage_of(old_parent))
        return touched

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

    # -- selection -----------------------------------------------------------------------
    def selected_step_ids(self) -> list[str]:
        return [
            item.data(0, STEP_ROLE)
            for item in self.tree.selectedItems()
            if item.data(0, STEP_ROLE) is not None
        ]

    def item_of(self, step_id: str) -> QTreeWidgetItem | None:
        return self._items.get(step_id)

    def _tree_selection_changed(self) -> None:
        if self._syncing or self._filling:
            return
        ids = self.selected_step_ids()
        self._syncing = True
        try:
            self.window.view.select_ids(ids)
        finally:
            self._syncing = False

    def _current_changed(self, current: QTreeWidgetItem | None, _previous) -> None:
        """Keep the step the keyboard is on in sight on the canvas."""
        if self._syncing or self._filling or current is None:
            return
        step_id = current.data(0, STEP_ROLE)
        scene = self.window.scene
        item = scene.step_item(step_id) if scene is not None and step_id else None
        if item is not None:
            self.window.view.ensureVisible(item.sceneBoundingRect(), 40, 40)

    def canvas_selection_changed(self) -> None:
        """The canvas selection changed: select the same rows (without answering back)."""
        if self._syncing:
            return
        self._mirror_selection()

    def _mirror_selection(self) -> None:
        if not self.isVisible():
            return
        wanted = set(self.window.view.selected_step_ids())
        if wanted == set(self.selected_step_ids()):
            return
        self._syncing = True
        tree = self.tree
        try:
            tree.clearSelection()
            first = None
            for step_id in wanted:
                item = self._items.get(step_id)
                if item is not None:
                    item.setSelected(True)
                    first = first or item
            if first is not None:
                tree.scrollToItem(first)
        finally:
            self._syncing = False

    # -- editing ------------------------------------------------------------------------
    def _item_changed(self, item: QTreeWidgetItem, column: int) -> None:
        if self._filling or column != 0:
            return
        step_id = item.data(0, STEP_ROLE)
        journey = self._journey()
        if step_id is None or journey is None or not journey.has_step(step_id):
            return
        step = journey.step(step_id)
        text = " ".join(item.text(0).split())
        if text == step.label or (text == NO_LABEL and not step.label):
            self._restore(item, step)
            return
        try:
            self.document.update_step(self.journey_id, step_id, label=text)
        except DocumentError as exc:
            self.window.statusBar().showMessage(sentence(str(exc)), 6000)
            self._restore(item, step)

    def _restore(self, item: QTreeWidgetItem, step: Step) -> None:
        self._filling = True
        try:
            item.setText(0, step.label or NO_LABEL)
        finally:
            self._filling = False

    def edit_current(self) -> None:
        """Start editing the label of the step row the keyboard is on (F2)."""
        item = self.tree.currentItem()
        if item is not None and item.data(0, STEP_ROLE) is not None:
            self.tree.editItem(item, 0)

    def focus(self) -> None:
        """Show the outline and put the keyboard in it, on the first selected step if any."""
        self.show()
        self.raise_()
        self.flush()
        selected = self.tree.selectedItems()
        if selected:
            self._syncing = True
            try:
                self.tree.setCurrentItem(
                    selected[0], 0, self.tree.selectionModel().SelectionFlag.NoUpdate
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

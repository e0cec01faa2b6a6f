"""Mouse and keyboard gestures on the journey canvas, each ending in one document call.

Moving cards: Qt drags the selected cards; on release the scene snaps each card
into the stage and lane under its centre and calls `Document.move_steps` once,
so a drag of many cards is one undoable unit. Connecting: a press on a card's
handle draws a rubber line; releasing on another card calls `Document.connect`.
"""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, Qt, QTimer
from PySide6.QtGui import QPainterPath, QPen
from PySide6.QtWidgets import QGraphicsPathItem, QGraphicsScene

from motdesk.graph.geometry import CardSpots, place_in_cell
from motdesk.graph.validation import ValidationError
from motdesk.graph.vocabulary import Moment, State, View
from motdesk.ui.canvas.editor import LabelEditor, PendingCard
from motdesk.ui.canvas.grid import CARD_H, CARD_W
from motdesk.ui.canvas.grid_items import HEADER_H, LANE_HEADER_W
from motdesk.ui.canvas.step_item import STRIP_W, StepItem
from motdesk.ui.canvas.transition_item import TransitionItem

MOMENT_CYCLE: tuple[Moment | None, ...] = (None, *Moment)
_MAKING_ROOM = "Make room for a step"
"""How far from where it was dropped a card may be put to cover no other card."""


def _area(items: list[StepItem]) -> tuple[QRectF, dict]:
    """The scene area the cards cover, and where each card is."""
    rect = QRectF()
    for item in items:
        rect = rect.united(item.sceneBoundingRect())
    return rect, {item: item.pos() for item in items}


def emotion_side(view: View) -> State:
    """The emotion a key sets: the target in the future view, today's otherwise."""
    return State.FUTURE if view is View.FUTURE else State.CURRENT


class SceneGestures:
    """Gesture handling mixed into `JourneyScene` (which provides document and item maps)."""

    def __init__(self) -> None:
        self._drag_start: dict[str, QPointF] | None = None
        self._connect_source: StepItem | None = None
        self._connect_line: QGraphicsPathItem | None = None
        self._editor: LabelEditor | None = None
        self._editing_step: str | None = None
        self._pending: PendingCard | None = None
        self._refused = False  # a drop was refused: its notice is in the status bar
        self._room_made = False  # cards moved aside for the card being typed
        self._retired: list = []

    # -- selection -------------------------------------------------------------------
    def selected_step_ids(self) -> list[str]:
        items = [i for i in self.selectedItems() if isinstance(i, StepItem)]
        items.sort(key=lambda i: (i.pos().x(), i.pos().y()))
        return [i.step_id for i in items]

    def selected_transition_ids(self) -> list[str]:
        return sorted(
            i.transition_id for i in self.selectedItems() if isinstance(i, TransitionItem)
        )

    def select_ids(self, step_ids, transition_ids=()) -> None:
        """Select exactly these steps and transitions (hidden ones are skipped)."""
        self.blockSignals(True)
        try:
            self.clearSelection()
            for sid in step_ids:
                item = self.step_items.get(sid)
                if item is not None:
                    item.setSelected(True)
            for tid in transition_ids:
                item = self.transition_items.get(tid)
                if item is not None:
                    item.setSelected(True)
        finally:
            self.blockSignals(False)
        self.selectionChanged.emit()

    # -- cancelling ------------------------------------------------------------------
    def cancel_gestures(self) -> None:
        if self._editor is not None:
            self._editor.cancel()
        self._end_connect()
        self._drag_start = None

    def forget_item(self, item) -> None:
        """An item is leaving the scene: drop any gesture that holds it."""
        if item is self._connect_source:
            self._end_connect()
        editing = isinstance(item, StepItem) and item.step_id == self._editing_step
        if editing and self._editor is not None:
            self._editor.cancel()

    def is_editing(self) -> bool:
        return self._editor is not None

    def finish_editing(self) -> None:
        """Commit a label being typed in place (before a save, a close, another journey):
        what was typed is kept, as Enter or a click elsewhere would keep it."""
        self._close_editor()

    # -- mouse -------------------------------------------------------------------------
    def step_at(self, pos: QPointF) -> StepItem | None:
        for item in self.items(pos):
            if isinstance(item, StepItem) and item.isVisible():
                return item
        return None

    def mousePressEvent(self, event) -> None:
        if event.button() == Qt.MouseButton.LeftButton and self._editor is None:
            item = self.step_at(event.scenePos())
            if item is not None and item.on_handle(item.mapFromScene(event.scenePos())):
                self._begin_connect(item, event.scenePos())
                event.accept()
                return
        QGraphicsScene.mousePressEvent(self, event)
        grabber = self.mouseGrabberItem()
        if event.button() == Qt.MouseButton.LeftButton and isinstance(grabber, StepItem):
            self._drag_start = {
                i.step_id: i.pos() for i in self.selectedItems() if isinstance(i, StepItem)
            }

    def mouseMoveEvent(self, event) -> None:
        if self._connect_source is not None:
            self._update_connect(event.scenePos())
            event.accept()
            return
        dragged = self._dragged_items()
        if not dragged:
            QGraphicsScene.mouseMoveEvent(self, event)
            return
        before = _area(dragged)
        QGraphicsScene.mouseMoveEvent(self, event)
        moved = [item for item in dragged if item.pos() != before[1].get(item)]
        if moved:
            self.layer.invalidate_overview()
            self.layer.update(before[0])
            for item in moved:
                item.follow_transitions()
                item.repaint()

    def is_dragging(self) -> bool:
        """Cards are being dragged (the layer draws arrows plainly meanwhile)."""
        return self._drag_start is not None

    def _dragged_items(self) -> list[StepItem]:
        if self._drag_start is None:
            return []
        return [self.step_items[s] for s in self._drag_start if s in self.step_items]

    def mouseReleaseEvent(self, event) -> None:
        if self._connect_source is not None and event.button() == Qt.MouseButton.LeftButton:
            self._finish_connect(event.scenePos())
            event.accept()
            return
        QGraphicsScene.mouseReleaseEvent(self, event)
        if event.button() == Qt.MouseButton.LeftButton and self._drag_start is not None:
            start, self._drag_start = self._drag_start, None
            self.layer.update()  # the arrows smooth again wherever the drag drew them plainly
            self._finish_move(start)

    def mouseDoubleClickEvent(self, event) -> None:
        if event.button() != Qt.MouseButton.LeftButton:
            QGraphicsScene.mouseDoubleClickEvent(self, event)
            return
        pos = event.scenePos()
        item = self.step_at(pos)
        header = None if item is not None else self.header_at(pos)
        if item is not None:
            self.edit_label(item.step_id)
        elif header is not None:
            self.headerChosen.emit(*header)
        elif not any(isinstance(i, TransitionItem) and i.isVisible() for i in self.items(pos)):
            self.begin_new_step(pos)
        event.accept()

    def header_at(self, pos: QPointF) -> tuple[str, str] | None:
        """("stage", id) or ("lane", id) when `pos` is on the header of a stage column (above
        the map) or of a lane row (left of it); None elsewhere."""
        geometry = self.geometry()
        if not geometry.stages or not geometry.lanes:
            return None
        x, y = pos.x(), pos.y()
        if geometry.top - HEADER_H <= y < geometry.top:
            for band in geometry.stages:
                if band.start <= x < band.end:
                    return ("stage", band.id)
        if geometry.left - LANE_HEADER_W <= x < geometry.left:
            for band in geometry.lanes:
                if band.start <= y < band.end:
                    return ("lane", band.id)
        return None

    # -- moving --------------------------------------------------------------------------
    def _finish_move(self, start: dict[str, QPointF]) -> None:
        moved = {
            sid: self.step_items[sid]
            for sid, pos in start.items()
            if sid in self.step_items and self.step_items[sid].pos() != pos
        }
        if not moved:
            return
        geometry = self.geometry()
        journey = self.journey
        others = [s for s in journey.steps() if s.id not in moved]
        taken = CardSpots((s.x, s.y) for s in others)
        moves: dict | None = {}
        for sid, item in moved.items():
            x, y, stage, lane = geometry.snap(item.pos().x(), item.pos().y())
            if stage is not None and lane is not None:
                place = place_in_cell(
                    geometry, (x, y), (stage, lane), others, taken, group=len(moved) > 1
                )
                if place is None:
                    moves = None
                    self._refused = True
                    self.notice.emit(self._no_room(journey.step(sid), stage, lane))
                    break
                x, y = place.x, place.y
                for other, new_x in place.room.items():
                    moves[other] = {"x": new_x}
            taken.add(x, y)
            fields = {"x": x, "y": y}
            if stage is not None:
                fields["stage"] = stage
            if lane is not None:
                fields["lane"] = lane
            moves[sid] = fields
        try:
            if moves:
                dragged = [sid for sid in moves if sid in moved]
                label = journey.step(dragged[0]).label if len(dragged) == 1 else ""
                name = f"Move {label!r}" if label else f"Move {len(dragged)} steps"
                # named by the cards dragged, not by those moved to make room
                self.document.move_steps(self.journey_id, moves, name=name)
                if self._refused:  # the last refusal in the status bar no longer holds
                    self._refused = False
                    self.notice.emit("")
        except ValidationError as exc:
            self.notice.emit(str(exc))
        for item in moved.values():  # a refused or no-op move puts the cards back
            step = item.step
            if (item.pos().x(), item.pos().y()) != (step.x, step.y):
                item.repaint()
                item.setPos(step.x, step.y)
                item.follow_transitions()
                item.repaint()

    def _no_room(self, step, stage_id: str, lane_id: str) -> str:
        journey = self.journey
        stage = next((s.name for s in journey.stages if s.id == stage_id), "")
        lane = next((la.name for la in journey.lanes if la.id == lane_id), "")
        what = f"“{step.label}”" if step is not None and step.label else "a card"
        return (
            f"There is no free place for {what} in {stage} · {lane} there: move a card "
            "aside, or use Auto-layout"
        )

    # -- connecting ------------------------------------------------------------------------
    def _begin_connect(self, item: StepItem, pos: QPointF) -> None:
        self._connect_source = item
        line = QGraphicsPathItem()
        pen = QPen(self.style.palette.handle, 1.8, Qt.PenStyle.DashLine)
        pen.setCosmetic(True)
        line.setPen(pen)
        line.setZValue(20)
        self.addItem(line)
        self._connect_line = line
        self._update_connect(pos)

    def _update_connect(self, pos: QPointF) -> None:
        if self._connect_line is None or self._connect_source is None:
            return
        path = QPainterPath(self._connect_source.handle_scene_pos())
        path.lineTo(pos)
        self._connect_line.setPath(path)

    def _finish_connect(self, pos: QPointF) -> None:
        source = self._connect_source
        self._end_connect()
        target = self.step_at(pos)
        if source is None or target is None or source.step_id not in self.step_items:
            return
        try:
            self.document.connect(self.journey_id, source.step_id, target.step_id)
        except ValidationError as exc:
            self.notice.emit(str(exc))

    def _end_connect(self) -> None:
        if self._connect_line is not None:
            self.removeItem(self._connect_line)
        self._connect_line = None
        self._connect_source = None

    # -- editing labels ------------------------------------------------------------------------
    def edit_label(self, step_id: str) -> None:
        """Start typing the label of a step in place (Enter commits, Escape cancels)."""
        item = self.step_items.get(step_id)
        if item is None or not item.isVisible():
            return
        self._close_editor()
        editor = LabelEditor(
            item.step.label,
            self.style,
            on_commit=lambda text: self._commit_label(step_id, text),
            on_cancel=self._retire_editor,
        )
        editor.setParentItem(item)  # after construction: see docs/canvas.md
        editor.setPos(STRIP_W + 2, 22)
        self._editor, self._editing_step = editor, step_id
        item.label_hidden = True  # the text being typed replaces it, not over it
        item.repaint()
        self.clearSelection()
        item.setSelected(True)
        editor.start()

    def _commit_label(self, step_id: str, text: str) -> None:
        self._retire_editor()
        if step_id in self.step_items and self.journey.step(step_id).label != text:
            try:
                self.document.update_step(self.journey_id, step_id, label=text)
            except ValidationError as exc:
                self.notice.emit(str(exc))

    def place_new_card(self, x: float, y: float, stage: str, lane: str):
        """Where a new card put at `x`, `y` in a cell goes, covering none (`place_in_cell`
        among the journey's cards), or None."""
        others = list(self.journey.steps())
        taken = CardSpots((s.x, s.y) for s in others)
        return place_in_cell(self.geometry(), (x, y), (stage, lane), others, taken)

    def begin_new_step(self, pos: QPointF) -> None:
        """Show a new card under the cursor and type its label; Enter adds it, Escape drops it."""
        geometry = self.geometry()
        x, y, stage, lane = geometry.snap(pos.x() - CARD_W / 2, pos.y() - CARD_H / 2)
        if stage is None or lane is None:
            self.notice.emit("Add a stage and a lane before adding steps.")
            return
        place = self.place_new_card(x, y, stage, lane)
        if place is None:
            self.notice.emit(self._no_room(None, stage, lane))
            return
        x, y, room = place.x, place.y, place.room
        self._close_editor()
        if room:  # the cards move aside now, so the card being typed covers none of them
            self._make_room(room)
        pending = PendingCard(self.style)
        pending.setPos(x, y)
        self.addItem(pending)
        self._pending = pending
        state = State.FUTURE if self.style.view is View.FUTURE else State.BOTH
        editor = LabelEditor(
            "",
            self.style,
            on_commit=lambda text: self._commit_new_step(x, y, stage, lane, state, text, room),
            on_cancel=self._cancel_new_step,
        )
        editor.setParentItem(pending)
        editor.setPos(STRIP_W + 2, 22)
        self._editor, self._editing_step = editor, None
        self.clearSelection()
        editor.start()

    def _make_room(self, room: dict[str, float]) -> None:
        moves = {sid: {"x": new_x} for sid, new_x in room.items()}
        self.document.move_steps(self.journey_id, moves, name=_MAKING_ROOM)
        self._room_made = True

    def _take_room_back(self) -> None:
        """Undo the cards moved aside for a new card (the step is added with them, or not)."""
        history = self.document.history
        if self._room_made and history.can_undo and history.undo_text == _MAKING_ROOM:
            history.undo()
        self._room_made = False

    def _cancel_new_step(self) -> None:
        self._retire_editor()
        self._take_room_back()

    def _commit_new_step(self, x, y, stage, lane, state, text, room=None) -> None:
        """Add the step; cards moved to make room for it move in the same undoable unit."""
        self._retire_editor()
        self._take_room_back()  # and again below, in the unit that adds the step
        document = self.document
        try:
            with document.history.group(f"Add step {text!r}" if text else "Add step"):
                if room:
                    document.move_steps(
                        self.journey_id, {sid: {"x": nx} for sid, nx in room.items()}
                    )
                step = document.add_step(
                    self.journey_id, stage=stage, lane=lane, label=text, x=x, y=y, state=state
                )
        except ValidationError as exc:
            self.notice.emit(str(exc))
            return
        self.select_ids([step.id])

    def _close_editor(self) -> None:
        if self._editor is not None:
            self._editor.commit()

    def _retire_editor(self) -> None:
        """Hide the editor now, delete it once its own event handler has returned."""
        editor, pending = self._editor, self._pending
        edited = self.step_items.get(self._editing_step) if self._editing_step else None
        if edited is not None:
            edited.label_hidden = False
            edited.repaint()
        self._editor, self._editing_step, self._pending = None, None, None
        for item in (editor, pending):
            if item is not None:
                item.hide()
                self._retired.append(item)
        QTimer.singleShot(0, self._drop_retired)
        for view in self.views():
            view.setFocus()

    def _drop_retired(self) -> None:
        retired, self._retired = self._retired, []
        for item in retired:
            if item.scene() is self and item.parentItem() is None:
                self.removeItem(item)
            elif item.parentItem() is not None:
                item.setParentItem(None)
                if item.scene() is self:
                    self.removeItem(item)

    # -- keyboard commands (the view maps keys to these) ----------------------------------------
    def delete_selection(self) -> None:
        steps, transitions = self.selected_step_ids(), self.selected_transition_ids()
        if steps or transitions:
            self.document.remove(self.journey_id, steps, transitions)

    def set_emotion_level(self, index: int) -> None:
        """Set the emotion of the selection to the scale's level number `index` (0 = lowest)."""
        levels = list(self.style.scale.levels())
        steps = self.selected_step_ids()
        if not steps or not 0 <= index < len(levels):
            return
        side = emotion_side(self.style.view)
        self.document.set_emotion(self.journey_id, steps, side, levels[index])

    def set_emotion_value(self, value: int) -> None:
        """Set the emotion of the selection to `value`, a level of the journey's scale."""
        steps = self.selected_step_ids()
        if steps and self.style.scale.contains(value):
            self.document.set_emotion(self.journey_id, steps, emotion_side(self.style.view), value)

    def nudge_emotion(self, delta: int) -> None:
        """Raise or lower the emotion of each selected step by `delta` levels."""
        scale = self.style.scale
        side = emotion_side(self.style.view)
        field = "current_emotion" if side is State.CURRENT else "future_emotion"
        journey = self.journey
        changes = {}
        for sid in self.selected_step_ids():
            step = journey.step(sid)
            if not (step.state.has_current if side is State.CURRENT else step.state.has_future):
                continue
            value = step.emotion(side)
            start = round(scale.neutral) if value is None else value
            new = max(scale.low, min(scale.high, start + delta if value is not None else start))
            if new != value:
                changes[sid] = {field: new}
        if changes:
            word = "Raise" if delta > 0 else "Lower"
            self.document.update_steps(self.journey_id, changes, name=f"{word} emotion")

    def cycle_moment(self, backwards: bool = False) -> None:
        """Give the selection the next moment-of-truth code (after the last: none)."""
        steps = self.selected_step_ids()
        if not steps:
            return
        current = self.journey.step(steps[0]).moment
        index = MOMENT_CYCLE.index(current)
        following = MOMENT_CYCLE[(index + (-1 if backwards else 1)) % len(MOMENT_CYCLE)]
        self.document.set_moment(self.journey_id, steps, following)

"""The journey as a Qt scene: one card per step, one arrow per transition, the map behind.

The scene builds its items from the document, then follows the document's
events; it keeps id-to-item maps and never stores anything the document does
not. Gestures (in `interaction.py`) change the document through its API only.
"""

from __future__ import annotations

from PySide6.QtCore import QRectF, QTimer, Signal
from PySide6.QtWidgets import QGraphicsItem, QGraphicsScene, QToolTip

from motdesk.graph.codes import step_codes
from motdesk.graph.document import Document
from motdesk.graph.events import Change
from motdesk.graph.model import Journey, Step, Transition
from motdesk.graph.views import visible
from motdesk.graph.vocabulary import State, View
from motdesk.ui.canvas.grid import MapGeometry
from motdesk.ui.canvas.grid_items import MapBackground
from motdesk.ui.canvas.interaction import SceneGestures
from motdesk.ui.canvas.layer import CardLayer
from motdesk.ui.canvas.step_item import StepItem
from motdesk.ui.canvas.style import CanvasStyle
from motdesk.ui.canvas.transition_item import TransitionItem

MARGIN = 400.0  # room right of and below the map to add and drag cards
LEAD = 24.0  # above and left of the map: its headers start the view, no empty band
BURST_UNINDEXED = 500
"""After this many step or transition changes in one burst, the scene drops its index."""
BURST_RENUMBERED = 200
"""More cards renumbered than this repaint the whole layer once instead of card by card."""
_POSITION_FIELDS = ("x", "y", "stage", "lane")


class JourneyScene(SceneGestures, QGraphicsScene):
    """The canvas of one journey of a document."""

    notice = Signal(str)  # one sentence for the status bar (a refused gesture)
    headerChosen = Signal(str, str)  # ("stage" or "lane", its id): its header double-clicked
    mapChanged = Signal()  # stage columns or lane rows moved or changed

    def __init__(self, document: Document, journey_id: str, parent=None) -> None:
        QGraphicsScene.__init__(self, parent)
        SceneGestures.__init__(self)
        self.document = document
        self.journey_id = journey_id
        self.style = CanvasStyle(document.project.scale)
        self.step_items: dict[str, StepItem] = {}
        self.codes: dict[str, str] = {}  # step id -> code (S01...), as on the handout
        self.transition_items: dict[str, TransitionItem] = {}
        self.background = MapBackground(self.style)
        self.addItem(self.background)
        self.layer = CardLayer(self.style)
        self.addItem(self.layer)
        self.style.on_repaint = self.layer.update
        self._painted_selection: set = set()
        self.selectionChanged.connect(self._repaint_selection)
        self._geometry: MapGeometry | None = None
        self._geometry_timer = QTimer(self)
        self._geometry_timer.setSingleShot(True)
        self._geometry_timer.setInterval(0)
        self._geometry_timer.timeout.connect(self.refresh_map)
        self._burst = 0  # changes since the event loop last ran
        self._late_arrows: set = set()
        self._burst_timer = QTimer(self)
        self._burst_timer.setSingleShot(True)
        self._burst_timer.setInterval(0)
        self._burst_timer.timeout.connect(self._burst_over)
        self._subscribed = False
        self.map_extras: list[QGraphicsItem] = []  # drawn beside the map (the emotional curve)
        self._hidden_selection: tuple[set[str], set[str]] = (set(), set())
        self._switching_view = False
        self._varying: tuple[list, list] | None = None  # what a view switch may show or hide
        self.selectionChanged.connect(self._forget_hidden_selection)
        self.rebuild()
        self.document.events.subscribe(self._on_change)
        self._subscribed = True

    # -- reading -----------------------------------------------------------------
    @property
    def journey(self) -> Journey:
        return self.document.journey(self.journey_id)

    @property
    def view_mode(self) -> View:
        return self.style.view

    def has_journey(self) -> bool:
        return any(j.id == self.journey_id for j in self.document.project.journeys)

    def geometry(self) -> MapGeometry:
        """The stage columns and lane rows as the document now places them."""
        if self._geometry is None:
            journey = self.journey
            self._geometry = MapGeometry.of(journey)
        return self._geometry

    def step_item(self, step_id: str) -> StepItem | None:
        return self.step_items.get(step_id)

    def transition_item(self, transition_id: str) -> TransitionItem | None:
        return self.transition_items.get(transition_id)

    def map_rect(self) -> QRectF:
        """The map with its headers and visible extras (what fit-to-window shows)."""
        self._flush_map()
        rect = self.background.map_rect()
        for item in self.map_extras:
            if item.isVisible():
                rect = rect.united(item.sceneBoundingRect())
        return rect

    # -- building ----------------------------------------------------------------
    def rebuild(self) -> None:
        """Drop every item and build them again from the document."""
        self.cancel_gestures()
        for item in list(self.step_items.values()) + list(self.transition_items.values()):
            self.removeItem(item)
        self.step_items.clear()
        self.transition_items.clear()
        self._painted_selection = set()
        self.layer.invalidate_overview()
        self.layer.forget_bodies()
        self._varying = None
        if not self.has_journey():
            self._geometry = None
            return
        journey = self.journey
        self.style.scale = self.document.project.scale
        self.style.changed()
        for step in journey.steps():
            self._add_step(step)
        for transition in journey.transitions():
            self._add_transition(transition)
        self.refresh_map()

    def _add_step(self, step: Step) -> StepItem:
        item = StepItem(step, self.style)
        self.step_items[step.id] = item
        self.addItem(item)
        item.apply_view()
        item.repaint()  # an item with no contents of its own: Qt repaints nothing for it
        return item

    def _remove_step(self, step_id: str) -> None:
        item = self.step_items.pop(step_id, None)
        if item is None:
            return
        for transition in list(item.transitions):
            self._remove_transition(transition.transition_id)
        item.repaint()  # where the card was (the layer paints it, not the item)
        self.forget_item(item)
        self.removeItem(item)

    def _add_transition(self, transition: Transition) -> TransitionItem | None:
        source = self.step_items.get(transition.source)
        target = self.step_items.get(transition.target)
        if source is None or target is None:
            return None
        item = TransitionItem(transition, source, target, self.style)
        source.transitions.append(item)
        if target is not source:
            target.transitions.append(item)
        self.transition_items[transition.id] = item
        self.addItem(item)
        item.apply_view()
        self.style.repaint(item.boundingRect())  # the layer paints arrows: ask it to
        return item

    def _remove_transition(self, transition_id: str) -> None:
        item = self.transition_items.pop(transition_id, None)
        if item is None:
            return
        for end in {item.source, item.target}:
            if item in end.transitions:
                end.transitions.remove(item)
        self.style.repaint(item.boundingRect())  # where the arrow was
        self.forget_item(item)
        self.removeItem(item)

    # -- the map (stage columns, lane rows) ----------------------------------------
    def _map_dirty(self) -> None:
        """Recompute the grid once the current burst of changes is over."""
        self._geometry = None
        if not self._geometry_timer.isActive():
            self._geometry_timer.start()

    def _flush_map(self) -> None:
        if self._geometry_timer.isActive():
            self._geometry_timer.stop()
            self.refresh_map()

    def refresh_map(self) -> None:
        if not self.has_journey():
            return
        journey = self.journey
        self._geometry = None
        geometry = self.geometry()
        self.background.set_map(geometry, journey.stages, journey.lanes)
        self._fit_scene_rect()
        self._refresh_codes(journey)
        self.mapChanged.emit()
        self._fit_scene_rect()  # the curve placed itself beside the new grid

    def _fit_scene_rect(self) -> None:
        rect = self.map_rect()  # with the curve's level names left of the lane headers
        for item in self.step_items.values():
            pos = item.pos()
            if not rect.contains(pos):
                rect = rect.united(QRectF(pos.x(), pos.y(), 1, 1))
        rect = rect.adjusted(-LEAD, -LEAD, MARGIN, MARGIN)
        if rect != self.sceneRect():
            self.setSceneRect(rect)

    def _refresh_codes(self, journey: Journey) -> None:
        """Number the cards as the handout does; once per burst, with the grid. Where many
        codes changed (an auto-layout), the layer is painted again once, not card by card."""
        self.codes = codes = step_codes(journey)
        changed = [
            (item, code)
            for step_id, item in self.step_items.items()
            if item.code != (code := codes.get(step_id, ""))
        ]
        if len(changed) <= BURST_RENUMBERED:
            for item, code in changed:
                item.set_code(code)
            return
        for item, code in changed:
            item.code = code
        self.layer.update()

    # -- following the document ----------------------------------------------------
    def detach(self) -> None:
        """Stop following the document (call when the scene is dropped)."""
        if self._subscribed:
            self.document.events.unsubscribe(self._on_change)
            self._subscribed = False
        self.cancel_gestures()

    def _on_change(self, change: Change) -> None:
        if change.kind == "project":
            if "emotion_scale" in (change.new or {}):
                self.style.scale = self.document.project.scale
                self.style.changed()
                self.layer.invalidate_overview()
                self.update()
            return
        if change.kind == "journey":
            if change.journey == self.journey_id and change.action in ("added", "removed"):
                self.rebuild()
            return
        if change.journey != self.journey_id:
            return
        handler = getattr(self, f"_on_{change.kind}", None)
        if handler is not None:
            if change.kind in ("step", "transition"):
                self.layer.invalidate_overview()
                self._varying = None
                self._count_burst()
            handler(change)

    def _count_burst(self) -> None:
        """In a burst of changes (an auto-layout, undoing a large paste) the scene drops its
        index: every moved arrow would leave and re-enter Qt's BSP tree, whose cost grows
        with the map (20,000 cards: 0.3 ms an arrow). The index is rebuilt once afterwards."""
        self._burst += 1
        if self._burst == BURST_UNINDEXED:
            self.setItemIndexMethod(QGraphicsScene.ItemIndexMethod.NoIndex)
            # nor does each card and arrow ask to be painted again: the whole layer is
            self.style.on_repaint = None
            self.layer.update()
        if not self._burst_timer.isActive():
            self._burst_timer.start()

    def in_burst(self) -> bool:
        return self._burst >= BURST_UNINDEXED

    def adjust_later(self, transitions) -> None:
        """In a burst, an arrow between two moved cards is laid out once, when it is over."""
        self._late_arrows.update(transitions)

    def _burst_over(self) -> None:
        late, self._late_arrows = self._late_arrows, set()
        for transition in late:
            if transition.scene() is self:
                transition.adjust()
        if self._burst >= BURST_UNINDEXED:
            self.setItemIndexMethod(QGraphicsScene.ItemIndexMethod.BspTreeIndex)
            self.style.on_repaint = self.layer.update
            self.layer.update()
        self._burst = 0

    def _on_step(self, change: Change) -> None:
        if change.action == "added":
            self._add_step(change.new)
            self._map_dirty()
        elif change.action == "removed":
            self._remove_step(change.old.id)
            self._map_dirty()
        else:
            item = self.step_items.get(change.new.id)
            if item is None:
                return
            item.set_step(change.new)
            for transition in item.transitions:
                transition.apply_view()
            if any(getattr(change.old, f) != getattr(change.new, f) for f in _POSITION_FIELDS):
                self._map_dirty()

    def _on_transition(self, change: Change) -> None:
        if change.action == "added":
            self._add_transition(change.new)
        elif change.action == "removed":
            self._remove_transition(change.old.id)
        else:
            item = self.transition_items.get(change.new.id)
            new: Transition = change.new
            if item is None:
                self._add_transition(new)
                return
            if (new.source, new.target) != (item.source.step_id, item.target.step_id):
                self._remove_transition(new.id)
                self._add_transition(new)
            else:
                item.set_transition(new, item.source, item.target)
                item.update()

    def _on_stage(self, change: Change) -> None:
        self._map_dirty()

    def _on_lane(self, change: Change) -> None:
        self._map_dirty()

    # -- views -----------------------------------------------------------------------
    def set_view_mode(self, view: View) -> None:
        """Show the current, future or compare view; the document is not touched.

        Selected steps hidden by a view come back selected when a later view shows them.
        """
        view = View(view)
        if view is self.style.view:
            return
        wanted_steps = set(self.selected_step_ids()) | self._hidden_selection[0]
        wanted_transitions = set(self.selected_transition_ids()) | self._hidden_selection[1]
        self.style.view = view
        self.style.view_changed()
        shown = {state: visible(state, view) for state in State}
        steps, arrows = self._view_dependent()
        for item, state in steps:
            item.setVisible(shown[state])
        for item, state, source, target in arrows:
            item.setVisible(shown[state] and shown[source] and shown[target])
        shown_steps = {
            s for s in wanted_steps if s in self.step_items and self.step_items[s].isVisible()
        }
        shown_transitions = {
            t
            for t in wanted_transitions
            if t in self.transition_items and self.transition_items[t].isVisible()
        }
        self._switching_view = True
        try:
            self.select_ids(shown_steps, shown_transitions)
        finally:
            self._switching_view = False
        self._hidden_selection = (
            wanted_steps - shown_steps,
            wanted_transitions - shown_transitions,
        )
        self.update()

    def _view_dependent(self) -> tuple[list, list]:
        """The cards and arrows a view switch may show or hide, with the states that decide.

        A step or transition in both states, between steps in both, shows in every
        view: a switch leaves it alone. Worked out again after the journey changed.
        """
        if self._varying is None:
            both = State.BOTH
            steps = [
                (item, item.step.state)
                for item in self.step_items.values()
                if item.step.state is not both
            ]
            arrows = []
            for item in self.transition_items.values():
                states = (
                    item.transition.state,
                    item.source.step.state,
                    item.target.step.state,
                )
                if states != (both, both, both):
                    arrows.append((item, *states))
            self._varying = (steps, arrows)
        return self._varying

    def _repaint_selection(self) -> None:
        """Repaint the cards and arrows whose selection changed (they paint through the layer)."""
        now = set(self.selectedItems())
        changed = now ^ self._painted_selection
        self._painted_selection = now
        if len(changed) > 300:
            self.layer.update()
            return
        for item in changed:
            if item.scene() is self:
                self.layer.update(item.sceneBoundingRect())

    def _forget_hidden_selection(self) -> None:
        if not self._switching_view:
            self._hidden_selection = (set(), set())

    def refresh_palette(self) -> None:
        """Follow a change of the desktop's light or dark theme."""
        self.style.refresh_palette()
        self.layer.invalidate_overview()
        self.layer.forget_bodies()
        self.update()

    # -- tooltips -----------------------------------------------------------------------
    def helpEvent(self, event) -> None:
        item = self._item_at(event.scenePos())
        if isinstance(item, (StepItem, TransitionItem)):
            QToolTip.showText(event.screenPos(), item.tooltip(), event.widget())
            event.accept()
            return
        QToolTip.hideText()

    def _item_at(self, pos) -> QGraphicsItem | None:
        for item in self.items(pos):
            if isinstance(item, (StepItem, TransitionItem)) and item.isVisible():
                return item
        return None

"""The document: a project with its history and events, and the API every change goes through.

Each method validates its values, builds commands and pushes them as one
undoable unit. Views subscribe to `events` (what changed, with old and new
records) and to `history` (undo text, clean state).
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Mapping
from dataclasses import replace
from math import isfinite
from typing import Any

from motdesk.graph.commands import (
    Command,
    MoveItem,
    PutItem,
    PutStep,
    PutTransition,
    SetFields,
    macro,
)
from motdesk.graph.events import EventBus
from motdesk.graph.geometry import (
    CARD_H,
    CARD_W,
    PAD_X,
    PAD_Y,
    SNAP,
    CardSpots,
    MapGeometry,
    place_in_cell,
    same_place,
)
from motdesk.graph.history import History
from motdesk.graph.model import (
    JOURNEY_FIELDS,
    PROJECT_FIELDS,
    STEP_FIELDS,
    TRANSITION_FIELDS,
    Journey,
    Lane,
    Persona,
    Project,
    Stage,
    Step,
    Transition,
    new_id,
)
from motdesk.graph.validation import (
    ValidationError,
    check_date,
    check_lane,
    check_number,
    check_persona,
    check_scale,
    check_stage,
    check_step,
    check_text,
    check_transition,
    transition_fits,
)
from motdesk.graph.vocabulary import (
    BLUEPRINT_LANES,
    DEFAULT_STAGES,
    LaneKind,
    Moment,
    State,
    emotion_scale,
)

_NUMBERS = (int, float)  # what a position may be (not bool, which is an int too)


def _step_path(step: Step) -> str:
    return f"step {step.id} {step.label!r}" if step.label else f"step {step.id}"


def blueprint_journey(title: str = "Journey", persona: str | None = None) -> Journey:
    """A new journey with the default stages and the four service-blueprint lanes."""
    return Journey(
        id=new_id("j"),
        title=title,
        persona=persona,
        stages=[Stage(new_id("s"), name, moment) for name, moment in DEFAULT_STAGES],
        lanes=[Lane(new_id("l"), name, kind) for name, kind in BLUEPRINT_LANES],
    )


class Document:
    """A project being edited: every change is a command in `history`."""

    def __init__(self, project: Project | None = None) -> None:
        self.project = project if project is not None else Project()
        self.events = EventBus()
        self.history = History(self.project, self.events)

    @classmethod
    def new(cls, title: str = "Untitled project") -> Document:
        """A fresh project with one empty blueprint journey, nothing to undo."""
        return cls(Project(title=title, journeys=[blueprint_journey("Journey")]))

    # -- helpers -------------------------------------------------------------
    def journey(self, journey_id: str) -> Journey:
        return self.project.journey(journey_id)

    def _push(self, name: str, commands: list[Command], key: Hashable | None = None) -> None:
        if commands:
            self.history.push(macro(name, commands, key))

    def _taken_ids(self) -> set[str]:
        return self.project.ids()

    def _unused_id(self, prefix: str, taken: set[str] | None = None) -> str:
        while True:
            candidate = new_id(prefix)
            if candidate not in taken if taken is not None else not self.project.has_id(candidate):
                return candidate

    # -- steps ---------------------------------------------------------------
    def add_step(
        self,
        journey_id: str,
        *,
        stage: str | None = None,
        lane: str | None = None,
        label: str = "",
        **fields: Any,
    ) -> Step:
        """Add a step (by default in the first stage and lane) and return it."""
        journey = self.journey(journey_id)
        if not journey.stages or not journey.lanes:
            raise ValidationError(
                f"journey {journey.title!r}", "needs at least one stage and one lane to hold a step"
            )
        fields.setdefault("id", self._unused_id("n"))
        step = Step(
            label=label,
            stage=stage if stage is not None else journey.stages[0].id,
            lane=lane if lane is not None else journey.lanes[0].id,
            **fields,
        )
        step = _coerce_step(step)
        if self.project.has_id(step.id):
            raise ValidationError(f"step {step.id}.id", f"{step.id!r} is already used")
        check_step(step, journey, self.project.scale, _step_path(step))
        self._push(
            f"Add step {label!r}" if label else "Add step",
            [PutStep("", None, step, journey=journey_id)],
        )
        return step

    def update_step(
        self,
        journey_id: str,
        step_id: str,
        *,
        merge: bool = False,
        name: str | None = None,
        **changes: Any,
    ) -> Step:
        """Change fields of one step. With `merge`, consecutive edits of one field undo as one."""
        return self.update_steps(journey_id, {step_id: changes}, name=name, merge=merge)[0]

    def update_steps(
        self,
        journey_id: str,
        changes: Mapping[str, Mapping[str, Any]],
        *,
        name: str | None = None,
        merge: bool = False,
    ) -> list[Step]:
        """Change fields of several steps in one unit; transitions follow a change of state."""
        journey = self.journey(journey_id)
        scale = self.project.scale
        commands: list[Command] = []
        new_steps: dict[str, Step] = {}
        state_changed: list[str] = []
        stage_ids = {s.id for s in journey.stages}
        lane_ids = {lane.id for lane in journey.lanes}
        allowed = set(STEP_FIELDS) - {"id"}
        keys: dict[str, tuple | None] = {}
        for step_id, fields in changes.items():
            if not fields.keys() <= allowed:
                bad = sorted(set(fields) - allowed)[0]
                raise ValidationError(f"step {step_id}", f"{bad!r} cannot be changed")
            old = journey.step(step_id)
            new = replace(old, **fields)
            if fields.keys() <= POSITION_FIELDS:
                # A drag or a layout of thousands of cards: only what a move can break.
                _check_position(new, stage_ids, lane_ids)
            else:
                new = _coerce_step(new)
                if new.state is not old.state:
                    new = _fit_emotions_to_state(new)
                    state_changed.append(step_id)
                check_step(new, journey, scale, _step_path(new))
            if new != old:
                key = None
                if merge and len(fields) == 1:  # typing in one field: keystrokes merge
                    key = ("step", journey_id, step_id, next(iter(fields)))
                keys[step_id] = key
                new_steps[step_id] = new
        moving = [
            step_id
            for step_id, new in new_steps.items()
            if (new.stage != journey.step(step_id).stage and "x" not in changes[step_id])
            or (new.lane != journey.step(step_id).lane and "y" not in changes[step_id])
        ]
        if moving:  # a stage or lane chosen (not dragged): the card goes into its new cell
            new_steps.update(_into_cells(journey, moving, new_steps))
        for step_id, new in new_steps.items():
            old = journey.step(step_id)
            commands.append(PutStep("", old, new, keys.get(step_id), journey=journey_id))
        if state_changed:
            commands.extend(self._transitions_following_states(journey, state_changed, new_steps))
        what = name or _describe_change(changes, journey)
        fields_typed = {field for fields in changes.values() for field in fields}
        shared = None  # the same field of several steps typed in: one undo step, as for one
        if merge and len(changes) > 1 and len(fields_typed) == 1:
            shared = ("steps", journey_id, tuple(changes), *fields_typed)
        self._push(what, commands, shared)
        return [journey.step(step_id) for step_id in changes]

    def _transitions_following_states(
        self, journey: Journey, changed: list[str], new_steps: Mapping[str, Step]
    ) -> list[Command]:
        """A transition's state narrowed (or the transition removed) when an end loses a side."""
        commands: list[Command] = []
        seen: set[str] = set()
        for step_id in changed:
            for transition in journey.transitions_of(step_id):
                if transition.id in seen:
                    continue
                seen.add(transition.id)
                source = new_steps.get(transition.source) or journey.step(transition.source)
                target = new_steps.get(transition.target) or journey.step(transition.target)
                if transition_fits(transition.state, source, target):
                    continue
                fitting = [
                    s for s in (State.CURRENT, State.FUTURE) if transition_fits(s, source, target)
                ]
                if transition.state is State.BOTH and fitting:
                    commands.append(
                        PutTransition(
                            "",
                            transition,
                            replace(transition, state=fitting[0]),
                            journey=journey.id,
                        )
                    )
                else:
                    commands.append(PutTransition("", transition, None, journey=journey.id))
        return commands

    def set_emotion(
        self, journey_id: str, step_ids: Iterable[str], side: State, value: int | None
    ) -> None:
        """Set the current or future emotion of steps (those without that side are skipped)."""
        field = "current_emotion" if side is State.CURRENT else "future_emotion"
        journey = self.journey(journey_id)
        targets = {
            sid: {field: value}
            for sid in step_ids
            if (
                journey.step(sid).state.has_current
                if side is State.CURRENT
                else journey.step(sid).state.has_future
            )
        }
        label = "today" if side is State.CURRENT else "target"
        name = (
            f"Clear {label} emotion"
            if value is None
            else f"Set {label} emotion to {self.project.scale.number(value)}"
        )
        self.update_steps(journey_id, targets, name=name)

    def set_moment(self, journey_id: str, step_ids: Iterable[str], moment: Moment | None) -> None:
        ids = list(step_ids)
        name = f"Mark as {moment.value}" if moment else "Clear moment of truth"
        self.update_steps(journey_id, {sid: {"moment": moment} for sid in ids}, name=name)

    def set_state(self, journey_id: str, step_ids: Iterable[str], state: State) -> None:
        ids = list(step_ids)
        self.update_steps(
            journey_id, {sid: {"state": state} for sid in ids}, name=f"Set state to {state.value}"
        )

    def move_steps(
        self, journey_id: str, moves: Mapping[str, Mapping[str, Any]], name: str | None = None
    ) -> None:
        """Move steps (x, y and optionally stage and lane) as one unit: a drag of many cards.

        `name` names the undoable unit; by default "Move", or "Move 3 steps"."""
        for fields in moves.values():
            extra = set(fields) - {"x", "y", "stage", "lane"}
            if extra:
                raise ValidationError("move", f"{sorted(extra)[0]!r} is not a position field")
        count = len(moves)
        if name is None:
            name = "Move" if count == 1 else f"Move {count} steps"
        self.update_steps(journey_id, moves, name=name)

    def place_steps(
        self,
        journey_id: str,
        positions: Mapping[str, tuple[float, float]],
        name: str = "Move",
    ) -> None:
        """Put steps at new positions within their own cells, as one unit: an auto-layout.

        The unit is the one `move_steps` makes for x and y alone; with no stage or lane
        changing, only "the position is a number" can fail, so thousands of cards cost
        a record and a command each, nothing more.
        """
        journey = self.journey(journey_id)
        commands: list[Command] = []
        for step_id, (x, y) in positions.items():
            old = journey.step(step_id)
            if not (type(x) in _NUMBERS and type(y) in _NUMBERS and isfinite(x) and isfinite(y)):
                path = _step_path(old)
                check_number(x, f"{path}.x")
                check_number(y, f"{path}.y")
            if (old.x, old.y) != (x, y):
                commands.append(PutStep("", old, old.at(x, y), journey=journey_id))
        count = len(positions)
        self._push(name if count == 1 else f"{name} {count} steps", commands)

    def remove_steps(self, journey_id: str, step_ids: Iterable[str]) -> None:
        """Remove steps and, in the same unit, every transition touching them."""
        journey = self.journey(journey_id)
        ids = list(dict.fromkeys(step_ids))
        commands: list[Command] = []
        gone: set[str] = set()
        for step_id in ids:
            for transition in journey.transitions_of(step_id):
                if transition.id not in gone:
                    gone.add(transition.id)
                    commands.append(PutTransition("", transition, None, journey=journey_id))
        for step_id in ids:
            commands.append(PutStep("", journey.step(step_id), None, journey=journey_id))
        noun = "step" if len(ids) == 1 else f"{len(ids)} steps"
        self._push(f"Delete {noun}", commands)

    # -- transitions ---------------------------------------------------------
    def connect(self, journey_id: str, source: str, target: str, **fields: Any) -> Transition:
        """Add a transition; its state defaults to the widest one its ends allow."""
        journey = self.journey(journey_id)
        for end, step_id in (("source", source), ("target", target)):
            if not journey.has_step(step_id):
                raise ValidationError(
                    f"transition.{end}", f"{step_id!r} is not a step of the journey"
                )
        if journey.transition_between(source, target) is not None:
            raise ValidationError(
                "transition", "these two steps are already connected in this direction"
            )
        if "state" not in fields:
            a, b = journey.step(source), journey.step(target)
            fitting = [
                s for s in (State.BOTH, State.CURRENT, State.FUTURE) if transition_fits(s, a, b)
            ]
            if not fitting:
                raise ValidationError(
                    "transition.state", "a current-only step cannot lead to a future-only step"
                )
            fields["state"] = fitting[0]
        fields.setdefault("id", self._unused_id("e"))
        transition = _coerce_transition(Transition(source=source, target=target, **fields))
        if self.project.has_id(transition.id):
            raise ValidationError(
                f"transition {transition.id}.id", f"{transition.id!r} is already used"
            )
        check_transition(transition, journey, f"transition {transition.id}")
        self._push("Connect", [PutTransition("", None, transition, journey=journey_id)])
        return transition

    def update_transition(
        self, journey_id: str, transition_id: str, *, merge: bool = False, **changes: Any
    ) -> Transition:
        journey = self.journey(journey_id)
        unknown = set(changes) - set(TRANSITION_FIELDS) | ({"id"} & set(changes))
        if unknown:
            raise ValidationError(
                f"transition {transition_id}", f"{sorted(unknown)[0]!r} cannot be changed"
            )
        old = journey.transition(transition_id)
        new = _coerce_transition(replace(old, **changes))
        check_transition(new, journey, f"transition {transition_id}")
        if (new.source, new.target) != (old.source, old.target):
            twin = journey.transition_between(new.source, new.target)
            if twin is not None:
                raise ValidationError(
                    f"transition {transition_id}", "these two steps are already connected"
                )
        if new != old:
            key = (
                ("transition", journey_id, transition_id, next(iter(changes)))
                if merge and len(changes) == 1
                else None
            )
            self._push("Change transition", [PutTransition("", old, new, key, journey=journey_id)])
        return new

    def disconnect(self, journey_id: str, transition_ids: Iterable[str]) -> None:
        journey = self.journey(journey_id)
        ids = list(dict.fromkeys(transition_ids))
        commands: list[Command] = [
            PutTransition("", journey.transition(tid), None, journey=journey_id) for tid in ids
        ]
        self._push(
            "Delete transition" if len(ids) == 1 else f"Delete {len(ids)} transitions", commands
        )

    def remove(
        self, journey_id: str, step_ids: Iterable[str], transition_ids: Iterable[str]
    ) -> None:
        """Delete a mixed selection of steps and transitions as one unit."""
        with self.history.group("Delete"):
            journey = self.journey(journey_id)
            remaining = [t for t in transition_ids if journey.has_transition(t)]
            if remaining:
                self.disconnect(journey_id, remaining)
            steps = [s for s in step_ids if journey.has_step(s)]
            if steps:
                self.remove_steps(journey_id, steps)

    # -- stages and lanes ----------------------------------------------------
    def _items(self, kind: str, journey_id: str) -> list[Any]:
        journey = self.journey(journey_id)
        return journey.stages if kind == "stage" else journey.lanes

    def _index_of(self, kind: str, journey_id: str, item_id: str) -> int:
        for i, item in enumerate(self._items(kind, journey_id)):
            if item.id == item_id:
                return i
        raise KeyError(f"no {kind} {item_id!r} in the journey")

    def add_stage(
        self, journey_id: str, name: str, index: int | None = None, moment: Moment | None = None
    ) -> Stage:
        stage = Stage(self._unused_id("s"), name, moment)
        check_stage(stage, "stage")
        return self._insert("stage", journey_id, stage, index)

    def add_lane(
        self, journey_id: str, name: str, index: int | None = None, kind: LaneKind = LaneKind.OTHER
    ) -> Lane:
        lane = Lane(self._unused_id("l"), name, LaneKind(kind))
        check_lane(lane, "lane")
        return self._insert("lane", journey_id, lane, index)

    def _insert(self, kind: str, journey_id: str, item: Any, index: int | None) -> Any:
        items = self._items(kind, journey_id)
        index = len(items) if index is None else max(0, min(index, len(items)))
        self._push(
            f"Add {kind} {item.name!r}",
            [PutItem("", None, item, kind=kind, journey=journey_id, index=index)],
        )
        return item

    def update_stage(
        self, journey_id: str, stage_id: str, *, merge: bool = False, **changes: Any
    ) -> Stage:
        if "moment" in changes and changes["moment"] is not None:
            changes["moment"] = Moment(changes["moment"])
        return self._update_item("stage", journey_id, stage_id, merge, changes, check_stage)

    def update_lane(
        self, journey_id: str, lane_id: str, *, merge: bool = False, **changes: Any
    ) -> Lane:
        if "kind" in changes:
            changes["kind"] = LaneKind(changes["kind"])
        return self._update_item("lane", journey_id, lane_id, merge, changes, check_lane)

    def _update_item(
        self,
        kind: str,
        journey_id: str,
        item_id: str,
        merge: bool,
        changes: dict[str, Any],
        check: Any,
    ) -> Any:
        index = self._index_of(kind, journey_id, item_id)
        old = self._items(kind, journey_id)[index]
        if "id" in changes:
            raise ValidationError(f"{kind} {item_id}", "'id' cannot be changed")
        new = replace(old, **changes)
        check(new, f"{kind} {item_id}")
        if new != old:
            key = (
                (kind, journey_id, item_id, next(iter(changes)))
                if merge and len(changes) == 1
                else None
            )
            verb = "Rename" if set(changes) == {"name"} else "Change"
            self._push(
                f"{verb} {kind}",
                [PutItem("", old, new, key, kind=kind, journey=journey_id, index=index)],
            )
        return new

    def move_stage(self, journey_id: str, stage_id: str, index: int) -> None:
        self._move_item("stage", journey_id, stage_id, index)

    def move_lane(self, journey_id: str, lane_id: str, index: int) -> None:
        self._move_item("lane", journey_id, lane_id, index)

    def _move_item(self, kind: str, journey_id: str | None, item_id: str, index: int) -> None:
        if kind == "journey":
            items: list[Any] = self.project.journeys
        else:
            items = self._items(kind, journey_id or "")
        source = next((i for i, it in enumerate(items) if it.id == item_id), None)
        if source is None:
            raise KeyError(f"no {kind} {item_id!r}")
        target = max(0, min(index, len(items) - 1))
        if source == target:
            return
        commands: list[Command] = [MoveItem("", kind, journey_id, source, target)]
        if kind in ("stage", "lane") and journey_id is not None:
            commands += self._cards_following(self.journey(journey_id), kind, source, target)
        self._push(f"Move {kind}", commands)

    def _cards_following(self, journey: Journey, kind: str, source: int, target: int) -> list:
        """The cards of every stage (lane) whose column (row) a move of one from `source` to
        `target` shifts, moved with it: each band keeps its width and its cards their
        places in it, the bands packed again from where the first began."""
        geometry = MapGeometry.of(journey)
        bands = list(geometry.stages if kind == "stage" else geometry.lanes)
        order = list(bands)
        order.insert(target, order.pop(source))
        shift: dict[str, float] = {}
        start = bands[0].start if bands else 0.0
        for band in order:
            if band.start != start:
                shift[band.id] = start - band.start
            start += band.size
        commands: list[Command] = []
        for step in journey.steps():
            offset = shift.get(step.stage if kind == "stage" else step.lane)
            if offset:
                moved = (
                    step.at(step.x + offset, step.y)
                    if kind == "stage"
                    else step.at(step.x, step.y + offset)
                )
                commands.append(PutStep("", step, moved, journey=journey.id))
        return commands

    def remove_stage(self, journey_id: str, stage_id: str) -> None:
        """Remove a stage and, in the same unit, the steps it holds."""
        self._remove_item("stage", journey_id, stage_id)

    def remove_lane(self, journey_id: str, lane_id: str) -> None:
        """Remove a lane and, in the same unit, the steps it holds."""
        self._remove_item("lane", journey_id, lane_id)

    def _remove_item(self, kind: str, journey_id: str, item_id: str) -> None:
        index = self._index_of(kind, journey_id, item_id)
        item = self._items(kind, journey_id)[index]
        journey = self.journey(journey_id)
        inside = [s.id for s in journey.steps() if getattr(s, kind) == item_id]
        with self.history.group(f"Delete {kind} {item.name!r}"):
            if inside:
                self.remove_steps(journey_id, inside)
            self._push("", [PutItem("", item, None, kind=kind, journey=journey_id, index=index)])

    # -- personas ------------------------------------------------------------
    def add_persona(self, name: str, description: str = "", goals: str = "") -> Persona:
        persona = Persona(self._unused_id("p"), name, description, goals)
        check_persona(persona, "persona")
        index = len(self.project.personas)
        self._push(
            f"Add persona {name!r}", [PutItem("", None, persona, kind="persona", index=index)]
        )
        return persona

    def update_persona(self, persona_id: str, *, merge: bool = False, **changes: Any) -> Persona:
        index = next(i for i, p in enumerate(self.project.personas) if p.id == persona_id)
        old = self.project.personas[index]
        if "id" in changes:
            raise ValidationError(f"persona {persona_id}", "'id' cannot be changed")
        new = replace(old, **changes)
        check_persona(new, f"persona {persona_id}")
        if new != old:
            key = (
                ("persona", persona_id, next(iter(changes)))
                if merge and len(changes) == 1
                else None
            )
            self._push("Change persona", [PutItem("", old, new, key, kind="persona", index=index)])
        return new

    def remove_persona(self, persona_id: str) -> None:
        """Remove a persona; journeys that named it no longer do, in the same unit."""
        index = next(i for i, p in enumerate(self.project.personas) if p.id == persona_id)
        persona = self.project.personas[index]
        commands: list[Command] = [
            SetFields("", {"persona": j.persona}, {"persona": None}, journey=j.id)
            for j in self.project.journeys
            if j.persona == persona_id
        ]
        commands.append(PutItem("", persona, None, kind="persona", index=index))
        self._push(f"Delete persona {persona.name!r}", commands)

    # -- journeys ------------------------------------------------------------
    def add_journey(self, title: str = "Journey", persona: str | None = None) -> Journey:
        """Add a journey with the default stages and blueprint lanes."""
        journey = blueprint_journey(title, persona)
        taken = self._taken_ids()
        if journey.ids() & taken:  # astronomically unlikely; retry once with fresh ids
            journey = blueprint_journey(title, persona)
        return self.insert_journey(journey)

    def insert_journey(self, journey: Journey, index: int | None = None) -> Journey:
        """Add a ready-made journey (a duplicate, an import), its ids unused in the project."""
        clash = journey.ids() & self._taken_ids()
        if clash:
            raise ValidationError(
                f"journey {journey.title!r}", f"id {sorted(clash)[0]!r} is already used"
            )
        if journey.persona is not None:
            self.project.persona(journey.persona)
        index = len(self.project.journeys) if index is None else index
        self._push(
            f"Add journey {journey.title!r}",
            [PutItem("", None, journey, kind="journey", index=index)],
        )
        return journey

    def update_journey(self, journey_id: str, *, merge: bool = False, **changes: Any) -> None:
        journey = self.journey(journey_id)
        unknown = set(changes) - set(JOURNEY_FIELDS)
        if unknown:
            raise ValidationError(
                f"journey {journey_id}", f"{sorted(unknown)[0]!r} cannot be changed"
            )
        for key in ("title", "description"):
            if key in changes:
                check_text(changes[key], f"journey {journey_id}.{key}")
        if changes.get("persona") is not None:
            self.project.persona(changes["persona"])
        old = {k: getattr(journey, k) for k in changes}
        if old != changes:
            key = (
                ("journey", journey_id, next(iter(changes)))
                if merge and len(changes) == 1
                else None
            )
            self._push(
                "Change journey", [SetFields("", old, dict(changes), key, journey=journey_id)]
            )

    def remove_journey(self, journey_id: str) -> None:
        index = next(i for i, j in enumerate(self.project.journeys) if j.id == journey_id)
        journey = self.project.journeys[index]
        self._push(
            f"Delete journey {journey.title!r}",
            [PutItem("", journey, None, kind="journey", index=index)],
        )

    def move_journey(self, journey_id: str, index: int) -> None:
        self._move_item("journey", None, journey_id, index)

    def duplicate_journey(self, journey_id: str, title: str | None = None) -> Journey:
        """A copy of the journey with fresh ids, placed after it."""
        source = self.journey(journey_id)
        taken = self._taken_ids()
        mapping = {
            old: self._unused_id(old[:1] or "x", taken | {old}) for old in sorted(source.ids())
        }
        twin = Journey(
            mapping[source.id],
            title or f"{source.title} (copy)",
            source.persona,
            source.description,
            [replace(s, id=mapping[s.id]) for s in source.stages],
            [replace(lane, id=mapping[lane.id]) for lane in source.lanes],
        )
        for step in source.steps():
            twin._put_step(
                replace(
                    step, id=mapping[step.id], stage=mapping[step.stage], lane=mapping[step.lane]
                )
            )
        for t in source.transitions():
            twin._put_transition(
                replace(t, id=mapping[t.id], source=mapping[t.source], target=mapping[t.target])
            )
        index = self.project.journeys.index(source) + 1
        return self.insert_journey(twin, index)

    # -- project -------------------------------------------------------------
    def update_project(self, *, merge: bool = False, **changes: Any) -> None:
        """Change project fields (not the emotion scale: see `set_emotion_scale`)."""
        unknown = set(changes) - (set(PROJECT_FIELDS) - {"emotion_scale"})
        if unknown:
            raise ValidationError(f"project.{sorted(unknown)[0]}", "cannot be changed here")
        for key, value in changes.items():
            if key == "workshop_date":
                check_date(value, "workshop_date")
            else:
                check_text(value, key)
        old = {k: getattr(self.project, k) for k in changes}
        if old != changes:
            key = ("project", next(iter(changes))) if merge and len(changes) == 1 else None
            self._push("Change project", [SetFields("", old, dict(changes), key)])

    def set_emotion_scale(self, code: str) -> None:
        """Change the scale and convert every emotion onto it, as one unit."""
        check_scale(code, "emotion_scale")
        old_scale, new_scale = self.project.scale, emotion_scale(code)
        if old_scale == new_scale:
            return
        commands: list[Command] = []
        for journey in self.project.journeys:
            for step in journey.steps():
                converted = replace(
                    step,
                    current_emotion=None
                    if step.current_emotion is None
                    else old_scale.convert(step.current_emotion, new_scale),
                    future_emotion=None
                    if step.future_emotion is None
                    else old_scale.convert(step.future_emotion, new_scale),
                )
                if converted != step:
                    commands.append(PutStep("", step, converted, journey=journey.id))
        commands.append(SetFields("", {"emotion_scale": old_scale.code}, {"emotion_scale": code}))
        self._push(f"Change emotion scale to {code}", commands)


# -- coercion: accept plain strings and lists from callers ------------------------


def _coerce_step(step: Step) -> Step:
    from motdesk.graph.vocabulary import Channel, Evidence, StepKind

    try:
        return replace(
            step,
            kind=StepKind(step.kind),
            channel=None if step.channel is None else Channel(step.channel),
            evidence=Evidence(step.evidence),
            state=State(step.state),
            moment=None if step.moment is None else Moment(step.moment),
            pain_points=tuple(step.pain_points),
            opportunities=tuple(step.opportunities),
            kpis=tuple(step.kpis),
        )
    except ValueError as exc:
        raise ValidationError(_step_path(step), str(exc)) from None


def _coerce_transition(transition: Transition) -> Transition:
    try:
        return replace(transition, state=State(transition.state))
    except ValueError as exc:
        raise ValidationError(f"transition {transition.id}", str(exc)) from None


POSITION_FIELDS = frozenset({"x", "y", "stage", "lane"})


def _into_cells(journey: Journey, moving: list[str], new: Mapping[str, Step]) -> dict[str, Step]:
    """The steps of `moving` (whose `new` stage or lane was chosen, not dragged to) put into
    their new cells, each as far into its column and row as it was into the old ones,
    or at the nearest free place; with the steps moved right to make room where a cell
    is full (they keep any other change of `new`)."""
    geometry = MapGeometry.of(journey)
    placed: dict[str, Step] = {}
    others = [new.get(s.id, s) for s in journey.steps() if s.id not in set(moving)]
    taken = CardSpots((s.x, s.y) for s in others)
    for step_id in moving:
        old, step = journey.step(step_id), new[step_id]
        x, y = old.x, old.y
        if step.stage != old.stage:
            x = same_place(x, CARD_W, geometry.stage(old.stage), geometry.stage(step.stage), PAD_X)
        if step.lane != old.lane:
            y = same_place(y, CARD_H, geometry.lane(old.lane), geometry.lane(step.lane), PAD_Y)
        x, y = round(x / SNAP) * SNAP, round(y / SNAP) * SNAP
        place = place_in_cell(geometry, (x, y), (step.stage, step.lane), others, taken)
        moved = place is not None and bool(place.room)
        if place is not None:
            x, y = place.x, place.y
            if place.room:
                others = [s.at(place.room[s.id], s.y) if s.id in place.room else s for s in others]
                placed.update({s.id: s for s in others if s.id in place.room})
        placed[step_id] = step.at(x, y)
        others.append(placed[step_id])
        if moved:  # cards moved right: their corners again
            taken = CardSpots((s.x, s.y) for s in others)
        else:
            taken.add(x, y)
    return placed


def _check_position(step: Step, stage_ids: set[str], lane_ids: set[str]) -> None:
    """The rules a move can break: the cell must exist and the position be a number."""
    path = _step_path(step)
    if step.stage not in stage_ids:
        raise ValidationError(f"{path}.stage", f"{step.stage!r} is not a stage of the journey")
    if step.lane not in lane_ids:
        raise ValidationError(f"{path}.lane", f"{step.lane!r} is not a lane of the journey")
    check_number(step.x, f"{path}.x")
    check_number(step.y, f"{path}.y")


def _fit_emotions_to_state(step: Step) -> Step:
    """A step that loses a side loses that side's emotion."""
    if not step.state.has_current:
        step = replace(step, current_emotion=None)
    if not step.state.has_future:
        step = replace(step, future_emotion=None)
    return step


_FIELD_NAMES = {"kpis": "KPIs", "current_emotion": "today's emotion",
                "future_emotion": "target emotion"}  # fmt: skip
"""Fields named in undo names otherwise than by their name with spaces."""


def _describe_change(changes: Mapping[str, Mapping[str, Any]], journey: Journey) -> str:
    fields = {k for f in changes.values() for k in f}
    if fields <= {"x", "y", "stage", "lane"}:
        return "Move" if len(changes) == 1 else f"Move {len(changes)} steps"
    if len(fields) == 1:
        field = _FIELD_NAMES.get(next(iter(fields)), next(iter(fields)).replace("_", " "))
        return f"Change {field}" if len(changes) == 1 else f"Change {field} of {len(changes)} steps"
    return "Change step" if len(changes) == 1 else f"Change {len(changes)} steps"

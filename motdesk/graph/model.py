"""The journey document: a project of personas and journeys, each journey a directed graph.

Records (`Step`, `Transition`, `Stage`, `Lane`, `Persona`, `Kpi`) are frozen
dataclasses: a change replaces a record whole, which keeps undo exact and lets
views compare old and new values. `Journey` and `Project` are the containers the
commands mutate; nothing else should.
"""

from __future__ import annotations

import secrets
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, fields, replace
from operator import attrgetter
from typing import Any

import networkx as nx

from motdesk.graph.vocabulary import (
    DEFAULT_SCALE,
    Channel,
    EmotionScale,
    Evidence,
    LaneKind,
    Moment,
    State,
    StepKind,
    emotion_scale,
)


def new_id(prefix: str) -> str:
    """A short random id, stable for the life of the record (never a position)."""
    return f"{prefix}{secrets.token_hex(5)}"


@dataclass(frozen=True, slots=True)
class Kpi:
    """A measure of a step, with today's value and the target."""

    name: str
    current: float | None = None
    target: float | None = None
    unit: str = ""


@dataclass(frozen=True)
class Persona:
    id: str
    name: str
    description: str = ""
    goals: str = ""


@dataclass(frozen=True)
class Stage:
    """An ordered column of the map; may name the moment of truth it usually holds."""

    id: str
    name: str
    moment: Moment | None = None


@dataclass(frozen=True)
class Lane:
    """An ordered row of the map (a service-blueprint lane)."""

    id: str
    name: str
    kind: LaneKind = LaneKind.OTHER


@dataclass(frozen=True, slots=True)
class Step:
    """One node of the journey."""

    id: str
    label: str
    stage: str
    lane: str
    description: str = ""
    kind: StepKind = StepKind.TOUCHPOINT
    channel: Channel | None = None
    owner: str = ""
    evidence: Evidence = Evidence.OBSERVED
    state: State = State.BOTH
    moment: Moment | None = None
    current_emotion: int | None = None
    future_emotion: int | None = None
    pain_points: tuple[str, ...] = ()
    opportunities: tuple[str, ...] = ()
    kpis: tuple[Kpi, ...] = ()
    phase: int | None = None
    notes: str = ""
    x: float = 0.0
    y: float = 0.0

    def emotion(self, side: State) -> int | None:
        """The emotion on one side (`current` or `future`)."""
        return self.current_emotion if side is State.CURRENT else self.future_emotion

    def at(self, x: float, y: float) -> Step:
        """The same step at (x, y): `replace(step, x=x, y=y)` at half the cost, which counts
        when an auto-layout moves thousands of cards."""
        return Step(*_ALL_BUT_POSITION(self), x, y)

    @property
    def gap(self) -> int | None:
        """Future emotion minus current emotion, where the step has both."""
        if self.current_emotion is None or self.future_emotion is None:
            return None
        return self.future_emotion - self.current_emotion


STEP_FIELDS: tuple[str, ...] = tuple(f.name for f in fields(Step))
assert STEP_FIELDS[-2:] == ("x", "y"), "Step.at passes the other fields by position"
_ALL_BUT_POSITION = attrgetter(*STEP_FIELDS[:-2])


@dataclass(frozen=True, slots=True)
class Transition:
    """One directed edge between two steps, with the share of customers who take it."""

    id: str
    source: str
    target: str
    label: str = ""
    share: float | None = None
    state: State = State.BOTH


TRANSITION_FIELDS: tuple[str, ...] = tuple(f.name for f in fields(Transition))


class Journey:
    """A directed graph of steps, laid out over ordered stages and lanes.

    Node attribute ``step`` holds the `Step`; edge attribute ``transition`` the
    `Transition`. Transition ids map to their (source, target) pair.
    """

    def __init__(
        self,
        id: str,
        title: str,
        persona: str | None = None,
        description: str = "",
        stages: list[Stage] | None = None,
        lanes: list[Lane] | None = None,
    ) -> None:
        self.id = id
        self.title = title
        self.persona = persona
        self.description = description
        self.stages: list[Stage] = list(stages or [])
        self.lanes: list[Lane] = list(lanes or [])
        self.graph: nx.DiGraph = nx.DiGraph()
        self._edges: dict[str, tuple[str, str]] = {}

    # -- reading -------------------------------------------------------------
    def steps(self) -> Iterator[Step]:
        for _, step in self.graph.nodes(data="step"):
            yield step

    def transitions(self) -> Iterator[Transition]:
        """Transitions in the order they were added (the graph's own order is by source)."""
        edges = self.graph.edges
        for pair in self._edges.values():
            yield edges[pair]["transition"]

    def step(self, step_id: str) -> Step:
        try:
            return self.graph.nodes[step_id]["step"]
        except KeyError:
            raise KeyError(f"no step {step_id!r} in journey {self.title!r}") from None

    def has_step(self, step_id: str) -> bool:
        return step_id in self.graph

    def transition(self, transition_id: str) -> Transition:
        try:
            source, target = self._edges[transition_id]
        except KeyError:
            raise KeyError(f"no transition {transition_id!r} in journey {self.title!r}") from None
        return self.graph.edges[source, target]["transition"]

    def has_transition(self, transition_id: str) -> bool:
        return transition_id in self._edges

    def transition_between(self, source: str, target: str) -> Transition | None:
        data = self.graph.get_edge_data(source, target)
        return None if data is None else data["transition"]

    def transitions_of(self, step_id: str) -> list[Transition]:
        """Every transition that starts or ends at the step."""
        out = [t for _, _, t in self.graph.out_edges(step_id, data="transition")]
        inc = [t for _, _, t in self.graph.in_edges(step_id, data="transition")]
        return out + [t for t in inc if t.source != t.target]

    def stage(self, stage_id: str) -> Stage:
        for stage in self.stages:
            if stage.id == stage_id:
                return stage
        raise KeyError(f"no stage {stage_id!r} in journey {self.title!r}")

    def lane(self, lane_id: str) -> Lane:
        for lane in self.lanes:
            if lane.id == lane_id:
                return lane
        raise KeyError(f"no lane {lane_id!r} in journey {self.title!r}")

    def stage_index(self, stage_id: str) -> int:
        return [s.id for s in self.stages].index(stage_id)

    def lane_index(self, lane_id: str) -> int:
        return [lane.id for lane in self.lanes].index(lane_id)

    @property
    def step_count(self) -> int:
        return self.graph.number_of_nodes()

    @property
    def transition_count(self) -> int:
        return self.graph.number_of_edges()

    def ids(self) -> set[str]:
        """Every id this journey holds, its own included."""
        ids = {self.id}
        ids.update(s.id for s in self.stages)
        ids.update(lane.id for lane in self.lanes)
        ids.update(self.graph.nodes)
        ids.update(self._edges)
        return ids

    def has_id(self, item_id: str) -> bool:
        return (
            item_id == self.id
            or item_id in self.graph
            or item_id in self._edges
            or any(s.id == item_id for s in self.stages)
            or any(lane.id == item_id for lane in self.lanes)
        )

    # -- primitive mutations (only commands call these) ----------------------
    def _put_step(self, step: Step) -> None:
        if step.id in self.graph:
            self.graph.nodes[step.id]["step"] = step
        else:
            self.graph.add_node(step.id, step=step)

    def _load(self, steps: Iterable[Step], transitions: Iterable[Transition]) -> None:
        """Fill an empty journey in one pass: the graph `_put_step` and `_put_transition` build.

        The file reader's path for tens of thousands of records, which it has
        already checked (unique ids, one transition per direction, known ends).
        It fills networkx's own adjacency dictionaries, as ``DiGraph.add_edge``
        does, without its per-call overhead; a test holds it to the graph the
        one-by-one path builds.
        """
        graph = self.graph
        if graph.number_of_nodes() or self._edges:
            raise ValueError(f"journey {self.title!r} is not empty")
        nodes, succ, pred = graph._node, graph._succ, graph._pred
        for step in steps:
            sid = step.id
            nodes[sid] = {"step": step}
            succ[sid] = {}
            pred[sid] = {}
        edges = self._edges
        for transition in transitions:
            source, target = transition.source, transition.target
            data = {"transition": transition}
            succ[source][target] = data
            pred[target][source] = data
            edges[transition.id] = (source, target)
        cache = getattr(graph, "__networkx_cache__", None)
        if cache:
            cache.clear()

    def _drop_step(self, step_id: str) -> None:
        self.graph.remove_node(step_id)

    def _put_transition(self, transition: Transition) -> None:
        old = self._edges.get(transition.id)
        if old is not None and old != (transition.source, transition.target):
            self.graph.remove_edge(*old)
        self.graph.add_edge(transition.source, transition.target, transition=transition)
        self._edges[transition.id] = (transition.source, transition.target)

    def _drop_transition(self, transition_id: str) -> None:
        source, target = self._edges.pop(transition_id)
        self.graph.remove_edge(source, target)

    # -- comparison ----------------------------------------------------------
    def key(self) -> tuple[Any, ...]:
        """Everything that makes the journey what it is; step and transition order aside."""
        return (
            self.id,
            self.title,
            self.persona,
            self.description,
            tuple(self.stages),
            tuple(self.lanes),
            {s.id: s for s in self.steps()},
            {t.id: t for t in self.transitions()},
        )

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Journey) and self.key() == other.key()

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return f"Journey({self.id!r}, {self.title!r}, steps={self.step_count})"

    def copy(self) -> Journey:
        """An independent copy with the same ids (records are immutable and shared)."""
        twin = Journey(self.id, self.title, self.persona, self.description, self.stages, self.lanes)
        twin.graph = self.graph.copy()
        twin._edges = dict(self._edges)
        return twin


@dataclass
class Project:
    """One `.motdesk` file: project fields, personas and journeys."""

    title: str = "Untitled project"
    organisation: str = ""
    facilitator: str = ""
    workshop_date: str | None = None  # ISO date, YYYY-MM-DD
    notes: str = ""
    emotion_scale: str = DEFAULT_SCALE.code
    personas: list[Persona] = field(default_factory=list)
    journeys: list[Journey] = field(default_factory=list)

    @property
    def step_count(self) -> int:
        """Steps in every journey of the project."""
        return sum(journey.step_count for journey in self.journeys)

    @property
    def scale(self) -> EmotionScale:
        return emotion_scale(self.emotion_scale)

    def journey(self, journey_id: str) -> Journey:
        for journey in self.journeys:
            if journey.id == journey_id:
                return journey
        raise KeyError(f"no journey {journey_id!r} in the project")

    def persona(self, persona_id: str) -> Persona:
        for persona in self.personas:
            if persona.id == persona_id:
                return persona
        raise KeyError(f"no persona {persona_id!r} in the project")

    def has_id(self, item_id: str) -> bool:
        """Whether any record of the project already uses the id (cheap: no full scan)."""
        if any(p.id == item_id for p in self.personas):
            return True
        return any(j.has_id(item_id) for j in self.journeys)

    def ids(self) -> set[str]:
        ids = {p.id for p in self.personas}
        for journey in self.journeys:
            ids |= journey.ids()
        return ids

    def copy(self) -> Project:
        return replace(
            self,
            personas=list(self.personas),
            journeys=[j.copy() for j in self.journeys],
        )


PROJECT_FIELDS: tuple[str, ...] = (
    "title",
    "organisation",
    "facilitator",
    "workshop_date",
    "notes",
    "emotion_scale",
)
JOURNEY_FIELDS: tuple[str, ...] = ("title", "persona", "description")

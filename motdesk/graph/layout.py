"""Auto-layout of a journey into its stage columns and lane rows, and the map geometry the canvas
and the handout share.

Units are canvas pixels; a step's (x, y) is its card's top-left corner; y grows
downwards. The first stage column and the first lane row start at 0: headers are
drawn outside, at negative coordinates.

The layout (O((V + E) log V)): inside each stage, steps get a *layer* (a column
slot) by the longest chain of transitions inside the stage, a transition within a
lane moving one slot right and one between lanes staying in the slot, so a
customer action and the touchpoint it triggers stand one above the other. Steps
sharing a stage, a slot and a lane stack into *tracks*; the main path (current
view, or the future view if today has none) takes track 0, so it runs straight
along each lane, and the rest are ordered by the barycentre of their neighbours'
tracks, one sweep forward and one back. Loops are broken by a depth-first walk
before layering. It reads the structure, never the cards' positions, so applying
it twice moves nothing.
"""

from __future__ import annotations

import itertools
from bisect import bisect_right
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass

from motdesk.graph.document import Document
from motdesk.graph.model import Journey, Step
from motdesk.graph.paths import flow, gc_paused, main_path, map_order
from motdesk.graph.vocabulary import View

CARD_W = 180.0
"""A card's width."""
CARD_H = 90.0
"""A card's height."""
GAP_X = 60.0
"""Between two cards side by side in a stage: room for an arrow and its label."""
GAP_Y = 20.0
"""Between two cards stacked in a lane."""
PAD_X = 30.0
"""Between a card and the edge of its stage column (so 60 between stages)."""
PAD_Y = 20.0
"""Between a card and the edge of its lane row."""
SNAP = 10.0
"""Dragged cards snap to this grid."""

Position = tuple[float, float]


@dataclass(frozen=True)
class Band:
    """One stage column or lane row: its id and its extent along one axis."""

    id: str
    start: float
    end: float

    @property
    def middle(self) -> float:
        return (self.start + self.end) / 2

    @property
    def size(self) -> float:
        return self.end - self.start


@dataclass(frozen=True)
class MapGeometry:
    """Stage columns left to right and lane rows top to bottom, contiguous.

    Each column spans the cards of its stage (the widest cell sets it), each row
    the cards of its lane (the tallest cell sets it), with PAD_X / PAD_Y around
    them and at least one card's room for an empty stage or lane.
    """

    stages: tuple[Band, ...]
    lanes: tuple[Band, ...]
    card: tuple[float, float] = (CARD_W, CARD_H)

    @classmethod
    def of(
        cls,
        journey: Journey,
        positions: dict[str, Position] | None = None,
        *,
        card: tuple[float, float] = (CARD_W, CARD_H),
    ) -> MapGeometry:
        """The geometry of the journey's steps where they stand (or at `positions`)."""
        return cls.from_steps(
            [s.id for s in journey.stages],
            [lane.id for lane in journey.lanes],
            journey.steps(),
            positions,
            card=card,
        )

    @classmethod
    def from_steps(
        cls,
        stage_ids: list[str],
        lane_ids: list[str],
        steps: Iterable[Step],
        positions: dict[str, Position] | None = None,
        *,
        card: tuple[float, float] = (CARD_W, CARD_H),
    ) -> MapGeometry:
        width, height = card
        xs: dict[str, tuple[float, float]] = {}
        ys: dict[str, tuple[float, float]] = {}
        for step in steps:
            x, y = positions[step.id] if positions and step.id in positions else (step.x, step.y)
            lo, hi = xs.get(step.stage, (x, x))
            xs[step.stage] = (min(lo, x), max(hi, x))
            lo, hi = ys.get(step.lane, (y, y))
            ys[step.lane] = (min(lo, y), max(hi, y))
        return cls(
            tuple(_bands(stage_ids, {k: (lo - PAD_X, hi + width + PAD_X) for k, (lo, hi) in xs.items()},
                   width + 2 * PAD_X)),
            tuple(_bands(lane_ids, {k: (lo - PAD_Y, hi + height + PAD_Y) for k, (lo, hi) in ys.items()},
                   height + 2 * PAD_Y)),
            card,
        )  # fmt: skip

    @property
    def left(self) -> float:
        return self.stages[0].start if self.stages else 0.0

    @property
    def top(self) -> float:
        return self.lanes[0].start if self.lanes else 0.0

    @property
    def width(self) -> float:
        return self.stages[-1].end - self.left if self.stages else self.card[0] + 2 * PAD_X

    @property
    def height(self) -> float:
        return self.lanes[-1].end - self.top if self.lanes else self.card[1] + 2 * PAD_Y

    def stage(self, stage_id: str) -> Band:
        """The column of a stage (KeyError if the journey has no such stage)."""
        for band in self.stages:
            if band.id == stage_id:
                return band
        raise KeyError(stage_id)

    def lane(self, lane_id: str) -> Band:
        for band in self.lanes:
            if band.id == lane_id:
                return band
        raise KeyError(lane_id)

    def cell_at(self, x: float, y: float) -> tuple[str | None, str | None]:
        """The stage and lane under a point; a point beyond the map falls in the nearest one."""
        return _nearest(self.stages, x), _nearest(self.lanes, y)

    def snap(self, x: float, y: float) -> tuple[float, float, str | None, str | None]:
        """A card's top-left corner snapped to SNAP inside the cell under its centre, and that
        cell's stage and lane."""
        width, height = self.card
        stage_id, lane_id = self.cell_at(x + width / 2, y + height / 2)
        x, y = round(x / SNAP) * SNAP, round(y / SNAP) * SNAP
        if stage_id is not None:
            band = self.stage(stage_id)
            x = _clamp(x, band.start + PAD_X, band.end - PAD_X - width)
        if lane_id is not None:
            band = self.lane(lane_id)
            y = _clamp(y, band.start + PAD_Y, band.end - PAD_Y - height)
        return x, y, stage_id, lane_id


def _bands(ids: list[str], extents: dict[str, tuple[float, float]], minimum: float) -> list[Band]:
    """Contiguous bands in order, each wide enough for its cards; a gap is split in the middle."""
    bands: list[Band] = []
    first = extents.get(ids[0]) if ids else None
    cursor = min(0.0, first[0]) if first else 0.0
    for i, item_id in enumerate(ids):
        _, high = extents.get(item_id, (cursor, cursor + minimum))
        start = cursor
        end = max(high, start + minimum)
        following = extents.get(ids[i + 1]) if i + 1 < len(ids) else None
        if following is not None and following[0] > end:
            end = (end + following[0]) / 2
        bands.append(Band(item_id, start, end))
        cursor = end
    return bands


def _nearest(bands: tuple[Band, ...], value: float) -> str | None:
    if not bands:
        return None
    index = bisect_right([b.start for b in bands], value) - 1
    return bands[max(0, min(index, len(bands) - 1))].id


def _clamp(value: float, low: float, high: float) -> float:
    return low if high < low else max(low, min(value, high))


# -- auto-layout ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Layout:
    """Where auto-layout puts every step, and the geometry those positions make."""

    positions: dict[str, Position]
    geometry: MapGeometry
    layers: dict[str, int]
    """Each step's column slot inside its stage."""
    tracks: dict[str, int]
    """Each step's place in its stack (0 = top) inside its stage, slot and lane."""


def auto_layout(
    journey: Journey,
    *,
    card: tuple[float, float] = (CARD_W, CARD_H),
    gap: tuple[float, float] = (GAP_X, GAP_Y),
) -> dict[str, Position]:
    """Where each step goes: its card's top-left corner, inside its stage column and lane row."""
    return plan_layout(journey, card=card, gap=gap).positions


def plan_layout(
    journey: Journey,
    *,
    card: tuple[float, float] = (CARD_W, CARD_H),
    gap: tuple[float, float] = (GAP_X, GAP_Y),
) -> Layout:
    """`auto_layout` with the geometry, slots and tracks it chose."""
    with gc_paused():
        return _plan(journey, card, gap)


def _plan(journey: Journey, card: tuple[float, float], gap: tuple[float, float]) -> Layout:
    width, height = card
    gap_x, gap_y = gap
    steps = map_order(journey)
    stage_index = {s.id: i for i, s in enumerate(journey.stages)}
    lane_index = {lane.id: i for i, lane in enumerate(journey.lanes)}
    stage_of = {s.id: stage_index[s.stage] for s in steps}
    lane_of = {s.id: lane_index[s.lane] for s in steps}
    order = [s.id for s in steps]
    rank = {step_id: i for i, step_id in enumerate(order)}
    succ: dict[str, Iterable[str]] = dict(journey.graph.adjacency())
    pred: dict[str, Iterable[str]] = dict(journey.graph.reverse(copy=False).adjacency())

    main = _main_steps(journey, steps)
    layers = _layers(order, stage_of, lane_of, succ, main, len(journey.lanes))

    # group by (stage, layer) column, then lane; walk the columns left to right and back
    columns: dict[tuple[int, int], dict[int, list[str]]] = {}
    for step_id in order:
        lanes = columns.setdefault((stage_of[step_id], layers[step_id]), {})
        lanes.setdefault(lane_of[step_id], []).append(step_id)
    sequence = sorted(columns)
    tracks: dict[str, int] = {}
    for sweep, neighbours in ((sequence, pred), (sequence[::-1], succ)):
        key = _sorter(neighbours, tracks, main, rank)
        for column in sweep:
            for group in columns[column].values():
                if len(group) > 1:
                    group.sort(key=key)
                for track, step_id in enumerate(group):
                    tracks[step_id] = track

    # a stage is as wide as its slots, a lane as tall as its tallest stack
    slots = [1] * len(journey.stages)
    stack = [1] * len(journey.lanes)
    for (stage, layer), lanes in columns.items():
        slots[stage] = max(slots[stage], layer + 1)
        for lane, group in lanes.items():
            stack[lane] = max(stack[lane], len(group))
    stage_x = _starts([2 * PAD_X + n * width + (n - 1) * gap_x for n in slots])
    lane_y = _starts([2 * PAD_Y + n * height + (n - 1) * gap_y for n in stack])
    step_x, step_y = width + gap_x, height + gap_y
    positions: dict[str, Position] = {
        step_id: (
            stage_x[stage_of[step_id]] + PAD_X + layers[step_id] * step_x,
            lane_y[lane_of[step_id]] + PAD_Y + tracks[step_id] * step_y,
        )
        for step_id in order
    }
    geometry = MapGeometry(
        tuple(Band(s.id, stage_x[i], stage_x[i + 1]) for i, s in enumerate(journey.stages)),
        tuple(Band(lane.id, lane_y[i], lane_y[i + 1]) for i, lane in enumerate(journey.lanes)),
        card,
    )
    return Layout(positions, geometry, layers, tracks)


def _starts(sizes: list[float]) -> list[float]:
    """Cumulative starts of bands of `sizes`, with the end of the last one appended."""
    starts = [0.0]
    for size in sizes:
        starts.append(starts[-1] + size)
    return starts


def _main_steps(journey: Journey, ordered: list[Step]) -> dict[str, int]:
    """The steps of the main path, current view (or the future view if today has none), by
    their place on it."""
    for view in (View.CURRENT, View.FUTURE):
        path = main_path(flow(journey, view, ordered=ordered))
        if path is not None:
            return {step_id: i for i, step_id in enumerate(path.steps)}
    return {}


def _layers(
    order: list[str],
    stage_of: dict[str, int],
    lane_of: dict[str, int],
    succ: dict[str, Iterable[str]],
    main: dict[str, int],
    lane_count: int,
) -> dict[str, int]:
    """Each step's column slot in its stage: the longest chain before it inside the stage.

    A transition inside a lane moves one slot right, one between lanes keeps the slot,
    but a step always stands right of every step of its own lane that leads to it.
    """
    # break loops: drop the transitions a depth-first walk (main path first) finds closing one
    roots = itertools.chain(sorted(main, key=main.__getitem__), order)
    on_walk: set[str] = set()
    done: set[str] = set()
    forward: dict[str, list[str]] = {}
    finished: list[str] = []
    for root in roots:
        if root in done:
            continue
        on_walk.add(root)
        stack = [(root, stage_of[root], iter(succ[root]))]
        while stack:
            node, stage, targets = stack[-1]
            for target in targets:
                if target in on_walk or stage_of[target] != stage:
                    continue  # closing a loop, or into another stage
                if node in forward:
                    forward[node].append(target)
                else:
                    forward[node] = [target]
                if target not in done:
                    on_walk.add(target)
                    stack.append((target, stage, iter(succ[target])))
                    break
            else:
                on_walk.discard(node)
                done.add(node)
                finished.append(node)
                stack.pop()
    # per step, the highest slot of each lane among the steps leading to it; a step takes
    # the highest slot of any of them (transitions never point left) and one more than its
    # own lane's
    highest: dict[str, list[int]] = {}
    blank = [-1] * lane_count
    layer: dict[str, int] = {}
    for node in reversed(finished):  # a topological order of the forward transitions
        lane = lane_of[node]
        slots = highest.pop(node, blank)
        here = max(slots[lane] + 1, max(slots))
        layer[node] = here
        targets = forward.get(node)
        if targets:
            slots = slots[:]
            slots[lane] = here
            for target in targets:
                theirs = highest.get(target)
                highest[target] = slots if theirs is None else list(map(max, theirs, slots))
    return layer


def _sorter(
    neighbours: Mapping[str, Iterable[str]],
    tracks: dict[str, int],
    main: dict[str, int],
    rank: dict[str, int],
) -> Callable[[str], tuple[bool, float, int]]:
    """Sort key: main-path steps first, then by the mean track of the neighbours placed so far."""

    def key(step_id: str) -> tuple[bool, float, int]:
        placed = [tracks[n] for n in neighbours[step_id] if n in tracks]
        centre = sum(placed) / len(placed) if placed else float(tracks.get(step_id, 0))
        return (step_id not in main, centre, rank[step_id])

    return key


def apply_layout(
    document: Document,
    journey_id: str,
    *,
    card: tuple[float, float] = (CARD_W, CARD_H),
    gap: tuple[float, float] = (GAP_X, GAP_Y),
) -> None:
    """Auto-layout applied through `Document.move_steps` as one undoable unit, "Auto-layout"."""
    journey = document.journey(journey_id)
    positions = auto_layout(journey, card=card, gap=gap)
    moves = {
        step_id: {"x": x, "y": y}
        for step_id, (x, y) in positions.items()
        if (journey.step(step_id).x, journey.step(step_id).y) != (x, y)
    }
    if not moves:
        return
    with document.history.group("Auto-layout"):
        document.move_steps(journey_id, moves, name="Auto-layout")

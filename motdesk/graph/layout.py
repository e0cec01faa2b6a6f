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

It works on the steps numbered in map order and on plain lists, and finds the main
path with its own copy of `paths.main_path`'s search (the same keys, ties and
result, tests/test_layout_main_path.py holds them together) that reads each step's
transitions as it reaches it instead of building the view's whole `Flow`: so the
whole layout stays a small multiple of networkx's `multipartite_layout`, which only
spreads each stage's steps in a column (benchmarks/bench_layout.py).
"""

from __future__ import annotations

import heapq
import itertools
import math
from bisect import bisect_left, bisect_right
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from operator import add, mul
from typing import Any

from motdesk.graph.document import Document
from motdesk.graph.model import Journey, Step
from motdesk.graph.paths import effective_shares, gc_paused
from motdesk.graph.views import visible
from motdesk.graph.vocabulary import State, StepKind, View

CARD_W = 180.0
"""A card's width."""
CARD_H = 90.0
"""A card's height."""
FOLD_SLOTS = 40
"""Slots (sub-columns) a stage may have before its later ones fold into further rows."""
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
    # the first and last card corner along the axis (None: no card), from the cards the
    # band was made of; not part of its identity
    cards: tuple[float, float] | None = field(default=None, compare=False)

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
        stages = _bands(stage_ids, {k: (lo - PAD_X, hi + width + PAD_X) for k, (lo, hi) in xs.items()},
                        width + 2 * PAD_X)
        lanes = _bands(lane_ids, {k: (lo - PAD_Y, hi + height + PAD_Y) for k, (lo, hi) in ys.items()},
                       height + 2 * PAD_Y)
        return cls(
            tuple(replace(b, cards=xs[b.id]) if b.id in xs else b for b in stages),
            tuple(replace(b, cards=ys[b.id]) if b.id in ys else b for b in lanes),
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
            x = _into(x, width, band, PAD_X)
        if lane_id is not None:
            band = self.lane(lane_id)
            y = _into(y, height, band, PAD_Y)
        return x, y, stage_id, lane_id

    def free_spot(
        self,
        x: float,
        y: float,
        stage_id: str,
        lane_id: str,
        taken: Iterable[Position],
        reach: Position | None = None,
        gap: Position = (GAP_X, GAP_Y),
    ) -> Position | None:
        """The place on the SNAP grid of the cell (`stage_id`, `lane_id`) nearest to `x`, `y`
        where a card keeps `gap` (across, down; by default GAP_X and GAP_Y: room for the
        arrows between them) from the cards whose corners are `taken`, or None when the
        cell has no such place (within `reach`, the farthest it may be across and down,
        if given).

        A cell is as large as its cards make it; a card dropped on another moves beside
        it rather than hiding it."""
        width, height = self.card
        stage, lane = self.stage(stage_id), self.lane(lane_id)
        left, right = stage.start + PAD_X, stage.end - PAD_X - width
        top, bottom = lane.start + PAD_Y, lane.end - PAD_Y - height
        near = [
            (tx, ty)
            for tx, ty in taken
            if tx < stage.end
            and tx + width > stage.start
            and ty < lane.end
            and ty + height > lane.start
        ]

        gap_x, gap_y = gap

        def free(cx: float, cy: float) -> bool:
            return all(
                abs(cx - tx) >= width + gap_x or abs(cy - ty) >= height + gap_y for tx, ty in near
            )

        right, bottom = max(left, right), max(top, bottom)
        if reach is not None:
            left, right = max(left, x - reach[0]), min(right, x + reach[0])
            top, bottom = max(top, y - reach[1]), min(bottom, y + reach[1])
            if left > right or top > bottom:
                return None
        x, y = _clamp(x, left, right), _clamp(y, top, bottom)
        if free(x, y):
            return x, y

        # the nearest free place lies where the drop was, at the cell's edge or against a
        # card, in each direction: only those places need trying
        def places(at: float, low: float, high: float, others: list[float], size: float):
            found = {at, low, high}
            for other in others:
                found.update((other - size, other + size))
            snapped = {math.ceil(v / SNAP) * SNAP for v in found} | {
                math.floor(v / SNAP) * SNAP for v in found
            }
            return [v for v in snapped if low <= v <= high]

        columns = places(x, left, right, [tx for tx, _ in near], width + gap_x)
        rows = places(y, top, bottom, [ty for _, ty in near], height + gap_y)
        spots = sorted(
            ((cx, cy) for cx in columns for cy in rows),
            key=lambda spot: ((spot[0] - x) ** 2 + (spot[1] - y) ** 2, spot),
        )
        return next((spot for spot in spots if free(*spot)), None)


class CardSpots:
    """Cards' top-left corners in buckets of a card's size, so whether a place is covered,
    or which cards lie near a cell, is a look at a few buckets, not at every card."""

    def __init__(self, spots: Iterable[Position] = (), card: Position = (CARD_W, CARD_H)) -> None:
        self.width, self.height = card
        self._buckets: dict[tuple[int, int], list[Position]] = {}
        for x, y in spots:
            self.add(x, y)

    def _key(self, x: float, y: float) -> tuple[int, int]:
        return math.floor(x / self.width), math.floor(y / self.height)

    def add(self, x: float, y: float) -> None:
        self._buckets.setdefault(self._key(x, y), []).append((x, y))

    def covers(self, x: float, y: float) -> bool:
        """Whether a card at `x`, `y` would overlap one of these."""
        i, j = self._key(x, y)
        width, height = self.width, self.height
        return any(
            abs(tx - x) < width and abs(ty - y) < height
            for di in (-1, 0, 1)
            for dj in (-1, 0, 1)
            for tx, ty in self._buckets.get((i + di, j + dj), ())
        )

    def within(self, left: float, top: float, right: float, bottom: float) -> list[Position]:
        """The corners of the cards that may reach into the box (a bucket's slack around it)."""
        i0, j0 = self._key(left - self.width, top - self.height)
        i1, j1 = self._key(right, bottom)
        if (i1 - i0 + 1) * (j1 - j0 + 1) > len(self._buckets):  # a box larger than the map
            return [spot for spots in self._buckets.values() for spot in spots]
        return [
            spot
            for i in range(i0, i1 + 1)
            for j in range(j0, j1 + 1)
            for spot in self._buckets.get((i, j), ())
        ]


def room_right_of(steps: Iterable[Step], x: float, width: float = CARD_W) -> dict[str, float]:
    """Room for one more card just right of a card at `x`: the new x of every step right of
    it (in every stage and lane, so later stages keep their columns), moved `width` plus
    GAP_X further right."""
    shift = width + GAP_X
    return {step.id: step.x + shift for step in steps if step.x > x}


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
        elif following is not None and end == high and start < following[0] < end:
            # the next band's cards are nearer than two paddings: the line between them runs
            # in the middle of their gap, not through the next band's first card
            end = max((high + following[0]) / 2, start + minimum / 2)
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


def _into(value: float, size: float, band: Band, pad: float) -> float:
    """Where a card of `size` at `value` goes in `band`: `pad` inside its edges, or as near
    an edge as the band's own cards already are (in a dense map a card put back where it
    was, or beside its neighbours, stays there)."""
    low, high = band.start + pad, band.end - pad - size
    if band.cards is not None:
        low, high = min(low, band.cards[0]), max(high, band.cards[1])
    return _clamp(value, low, high)


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
    with gc_paused():
        return _place(journey, card, gap)[1]


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
    steps, positions, geometry, layers, tracks = _place(journey, card, gap)
    ids = [s.id for s in steps]
    return Layout(
        positions,
        geometry,
        dict(zip(ids, layers, strict=True)),
        dict(zip(ids, tracks, strict=True)),
    )


def _place(
    journey: Journey, card: tuple[float, float], gap: tuple[float, float]
) -> tuple[list[Step], dict[str, Position], MapGeometry, list[int], list[int]]:
    """The layout over steps numbered in map order: the steps, their positions (by id), the
    geometry, and each step's slot and track by number.

    Everything inside works on those numbers and plain lists, which keeps it a small
    multiple of reading the graph once.
    """
    width, height = card
    gap_x, gap_y = gap
    steps, stage_of, lane_of = _numbered(journey)
    ids = [s.id for s in steps]
    adjacency = dict(journey.graph.adjacency())
    edges = list(map(adjacency.__getitem__, ids))  # each step's {target: {"transition": ...}}
    number = {step_id: i for i, step_id in enumerate(ids)}
    succ = [list(map(number.__getitem__, targets)) for targets in edges]
    path = _main_path(steps, edges, succ)
    lane_count = len(journey.lanes)
    layers = _layers(path, stage_of, lane_of, succ, lane_count)
    tracks, stack = _tracks(journey, ids, number, (stage_of, layers, lane_of), succ, path)
    slot_of, tracks = _fold(lane_of, layers, tracks, stack)

    # a stage is as wide as its slots, a lane as tall as its tallest stack
    slots = [1] * len(journey.stages)
    for stage in range(len(slots)):
        low, high = bisect_left(stage_of, stage), bisect_left(stage_of, stage + 1)
        if high > low:
            slots[stage] = max(slot_of[low:high]) + 1
    stage_x = _starts([2 * PAD_X + n * width + (n - 1) * gap_x for n in slots])
    lane_y = _starts([2 * PAD_Y + n * height + (n - 1) * gap_y for n in stack])
    column_x = [x + PAD_X for x in stage_x]
    row_y = [y + PAD_Y for y in lane_y]
    xs = map(
        add, map(column_x.__getitem__, stage_of), map(mul, slot_of, itertools.repeat(width + gap_x))
    )
    ys = map(
        add, map(row_y.__getitem__, lane_of), map(mul, tracks, itertools.repeat(height + gap_y))
    )
    positions: dict[str, Position] = dict(zip(ids, zip(xs, ys, strict=True), strict=True))
    geometry = MapGeometry(
        tuple(Band(s.id, stage_x[i], stage_x[i + 1]) for i, s in enumerate(journey.stages)),
        tuple(Band(lane.id, lane_y[i], lane_y[i + 1]) for i, lane in enumerate(journey.lanes)),
        card,
    )
    return steps, positions, geometry, layers, tracks


def _fold(
    lane_of: list[int], layers: list[int], tracks: list[int], stack: list[int]
) -> tuple[list[int], list[int]]:
    """Each step's slot and track once a stage of more than `FOLD_SLOTS` slots is folded into
    further rows of each lane (`stack`, each lane's tallest stack, grows to fit, in place).

    A long chain inside one stage (thousands of generated steps) would otherwise make the
    map a ribbon hundreds of times wider than tall. Slot s goes to slot s % FOLD_SLOTS of
    band s // FOLD_SLOTS, and each band of a lane sits below the one before it, a whole
    stack lower, so nothing overlaps. A map of up to FOLD_SLOTS slots a stage (every
    hand-made journey) is left as it is; `layers` keep the order before folding.
    """
    if not layers or max(layers) < FOLD_SLOTS:
        return layers, tracks
    depth = list(stack)  # each lane's tallest stack before folding: one band's height
    slots, folded = list(layers), list(tracks)
    for step, layer in enumerate(layers):
        if layer >= FOLD_SLOTS:
            band, slots[step] = divmod(layer, FOLD_SLOTS)
            lane = lane_of[step]
            folded[step] += band * depth[lane]
            stack[lane] = max(stack[lane], folded[step] + 1)
    return slots, folded


def _tracks(
    journey: Journey,
    ids: list[str],
    number: dict[str, int],
    cells: tuple[list[int], list[int], list[int]],
    succ: list[list[int]],
    path: list[int],
) -> tuple[list[int], list[int]]:
    """Each step's track (its place in the stack of its stage, slot and lane), and each lane's
    tallest stack.

    Main-path steps first, then by the barycentre of their neighbours' tracks: one
    sweep over the columns (stage, then slot) left to right reading the predecessors
    placed so far, one back right to left reading the successors; inside a column the
    lanes go top to bottom. A step alone in its cell takes track 0, so only the stacks
    of several steps are sorted.
    """
    stage_of, layers, lane_of = cells
    lanes = len(journey.lanes)
    # steps come in map order, so a stage and lane's steps stand together; only the few
    # slots that several of them share need stacking
    stacks: dict[tuple[int, int, int], list[int]] = {}
    for stage in range(len(journey.stages)):
        first, last = bisect_left(stage_of, stage), bisect_left(stage_of, stage + 1)
        for lane in range(lanes):
            low = bisect_left(lane_of, lane, first, last)
            high = bisect_left(lane_of, lane + 1, first, last)
            block = layers[low:high]
            if len(set(block)) == len(block):
                continue
            shared = {layer for layer, n in Counter(block).items() if n > 1}
            for step, layer in enumerate(block, low):
                if layer in shared:
                    stack = stacks.get((stage, layer, lane))
                    if stack is None:
                        stacks[stage, layer, lane] = [step]
                    else:
                        stack.append(step)
    tracks = [0] * len(ids)
    tallest = [1] * lanes
    if not stacks:
        return tracks, tallest
    on_main = [False] * len(ids)
    for step in path:
        on_main[step] = True
    predecessors = journey.graph.pred

    def forward(step: int, cell: tuple[int, int, int]) -> tuple[bool, float, int]:
        placed = [
            tracks[n]
            for n in map(number.__getitem__, predecessors[ids[step]])
            if (stage_of[n], layers[n], lane_of[n]) < cell
        ]
        return (not on_main[step], sum(placed) / len(placed) if placed else 0.0, step)

    def back(step: int) -> tuple[bool, float, int]:
        placed = [tracks[n] for n in succ[step]]
        centre = sum(placed) / len(placed) if placed else float(tracks[step])
        return (not on_main[step], centre, step)

    for cell in sorted(stacks):
        stack = stacks[cell]
        stack.sort(key=lambda step, cell=cell: forward(step, cell))  # type: ignore[misc]
        for track, step in enumerate(stack):
            tracks[step] = track
        tallest[cell[2]] = max(tallest[cell[2]], len(stack))
    for cell in sorted(stacks, key=lambda c: (-c[0], -c[1], c[2])):
        stack = stacks[cell]
        stack.sort(key=back)
        for track, step in enumerate(stack):
            tracks[step] = track
    return tracks, tallest


def _starts(sizes: list[float]) -> list[float]:
    """Cumulative starts of bands of `sizes`, with the end of the last one appended."""
    starts = [0.0]
    for size in sizes:
        starts.append(starts[-1] + size)
    return starts


def _numbered(journey: Journey) -> tuple[list[Step], list[int], list[int]]:
    """The steps in map order (as `map_order` gives them), each one's stage and lane index.

    A bucket per cell instead of a sort: the same order, stable within a cell.
    """
    lane_ids = [lane.id for lane in journey.lanes]
    cells = {s.id: {lane_id: [] for lane_id in lane_ids} for s in journey.stages}
    for _, data in journey.graph.nodes(data=True):
        step: Step = data["step"]
        cells[step.stage][step.lane].append(step)
    steps: list[Step] = []
    stage_of: list[int] = []
    lane_of: list[int] = []
    for stage, lanes in enumerate(cells.values()):
        for lane, members in enumerate(lanes.values()):
            if members:
                steps += members
                stage_of += [stage] * len(members)
                lane_of += [lane] * len(members)
    return steps, stage_of, lane_of


def _main_path(
    steps: list[Step],
    edges: list[Mapping[str, Mapping[str, Any]]],
    succ: list[list[int]],
) -> list[int]:
    """The main path by step number: current view, or the future view if today has none.

    The same path as `main_path(flow(journey, view))` (the analysis' main path), found
    the same way, Dijkstra's algorithm on -log(share) with the same ties, but over step
    numbers and without building the view's whole `Flow`.
    """
    for view in (View.CURRENT, View.FUTURE):
        shown = frozenset(s for s in State if visible(s, view))
        path = _likeliest(steps, edges, succ, shown)
        if path:
            return path
    return []


def _likeliest(
    steps: list[Step],
    edges: list[Mapping[str, Mapping[str, Any]]],
    succ: list[list[int]],
    shown: frozenset[State],
) -> list[int]:
    """`main_path(flow(...))` of the view showing `shown` states, by step number (empty if none).

    The same search, Dijkstra's algorithm on -log(share) with the same keys and ties
    (step numbers follow map order, as the flow's ranks do), reading each step's
    transitions and effective shares when it is reached rather than building the
    view's whole `Flow` first. The first end it settles is the one `main_path` picks:
    settled keys only grow and an end's key is its own tie-break.
    """
    count = len(steps)
    start = StepKind.START
    starts = [i for i, s in enumerate(steps) if s.kind is start and s.state in shown]
    if not starts:
        starts = _entries(steps, edges, succ, shown)
    best: list[tuple[int, float, int, int] | None] = [None] * count
    exact = [0.0] * count
    parent = [-1] * count
    done = [False] * count
    heap = [(0, 0.0, 1, i) for i in starts]
    for key in heap:
        best[key[3]] = key
    heapq.heapify(heap)
    pop, push, log, end = heapq.heappop, heapq.heappush, math.log, StepKind.END
    while heap:
        zeros, rounded, hops, node = pop(heap)
        if done[node]:
            continue
        done[node] = True
        step = steps[node]
        if step.kind is end:
            return _back(parent, node)
        hops += 1
        targets = edges[node]
        if len(targets) == 1 and _unshared(targets, shown):
            onward: Iterable[tuple[int, float]] = ((succ[node][0], 1.0),)  # the usual step
        else:
            onward = _shares(targets, succ[node], shown)
        if not onward:
            return _back(parent, node)
        cost_here = exact[node]
        for target, share in onward:
            if done[target]:
                continue
            if share == 1.0:
                cost = cost_here
                key = (zeros, rounded, hops, target)
            elif share > 0:
                cost = cost_here - log(share)
                key = (zeros, round(cost, 9), hops, target)
            else:
                cost = cost_here
                key = (zeros + 1, round(cost, 9), hops, target)
            known = best[target]
            if known is None or key < known:
                best[target] = key
                exact[target] = cost
                parent[target] = node
                push(heap, key)
    return []


def _shares(
    targets: Mapping[str, Mapping[str, Any]], numbers: list[int], shown: frozenset[State]
) -> list[tuple[int, float]]:
    """A step's successors by number with their effective shares (`effective_shares`, as
    `flow` works them out), over the transitions the view shows."""
    kept = [
        (number, data["transition"])
        for number, data in zip(numbers, targets.values(), strict=True)
        if data["transition"].state in shown
    ]
    shares = effective_shares((t for _, t in kept), others_hidden=len(kept) < len(targets))
    return [(number, share) for (number, _), share in zip(kept, shares, strict=True)]


def _unshared(targets: Mapping[str, Mapping[str, Any]], shown: frozenset[State]) -> bool:
    """Whether a step's one transition is shown and gives no share: it carries everyone."""
    for data in targets.values():
        transition = data["transition"]
        return transition.share is None and transition.state in shown
    return False


def _entries(
    steps: list[Step],
    edges: list[Mapping[str, Mapping[str, Any]]],
    succ: list[list[int]],
    shown: frozenset[State],
) -> list[int]:
    """Where a view without start steps begins: the shown steps no shown transition leads
    to, or else its first step."""
    seen = [s.state in shown for s in steps]
    arrived = [False] * len(steps)
    for i, shown_step in enumerate(seen):
        if shown_step:
            for number, data in zip(succ[i], edges[i].values(), strict=True):
                if data["transition"].state in shown:
                    arrived[number] = True
    entries = [i for i, visible_step in enumerate(seen) if visible_step and not arrived[i]]
    return entries or [i for i, visible_step in enumerate(seen) if visible_step][:1]


def _back(parent: list[int], node: int) -> list[int]:
    """The path that ends at `node`, from its start."""
    path: list[int] = []
    while node != -1:
        path.append(node)
        node = parent[node]
    path.reverse()
    return path


def _layers(
    path: list[int],
    stage_of: list[int],
    lane_of: list[int],
    succ: list[list[int]],
    lane_count: int,
) -> list[int]:
    """Each step's column slot in its stage: the longest chain before it inside the stage.

    A transition inside a lane moves one slot right, one between lanes keeps the slot,
    but a step always stands right of every step of its own lane that leads to it.
    """
    count = len(stage_of)
    # break loops: drop the transitions a depth-first walk (main path first) finds closing one,
    # and those into another stage
    on_walk = [False] * count
    done = [False] * count
    dropped: dict[int, list[int]] = {}
    finished: list[int] = []
    for root in itertools.chain(path, range(count)):
        if done[root]:
            continue
        stage = stage_of[root]
        on_walk[root] = True
        stack = [(root, iter(succ[root]))]
        while stack:
            node, targets = stack[-1]
            for target in targets:
                if on_walk[target] or stage_of[target] != stage:
                    dropped.setdefault(node, []).append(target)
                elif not done[target]:
                    on_walk[target] = True
                    stack.append((target, iter(succ[target])))
                    break
            else:
                on_walk[node] = False
                done[node] = True
                finished.append(node)
                stack.pop()
    forward = succ[:]
    for node, targets in dropped.items():
        forward[node] = [t for t in succ[node] if t not in targets]
    # per step, the highest slot of each lane among the steps leading to it; a step takes
    # the highest slot of any of them (transitions never point left) and one more than its
    # own lane's
    blank = [-1] * lane_count
    highest: list[list[int] | None] = [None] * count
    layer = [0] * count
    for node in reversed(finished):  # a topological order of the forward transitions
        lane = lane_of[node]
        slots = highest[node] or blank
        highest[node] = None
        here = max(slots[lane] + 1, max(slots))
        layer[node] = here
        targets = forward[node]
        if targets:
            slots = slots[:]
            slots[lane] = here
            for target in targets:
                theirs = highest[target]
                highest[target] = slots if theirs is None else list(map(max, theirs, slots))
    return layer


def apply_layout(
    document: Document,
    journey_id: str,
    *,
    card: tuple[float, float] = (CARD_W, CARD_H),
    gap: tuple[float, float] = (GAP_X, GAP_Y),
) -> None:
    """Auto-layout applied to the document as one undoable unit, "Auto-layout".

    A layout only moves cards inside their own cells, so it goes through
    `Document.place_steps`, which checks only what such a move can break.
    """
    journey = document.journey(journey_id)
    with gc_paused():  # thousands of new records and commands: no full collection midway
        steps, positions, _, _, _ = _place(journey, card, gap)
        moved = {s.id: positions[s.id] for s in steps if (s.x, s.y) != positions[s.id]}
        if moved:
            with document.history.group("Auto-layout"):
                document.place_steps(journey_id, moved, name="Auto-layout")

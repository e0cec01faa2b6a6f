"""Auto-layout of a journey into its stage columns and lane rows (the map geometry the canvas
and the handout share is `motdesk.graph.geometry`).

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
from bisect import bisect_left
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from operator import add, mul
from typing import Any

from motdesk.graph.document import Document
from motdesk.graph.geometry import (
    CARD_H,
    CARD_W,
    GAP_X,
    GAP_Y,
    PAD_X,
    PAD_Y,
    Band,
    MapGeometry,
    Position,
)
from motdesk.graph.model import Journey, Step
from motdesk.graph.paths import effective_shares, gc_paused
from motdesk.graph.views import visible
from motdesk.graph.vocabulary import State, StepKind, View

FOLD_SLOTS = 40
"""Slots (sub-columns) a stage may have before its later ones fold into further rows."""

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
    dead_end: int | None = None  # the likeliest dead end, if no end step is reached
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
            if dead_end is None:
                dead_end = node
            continue
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
    return _back(parent, dead_end) if dead_end is not None else []


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

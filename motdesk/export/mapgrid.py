"""The map's grid: stage columns and lane rows, with each step snapped into a cell.

Steps keep their order on the canvas (x within a stage, y within a lane) but
land on a tidy grid: within a stage, x positions closer than half a card share a
column slot; steps sharing a stage slot and a lane stack downwards. Spacing and
the stage and lane bands come from `motdesk.graph.layout` (the geometry the
canvas uses). Units are canvas pixels (a card is 180 x 90), y grows downwards;
the drawing scales them.
"""

from __future__ import annotations

from bisect import bisect_right
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from motdesk.graph.geometry import CARD_H, CARD_W, GAP_X, GAP_Y, PAD_X, PAD_Y, MapGeometry
from motdesk.graph.model import Journey, Step

LANE_HEAD = 128.0
STAGE_HEAD = 52.0
CURVE_GAP = 18.0
CURVE_H = 190.0


@dataclass(frozen=True)
class Rect:
    """A box in map units: `x`, `y` its top-left corner (y grows downwards)."""

    x: float
    y: float
    w: float
    h: float

    @property
    def right(self) -> float:
        return self.x + self.w

    @property
    def bottom(self) -> float:
        return self.y + self.h

    @property
    def cx(self) -> float:
        return self.x + self.w / 2

    @property
    def cy(self) -> float:
        return self.y + self.h / 2

    def intersects(self, other: Rect) -> bool:
        return (
            self.x < other.right
            and other.x < self.right
            and self.y < other.bottom
            and other.y < self.bottom
        )


@dataclass(frozen=True)
class MapGrid:
    """Where every stage, lane and card of one map sits, in map units."""

    stages: tuple[Rect, ...]  # header plus lanes, one per journey stage
    lanes: tuple[Rect, ...]  # full width, one per journey lane
    cards: dict[str, Rect]
    columns: dict[str, int]  # step id -> global column index (left to right)
    column_x: tuple[float, ...]  # centre x of each global column
    curve: Rect  # the band of the emotional curve
    width: float
    height: float

    @property
    def body(self) -> Rect:
        """The stage and lane area (no curve)."""
        return Rect(0, 0, self.width, self.curve.y - CURVE_GAP)


def _slots(xs: list[float]) -> list[float]:
    """The left edge of each column slot: x values closer than half a card share one."""
    starts: list[float] = []
    for x in sorted(xs):
        if not starts or x - starts[-1] >= CARD_W / 2:
            starts.append(x)
    return starts


def _slot_of(starts: list[float], x: float) -> int:
    return max(0, bisect_right(starts, x) - 1)


def snapped_positions(journey: Journey, steps: Iterable[Step]) -> dict[str, tuple[float, float]]:
    """Each step's card corner on the tidy grid, in canvas pixels from the map's top-left.

    Within a stage, x positions closer than half a card share a column slot; steps
    sharing a stage, a slot and a lane stack downwards in y order. Spacing is the
    canvas's (`motdesk.graph.layout`: card size, gaps and padding).
    """
    steps = list(steps)
    stage_index = {stage.id: i for i, stage in enumerate(journey.stages)}
    lane_index = {lane.id: i for i, lane in enumerate(journey.lanes)}
    n_stages, n_lanes = max(1, len(journey.stages)), max(1, len(journey.lanes))
    by_stage: dict[int, list[float]] = defaultdict(list)
    for step in steps:
        by_stage[stage_index.get(step.stage, 0)].append(step.x)
    slot_starts = {i: _slots(by_stage.get(i, [])) for i in range(n_stages)}
    cells: dict[tuple[int, int, int], list[Step]] = defaultdict(list)
    for step in steps:
        si = stage_index.get(step.stage, 0)
        cells[(si, _slot_of(slot_starts[si], step.x), lane_index.get(step.lane, 0))].append(step)
    stacks = [1] * n_lanes
    for (_, _, li), members in cells.items():
        stacks[li] = max(stacks[li], len(members))
    stage_x = _starts(
        [
            2 * PAD_X + max(1, len(slot_starts[i])) * (CARD_W + GAP_X) - GAP_X
            for i in range(n_stages)
        ]
    )
    lane_y = _starts([2 * PAD_Y + n * (CARD_H + GAP_Y) - GAP_Y for n in stacks])
    positions: dict[str, tuple[float, float]] = {}
    for (si, slot, li), members in cells.items():
        members.sort(key=lambda s: (s.y, s.id))
        x = stage_x[si] + PAD_X + slot * (CARD_W + GAP_X)
        for k, step in enumerate(members):
            positions[step.id] = (x, lane_y[li] + PAD_Y + k * (CARD_H + GAP_Y))
    return positions


def _starts(sizes: list[float]) -> list[float]:
    starts = [0.0]
    for size in sizes:
        starts.append(starts[-1] + size)
    return starts


def build_grid(journey: Journey, steps: Iterable[Step]) -> MapGrid:
    """Snap `steps` (those the view shows) into the journey's stage and lane grid.

    Stage columns and lane rows are the shared `MapGeometry` of the snapped positions,
    moved right and down to make room for the lane names and the stage headers.
    """
    steps = list(steps)
    positions = snapped_positions(journey, steps)
    stage_ids = [s.id for s in journey.stages] or ["-"]
    lane_ids = [lane.id for lane in journey.lanes] or ["-"]
    geometry = MapGeometry.from_steps(stage_ids, lane_ids, steps, positions)
    left, top = LANE_HEAD - geometry.left, STAGE_HEAD - geometry.top
    body_bottom = top + geometry.top + geometry.height
    stages = tuple(Rect(left + b.start, 0, b.size, body_bottom) for b in geometry.stages)
    width = left + geometry.stages[-1].end
    lanes = tuple(Rect(0, top + b.start, width, b.size) for b in geometry.lanes)

    slot_x = sorted({x for x, _ in positions.values()})
    column_of = {x: i for i, x in enumerate(slot_x)}
    cards = {sid: Rect(left + x, top + y, CARD_W, CARD_H) for sid, (x, y) in positions.items()}
    columns = {sid: column_of[x] for sid, (x, _) in positions.items()}
    curve = Rect(0, body_bottom + CURVE_GAP, width, CURVE_H)
    return MapGrid(
        stages=stages,
        lanes=lanes,
        cards=cards,
        columns=columns,
        column_x=tuple(left + x + CARD_W / 2 for x in slot_x),
        curve=curve,
        width=width,
        height=curve.bottom,
    )

"""The map's grid: stage columns and lane rows, with each step snapped into a cell.

Steps keep their order on the canvas (x within a stage, y within a lane) but
land on a tidy grid: within a stage, x positions closer than half a card share a
column slot; steps sharing a stage slot and a lane stack downwards. Units are
canvas pixels (a card is 180 x 90), y grows downwards; the drawing scales them.
"""

from __future__ import annotations

from bisect import bisect_right
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from motdesk.graph.model import Journey, Step

CARD_W = 180.0
CARD_H = 90.0
GUTTER_X = 64.0  # room for an arrow and its label between two columns
GUTTER_Y = 16.0
STAGE_PAD = 32.0
LANE_PAD = 20.0
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


def build_grid(journey: Journey, steps: Iterable[Step]) -> MapGrid:
    """Snap `steps` (those the view shows) into the journey's stage and lane grid."""
    steps = list(steps)
    stage_index = {stage.id: i for i, stage in enumerate(journey.stages)}
    lane_index = {lane.id: i for i, lane in enumerate(journey.lanes)}
    n_stages = max(1, len(journey.stages))
    n_lanes = max(1, len(journey.lanes))

    by_stage: dict[int, list[Step]] = defaultdict(list)
    for step in steps:
        by_stage[stage_index.get(step.stage, 0)].append(step)
    slot_starts = {i: _slots([s.x for s in by_stage.get(i, [])]) for i in range(n_stages)}

    cells: dict[tuple[int, int, int], list[Step]] = defaultdict(list)
    for step in steps:
        si = stage_index.get(step.stage, 0)
        li = lane_index.get(step.lane, 0)
        cells[(si, _slot_of(slot_starts[si], step.x), li)].append(step)
    stacks = [1] * n_lanes
    for (_, _, li), members in cells.items():
        stacks[li] = max(stacks[li], len(members))

    lane_rects: list[Rect] = []
    y = STAGE_HEAD
    for li in range(n_lanes):
        h = 2 * LANE_PAD + stacks[li] * CARD_H + (stacks[li] - 1) * GUTTER_Y
        lane_rects.append(Rect(0, y, 0, h))
        y += h
    body_bottom = y

    stage_rects: list[Rect] = []
    column_x: list[float] = []
    column_base: list[int] = []
    x = LANE_HEAD
    for si in range(n_stages):
        slots = max(1, len(slot_starts[si]))
        w = 2 * STAGE_PAD + slots * CARD_W + (slots - 1) * GUTTER_X
        stage_rects.append(Rect(x, 0, w, body_bottom))
        column_base.append(len(column_x))
        for k in range(slots):
            column_x.append(x + STAGE_PAD + k * (CARD_W + GUTTER_X) + CARD_W / 2)
        x += w
    width = x

    cards: dict[str, Rect] = {}
    columns: dict[str, int] = {}
    for (si, slot, li), members in cells.items():
        members.sort(key=lambda s: (s.y, s.id))
        left = stage_rects[si].x + STAGE_PAD + slot * (CARD_W + GUTTER_X)
        for k, step in enumerate(members):
            top = lane_rects[li].y + LANE_PAD + k * (CARD_H + GUTTER_Y)
            cards[step.id] = Rect(left, top, CARD_W, CARD_H)
            columns[step.id] = column_base[si] + slot

    lanes = tuple(Rect(0, r.y, width, r.h) for r in lane_rects)
    curve = Rect(0, body_bottom + CURVE_GAP, width, CURVE_H)
    return MapGrid(
        stages=tuple(stage_rects),
        lanes=lanes,
        cards=cards,
        columns=columns,
        column_x=tuple(column_x),
        curve=curve,
        width=width,
        height=curve.bottom,
    )

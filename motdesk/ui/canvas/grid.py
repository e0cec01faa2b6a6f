"""Where the stage columns and lane rows of a journey lie on the canvas.

Positions of steps are absolute scene coordinates (the card's top-left corner);
a stage column spans the cards it holds, a lane row likewise, so the map grows
with its content. Kept small and Qt-free so a shared layout module can replace it.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable
from dataclasses import dataclass

from motdesk.graph.model import Journey, Step

CARD_W = 160.0
CARD_H = 100.0
PAD_X = 20.0  # free space between a card and its column's edge
PAD_Y = 30.0
MIN_STAGE_W = CARD_W + 2 * PAD_X
MIN_LANE_H = CARD_H + 2 * PAD_Y
SNAP = 10.0


@dataclass(frozen=True)
class Band:
    """One column (stage) or row (lane): its id and its extent along one axis."""

    id: str
    start: float
    end: float

    @property
    def middle(self) -> float:
        return (self.start + self.end) / 2


def _bands(ids: list[str], extents: dict[str, tuple[float, float]], minimum: float) -> list[Band]:
    """Contiguous bands in order, each wide enough for its cards; gaps split in the middle."""
    bands: list[Band] = []
    first = extents.get(ids[0]) if ids else None
    cursor = min(0.0, first[0]) if first else 0.0
    for i, item_id in enumerate(ids):
        low, high = extents.get(item_id, (cursor, cursor + minimum))
        start = cursor
        end = max(high, start + minimum)
        following = next((extents[n] for n in ids[i + 1 : i + 2] if n in extents), None)
        if following is not None and following[0] > end:
            end = (end + following[0]) / 2
        bands.append(Band(item_id, start, end))
        cursor = end
    return bands


@dataclass(frozen=True)
class MapGeometry:
    """Stage columns left to right and lane rows top to bottom."""

    stages: tuple[Band, ...]
    lanes: tuple[Band, ...]

    @classmethod
    def of(cls, journey: Journey) -> MapGeometry:
        return cls.from_steps(
            [s.id for s in journey.stages], [lane.id for lane in journey.lanes], journey.steps()
        )

    @classmethod
    def from_steps(
        cls, stage_ids: list[str], lane_ids: list[str], steps: Iterable[Step]
    ) -> MapGeometry:
        xs: dict[str, tuple[float, float]] = {}
        ys: dict[str, tuple[float, float]] = {}
        for step in steps:
            lo, hi = xs.get(step.stage, (step.x, step.x))
            xs[step.stage] = (min(lo, step.x), max(hi, step.x))
            lo, hi = ys.get(step.lane, (step.y, step.y))
            ys[step.lane] = (min(lo, step.y), max(hi, step.y))
        x_extents = {k: (lo - PAD_X, hi + CARD_W + PAD_X) for k, (lo, hi) in xs.items()}
        y_extents = {k: (lo - PAD_Y, hi + CARD_H + PAD_Y) for k, (lo, hi) in ys.items()}
        return cls(
            tuple(_bands(stage_ids, x_extents, MIN_STAGE_W)),
            tuple(_bands(lane_ids, y_extents, MIN_LANE_H)),
        )

    @property
    def width(self) -> float:
        return self.stages[-1].end - self.left if self.stages else MIN_STAGE_W

    @property
    def height(self) -> float:
        return self.lanes[-1].end - self.top if self.lanes else MIN_LANE_H

    @property
    def left(self) -> float:
        return self.stages[0].start if self.stages else 0.0

    @property
    def top(self) -> float:
        return self.lanes[0].start if self.lanes else 0.0

    def stage(self, stage_id: str) -> Band:
        return next(b for b in self.stages if b.id == stage_id)

    def lane(self, lane_id: str) -> Band:
        return next(b for b in self.lanes if b.id == lane_id)

    def cell_at(self, x: float, y: float) -> tuple[str | None, str | None]:
        """The stage and lane under a point; points beyond the map fall in the nearest one."""
        return _nearest(self.stages, x), _nearest(self.lanes, y)

    def snap(self, x: float, y: float) -> tuple[float, float, str | None, str | None]:
        """A card's top-left corner snapped into the cell under its centre, and that cell."""
        stage_id, lane_id = self.cell_at(x + CARD_W / 2, y + CARD_H / 2)
        x, y = round(x / SNAP) * SNAP, round(y / SNAP) * SNAP
        if stage_id is not None:
            band = self.stage(stage_id)
            x = _clamp(x, band.start + PAD_X, band.end - PAD_X - CARD_W)
        if lane_id is not None:
            band = self.lane(lane_id)
            y = _clamp(y, band.start + PAD_Y, band.end - PAD_Y - CARD_H)
        return x, y, stage_id, lane_id


def _nearest(bands: tuple[Band, ...], value: float) -> str | None:
    if not bands:
        return None
    index = bisect_right([b.start for b in bands], value) - 1
    return bands[max(0, min(index, len(bands) - 1))].id


def _clamp(value: float, low: float, high: float) -> float:
    if high < low:
        return low
    return max(low, min(value, high))

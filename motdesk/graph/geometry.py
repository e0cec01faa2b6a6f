"""The map geometry the canvas, the auto-layout and the handout share: stage columns and lane
rows worked out from the cards, snapping, free places in a cell.

Units are canvas pixels; a step's (x, y) is its card's top-left corner; y grows
downwards. The first stage column and the first lane row start at 0: headers are
drawn outside, at negative coordinates.
"""

from __future__ import annotations

import math
from bisect import bisect_right
from collections.abc import Iterable
from dataclasses import dataclass, field, replace

from motdesk.graph.model import Journey, Step

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


def same_place(value: float, size: float, old: Band, new: Band, pad: float) -> float:
    """As far into the `new` band as a card of `size` at `value` was into the `old` one,
    kept `pad` inside the new band's edges (a step given another stage or lane)."""
    return _clamp(new.start + (value - old.start), new.start + pad, new.end - pad - size)


def _into(value: float, size: float, band: Band, pad: float) -> float:
    """Where a card of `size` at `value` goes in `band`: `pad` inside its edges, or as near
    an edge as the band's own cards already are (in a dense map a card put back where it
    was, or beside its neighbours, stays there)."""
    low, high = band.start + pad, band.end - pad - size
    if band.cards is not None:
        low, high = min(low, band.cards[0]), max(high, band.cards[1])
    return _clamp(value, low, high)


REACH = (CARD_W + GAP_X, CARD_H + GAP_Y)
"""How far from where it was put a card may go to find a free place in its cell."""


@dataclass(frozen=True)
class Placement:
    """Where a card goes in a cell, and the new x of the cards moved right to make room."""

    x: float
    y: float
    room: dict[str, float] = field(default_factory=dict)


def place_in_cell(
    geometry: MapGeometry,
    at: Position,
    cell: tuple[str, str],
    others: list[Step],
    taken: CardSpots,
    *,
    group: bool = False,
) -> Placement | None:
    """Where a card put at `at` in `cell` (stage, lane) goes: there if it covers none of
    the `taken` cards (those of `others`); else the nearest free place within `REACH`
    that keeps the arrow gaps; else (a single card, not a `group`) just right of the
    card it covers, the cards right of that moved along to make room. None when a card
    of a group finds no free place (a group does not push other cards around)."""
    x, y = at
    stage, lane = cell
    if not taken.covers(x, y):
        return Placement(x, y)
    width, height = geometry.card
    far_x, far_y = REACH[0] + width + GAP_X, REACH[1] + height + GAP_Y
    near = taken.within(x - far_x, y - far_y, x + far_x, y + far_y)
    spot = geometry.free_spot(x, y, stage, lane, near, reach=REACH)
    if spot is None and group:  # a group keeps its shape where it can: closer fits
        spot = geometry.free_spot(x, y, stage, lane, near, reach=REACH, gap=(SNAP, SNAP))
    if spot is not None:
        return Placement(*spot)
    covered = [
        s
        for s in others
        if s.stage == stage and s.lane == lane
        and abs(s.x - x) < width + SNAP and abs(s.y - y) < height + SNAP
    ]  # fmt: skip
    if group or not covered:
        return None
    under = min(covered, key=lambda s: (s.x - x) ** 2 + (s.y - y) ** 2)
    return Placement(under.x + width + GAP_X, under.y, room_right_of(others, under.x, width))

"""A card dropped on another moves to the nearest free place of its cell, never over a card."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from motdesk.graph.geometry import (
    CARD_H,
    CARD_W,
    GAP_X,
    GAP_Y,
    PAD_X,
    PAD_Y,
    SNAP,
    Band,
    MapGeometry,
)

STAGE = Band("s", 0.0, 900.0)
LANE = Band("l", 0.0, 400.0)
GEOMETRY = MapGeometry((STAGE, Band("s2", 900.0, 1300.0)), (LANE, Band("l2", 400.0, 600.0)))
LEFT, RIGHT = STAGE.start + PAD_X, STAGE.end - PAD_X - CARD_W
TOP, BOTTOM = LANE.start + PAD_Y, LANE.end - PAD_Y - CARD_H

grid_x = st.integers(0, int((RIGHT - LEFT) // SNAP)).map(lambda i: LEFT + i * SNAP)
grid_y = st.integers(0, int((BOTTOM - TOP) // SNAP)).map(lambda i: TOP + i * SNAP)


def clear_of(spot: tuple[float, float], taken: list[tuple[float, float]]) -> bool:
    x, y = spot
    return all(abs(x - tx) >= CARD_W + GAP_X or abs(y - ty) >= CARD_H + GAP_Y for tx, ty in taken)


def every_free_spot(taken: list[tuple[float, float]]) -> list[tuple[float, float]]:
    columns = [LEFT + i * SNAP for i in range(int((RIGHT - LEFT) // SNAP) + 1)]
    rows = [TOP + i * SNAP for i in range(int((BOTTOM - TOP) // SNAP) + 1)]
    return [(x, y) for x in columns for y in rows if clear_of((x, y), taken)]


@given(
    taken=st.lists(st.tuples(grid_x, grid_y), max_size=6),
    x=grid_x,
    y=grid_y,
)
def test_the_spot_is_free_in_the_cell_and_as_near_as_any_free_one(taken, x, y):
    spot = GEOMETRY.free_spot(x, y, "s", "l", taken)
    free = every_free_spot(taken)
    if spot is None:
        assert free == []  # refused only when the cell has no room at all
        return
    assert LEFT <= spot[0] <= RIGHT and TOP <= spot[1] <= BOTTOM
    assert clear_of(spot, taken)

    def distance(s):
        return (s[0] - x) ** 2 + (s[1] - y) ** 2

    assert distance(spot) == min(distance(s) for s in free)


def test_a_free_drop_stays_where_it_fell_and_one_on_a_card_moves_beside_it():
    assert GEOMETRY.free_spot(300.0, 100.0, "s", "l", [(600.0, 100.0)]) == (300.0, 100.0)
    spot = GEOMETRY.free_spot(300.0, 100.0, "s", "l", [(300.0, 100.0)])
    assert spot is not None and spot != (300.0, 100.0) and clear_of(spot, [(300.0, 100.0)])


def test_cards_of_other_cells_do_not_count_and_a_full_cell_has_no_spot():
    assert GEOMETRY.free_spot(300.0, 100.0, "s", "l", [(300.0, 420.0)]) == (300.0, 100.0)
    full = [
        (LEFT + i * (CARD_W + GAP_X), TOP + j * (CARD_H + GAP_Y))
        for i in range(4)
        for j in range(3)
    ]
    assert GEOMETRY.free_spot(300.0, 100.0, "s", "l", full) is None


@given(
    spots=st.lists(st.tuples(st.floats(-2000, 2000), st.floats(-1000, 1000)), max_size=40),
    x=st.floats(-2000, 2000),
    y=st.floats(-1000, 1000),
)
def test_card_spots_answer_as_a_look_at_every_card_would(spots, x, y):
    from motdesk.graph.geometry import CardSpots

    index = CardSpots(spots)
    assert index.covers(x, y) == any(
        abs(tx - x) < CARD_W and abs(ty - y) < CARD_H for tx, ty in spots
    )
    box = (x - 300, y - 200, x + 300, y + 200)
    near = index.within(*box)
    for tx, ty in spots:  # every card reaching into the box is among those returned
        if tx < box[2] and tx + CARD_W > box[0] and ty < box[3] and ty + CARD_H > box[1]:
            assert (tx, ty) in near

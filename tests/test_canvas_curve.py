"""The emotional curve strokes only the stretch of its line that crosses the window, and its
repeated level names keep clear of its points."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st
from PySide6.QtCore import QPointF

from motdesk.ui.canvas.curve import CurveTrace, free_place


def trace(*xs: float) -> CurveTrace:
    return CurveTrace.of([QPointF(x, 10.0 * i) for i, x in enumerate(xs)])


def crossing(curve: CurveTrace, left: float, right: float) -> set[int]:
    """Every segment (by its first point) that has some x between left and right."""
    return {
        i
        for i in range(len(curve.xs) - 1)
        if min(curve.xs[i], curve.xs[i + 1]) <= right and max(curve.xs[i], curve.xs[i + 1]) >= left
    }


def drawn(curve: CurveTrace, left: float, right: float) -> set[int]:
    return {i for start, end in curve.runs(left, right) for i in range(start, end)}


def test_a_left_to_right_curve_draws_the_segments_in_view_and_one_beyond_each_side():
    curve = trace(0, 100, 200, 300, 400, 500)
    assert curve.ordered
    assert curve.runs(150, 320) == [(1, 4)]
    assert drawn(curve, 150, 320) == crossing(curve, 150, 320)
    assert curve.between(150, 320) == [2, 3]
    assert curve.runs(-50, 1000) == [(0, 5)]
    assert curve.runs(600, 700) == [] and curve.runs(-90, -10) == []
    assert curve.runs(300, 300) == [(2, 4)]


def test_a_curve_that_turns_back_draws_every_stretch_that_crosses_the_window():
    curve = trace(0, 100, 500, 120, 110, 900)
    assert not curve.ordered
    for left, right in ((90, 130), (400, 600), (0, 50), (950, 990), (100, 900)):
        assert drawn(curve, left, right) == crossing(curve, left, right)
    assert curve.between(90, 130) == [1, 3, 4]


def test_the_line_keeps_its_length_so_far_for_the_dashes():
    curve = CurveTrace.of([QPointF(0, 0), QPointF(3, 4), QPointF(3, 10)])
    assert curve.lengths == [0.0, 5.0, 11.0]
    assert list(curve.polygon(1, 2)) == [QPointF(3, 4), QPointF(3, 10)]


@given(
    xs=st.lists(st.floats(0, 3000), max_size=40).map(sorted),
    x=st.floats(0, 3000),
    width=st.floats(10, 200),
    gap=st.floats(1, 20),
)
def test_repeated_level_names_sit_clear_of_the_points_when_there_is_room(xs, x, width, gap):
    at = free_place(xs, x, width, gap, reach=400)
    inside = [p for p in xs if at - gap + 1e-6 < p <= at + width + gap - 1e-6]
    if at != x:  # moved: only to a place that is clear, and not farther than the reach
        assert not inside and abs(at - x) <= 400 + gap
    elif inside:  # stayed over points: no clear place right of a point within reach
        for p in xs:
            if abs(p - x) <= 400:
                assert [q for q in xs if p < q <= p + 2 * gap + width]


def test_names_over_a_point_move_just_right_of_it():
    assert free_place([100.0, 500.0], 95.0, 50.0, 10.0, reach=400) == 110.0
    assert free_place([100.0, 500.0], 200.0, 50.0, 10.0, reach=400) == 200.0  # clear already

"""The handout's building blocks: text fitting, glyph fallback, step codes, the map grid, tiling."""

from __future__ import annotations

import itertools

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from benchmarks.generate import generate_project
from motdesk.export.codes import ordered_steps, step_codes, step_for_code
from motdesk.export.fonts import BOLD, PLACEHOLDER, REGULAR, printable, register_fonts, text_width
from motdesk.export.mapgrid import CARD_H, CARD_W, build_grid
from motdesk.export.mapscene import build_scene
from motdesk.export.mapsheet import CUT_MARGIN, MIN_SCALE, OVERLAP, _blocks, tile_label, tile_map
from motdesk.export.text import ELLIPSIS, fit, wrap
from motdesk.export.theme import landscape
from motdesk.graph.jsonio import read_project
from motdesk.graph.views import journey_view
from motdesk.graph.vocabulary import View
from motdesk.resources import template, templates

register_fonts()

words = st.text(alphabet=st.sampled_from(list("abcdefgh WXYZ<>&Ωж中🙂-/")), max_size=160)


@settings(max_examples=200, deadline=None)
@given(
    text=words,
    width=st.floats(20, 300),
    height=st.floats(5, 120),
    size=st.floats(6, 16),
    font=st.sampled_from([REGULAR, BOLD]),
)
def test_fitted_text_never_runs_out_of_its_box(text, width, height, size, font) -> None:
    fitted = fit(text, font, size, width, height, min_size=size * 0.6)
    assert fitted.size >= size * 0.6 - 1e-9
    for line in fitted.lines:
        # A single character wider than the box is the only thing allowed to stick out.
        assert text_width(line, font, fitted.size) <= width + 1e-6 or len(line) == 1
    if len(fitted.lines) > 1:
        assert fitted.height <= height + 1e-6
    if not fitted.cut:  # nothing lost: the words come back in order
        assert " ".join(fitted.lines).split() == printable(text).split() or (
            "".join(fitted.lines).replace(" ", "") == printable(text).replace(" ", "")
        )
    else:
        assert fitted.lines[-1].endswith(ELLIPSIS)


def test_text_wraps_before_it_shrinks_and_shrinks_before_it_is_cut() -> None:
    label = "Agent can't see desk rebooking"
    roomy = fit(label, BOLD, 13, 160, 44, min_size=9)
    assert len(roomy.lines) == 2 and roomy.size == 13 and not roomy.cut
    tight = fit(label * 2, BOLD, 13, 160, 44, min_size=9)
    assert tight.size < 13 and not tight.cut
    cut = fit(label * 6, BOLD, 13, 160, 44, min_size=9)
    assert cut.size == 9 and cut.cut and cut.lines[-1].endswith(ELLIPSIS)


def test_characters_the_fonts_lack_become_a_visible_placeholder() -> None:
    assert printable("Ωμέγα Привет café €") == "Ωμέγα Привет café €"
    assert printable("中文") == PLACEHOLDER * 2
    assert printable("a\ud800b") == f"a{PLACEHOLDER}b"  # a lone surrogate does not crash
    assert printable("line one\nline two\ttab") == "line one line two tab"
    assert printable("keep\nbreaks", multiline=True) == "keep\nbreaks"
    assert printable("<b>&amp;</b>") == "<b>&amp;</b>"


def test_step_codes_are_unique_ordered_and_the_same_in_every_view() -> None:
    journey = template("airline").load().journeys[0]
    codes = step_codes(journey)
    assert len(set(codes.values())) == journey.step_count
    assert [codes[s.id] for s in ordered_steps(journey)] == sorted(codes.values())
    assert codes["n1"] == "S01"  # the first step of the first stage
    again = step_codes(journey.copy())
    assert again == codes
    for view in View:
        for step in journey_view(journey, view).steps:
            assert step_for_code(journey, codes[step.id]) == step


def test_codes_are_read_back_with_or_without_padding() -> None:
    journey = template("hotel").load().journeys[0]
    seventh = ordered_steps(journey)[6]
    for typed in ("S07", "s7", "7", " S 07 "):
        assert step_for_code(journey, typed) == seventh
    for wrong in ("S0", "S999", "X7", ""):
        with pytest.raises(KeyError):
            step_for_code(journey, wrong)


def test_codes_widen_past_99_steps() -> None:
    journey = generate_project(150).journeys[0]
    codes = step_codes(journey)
    assert min(codes.values()) == "S001" and max(codes.values()) == f"S{journey.step_count:03d}"


@pytest.mark.parametrize("item", templates(), ids=lambda t: t.name)
def test_the_map_grid_keeps_cards_apart_and_inside_their_stage_and_lane(item) -> None:
    for journey in item.load().journeys:
        steps = list(journey.steps())
        grid = build_grid(journey, steps)
        boxes = list(grid.cards.values())
        assert len(boxes) == len(steps)
        for i, a in enumerate(boxes):
            assert (a.w, a.h) == (CARD_W, CARD_H)
            for b in boxes[i + 1 :]:
                assert not a.intersects(b)
        for step in steps:
            box = grid.cards[step.id]
            stage = grid.stages[journey.stage_index(step.stage)]
            lane = grid.lanes[journey.lane_index(step.lane)]
            assert stage.x <= box.x and box.right <= stage.right
            assert lane.y <= box.y and box.bottom <= lane.bottom
        # Left to right on the canvas stays left to right on the map, within a stage and lane.
        for a in steps:
            for b in steps:
                if a.stage == b.stage and a.lane == b.lane and a.x + CARD_W / 2 <= b.x:
                    assert grid.cards[a.id].x < grid.cards[b.id].x


@settings(max_examples=100, deadline=None)
@given(
    width=st.floats(500, 200_000),
    height=st.floats(300, 20_000),
    area_w=st.floats(400, 1200),
    area_h=st.floats(300, 1100),
)
def test_tiles_cover_the_whole_map_at_a_readable_scale(width, height, area_w, area_h) -> None:
    tiling = tile_map(width, height, area_w, area_h)
    assert tiling.scale >= MIN_SCALE - 1e-9
    assert len(tiling.tiles) == tiling.rows * tiling.columns
    last = tiling.tiles[-1].box
    assert last.right >= width - 1e-6 and last.bottom >= height - 1e-6
    # With nothing to avoid, tiles fill their page and neighbours overlap by the glue strip.
    assert tiling.tiles[0].box.w * tiling.scale == pytest.approx(min(area_w, width * tiling.scale))
    if tiling.columns > 1:
        a, b = tiling.tile(0, 0).box, tiling.tile(0, 1).box
        assert (a.right - b.x) * tiling.scale == pytest.approx(OVERLAP)


@st.composite
def card_columns(draw: st.DrawFn) -> tuple[float, list[tuple[float, float]]]:
    """A map width and the x spans of its cards: columns of cards with gaps between them."""
    spans: list[tuple[float, float]] = []
    x = draw(st.floats(0, 80))
    for _ in range(draw(st.integers(1, 120))):
        w = draw(st.floats(60, 220))
        spans.append((x, x + w))
        x += w + draw(st.floats(2 * CUT_MARGIN + 1, 120))
    return x, spans


@settings(max_examples=100, deadline=None)
@given(columns=card_columns(), area_w=st.floats(400, 1200), rows=card_columns())
def test_cuts_fall_between_cards_and_every_card_prints_whole_on_a_tile(
    columns, area_w, rows
) -> None:
    width, across = columns
    height, down = rows
    tiling = tile_map(width, height, area_w, 700, x_blocks=across, y_blocks=down)
    assert tiling.scale >= MIN_SCALE - 1e-9
    ends = [x + w for x, w in zip(tiling.column_x, tiling.column_w, strict=True)]
    assert ends[-1] >= width - 1e-6
    for end in ends[:-1]:  # no cut through a card
        assert not any(a < end < b for a, b in across)
    for a, b in across:  # each card whole on some column of tiles
        assert any(
            x <= a + 1e-6 and b <= end + 1e-6 for x, end in zip(tiling.column_x, ends, strict=True)
        )
    for left, right in itertools.pairwise(zip(tiling.column_x, ends, strict=True)):
        assert (left[1] - right[0]) * tiling.scale == pytest.approx(OVERLAP)
    bottoms = [y + h for y, h in zip(tiling.row_y, tiling.row_h, strict=True)]
    for end in bottoms[:-1]:
        assert not any(a < end < b for a, b in down)


def test_a_handout_tile_cuts_between_cards_not_through_them() -> None:
    project = read_project(template("retail_bank").path)
    journey = project.journeys[1]
    scene = build_scene(journey, View.CURRENT, project.scale)
    sheet = landscape("a4")
    across, down = _blocks(scene)
    tiling = tile_map(
        scene.width, scene.height, sheet.content_width, sheet.content_height - 26, 0.5, 0.85,
        across, down,
    )  # fmt: skip
    assert tiling.columns > 1
    for x, w in zip(tiling.column_x[:-1], tiling.column_w[:-1], strict=True):
        cut = x + w
        assert not [s for s, box in scene.grid.cards.items() if box.x < cut < box.right]


def test_tile_labels_go_row_letter_then_column_number() -> None:
    assert [tile_label(0, 0), tile_label(0, 1), tile_label(1, 0)] == ["A1", "A2", "B1"]
    assert tile_label(25, 9) == "Z10" and tile_label(26, 0) == "AA1"


def test_a_number_and_its_unit_stay_on_one_line() -> None:
    lines = wrap("yes, it was me \u00b7 15\u202f%", REGULAR, 8, 60)
    assert len(lines) > 1 and lines[-1].endswith("15\u202f%")
    assert wrap("a  b\u00a0c", REGULAR, 8, 500) == ["a b\u00a0c"]


def test_the_map_curve_follows_the_main_path_not_the_mean_of_a_column() -> None:
    from motdesk.export.mapgrid import build_grid
    from motdesk.export.mapscene import _path_line, curve_y
    from motdesk.graph.document import Document
    from motdesk.graph.vocabulary import State, StepKind

    doc = Document.new()
    journey = doc.project.journeys[0]
    jid, stages, lane = journey.id, journey.stages, journey.lanes[0].id

    def add(stage: int, x: float, y: float, emotion: int, **fields):
        return doc.add_step(
            jid, stage=stages[stage].id, lane=lane, label=f"e{emotion}", x=x, y=y,
            current_emotion=emotion, **fields,
        )  # fmt: skip

    start = add(0, 0, 0, -2, kind=StepKind.START)
    likely = add(1, 0, 0, 2)
    unlikely = add(1, 0, 140, -3)  # the same column, below
    end = add(2, 0, 0, 1, kind=StepKind.END)
    doc.connect(jid, start.id, likely.id, share=0.9)
    doc.connect(jid, start.id, unlikely.id, share=0.1)
    doc.connect(jid, likely.id, end.id)
    doc.connect(jid, unlikely.id, end.id)
    grid = build_grid(journey, list(journey.steps()))
    assert grid.columns[likely.id] == grid.columns[unlikely.id]
    scale = doc.project.scale
    line = _path_line(journey, grid, scale, State.CURRENT)
    assert [y for _, y in line] == [curve_y(grid, scale, v) for v in (-2, 2, 1)]


def test_a_label_with_no_room_by_its_arrow_goes_clear_of_the_cards_with_a_leader() -> None:
    """Two close cards with others just above and below: the label (no share to fall back
    on) is printed where it covers no card, joined to its arrow, not under the cards."""
    from motdesk.export.mapgrid import Rect
    from motdesk.export.mapscene import CardIndex, _curve_points, place_label

    a, b = Rect(0, 200, 160, 70), Rect(200, 200, 160, 70)
    above, below = Rect(-50, 150, 460, 49), Rect(-50, 271, 460, 49)
    cards = CardIndex([a, b, above, below])
    lanes = Rect(-50, 0, 460, 600)
    points = _curve_points(a, b, top=lanes.y)
    placed = place_label(points, "still open, chases again", "", 110.0, cards, lanes)
    assert placed is not None and placed.anchor is not None
    assert " ".join(placed.text.lines) == "still open, chases again"  # every word kept
    assert not any(placed.box.intersects(card) for card in (a, b, above, below))
    anchor_x, anchor_y = placed.anchor
    assert a.right <= anchor_x <= b.x and a.y <= anchor_y <= a.bottom  # on its arrow


def test_arrow_labels_are_drawn_over_every_arrow_and_under_every_card() -> None:
    """A line drawn after a label would strike through it ("yes, it was me · 15 %" crossed
    by a loop); a label drawn after a card would hide the card."""
    project = read_project(template("retail_bank").path)
    journey = project.journeys[0]
    scene = build_scene(journey, View.CURRENT, project.scale)
    kinds = [item.draw.__qualname__.split(".")[0] for item in scene.items]
    arrows = [i for i, kind in enumerate(kinds) if kind == "_bind_arrow"]
    labels = [i for i, kind in enumerate(kinds) if kind == "_bind_label"]
    cards = [i for i, kind in enumerate(kinds) if kind == "_bind_card"]
    assert arrows and labels and cards
    assert max(arrows) < min(labels) and max(labels) < min(cards)

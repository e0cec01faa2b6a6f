"""Auto-layout: cards land in their own stage column and lane row, never overlap, the main path
runs straight, and applying it is one undoable unit; the map geometry finds cells and snaps."""

from __future__ import annotations

import itertools
from dataclasses import replace

import networkx as nx
import pytest
from hypothesis import given, settings

from benchmarks.generate import generate_project
from motdesk.graph.document import Document
from motdesk.graph.events import Change
from motdesk.graph.geometry import CARD_H, CARD_W, GAP_X, PAD_X, PAD_Y, MapGeometry
from motdesk.graph.layout import FOLD_SLOTS, apply_layout, auto_layout, plan_layout
from motdesk.graph.model import Journey, Lane, Project, Stage, Step, Transition
from motdesk.graph.paths import flow, main_path
from motdesk.graph.validation import ValidationError
from motdesk.graph.vocabulary import LaneKind, StepKind, View
from motdesk.resources import templates
from tests.strategies import projects
from tests.test_analysis import worked_example


def journeys() -> list[Journey]:
    found = [j for t in templates() for j in t.load().journeys]
    found.append(worked_example().journeys[0])
    found.append(generate_project(300, seed=3).journeys[0])
    return found


def check_placement(journey: Journey, positions: dict[str, tuple[float, float]]) -> None:
    """Each card inside its own cell of the geometry its positions make, and no overlaps."""
    assert set(positions) == {s.id for s in journey.steps()}
    geometry = MapGeometry.of(journey, positions)
    for step in journey.steps():
        x, y = positions[step.id]
        column, row = geometry.stage(step.stage), geometry.lane(step.lane)
        assert column.start <= x and x + CARD_W <= column.end, step.id
        assert row.start <= y and y + CARD_H <= row.end, step.id
        assert geometry.cell_at(x + CARD_W / 2, y + CARD_H / 2) == (step.stage, step.lane)
    boxes = sorted(positions.values())
    for (x1, y1), (x2, y2) in itertools.combinations(boxes, 2):
        if x2 >= x1 + CARD_W:
            continue
        assert abs(y1 - y2) >= CARD_H, "two cards overlap"


@pytest.mark.parametrize("journey", journeys(), ids=lambda j: f"{j.title[:20]}")
def test_every_card_in_its_cell_and_none_overlap(journey: Journey) -> None:
    layout = plan_layout(journey)
    check_placement(journey, layout.positions)
    # the geometry the layout planned is the one its positions make
    assert MapGeometry.of(journey, layout.positions) == layout.geometry


@given(projects(max_steps=12))
@settings(max_examples=60, deadline=None)
def test_any_valid_journey_lays_out_cleanly(project: Project) -> None:
    for journey in project.journeys:
        if journey.stages and journey.lanes:
            check_placement(journey, auto_layout(journey))


@pytest.mark.parametrize("journey", journeys(), ids=lambda j: f"{j.title[:20]}")
def test_main_path_runs_straight_along_each_lane(journey: Journey) -> None:
    positions = auto_layout(journey)
    path = main_path(flow(journey, View.CURRENT))
    assert path is not None
    for lane in journey.lanes:
        ys = {positions[s][1] for s in path.steps if journey.step(s).lane == lane.id}
        assert len(ys) <= 1, f"main path steps in {lane.name} at several heights: {ys}"


@pytest.mark.parametrize("journey", journeys(), ids=lambda j: f"{j.title[:20]}")
def test_transitions_inside_a_stage_run_left_to_right(journey: Journey) -> None:
    layers = plan_layout(journey).layers
    for t in journey.transitions():
        source, target = journey.step(t.source), journey.step(t.target)
        if source.stage != target.stage:
            continue
        stage = journey.graph.subgraph(s.id for s in journey.steps() if s.stage == source.stage)
        if nx.has_path(stage, t.target, t.source):
            continue  # part of a loop: one of its transitions has to point back
        assert layers[t.target] >= layers[t.source]
        if source.lane == target.lane:
            assert layers[t.target] > layers[t.source]


def test_a_customer_action_and_the_touchpoint_it_triggers_stand_one_above_the_other() -> None:
    stages = [Stage("s1", "Buy")]
    lanes = [Lane("l1", "Customer", LaneKind.CUSTOMER), Lane("l2", "Front", LaneKind.FRONTSTAGE)]
    journey = Journey("j", "J", stages=stages, lanes=lanes)
    for step in (
        Step("a", "Orders", "s1", "l1", kind=StepKind.START),
        Step("b", "Order page", "s1", "l2"),
        Step("c", "Pays", "s1", "l1", kind=StepKind.END),
    ):
        journey._put_step(step)
    for t in (Transition("t1", "a", "b"), Transition("t2", "b", "c")):
        journey._put_transition(t)
    positions = auto_layout(journey)
    assert positions["a"][0] == positions["b"][0] == PAD_X
    assert positions["c"][0] == PAD_X + CARD_W + GAP_X  # right of the action before it
    assert positions["a"][1] == positions["c"][1] == PAD_Y


def test_loops_and_empty_stages_and_lanes() -> None:
    stages = [Stage("s1", "One"), Stage("s2", "Empty"), Stage("s3", "Three")]
    lanes = [Lane("l1", "Customer"), Lane("l2", "Unused"), Lane("l3", "Back")]
    journey = Journey("j", "J", stages=stages, lanes=lanes)
    for step in (
        Step("a", "A", "s1", "l1", kind=StepKind.START),
        Step("b", "B", "s1", "l1"),
        Step("c", "C", "s3", "l3"),
        Step("d", "D", "s3", "l1", kind=StepKind.END),
    ):
        journey._put_step(step)
    for t in (
        Transition("t1", "a", "b"),
        Transition("t2", "b", "a"),  # a loop inside a stage
        Transition("t3", "b", "c"),
        Transition("t4", "c", "d"),
        Transition("t5", "d", "b"),  # a loop back two stages
    ):
        journey._put_transition(t)
    layout = plan_layout(journey)
    check_placement(journey, layout.positions)
    empty = layout.geometry.stage("s2")
    assert empty.size == CARD_W + 2 * PAD_X
    assert layout.geometry.lane("l2").size == CARD_H + 2 * PAD_Y
    assert layout.positions["a"][0] < layout.positions["b"][0]


def test_a_journey_without_steps_has_a_geometry_of_empty_cells() -> None:
    journey = Journey("j", "J", stages=[Stage("s1", "One")], lanes=[Lane("l1", "Row")])
    layout = plan_layout(journey)
    assert layout.positions == {}
    assert layout.geometry.width == CARD_W + 2 * PAD_X
    assert layout.geometry.cell_at(10, 10) == ("s1", "l1")


def test_apply_layout_is_one_undoable_unit_named_auto_layout() -> None:
    document = Document(worked_example())
    journey = document.project.journeys[0]
    before = {s.id: (s.x, s.y) for s in journey.steps()}
    apply_layout(document, journey.id)
    after = {s.id: (s.x, s.y) for s in journey.steps()}
    assert after == auto_layout(journey) and after != before
    assert document.history.undo_text == "Auto-layout"
    document.history.undo()
    assert {s.id: (s.x, s.y) for s in journey.steps()} == before
    assert not document.history.can_undo
    document.history.redo()
    assert {s.id: (s.x, s.y) for s in journey.steps()} == after
    # laid out already: nothing more to undo
    apply_layout(document, journey.id)
    document.history.undo()
    assert {s.id: (s.x, s.y) for s in journey.steps()} == before


def test_cell_at_and_snap_follow_the_bands() -> None:
    journey = worked_example().journeys[0]
    geometry = plan_layout(journey).geometry
    s2 = geometry.stage("s2")
    l3 = geometry.lane("l3")
    assert geometry.cell_at(s2.middle, l3.middle) == ("s2", "l3")
    assert geometry.cell_at(-500, -500) == ("s1", "l1")  # beyond the map: the nearest cell
    assert geometry.cell_at(10**6, 10**6) == ("s3", "l3")
    x, y, stage, lane = geometry.snap(s2.start - 10, l3.start + 3)
    assert (stage, lane) == ("s2", "l3")
    assert x == s2.start + PAD_X and y == l3.start + PAD_Y
    assert geometry.width == geometry.stages[-1].end and geometry.height == geometry.lanes[-1].end


def test_in_a_dense_map_a_card_put_back_where_it_was_stays_in_its_own_stage() -> None:
    """Cards of neighbouring stages only 20 units apart (after cards were moved by hand):
    the column line runs in the middle of their gap, and snapping a card where it stands
    keeps it there, in its stage, instead of pushing it a padding into its column."""
    stages = [Stage("s1", "One"), Stage("s2", "Two")]
    journey = Journey("j", "J", stages=stages, lanes=[Lane("l1", "Row")])
    for step in (
        Step("a", "A", "s1", "l1", x=100.0, y=100.0),
        Step("b", "B", "s2", "l1", x=100.0 + CARD_W + 20, y=100.0),
        Step("c", "C", "s2", "l1", x=100.0 + 2 * CARD_W + 100, y=100.0),
    ):
        journey._put_step(step)
    geometry = MapGeometry.of(journey)
    one, two = geometry.stages
    assert one.end == two.start == 100.0 + CARD_W + 10  # the middle of the 20-unit gap
    for step in journey.steps():
        assert geometry.snap(step.x, step.y) == (step.x, step.y, step.stage, step.lane)
    # a card dropped across the line still goes inside the column its middle is in
    x, _, stage, _ = geometry.snap(two.start - 60, 100.0)
    assert stage == "s2" and x >= two.start


@given(projects(max_steps=10))
@settings(max_examples=40, deadline=None)
def test_layout_of_every_journey_undoes_to_the_original(project: Project) -> None:
    document = Document(project.copy())
    laid: dict[str, dict[str, tuple[float, float]]] = {}
    for journey in document.project.journeys:
        apply_layout(document, journey.id)
        laid[journey.id] = {s.id: (s.x, s.y) for s in journey.steps()}
        assert laid[journey.id] == auto_layout(journey)
    while document.history.can_undo:
        assert document.history.undo_text == "Auto-layout"
        document.history.undo()
    assert document.project.journeys == project.journeys
    while document.history.can_redo:
        document.history.redo()
    for journey in document.project.journeys:
        assert {s.id: (s.x, s.y) for s in journey.steps()} == laid[journey.id]


def test_apply_layout_emits_one_change_per_moved_step_and_undoes_them_alike() -> None:
    document = Document(generate_project(120, seed=5))
    journey = document.project.journeys[0]
    changes: list[Change] = []
    document.events.subscribe(changes.append)
    before = {s.id: s for s in journey.steps()}
    apply_layout(document, journey.id)
    moved = {c.new.id for c in changes}
    assert all(c.kind == "step" and c.action == "changed" for c in changes)
    assert moved == {i for i, s in before.items() if (s.x, s.y) != auto_layout(journey)[i]}
    for change in changes:
        # only the position changed: the step is otherwise the record it was
        assert change.old is before[change.old.id]
        assert change.new == replace(change.old, x=change.new.x, y=change.new.y)
    assert document.history.undo_text == "Auto-layout"
    changes.clear()
    document.history.undo()
    assert len(changes) == len(moved)
    assert {s.id: s for s in journey.steps()} == before


def test_apply_layout_refuses_positions_that_are_not_numbers() -> None:
    document = Document(worked_example())
    journey = document.project.journeys[0]
    before = {s.id: (s.x, s.y) for s in journey.steps()}
    with pytest.raises(ValidationError):
        apply_layout(document, journey.id, card=(float("nan"), CARD_H))
    assert {s.id: (s.x, s.y) for s in journey.steps()} == before
    assert not document.history.can_undo


def test_thousands_of_steps_fold_long_stages_instead_of_making_a_ribbon() -> None:
    journey = generate_project(5000, seed=0).journeys[0]
    layout = plan_layout(journey)
    geometry, positions = layout.geometry, layout.positions
    # unfolded, each stage would be hundreds of slots wide: a map 700 times wider than tall
    assert geometry.width <= 8 * geometry.height
    assert max(layout.layers.values()) >= FOLD_SLOTS  # the order before folding is kept
    assert len(set(positions.values())) == len(positions)  # grid places: no two on one
    assert MapGeometry.of(journey, positions) == geometry
    for step in journey.steps():
        x, y = positions[step.id]
        assert geometry.cell_at(x + CARD_W / 2, y + CARD_H / 2) == (step.stage, step.lane)
    columns = {s: 0 for s in (st.id for st in journey.stages)}
    for step in journey.steps():
        column = geometry.stage(step.stage)
        slot = round((positions[step.id][0] - column.start - PAD_X) / (CARD_W + GAP_X))
        columns[step.stage] = max(columns[step.stage], slot + 1)
    assert max(columns.values()) <= FOLD_SLOTS

"""A step whose stage or lane is chosen (in the inspector, not by dragging) goes into its new
cell on the map, and a stage or lane moved left, right, up or down takes its cards along."""

from __future__ import annotations

import pytest

from motdesk.graph.document import Document
from motdesk.graph.geometry import CARD_H, CARD_W, MapGeometry
from motdesk.resources import template
from tests.maps import overlapping


def _cell_of(journey, step) -> tuple[str | None, str | None]:
    return MapGeometry.of(journey).cell_at(step.x + CARD_W / 2, step.y + CARD_H / 2)


@pytest.mark.parametrize("name", ["airline", "retail_bank"])
def test_a_step_given_another_stage_or_lane_stands_in_that_cell(name):
    document = Document(template(name).load())
    journey = document.project.journeys[0]
    steps = list(journey.steps())
    for step in steps[:: max(1, len(steps) // 8)]:
        for stage in journey.stages[:: 2]:
            for lane in journey.lanes[:: 2]:
                before = [(s.id, s.x, s.y, s.stage, s.lane) for s in journey.steps()]
                document.update_step(journey.id, step.id, stage=stage.id, lane=lane.id)
                moved = journey.step(step.id)
                assert (moved.stage, moved.lane) == (stage.id, lane.id)
                assert _cell_of(journey, moved) == (stage.id, lane.id)
                assert not overlapping(journey)
                if (stage.id, lane.id) != (step.stage, step.lane):
                    document.history.undo()  # one step: the card and any it moved for room
                    assert [(s.id, s.x, s.y, s.stage, s.lane) for s in journey.steps()] == before


def test_several_steps_given_one_stage_each_find_a_place_there():
    document = Document(template("airline").load())
    journey = document.project.journeys[0]
    target = journey.stages[-1]
    chosen = [s.id for s in journey.steps() if s.stage != target.id][:5]
    document.update_steps(journey.id, {sid: {"stage": target.id} for sid in chosen})
    for sid in chosen:
        step = journey.step(sid)
        assert _cell_of(journey, step) == (target.id, step.lane)
    assert not overlapping(journey)


def test_a_stage_moved_left_takes_its_cards_and_undo_brings_them_back():
    document = Document(template("airline").load())
    journey = document.project.journeys[0]
    second, first = journey.stages[1], journey.stages[0]
    before = {s.id: (s.x, s.y) for s in journey.steps()}
    document.move_stage(journey.id, second.id, 0)
    assert [s.id for s in journey.stages][:2] == [second.id, first.id]
    for step in journey.steps():  # every card still under its own stage's header
        assert _cell_of(journey, step) == (step.stage, step.lane)
        assert step.y == before[step.id][1]
    assert not overlapping(journey)
    document.history.undo()
    assert {s.id: (s.x, s.y) for s in journey.steps()} == before
    assert [s.id for s in journey.stages][:2] == [first.id, second.id]


def test_a_lane_moved_up_takes_its_cards():
    document = Document(template("retail_bank").load())
    journey = document.project.journeys[0]
    last = journey.lanes[-1]
    before = {s.id: (s.x, s.y) for s in journey.steps()}
    document.move_lane(journey.id, last.id, 0)
    assert journey.lanes[0].id == last.id
    for step in journey.steps():
        assert _cell_of(journey, step) == (step.stage, step.lane)
        assert step.x == before[step.id][0]
    assert not overlapping(journey)
    assert document.history.undo_text == "Move lane"

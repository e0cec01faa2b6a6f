"""Step codes (S01...): one numbering shared by the handout, the editor and `motdesk analyze`,
and what changes a code and what never does."""

from __future__ import annotations

import random
from dataclasses import replace

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import motdesk.export.codes as handout_codes
from motdesk.graph.codes import ordered_steps, step_codes, step_for_code
from motdesk.graph.model import Journey, Lane, Project, Stage, Step
from tests.strategies import projects


def journeys_of(project: Project) -> list[Journey]:
    return [j for j in project.journeys if j.step_count]


def test_the_handout_uses_the_same_functions() -> None:
    assert handout_codes.step_codes is step_codes
    assert handout_codes.step_for_code is step_for_code
    assert handout_codes.ordered_steps is ordered_steps


@given(projects(max_steps=10))
@settings(max_examples=60, deadline=None)
def test_codes_number_every_step_once_in_reading_order(project: Project) -> None:
    for journey in journeys_of(project):
        codes = step_codes(journey)
        assert set(codes) == {s.id for s in journey.steps()}
        assert [codes[s.id] for s in ordered_steps(journey)] == [
            f"S{i:02d}" for i in range(1, journey.step_count + 1)
        ]
        for step in journey.steps():
            assert step_for_code(journey, codes[step.id]) == step


@given(projects(max_steps=10), st.randoms(use_true_random=False))
@settings(max_examples=60, deadline=None)
def test_edits_that_are_not_moves_keep_every_code(project: Project, rng: random.Random) -> None:
    for journey in journeys_of(project):
        before = step_codes(journey)
        for step in list(journey.steps()):
            journey._put_step(
                replace(step, label=f"renamed {rng.random()}", current_emotion=None, owner="x")
            )
        assert step_codes(journey) == before


@given(projects(max_steps=10), st.randoms(use_true_random=False))
@settings(max_examples=60, deadline=None)
def test_a_move_that_keeps_the_reading_order_keeps_every_code(
    project: Project, rng: random.Random
) -> None:
    # stretching and shifting the whole map (what auto-layout spacing or a zoom of the
    # layout does) keeps every step's place, so it keeps every code
    scale, dx, dy = rng.uniform(0.5, 3.0), rng.uniform(-500, 500), rng.uniform(-500, 500)
    for journey in journeys_of(project):
        before = step_codes(journey)
        for step in list(journey.steps()):
            journey._put_step(replace(step, x=step.x * scale + dx, y=step.y * scale + dy))
        assert step_codes(journey) == before


@given(projects(max_steps=10), st.randoms(use_true_random=False))
@settings(max_examples=80, deadline=None)
def test_a_move_inside_a_stage_renumbers_only_that_stages_steps(
    project: Project, rng: random.Random
) -> None:
    for journey in journeys_of(project):
        before = step_codes(journey)
        moved = rng.choice(sorted(journey.steps(), key=lambda s: s.id))
        journey._put_step(replace(moved, x=rng.uniform(-999, 999), y=rng.uniform(-999, 999)))
        after = step_codes(journey)
        same_stage = {s.id for s in journey.steps() if s.stage == moved.stage}
        assert {i: c for i, c in after.items() if i not in same_stage} == {
            i: c for i, c in before.items() if i not in same_stage
        }
        # the stage keeps its block of codes; only the order inside it can change
        assert {after[i] for i in same_stage} == {before[i] for i in same_stage}


def test_codes_read_back_in_any_spelling_and_refuse_what_names_no_step() -> None:
    journey = Journey("j", "J", stages=[Stage("s", "Only")], lanes=[Lane("l", "Row")])
    for i in range(9):
        journey._put_step(Step(f"n{i}", f"Step {i}", "s", "l", x=float(90 - i * 10)))
    assert step_codes(journey)["n8"] == "S01" and step_codes(journey)["n0"] == "S09"
    for spelling in ("S9", "s09", "9", " S009 "):
        assert step_for_code(journey, spelling).id == "n0"
    for wrong in ("S00", "S10", "n3", ""):
        with pytest.raises(KeyError):
            step_for_code(journey, wrong)

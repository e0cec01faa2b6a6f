"""Auto-layout's own search for the main path finds the analysis' main path, step for step, in
either view: ties, shares of 0, shares adding up to more than 1, hidden transitions, loops,
journeys without a start step."""

from __future__ import annotations

import random

import pytest
from hypothesis import given, settings

from benchmarks.generate import generate_project
from motdesk.graph.layout import _likeliest, _numbered
from motdesk.graph.model import Journey, Lane, Project, Stage, Step, Transition
from motdesk.graph.paths import flow, main_path
from motdesk.graph.validation import transition_fits
from motdesk.graph.views import visible
from motdesk.graph.vocabulary import State, StepKind, View
from motdesk.resources import templates
from tests.strategies import projects
from tests.test_analysis import worked_example

VIEWS = (View.CURRENT, View.FUTURE)


def layout_path(journey: Journey, view: View) -> tuple[str, ...]:
    steps, _, _ = _numbered(journey)
    adjacency = dict(journey.graph.adjacency())
    edges = [adjacency[s.id] for s in steps]
    number = {s.id: i for i, s in enumerate(steps)}
    succ = [[number[t] for t in targets] for targets in edges]
    shown = frozenset(s for s in State if visible(s, view))
    return tuple(steps[i].id for i in _likeliest(steps, edges, succ, shown))


def analysis_path(journey: Journey, view: View) -> tuple[str, ...]:
    path = main_path(flow(journey, view))
    return () if path is None else path.steps


def tangled(seed: int, size: int) -> Journey:
    """A random valid journey full of ties: shares from a few values (0 and None among them),
    loops, several starts and ends or none, steps and transitions of every state."""
    rng = random.Random(seed)
    stages = [Stage(f"s{i}", f"Stage {i}") for i in range(3)]
    lanes = [Lane(f"l{i}", f"Lane {i}") for i in range(3)]
    journey = Journey("j", "Tangled", stages=stages, lanes=lanes)
    kinds = [StepKind.ACTION] * 6 + [StepKind.START, StepKind.END]
    with_starts = rng.random() < 0.7
    states = (State.BOTH, State.BOTH, State.CURRENT, State.FUTURE)
    for i in range(size):
        kind = rng.choice(kinds)
        if kind is StepKind.START and not with_starts:
            kind = StepKind.ACTION
        step = Step(
            f"n{i}", f"Step {i}", rng.choice(stages).id, rng.choice(lanes).id,
            kind=kind, state=rng.choice(states),
        )  # fmt: skip
        journey._put_step(step)
    steps = list(journey.steps())
    for t in range(size * 2):
        source, target = rng.choice(steps), rng.choice(steps)
        if source.id == target.id or journey.transition_between(source.id, target.id):
            continue
        fitting = [s for s in State if transition_fits(s, source, target)]
        if not fitting:
            continue
        share = rng.choice((None, None, 0.0, 0.1, 0.2, 0.3, 0.5, 0.5, 0.7, 1.0))
        transition = Transition(
            f"t{t}", source.id, target.id, share=share, state=rng.choice(fitting)
        )
        journey._put_transition(transition)
    return journey


def known_journeys() -> list[Journey]:
    found = [j for t in templates() for j in t.load().journeys]
    found.append(worked_example().journeys[0])
    found += [generate_project(n, seed=seed).journeys[0] for n, seed in ((300, 3), (2000, 1))]
    return found


@pytest.mark.parametrize("journey", known_journeys(), ids=lambda j: j.title[:20])
@pytest.mark.parametrize("view", VIEWS)
def test_templates_and_generated_journeys(journey: Journey, view: View) -> None:
    assert layout_path(journey, view) == analysis_path(journey, view)


@pytest.mark.parametrize("seed", range(150))
def test_tangled_journeys_with_many_ties(seed: int) -> None:
    journey = tangled(seed, size=5 + seed % 40)
    for view in VIEWS:
        assert layout_path(journey, view) == analysis_path(journey, view)


@given(projects(max_steps=12))
@settings(max_examples=60, deadline=None)
def test_any_valid_journey(project: Project) -> None:
    for journey in project.journeys:
        for view in VIEWS:
            assert layout_path(journey, view) == analysis_path(journey, view)


def test_paths_of_equal_likelihood_tie_as_in_the_analysis() -> None:
    """The same shares in other orders: equal products whose sums of logarithms differ in
    the last bits, so only the analysis' rounding makes them the tie it breaks by map order."""
    shares = (0.3, 0.7, 0.9, 0.6, 0.1)
    stages, lanes = [Stage("s1", "One")], [Lane(f"l{i}", f"Lane {i}") for i in range(6)]
    journey = Journey("j", "Ties", stages=stages, lanes=lanes)
    journey._put_step(Step("start", "Start", "s1", "l0", kind=StepKind.START))
    journey._put_step(Step("end", "End", "s1", "l0", kind=StepKind.END))
    rng = random.Random(7)
    for chain in range(5):
        order = list(shares)
        rng.shuffle(order)
        head = f"c{chain}"
        journey._put_step(Step(head, head, "s1", f"l{5 - chain}"))
        journey._put_transition(Transition(f"t{head}", "start", head, share=0.2))
        previous = head
        for i, share in enumerate(order):
            step_id = f"{head}_{i}"
            journey._put_step(Step(step_id, step_id, "s1", f"l{5 - chain}"))
            journey._put_transition(Transition(f"t{step_id}", previous, step_id, share=share))
            previous = step_id
        journey._put_transition(Transition(f"t{head}_end", previous, "end"))
    assert len(analysis_path(journey, View.CURRENT)) == len(shares) + 3
    assert layout_path(journey, View.CURRENT) == analysis_path(journey, View.CURRENT)

"""Analysis on random valid projects: it always answers, its paths are real paths, the main path
is the likeliest, and reach matches hitting probabilities solved one step at a time."""

from __future__ import annotations

import json
import random
from dataclasses import replace

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from motdesk.graph.analysis import analyze
from motdesk.graph.findings import FINDING_KINDS
from motdesk.graph.model import Project
from motdesk.graph.paths import Flow, enumerate_paths, flow, main_path, reach
from motdesk.graph.vocabulary import StepKind, View
from tests.strategies import projects

VIEWS = (View.CURRENT, View.FUTURE)


def hitting_probability(current: Flow, target: str) -> float:
    """The chance a customer ever arrives at `target`, by one linear system for that step alone.

    f(target) = 1 and f(u) = sum of share x f(w) over u's transitions elsewhere, over the
    steps that can reach the target along transitions with a share above 0 (0 for the rest).
    """
    feeding: dict[str, set[str]] = {s: set() for s in current.order}
    for source, successors in current.out.items():
        for successor, share in successors:
            if share > 0:
                feeding[successor].add(source)
    can_reach = {target}
    frontier = [target]
    while frontier:
        for source in feeding[frontier.pop()]:
            if source not in can_reach:
                can_reach.add(source)
                frontier.append(source)
    unknown = sorted(can_reach - {target})
    index = {s: i for i, s in enumerate(unknown)}
    matrix = np.eye(len(unknown))
    constant = np.zeros(len(unknown))
    for s in unknown:
        for successor, share in current.out[s]:
            if successor == target:
                constant[index[s]] += share
            elif successor in index:
                matrix[index[s], index[successor]] -= share
    solved = np.linalg.solve(matrix, constant) if unknown else np.zeros(0)
    value = {s: solved[index[s]] for s in unknown}
    value[target] = 1.0
    return sum(value.get(start, 0.0) for start in current.starts) / len(current.starts)


@given(projects(max_steps=9))
@settings(max_examples=80, deadline=None)
def test_reach_is_the_chance_of_ever_arriving(project: Project) -> None:
    for journey in project.journeys:
        for view in VIEWS:
            current = flow(journey, view)
            shares = reach(current).shares
            for step_id in current.order:
                assert shares[step_id] == pytest.approx(
                    hitting_probability(current, step_id), abs=1e-6
                ), step_id


@given(projects(max_steps=9))
@settings(max_examples=80, deadline=None)
def test_main_path_is_the_likeliest_listed_path(project: Project) -> None:
    for journey in project.journeys:
        for view in VIEWS:
            current = flow(journey, view)
            listed = enumerate_paths(current, max_paths=10_000)
            best = main_path(current)
            if not listed.paths:
                assert best is None
                continue
            assert best is not None
            assert best.steps[0] in current.starts and best.steps[-1] in current.ends
            if not listed.truncated:  # the likeliest path to an end step, if one is reached
                named = [
                    p for p in listed.paths if journey.step(p.steps[-1]).kind is StepKind.END
                ]
                top = max(p.probability for p in named or listed.paths)
                assert best.probability == pytest.approx(top, rel=1e-9, abs=1e-12)


@given(projects(max_steps=10))
@settings(max_examples=80, deadline=None)
def test_analysis_always_answers_and_holds_together(project: Project) -> None:
    for journey in project.journeys:
        for view in VIEWS:
            result = analyze(project, journey.id, view)
            edges = {
                (t.source, t.target)
                for ts in flow(journey, view).transitions_out.values()
                for t in ts
            }
            for path in result.paths.paths:
                assert path.steps[0] in result.starts and path.steps[-1] in result.ends
                assert len(set(path.steps)) == len(path.steps)
                assert all(pair in edges for pair in zip(path.steps, path.steps[1:], strict=False))
                assert 0.0 <= path.probability <= 1.0 + 1e-9
            assert all(0.0 <= r <= 1.0 for r in result.reach.values())
            step_ids = {s.id for s in journey.steps()}
            assert {row.step_id for row in result.gaps} == step_ids
            assert all(0.0 <= row.priority <= 100.0 for row in result.gaps)
            for row in result.gaps:
                if row.phase is not None:
                    assert row.suggested_phase is None
            for finding in result.findings:
                assert finding.code in FINDING_KINDS
                assert set(finding.step_ids) <= step_ids
            json.dumps(result.to_dict())


@given(projects(max_steps=8), st.randoms(use_true_random=False))
@settings(max_examples=40, deadline=None)
def test_moving_cards_changes_no_figure(project: Project, rng: random.Random) -> None:
    def figures(journey_id: str) -> list[dict]:
        # messages name steps by their code, which follows the layout; the rest must not
        found = [analyze(project, journey_id, view).to_dict() for view in VIEWS]
        for data in found:
            for finding in data["findings"]:
                del finding["message"]
        return found

    for journey in project.journeys:
        before = figures(journey.id)
        for step in list(journey.steps()):
            journey._put_step(replace(step, x=rng.uniform(-999, 999), y=rng.uniform(-999, 999)))
        assert figures(journey.id) == before


def test_a_dead_end_branch_being_sketched_does_not_become_the_main_path() -> None:
    """Adding one unrated branch from the first step ("Calls branch" -> "Branch logs") made
    that two-step dead end the likeliest path, and the curve shrank to it."""
    from motdesk.graph.document import Document
    from motdesk.resources import template

    doc = Document(template("retail_bank").load())
    journey = doc.project.journeys[0]
    before = main_path(flow(journey, View.CURRENT))
    assert before is not None
    first = before.steps[0]
    branch = doc.add_step(journey.id, label="Calls branch", stage=journey.step(first).stage)
    logs = doc.add_step(journey.id, label="Branch logs", stage=journey.step(first).stage)
    doc.connect(journey.id, first, branch.id)
    doc.connect(journey.id, branch.id, logs.id)
    after = main_path(flow(journey, View.CURRENT))
    assert after is not None and after.steps[-1] == before.steps[-1]
    assert journey.step(after.steps[-1]).kind is StepKind.END

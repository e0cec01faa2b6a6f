"""Every sample template analyses cleanly in both views, with figures that hold together."""

from __future__ import annotations

import json

import pytest

from motdesk.graph.analysis import analyze
from motdesk.graph.findings import FINDING_KINDS
from motdesk.graph.paths import flow
from motdesk.graph.vocabulary import View
from motdesk.resources import templates

CASES = [
    (t.name, journey.id, view)
    for t in templates()
    for journey in t.load().journeys
    for view in (View.CURRENT, View.FUTURE)
]


def test_there_are_templates_to_analyse() -> None:
    assert CASES


@pytest.mark.parametrize(("name", "journey_id", "view"), CASES)
def test_template_analysis_holds_together(name: str, journey_id: str, view: View) -> None:
    project = next(t for t in templates() if t.name == name).load()
    journey = project.journey(journey_id)
    result = analyze(project, journey_id, view)
    view_flow = flow(journey, view)
    edges = {(t.source, t.target) for ts in view_flow.transitions_out.values() for t in ts}

    assert result.main_path is not None, "every sample has a way from its start to its end"
    main = result.main_path.steps
    assert main[0] in result.starts and main[-1] in result.ends
    assert all(pair in edges for pair in zip(main, main[1:], strict=False))
    assert 0 < result.main_path.probability <= 1
    assert all(p.probability <= result.main_path.probability + 1e-9 for p in result.paths.paths)
    for path in result.paths.paths:
        assert len(set(path.steps)) == len(path.steps)
        assert all(pair in edges for pair in zip(path.steps, path.steps[1:], strict=False))

    assert set(result.reach) == set(view_flow.order)
    assert all(0.0 <= share <= 1.0 for share in result.reach.values())
    for start in result.starts:
        assert result.reach[start] > 0

    arc = result.arc
    assert [p.step_id for p in arc.points] + list(arc.skipped) != []
    if arc.points:
        assert arc.lowest.emotion <= arc.end.emotion <= arc.highest.emotion  # type: ignore[union-attr]
        assert arc.lowest.emotion <= arc.peak_end <= arc.highest.emotion  # type: ignore[union-attr,operator]

    step_ids = {s.id for s in journey.steps()}
    assert {row.step_id for row in result.gaps} == step_ids
    for finding in result.findings:
        assert finding.code in FINDING_KINDS
        assert set(finding.step_ids) <= step_ids
        assert all(journey.has_transition(t) for t in finding.transition_ids)
        assert finding.message.endswith(".")
    json.dumps(result.to_dict())

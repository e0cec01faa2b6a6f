"""The bundled sample projects: each loads, validates and survives a JSON round trip unchanged."""

from __future__ import annotations

import json

import pytest

from motdesk.graph.jsonio import dumps, loads, read_project
from motdesk.graph.validation import check_project
from motdesk.graph.vocabulary import Moment, State
from motdesk.resources import template, templates

TEMPLATES = templates()


def test_there_are_the_five_samples() -> None:
    assert {t.name for t in TEMPLATES} == {
        "airline", "retail_bank", "insurer_claim", "consumer_product", "hotel"
    }  # fmt: skip


@pytest.mark.parametrize("item", TEMPLATES, ids=lambda t: t.name)
def test_template_loads_validates_and_round_trips(item) -> None:
    project = read_project(item.path)
    check_project(project)
    text = dumps(project)
    assert loads(text) == project
    assert json.loads(text) == json.loads(item.path.read_text(encoding="utf-8"))


@pytest.mark.parametrize("item", TEMPLATES, ids=lambda t: t.name)
def test_template_reads_like_real_work(item) -> None:
    project = item.load()
    assert project.title and project.organisation and project.personas
    for journey in project.journeys:
        steps = list(journey.steps())
        assert 12 <= len(steps) <= 40
        assert 4 <= len(journey.stages) <= 6
        assert {lane.kind.value for lane in journey.lanes} >= {
            "customer",
            "frontstage",
            "backstage",
            "support",
        }
        states = {s.state for s in steps}
        assert {State.CURRENT, State.FUTURE, State.BOTH} <= states, "needs a future state"
        assert any(s.kpis and s.kpis[0].target is not None for s in steps)
        assert any(s.gap for s in steps), "target emotions must differ from today somewhere"


def test_every_moment_code_appears_across_the_samples() -> None:
    codes = {
        step.moment
        for item in TEMPLATES
        for journey in item.load().journeys
        for step in journey.steps()
        if step.moment is not None
    }
    assert codes == set(Moment)


def test_unknown_template_names_the_ones_there_are() -> None:
    with pytest.raises(KeyError, match="airline"):
        template("spaceship")

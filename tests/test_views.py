"""Current, future and compare views: what each shows and what the compare view marks."""

from __future__ import annotations

import pytest

from motdesk.graph.document import Document
from motdesk.graph.jsonio import project_to_dict
from motdesk.graph.views import Difference, compare, journey_view, view_emotion
from motdesk.graph.vocabulary import State, View


@pytest.fixture
def built():
    doc = Document.new()
    j = doc.project.journeys[0].id
    old = doc.add_step(j, label="Queue at desk", state=State.CURRENT, current_emotion=-2)
    both_up = doc.add_step(j, label="Board", current_emotion=-1, future_emotion=2)
    both_down = doc.add_step(j, label="Meal", current_emotion=1, future_emotion=0)
    same = doc.add_step(j, label="Land", current_emotion=1, future_emotion=1)
    new = doc.add_step(j, label="App check-in", state=State.FUTURE, future_emotion=2)
    t_old = doc.connect(j, old.id, both_up.id)
    t_new = doc.connect(j, new.id, both_up.id)
    t_both = doc.connect(j, both_up.id, both_down.id)
    ids = {"old": old.id, "up": both_up.id, "down": both_down.id, "same": same.id, "new": new.id,
           "t_old": t_old.id, "t_new": t_new.id, "t_both": t_both.id}  # fmt: skip
    return doc, doc.project.journeys[0], ids


def test_current_view_hides_future_only(built) -> None:
    _, journey, ids = built
    view = journey_view(journey, View.CURRENT)
    assert view.step_ids == {ids["old"], ids["up"], ids["down"], ids["same"]}
    assert {t.id for t in view.transitions} == {ids["t_old"], ids["t_both"]}


def test_future_view_hides_current_only(built) -> None:
    _, journey, ids = built
    view = journey_view(journey, "future")
    assert view.step_ids == {ids["new"], ids["up"], ids["down"], ids["same"]}
    assert {t.id for t in view.transitions} == {ids["t_new"], ids["t_both"]}


def test_compare_view_shows_all_and_marks_each_difference(built) -> None:
    doc, journey, ids = built
    before = project_to_dict(doc.project)
    assert len(journey_view(journey, View.COMPARE).steps) == 5
    comparison = compare(journey)
    assert [s.id for s in comparison.added] == [ids["new"]]
    assert [s.id for s in comparison.removed] == [ids["old"]]
    assert [s.id for s in comparison.raised] == [ids["up"]]
    assert [s.id for s in comparison.lowered] == [ids["down"]]
    assert [s.id for s in comparison.unchanged] == [ids["same"]]
    assert comparison.difference(ids["up"]) is Difference.RAISED
    assert [t.id for t in comparison.transitions_added] == [ids["t_new"]]
    assert [t.id for t in comparison.transitions_removed] == [ids["t_old"]]
    assert project_to_dict(doc.project) == before, "views never change the document"


def test_view_emotion_picks_the_side_of_the_view(built) -> None:
    _, journey, ids = built
    up = journey.step(ids["up"])
    assert view_emotion(up, View.CURRENT) == -1
    assert view_emotion(up, View.FUTURE) == 2
    assert view_emotion(journey.step(ids["new"]), View.COMPARE) == 2
    assert up.gap == 3

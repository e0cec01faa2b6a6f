"""Emotion levels read the same everywhere: "+3" and "−2" (a true minus) on a scale around
zero, the bare number on a scale from 1, as the map and the outline show them."""

from __future__ import annotations

import pytest

from motdesk.graph.analysis import analyze
from motdesk.graph.document import Document
from motdesk.graph.vocabulary import State, View, emotion_scale, format_emotion
from motdesk.ui.session import Session
from tests.ui_driver import make_window

MINUS = "\u2212"


pytestmark = pytest.mark.usefixtures("answers")  # modal boxes answered, windows closed


def test_levels_show_a_sign_only_on_a_scale_around_zero():
    signed = emotion_scale("-3..3")
    assert [signed.number(v) for v in signed.levels()] == [
        f"{MINUS}3",
        f"{MINUS}2",
        f"{MINUS}1",
        "0",
        "+1",
        "+2",
        "+3",
    ]
    assert [emotion_scale("1..5").number(v) for v in range(1, 6)] == ["1", "2", "3", "4", "5"]
    assert signed.number(None) == "\u2013"
    assert format_emotion(-2, signed=False) == f"{MINUS}2"


def test_a_card_shows_its_level_as_the_scale_formats_it(qtbot):
    from motdesk.graph.document import blueprint_journey
    from motdesk.graph.model import Project
    from motdesk.ui.canvas import JourneyScene

    for code, value in (("-3..3", -2), ("-3..3", 3), ("1..5", 4), ("-2..2", None)):
        document = Document(Project(journeys=[blueprint_journey("J")], emotion_scale=code))
        journey = document.project.journeys[0]
        step = document.add_step(journey.id, label="Rated", current_emotion=value)
        scene = JourneyScene(document, journey.id)
        look = scene.step_item(step.id)._look()
        assert look.number.text() == emotion_scale(code).number(value)
        scene.detach()


def _dip() -> tuple[Document, str, str, str]:
    """A journey whose emotion drops from +2 to −1 at a step with no pain point."""
    document = Document.new()
    journey = document.project.journeys[0]
    high = document.add_step(journey.id, label="Books", current_emotion=2, future_emotion=3)
    low = document.add_step(journey.id, label="Waits", current_emotion=-1, future_emotion=2)
    document.connect(journey.id, high.id, low.id)
    return document, journey.id, high.id, low.id


def test_undo_names_the_emotion_set_with_its_sign():
    document, journey_id, high, low = _dip()
    document.set_emotion(journey_id, [high, low], State.FUTURE, 3)
    assert document.history.undo_text == "Set target emotion to +3"
    document.set_emotion(journey_id, [high, low], State.CURRENT, -2)
    assert document.history.undo_text == f"Set today emotion to {MINUS}2"
    document.set_emotion(journey_id, [high, low], State.CURRENT, 0)
    assert document.history.undo_text == "Set today emotion to 0"
    document.set_emotion(journey_id, [high, low], State.FUTURE, None)
    assert document.history.undo_text == "Clear target emotion"


def test_a_dip_finding_signs_both_levels():
    document, journey_id, _, _ = _dip()
    result = analyze(document.project, journey_id, View.CURRENT)
    dips = [f.message for f in result.findings if f.code == "dip-without-pain-point"]
    assert len(dips) == 1
    assert f"Emotion dips to {MINUS}1 at " in dips[0]
    assert "(from +2 before it)" in dips[0]


def test_a_dip_on_a_scale_from_one_shows_bare_numbers():
    document, journey_id, _, _ = _dip()
    document.set_emotion_scale("1..5")
    result = analyze(document.project, journey_id, View.CURRENT)
    (dip,) = [f.message for f in result.findings if f.code == "dip-without-pain-point"]
    assert "+" not in dip and MINUS not in dip


def test_priorities_and_the_chart_axis_sign_their_levels(qtbot):
    from motdesk.ui.analysis import PRIORITY_COLUMNS, axis_labels

    document, journey_id, _, low = _dip()
    window = make_window(qtbot, Session.new(document.project))
    dock = window.analysis
    dock.show()
    dock.refresh()
    table = dock.priorities
    column = {name: i for i, name in enumerate(PRIORITY_COLUMNS)}
    rows = {table.item(r, 1).text(): r for r in range(table.rowCount())}
    waits = rows["Waits"]
    assert table.item(waits, column["Today"]).text() == f"{MINUS}1"
    assert table.item(waits, column["Target"]).text() == "+2"
    assert table.item(waits, column["Gap"]).text() == "+3"
    assert axis_labels(dock.result.scale) == [(-3, f"{MINUS}3 misery"), (3, "+3 magic")]
    assert axis_labels(emotion_scale("1..5")) == [(1, "1 misery"), (5, "5 magic")]

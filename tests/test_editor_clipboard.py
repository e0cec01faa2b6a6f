"""Copy, cut, paste and duplicate of steps with keys: between journeys, windows and programs."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication

from motdesk.graph.document import Document
from motdesk.graph.fragments import MIME_TYPE
from motdesk.graph.jsonio import project_to_dict
from motdesk.ui.session import Session
from tests.ui_driver import (
    card_centre,
    click,
    key,
    make_window,
)

CTRL = Qt.KeyboardModifier.ControlModifier


pytestmark = pytest.mark.usefixtures("answers")  # modal boxes answered, windows closed


def two_journey_session() -> tuple[Session, dict[str, str]]:
    document = Document.new()
    jid = document.project.journeys[0].id
    journey = document.journey(jid)
    s = journey.stages
    a = document.add_step(jid, label="Lost card", stage=s[0].id, x=20, y=30, current_emotion=-3)
    b = document.add_step(jid, label="Calls bank", stage=s[1].id, x=240, y=30)
    c = document.add_step(jid, label="New card", stage=s[2].id, x=460, y=30)
    document.connect(jid, a.id, b.id, label="at once")
    document.connect(jid, b.id, c.id)
    document.add_journey("Second")
    document.history.clear()
    return Session.new(document.project), {"a": a.id, "b": b.id, "c": c.id}


def select_with_clicks(window, step_ids):
    click(window, card_centre(window, step_ids[0]))
    for step_id in step_ids[1:]:
        click(window, card_centre(window, step_id), CTRL)
    assert sorted(window.selected_step_ids()) == sorted(step_ids)


def test_copy_paste_between_journeys_is_one_undo_unit(qtbot, answers):
    session, ids = two_journey_session()
    window = make_window(qtbot, session)
    document = window.document
    first, second = (j.id for j in document.project.journeys)
    select_with_clicks(window, [ids["a"], ids["b"]])
    key(window.view, Qt.Key.Key_C, CTRL)
    data = QGuiApplication.clipboard().mimeData()
    assert data.hasFormat(MIME_TYPE)
    assert data.text() == "Lost card\nCalls bank"

    window.tabs.setCurrentIndex(1)  # the second journey's tab
    assert window.journey_id == second
    before = project_to_dict(document.project)
    key(window.view, Qt.Key.Key_V, CTRL)
    target = document.journey(second)
    labels = sorted(s.label for s in target.steps())
    assert labels == ["Calls bank", "Lost card"]
    (transition,) = target.transitions()
    assert transition.label == "at once"
    assert not {s.id for s in target.steps()} & set(ids.values())
    assert sorted(window.selected_step_ids()) == sorted(s.id for s in target.steps())
    assert document.journey(first).step_count == 3
    assert window.actions.undo.text().replace("&", "") == "Undo Paste"
    key(window, Qt.Key.Key_Z, CTRL)
    assert project_to_dict(document.project) == before


def test_cut_removes_and_paste_brings_back_elsewhere(qtbot, answers):
    session, ids = two_journey_session()
    window = make_window(qtbot, session)
    journey = window.journey()
    select_with_clicks(window, [ids["c"]])
    key(window.view, Qt.Key.Key_X, CTRL)
    assert journey.step_count == 2 and journey.transition_count == 1
    key(window.view, Qt.Key.Key_V, CTRL)
    assert journey.step_count == 3
    assert sorted(s.label for s in journey.steps()) == ["Calls bank", "Lost card", "New card"]


def test_duplicate_places_copies_beside_the_originals(qtbot, answers):
    session, ids = two_journey_session()
    window = make_window(qtbot, session)
    journey = window.journey()
    select_with_clicks(window, [ids["b"], ids["c"]])
    key(window.view, Qt.Key.Key_D, CTRL)
    assert journey.step_count == 5 and journey.transition_count == 3
    copies = [journey.step(s) for s in window.selected_step_ids()]
    assert sorted(s.label for s in copies) == ["Calls bank", "New card"]
    originals = {(journey.step(ids[k]).x, journey.step(ids[k]).y) for k in "bc"}
    assert not {(s.x, s.y) for s in copies} & originals
    assert window.actions.undo.text().replace("&", "") == "Undo Duplicate"


def test_paste_into_another_window_converts_the_emotion_scale(qtbot, answers):
    session, ids = two_journey_session()
    source = make_window(qtbot, session)
    select_with_clicks(source, [ids["a"]])
    key(source.view, Qt.Key.Key_C, CTRL)

    other = Document.new()
    other.set_emotion_scale("1..5")
    other.history.clear()
    target = make_window(qtbot, Session.new(other.project))
    key(target.view, Qt.Key.Key_V, CTRL)
    (step,) = target.journey().steps()
    assert step.label == "Lost card" and step.current_emotion == 1  # misery on 1..5
    assert source.journey().step_count == 3

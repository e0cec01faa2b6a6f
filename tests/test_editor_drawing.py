"""Drawing a journey from nothing with mouse and keys, undoing it all, redoing it, saving it."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog

from motdesk.graph.jsonio import project_to_dict
from motdesk.graph.vocabulary import Moment, View
from motdesk.ui.session import Session
from tests.ui_driver import (
    card_centre,
    cell_centre,
    click,
    double_click,
    drag,
    key,
    make_window,
    type_text,
)

pytestmark = pytest.mark.usefixtures("answers")  # modal boxes answered, windows closed


def summary(project) -> dict:
    """What a user sees of a journey, by names instead of ids."""
    journey = project.journeys[0]
    stages = {s.id: s.name for s in journey.stages}
    lanes = {ln.id: ln.name for ln in journey.lanes}
    steps = {s.id: s for s in journey.steps()}
    return {
        "steps": sorted(
            (
                s.label,
                stages[s.stage],
                lanes[s.lane],
                s.current_emotion,
                s.future_emotion,
                s.moment.value if s.moment else None,
            )
            for s in steps.values()
        ),
        "transitions": sorted(
            (steps[t.source].label, steps[t.target].label) for t in journey.transitions()
        ),
    }


EXPECTED = {
    "steps": [
        ("Book", "Buy", "Customer actions", 2, 3, "FMOT"),
        ("Pay", "Use", "Frontstage", None, None, None),
        ("Search", "Discover", "Customer actions", -2, None, None),
    ],
    "transitions": [("Book", "Pay"), ("Search", "Book")],
}


def test_draw_undo_redo_save_reopen(qtbot, tmp_path, monkeypatch, answers):
    window = make_window(qtbot)
    document = window.document
    journey_id = window.journey_id
    journey = document.journey(journey_id)
    assert journey.step_count == 0

    # three steps by double-click on the map, each label typed in place
    for stage, label in ((0, "Search"), (1, "Book"), (2, "Pay")):
        double_click(window, cell_centre(window, stage, 0))
        type_text(window, label)
    ids = {s.label: s.id for s in journey.steps()}
    assert sorted(ids) == ["Book", "Pay", "Search"]

    # connect by dragging from the handle of one card onto the next
    for a, b in (("Search", "Book"), ("Book", "Pay")):
        handle = window.scene.step_item(ids[a]).handle_scene_pos()
        drag(window, handle, card_centre(window, ids[b]))
    assert journey.transition_count == 2

    # move "Pay" down across the line into the Frontstage lane
    start = card_centre(window, ids["Pay"])
    target = cell_centre(window, 2, 1)
    drag(window, start, target)
    assert journey.lane(journey.step(ids["Pay"]).lane).name == "Frontstage"

    # emotions with keys on the selected card, a moment of truth from the menu
    click(window, card_centre(window, ids["Search"]))
    key(window.view, Qt.Key.Key_Minus)
    key(window.view, Qt.Key.Key_2)  # "-" then 2: -2
    click(window, card_centre(window, ids["Book"]))
    key(window.view, Qt.Key.Key_2)  # +2
    window.actions.moment[Moment.FMOT].trigger()
    key(window, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)  # the future view
    assert window.actions.views[View.FUTURE].isChecked()
    click(window, card_centre(window, ids["Book"]))
    key(window.view, Qt.Key.Key_3)  # the target emotion: +3
    assert summary(document.project) == EXPECTED
    drawn = project_to_dict(document.project)
    assert window.isWindowModified()

    # undo everything with the keyboard, back to an empty journey
    undone = 0
    while document.history.can_undo:
        key(window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
        undone += 1
        assert undone < 50
    assert journey.step_count == 0 and journey.transition_count == 0
    assert not window.isWindowModified()
    # and redo it all
    while document.history.can_redo:
        key(
            window,
            Qt.Key.Key_Z,
            Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
        )
    assert project_to_dict(document.project) == drawn

    # save (Save As for an untitled project), then open the file again
    target_file = tmp_path / "drawn.motdesk"
    monkeypatch.setattr(
        QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(target_file), ""))
    )
    key(window, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert answers.seen == []
    assert target_file.exists()
    assert not window.isWindowModified()
    assert "drawn.motdesk" in window.windowTitle()
    reopened = Session.open(target_file)
    try:
        assert summary(reopened.document.project) == EXPECTED
        assert project_to_dict(reopened.document.project) == drawn
    finally:
        reopened.close()


def _typing_on_a_card(qtbot):
    """A window on a project of two journeys, a card's label being typed in place."""
    from motdesk.graph.document import Document

    document = Document.new()
    first = document.project.journeys[0].id
    document.add_journey("Second")
    step = document.add_step(first, label="Old label")
    document.history.clear()
    window = make_window(qtbot, Session.new(document.project))
    window.show_journey(first)
    click(window, card_centre(window, step.id))
    key(window.view.viewport(), Qt.Key.Key_F2)
    type_text(window, "Typed, not entered", enter=False)
    assert window.scene.is_editing()
    return window, first, step.id


def test_a_label_being_typed_is_kept_when_another_journey_is_shown(qtbot):
    window, first, step_id = _typing_on_a_card(qtbot)
    window.tabs.setCurrentIndex(1)  # the other journey's tab
    assert window.journey_id != first
    assert window.document.journey(first).step(step_id).label.endswith("Typed, not entered")


def test_a_label_being_typed_is_kept_by_save_and_counted_by_close(qtbot, answers):
    window, first, step_id = _typing_on_a_card(qtbot)
    window.files.save()  # untitled: Save As, whose dialog is answered with no file
    assert window.document.journey(first).step(step_id).label.endswith("Typed, not entered")
    assert not window.document.history.is_clean
    window.show_journey(first)
    click(window, card_centre(window, step_id))
    key(window.view.viewport(), Qt.Key.Key_F2)
    type_text(window, " again", enter=False)
    window.document.history.clear()  # as if saved: only the typing is unsaved
    assert window.files.maybe_save()  # answered Discard, but asked: the typing counts
    assert answers.seen[-1][0] == "question" and "before closing" in answers.seen[-1][1]


def test_add_step_from_the_menu_puts_the_card_where_it_covers_none(qtbot):
    """Journey > Add Step with a card selected put the new card one step right of it, on
    top of the card already there; it now goes to a free place, as a dropped card does."""
    from motdesk.graph.document import Document
    from tests.maps import overlapping

    document = Document.new()
    journey = document.project.journeys[0]
    stage, lane = journey.stages[0].id, journey.lanes[0].id
    first = document.add_step(journey.id, stage=stage, lane=lane, label="First", x=30, y=20)
    document.add_step(journey.id, stage=stage, lane=lane, label="Next", x=270, y=20)
    document.history.clear()
    window = make_window(qtbot, Session.new(document.project))
    window.view.select_ids([first.id])
    window.actions.add_step.trigger()
    key(window.view.viewport(), Qt.Key.Key_Escape)  # leave the label empty
    assert window.journey().step_count == 3
    assert overlapping(window.journey()) == []

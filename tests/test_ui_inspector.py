"""The inspector: typing merges into one undo step, undo updates the fields, shared fields."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QMessageBox, QPushButton

from motdesk.graph.document import Document
from motdesk.graph.vocabulary import Moment, State
from motdesk.ui.session import Session
from tests.ui_driver import (
    card_centre,
    click,
    key,
    make_window,
    settle,
)

CTRL = Qt.KeyboardModifier.ControlModifier


pytestmark = pytest.mark.usefixtures("answers")  # modal boxes answered, windows closed


def window_with_steps(qtbot, count=2):
    document = Document.new()
    jid = document.project.journeys[0].id
    stages = document.journey(jid).stages
    ids = [
        document.add_step(jid, label=f"Step {i}", stage=stages[i].id, x=20 + 220 * i, y=30).id
        for i in range(count)
    ]
    document.history.clear()
    window = make_window(qtbot, Session.new(document.project))
    return window, ids


def field(window, name):
    return window.inspector.step_form.fields[name]


def choose(combo, value):
    """Pick an entry of a combo box as a click in its list does (the user's `activated`)."""
    combo.setFocus()
    target = combo.findData(value)
    assert target >= 0
    combo.setCurrentIndex(target)
    combo.activated.emit(target)
    settle()


def test_typing_a_label_is_one_undo_step_and_undo_updates_the_field(qtbot):
    window, (a, _b) = window_with_steps(qtbot)
    click(window, card_centre(window, a))
    label = field(window, "label")
    assert label.isVisible() and label.text() == "Step 0"
    label.setFocus()
    label.selectAll()
    QTest.keyClicks(label, "Boarding gate")
    settle()
    step = window.journey().step(a)
    assert step.label == "Boarding gate"
    assert label.cursorPosition() == len("Boarding gate")  # the echo never moved the cursor
    assert window.document.history.undo_text == "Change label"
    depth = window.document.history.depth
    assert depth == 1
    QTest.keyClicks(label, "!")
    assert window.document.history.depth == depth  # merged
    window.actions.undo.trigger()
    settle()
    assert window.journey().step(a).label == "Step 0"
    assert label.text() == "Step 0"


def test_state_limits_emotions_and_menu_sets_moment(qtbot):
    window, (a, _b) = window_with_steps(qtbot)
    click(window, card_centre(window, a))
    choose(field(window, "future_emotion"), 3)
    choose(field(window, "current_emotion"), -3)
    step = window.journey().step(a)
    assert (step.current_emotion, step.future_emotion) == (-3, 3)
    choose(field(window, "state"), State.CURRENT)  # removed in the future: no target emotion
    step = window.journey().step(a)
    assert step.state is State.CURRENT and step.future_emotion is None
    assert field(window, "current_emotion").isEnabled()
    assert not field(window, "future_emotion").isEnabled()
    window.actions.moment[Moment.MOT].trigger()
    settle()
    assert field(window, "moment").currentData() == Moment.MOT


def test_several_steps_show_shared_fields_and_change_together(qtbot):
    window, ids = window_with_steps(qtbot, 3)
    click(window, card_centre(window, ids[0]))
    click(window, card_centre(window, ids[1]), CTRL)
    assert not field(window, "label").isVisibleTo(window.inspector)
    owner = field(window, "owner")
    assert owner.isVisibleTo(window.inspector)
    owner.setFocus()
    QTest.keyClicks(owner, "Gate staff")
    settle()
    journey = window.journey()
    assert [journey.step(s).owner for s in ids] == ["Gate staff", "Gate staff", ""]
    choose(field(window, "channel"), "in_person")
    assert {journey.step(s).channel for s in ids[:2]} == {"in_person"}
    depth = window.document.history.depth
    key(window, Qt.Key.Key_Z, CTRL)
    assert window.document.history.depth == depth - 1
    assert journey.step(ids[0]).channel is None and journey.step(ids[1]).channel is None


def test_kpis_and_pain_points_are_edited_in_place(qtbot):
    window, (a, _b) = window_with_steps(qtbot)
    click(window, card_centre(window, a))
    kpis = field(window, "kpis")
    QTest.mouseClick(kpis.buttons.add, Qt.MouseButton.LeftButton)
    settle()
    assert window.journey().step(a).kpis[0].name == "New KPI"
    assert window.document.history.undo_text == "Change KPIs"
    assert kpis.table.currentRow() == 0  # the new one, its name open to type over
    assert kpis.table.state() == kpis.table.State.EditingState
    kpis.table.setFocus()  # (leave the name as it is)
    settle()
    kpis.table.item(0, 1).setText("3.5")
    settle()
    assert window.journey().step(a).kpis[0].current == 3.5
    kpis.table.item(0, 2).setText("lots")
    settle()
    assert window.journey().step(a).kpis[0].target is None
    assert "not a number" in window.inspector.message.text()
    pains = field(window, "pain_points")
    QTest.mouseClick(pains.buttons.add, Qt.MouseButton.LeftButton)
    settle()
    assert window.journey().step(a).pain_points == ("New pain point",)


def test_transition_and_nothing_selected_show_their_pages(qtbot):
    window, (a, b) = window_with_steps(qtbot)
    transition = window.document.connect(window.journey_id, a, b)
    window.view.select_ids([], [transition.id])
    settle()
    form = window.inspector.transition_form
    assert window.inspector.stack.currentWidget() is form
    form.fields["label"].setFocus()
    QTest.keyClicks(form.fields["label"], "usually")
    settle()
    assert window.journey().transition(transition.id).label == "usually"
    window.view.select_ids([])
    settle()
    assert window.inspector.stack.currentWidget() is window.inspector.journey_form


def test_emotion_choices_print_zero_without_a_sign_as_the_legend_and_curve_do() -> None:
    from motdesk.graph.vocabulary import emotion_scale
    from motdesk.ui.inspector import emotion_choices

    texts = [text for text, _ in emotion_choices(emotion_scale("-3..3"))]
    assert "0  mediocrity" in texts and "+1  pleased" in texts and "\u22123  misery" in texts
    assert not any(t.startswith("+0") for t in texts)


def test_typing_in_a_field_several_steps_share_is_one_undo_step(qtbot):
    window, ids = window_with_steps(qtbot, 3)
    click(window, card_centre(window, ids[0]))
    click(window, card_centre(window, ids[1]), CTRL)
    owner = field(window, "owner")
    owner.setFocus()
    depth = window.document.history.depth
    QTest.keyClicks(owner, "Web team")
    settle()
    journey = window.journey()
    assert [journey.step(s).owner for s in ids[:2]] == ["Web team", "Web team"]
    assert window.document.history.depth == depth + 1  # not one step a keystroke
    window.document.history.undo()
    assert [journey.step(s).owner for s in ids[:2]] == ["", ""]


def test_choosing_a_stage_in_the_inspector_moves_the_card_into_that_column(qtbot):
    window, (a, b) = window_with_steps(qtbot)
    journey = window.journey()
    click(window, card_centre(window, a))
    target = journey.stages[-1]
    choose(field(window, "stage"), target.id)
    settle()
    card = window.scene.step_item(a)
    centre = card.sceneBoundingRect().center()
    geometry = window.scene.geometry()
    assert geometry.cell_at(centre.x(), centre.y())[0] == target.id  # under its new header
    shown = window.view.mapToScene(window.view.viewport().rect()).boundingRect()
    assert shown.intersects(card.sceneBoundingRect())  # and scrolled into view
    assert not card.sceneBoundingRect().intersects(window.scene.step_item(b).sceneBoundingRect())


def test_stage_page_moves_within_bounds_and_asks_before_deleting_steps(qtbot, answers):
    window, (a, _b) = window_with_steps(qtbot)
    journey = window.journey()
    first = journey.stages[0]
    window.inspector.show_stage(window.journey_id, first.id)
    settle()
    form = window.inspector.stage_form
    assert not form.earlier.isEnabled() and form.later.isEnabled()
    window.inspector.show_stage(window.journey_id, journey.stages[-1].id)
    settle()
    assert form.earlier.isEnabled() and not form.later.isEnabled()
    window.document.add_step(window.journey_id, stage=first.id, state=State.FUTURE, x=20, y=250)
    window.inspector.show_stage(window.journey_id, first.id)
    settle()
    answers.answer = QMessageBox.StandardButton.No
    QTest.mouseClick(form.buttons.findChildren(QPushButton)[2], Qt.MouseButton.LeftButton)
    settle()
    assert "its 2 steps (1 not shown in the current view)?" in answers.seen[-1][1]
    assert journey.has_step(a) and journey.stages[0].id == first.id  # nothing deleted
    answers.answer = QMessageBox.StandardButton.Yes
    QTest.mouseClick(form.buttons.findChildren(QPushButton)[2], Qt.MouseButton.LeftButton)
    settle()
    assert not journey.has_step(a) and journey.stages[0].id != first.id


def test_a_share_is_typed_in_per_cent_as_the_map_shows_it(qtbot):
    window, (a, b) = window_with_steps(qtbot)
    transition = window.document.connect(window.journey_id, a, b)
    window.view.select_ids([], [transition.id])
    settle()
    share = window.inspector.transition_form.fields["share"]
    for typed, expected in (("80%", 0.8), ("35 %", 0.35), ("12,5", 0.125), ("", None)):
        share.setFocus()
        share.lineEdit().selectAll()
        QTest.keyClicks(share, typed) if typed else QTest.keyClick(share, Qt.Key.Key_Delete)
        QTest.keyClick(share, Qt.Key.Key_Return)
        settle()
        assert window.journey().transition(transition.id).share == expected, typed
    assert share.text() == "unknown"
    share.setFocus()
    share.lineEdit().selectAll()
    QTest.keyClicks(share, "150")  # not cut to "15": refused with a reason
    QTest.keyClick(share, Qt.Key.Key_Return)
    settle()
    assert window.journey().transition(transition.id).share is None
    assert "from 0 to 100 %" in window.inspector.message.text()


def test_turning_the_wheel_over_a_list_field_scrolls_and_changes_nothing(qtbot):
    from PySide6.QtCore import QPoint, QPointF
    from PySide6.QtGui import QWheelEvent
    from PySide6.QtWidgets import QApplication

    window, (a, _b) = window_with_steps(qtbot)
    click(window, card_centre(window, a))
    evidence = field(window, "evidence")
    evidence.setFocus()  # even with the focus (tabbed to)
    settle()
    depth = window.document.history.depth
    before = evidence.currentIndex()
    centre = QPointF(evidence.rect().center())
    wheel = QWheelEvent(
        centre, QPointF(evidence.mapToGlobal(centre.toPoint())), QPoint(), QPoint(0, -120),
        Qt.MouseButton.NoButton, Qt.KeyboardModifier.NoModifier, Qt.ScrollPhase.NoScrollPhase,
        False,
    )  # fmt: skip
    QApplication.sendEvent(evidence, wheel)
    settle()
    assert evidence.currentIndex() == before
    assert window.document.history.depth == depth


@pytest.mark.parametrize("name", ["owner", "description"])
def test_ctrl_z_in_a_text_field_undoes_the_document_as_edit_undo_does(qtbot, name):
    window, (a, _b) = window_with_steps(qtbot)
    click(window, card_centre(window, a))
    text = field(window, name)
    text.setFocus()
    QTest.keyClicks(text, "Gate staff")
    settle()
    assert getattr(window.journey().step(a), name) == "Gate staff"
    depth = window.document.history.depth
    QTest.keyClick(text, Qt.Key.Key_Z, CTRL)  # the focus still in the field
    settle()
    assert getattr(window.journey().step(a), name) == ""
    assert window.document.history.depth == depth - 1  # undone, not edited once more
    QTest.keyClick(text, Qt.Key.Key_Z, CTRL | Qt.KeyboardModifier.ShiftModifier)
    settle()
    assert getattr(window.journey().step(a), name) == "Gate staff"


def test_a_state_that_removes_a_transition_says_so(qtbot):
    window, (a, b) = window_with_steps(qtbot)
    window.document.update_step(window.journey_id, b, state=State.FUTURE)
    window.document.connect(window.journey_id, a, b)  # a future transition
    click(window, card_centre(window, a))
    choose(field(window, "state"), State.CURRENT)
    assert window.journey().transition_count == 0
    assert "Undo brings them back" in window.statusBar().currentMessage()


def test_a_long_label_never_widens_the_inspector_beyond_its_panel(qtbot):
    from PySide6.QtWidgets import QScrollArea

    window, (a, _b) = window_with_steps(qtbot)
    window.document.update_step(window.journey_id, a, label="A very long label " * 12)
    click(window, card_centre(window, a))
    scroll = window.inspector.findChild(QScrollArea)
    holder = scroll.widget()
    assert holder.minimumSizeHint().width() <= scroll.viewport().width() + 1


def test_keys_go_to_the_map_when_the_inspectors_page_with_the_focus_goes_away(qtbot):
    window, (a, _b) = window_with_steps(qtbot)
    journey = window.journey()
    lane = journey.lanes[1]
    window.inspector.show_lane(window.journey_id, lane.id)
    settle()
    later = window.inspector.lane_form.later
    later.setFocus()
    QTest.mouseClick(later, Qt.MouseButton.LeftButton)  # Move down: the lane page stays...
    settle()
    window.view.select_ids([])  # ...until the selection changes and the journey page shows
    window.inspector.show_selection(window.journey_id, [], [])
    settle()
    title = window.inspector.journey_form.fields["title"]
    assert not title.hasFocus()
    assert window.view.hasFocus()


def test_a_field_reached_by_the_keyboard_is_scrolled_into_view(qtbot):
    from PySide6.QtWidgets import QScrollArea

    window, (a, _b) = window_with_steps(qtbot)
    click(window, card_centre(window, a))
    scroll = window.inspector.findChild(QScrollArea)
    scroll.verticalScrollBar().setValue(scroll.verticalScrollBar().maximum())  # scrolled down
    settle()
    label = field(window, "label")
    label.setFocus()  # as Alt+L does
    settle()
    top_left = label.mapTo(scroll.viewport(), label.rect().topLeft())
    assert scroll.viewport().rect().contains(top_left)

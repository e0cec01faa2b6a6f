"""The journey canvas driven like a user would: mouse and keys on the real view, offscreen."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from motdesk.graph.document import Document
from motdesk.graph.geometry import GAP_X
from motdesk.graph.jsonio import journey_to_dict, read_project
from motdesk.graph.vocabulary import Moment, State, View
from motdesk.resources import resources_dir
from motdesk.ui.canvas import JourneyScene, JourneyView
from motdesk.ui.canvas.grid import CARD_H, CARD_W
from tests.maps import overlapping

LEFT = Qt.MouseButton.LeftButton
NO_MOD = Qt.KeyboardModifier.NoModifier


@pytest.fixture
def canvas(qtbot):
    """A view at 100 % over a fresh blueprint journey with three steps and one transition."""

    def make(document: Document | None = None):
        document = document or Document.new()
        journey = document.project.journeys[0]
        if document.project.journeys[0].step_count == 0:
            s1, s2, s3 = journey.stages[:3]
            l1, l2 = journey.lanes[:2]
            a = document.add_step(
                journey.id, stage=s1.id, lane=l1.id, label="Sees an ad", x=20, y=30
            )
            b = document.add_step(
                journey.id, stage=s2.id, lane=l1.id, label="Compares", x=220, y=30
            )
            document.add_step(journey.id, stage=s3.id, lane=l2.id, label="Calls", x=420, y=190)
            document.connect(journey.id, a.id, b.id)
            document.history.clear()
        scene = JourneyScene(document, journey.id)
        view = JourneyView()
        qtbot.addWidget(view)
        view.resize(1400, 900)
        view.set_scene(scene)
        view.show()
        qtbot.waitExposed(view)
        view.zoom_reset()
        view.centerOn(scene.map_rect().center())
        view.setFocus()
        return document, journey, scene, view

    return make


def at(view: JourneyView, x: float, y: float) -> QPoint:
    return view.mapFromScene(QPointF(x, y))


def card_centre(view: JourneyView, scene: JourneyScene, step_id: str) -> QPoint:
    pos = scene.step_item(step_id).pos()
    return at(view, pos.x() + CARD_W / 2, pos.y() + CARD_H / 2)


def click_card(qtbot, view, scene, step_id, modifier=NO_MOD) -> None:
    qtbot.mouseClick(view.viewport(), LEFT, modifier, card_centre(view, scene, step_id))


def drag(view: JourneyView, start: QPoint, end: QPoint, steps: int = 6) -> None:
    viewport = view.viewport()
    QTest.mousePress(viewport, LEFT, NO_MOD, start)
    for i in range(1, steps + 1):
        QTest.mouseMove(viewport, start + (end - start) * (i / steps))
    QTest.mouseRelease(viewport, LEFT, NO_MOD, end)


def snapshot(journey) -> dict:
    """The journey as its file holds it, steps and transitions in id order (order is not content)."""
    data = journey_to_dict(journey)
    data["steps"] = sorted(data["steps"], key=lambda s: s["id"])
    data["transitions"] = sorted(data["transitions"], key=lambda t: t["id"])
    return data


def ids_by_label(journey) -> dict[str, str]:
    return {s.label: s.id for s in journey.steps()}


def test_double_click_empty_canvas_adds_a_step_in_the_cell_and_types_its_label(qtbot, canvas):
    document, journey, scene, view = canvas()
    geometry = scene.geometry()
    stage, lane = geometry.stages[3], geometry.lanes[2]
    qtbot.mouseDClick(view.viewport(), LEFT, NO_MOD, at(view, stage.middle, lane.middle))
    assert scene.is_editing()
    qtbot.keyClicks(view.viewport(), "Reads reviews")
    qtbot.keyClick(view.viewport(), Qt.Key.Key_Return)
    added = [s for s in journey.steps() if s.label == "Reads reviews"]
    assert len(added) == 1
    step = added[0]
    assert (step.stage, step.lane) == (stage.id, lane.id)
    assert view.selected_step_ids() == [step.id]
    assert document.history.depth == 1  # adding and naming is one unit
    document.history.undo()
    assert not journey.has_step(step.id)
    assert scene.step_item(step.id) is None


def test_escape_while_typing_a_new_step_adds_nothing(qtbot, canvas):
    document, journey, scene, view = canvas()
    before = snapshot(journey)
    geometry = scene.geometry()
    point = at(view, geometry.stages[4].middle, geometry.lanes[3].middle)
    qtbot.mouseDClick(view.viewport(), LEFT, NO_MOD, point)
    qtbot.keyClicks(view.viewport(), "Never mind")
    qtbot.keyClick(view.viewport(), Qt.Key.Key_Escape)
    assert not scene.is_editing()
    assert snapshot(journey) == before
    assert document.history.depth == 0


def test_f2_and_double_click_edit_a_label_through_the_document(qtbot, canvas):
    document, journey, scene, view = canvas()
    step_id = ids_by_label(journey)["Compares"]
    click_card(qtbot, view, scene, step_id)
    qtbot.keyClick(view.viewport(), Qt.Key.Key_F2)
    card = scene.step_item(step_id)
    assert card.label_hidden  # the card's own label is not drawn under the text being typed
    qtbot.keyClicks(view.viewport(), "Compares <prices> & fees")
    qtbot.keyClick(view.viewport(), Qt.Key.Key_Return)
    assert journey.step(step_id).label == "Compares <prices> & fees"
    assert not card.label_hidden
    qtbot.mouseDClick(view.viewport(), LEFT, NO_MOD, card_centre(view, scene, step_id))
    assert scene.is_editing() and card.label_hidden
    qtbot.keyClicks(view.viewport(), "Gives up")
    qtbot.keyClick(view.viewport(), Qt.Key.Key_Escape)
    assert not card.label_hidden
    assert journey.step(step_id).label == "Compares <prices> & fees"
    document.history.undo()
    assert journey.step(step_id).label == "Compares"


@pytest.mark.parametrize(
    "offset", [(0, 0), (-4, 2)], ids=["the handle's centre", "its half over the card"]
)
def test_dragging_from_the_handle_to_another_card_connects_them(qtbot, canvas, offset):
    """The handle sits on the card's edge; its half over the card is as much a handle."""
    document, journey, scene, view = canvas()
    labels = ids_by_label(journey)
    source, target = labels["Compares"], labels["Calls"]
    item = scene.step_item(source)
    handle = item.handle_scene_pos()
    press = at(view, handle.x() + offset[0], handle.y() + offset[1])
    assert item.contains(item.mapFromScene(view.mapToScene(press)))
    qtbot.mouseMove(view.viewport(), card_centre(view, scene, source))
    drag(view, press, card_centre(view, scene, target))
    transition = journey.transition_between(source, target)
    assert transition is not None
    assert scene.transition_item(transition.id) is not None
    assert journey.step(source).x == 220  # the card did not move
    assert document.history.depth == 1
    assert document.history.undo_text == "Connect"


def test_a_drag_onto_empty_canvas_connects_nothing(qtbot, canvas):
    document, journey, scene, view = canvas()
    source = ids_by_label(journey)["Calls"]
    handle = scene.step_item(source).handle_scene_pos()
    drag(view, at(view, handle.x(), handle.y()), at(view, handle.x() + 150, handle.y() + 300))
    assert journey.transition_count == 1
    assert document.history.depth == 0


def test_dragging_two_selected_cards_into_another_lane_is_one_undo_step(qtbot, canvas):
    document, journey, scene, view = canvas()
    labels = ids_by_label(journey)
    a, b = labels["Sees an ad"], labels["Compares"]
    before = snapshot(journey)
    click_card(qtbot, view, scene, a)
    click_card(qtbot, view, scene, b, Qt.KeyboardModifier.ControlModifier)
    assert sorted(view.selected_step_ids()) == sorted([a, b])
    geometry = scene.geometry()
    lane = geometry.lanes[2]
    start = card_centre(view, scene, a)
    drag(view, start, start + QPoint(0, round(lane.middle - (30 + CARD_H / 2))))
    moved = [journey.step(a), journey.step(b)]
    assert {s.lane for s in moved} == {lane.id}
    assert all(lane.start <= s.y and s.y + CARD_H <= lane.end for s in moved)
    stages = {s["id"]: s["stage"] for s in before["steps"]}
    assert [s.stage for s in moved] == [stages[a], stages[b]]
    assert moved[1].x - moved[0].x >= CARD_W and moved[1].y == moved[0].y  # side by side
    assert document.history.depth == 1
    assert document.history.undo_text == "Move 2 steps"
    document.history.undo()
    assert snapshot(journey) == before
    assert scene.step_item(a).pos() == QPointF(20, 30)


def test_a_card_nudged_close_to_its_neighbour_stays_where_it_was_put(qtbot, canvas):
    """Cards may sit close (the samples leave 20 units between neighbours): only a drop
    onto another card moves the card elsewhere."""
    document = Document.new()
    journey = document.project.journeys[0]
    stage, lane = journey.stages[0].id, journey.lanes[0].id
    document.add_step(journey.id, stage=stage, lane=lane, label="Here", x=20, y=30)
    there = document.add_step(journey.id, stage=stage, lane=lane, label="There", x=220, y=30)
    document.history.clear()
    document, journey, scene, view = canvas(document)
    start = card_centre(view, scene, there.id)
    drag(view, start, start + QPoint(-12, 0))
    step = journey.step(there.id)
    assert (step.x, step.y) == (210, 30)  # where it was put, 10 units from "Here"
    assert document.history.undo_text == "Move 'There'"


def test_a_successful_drop_takes_the_last_refusal_out_of_the_status_bar(qtbot, canvas):
    document, journey, scene, view = canvas()
    labels = ids_by_label(journey)
    ad, calls, compares = labels["Sees an ad"], labels["Calls"], labels["Compares"]
    notices: list[str] = []
    scene.notice.connect(notices.append)
    click_card(qtbot, view, scene, ad)
    click_card(qtbot, view, scene, calls, Qt.KeyboardModifier.ControlModifier)
    drag(view, card_centre(view, scene, ad), card_centre(view, scene, compares))
    assert notices and notices[-1]  # refused, and why
    click_card(qtbot, view, scene, calls)
    start = card_centre(view, scene, calls)
    drag(view, start, start + QPoint(0, 40))
    assert notices[-1] == ""  # the refusal no longer holds


def test_dragging_a_card_into_another_stage_changes_its_stage(qtbot, canvas):
    document, journey, scene, view = canvas()
    step_id = ids_by_label(journey)["Calls"]
    geometry = scene.geometry()
    target_stage = geometry.stages[4]
    start = card_centre(view, scene, step_id)
    end = at(view, target_stage.middle, geometry.lane(journey.step(step_id).lane).middle)
    drag(view, start, end)
    step = journey.step(step_id)
    assert step.stage == target_stage.id
    assert target_stage.start <= step.x and step.x + CARD_W <= target_stage.end


@pytest.mark.parametrize(
    ("scale", "key", "expected"),
    [("-3..3", Qt.Key.Key_2, 2), ("-3..3", Qt.Key.Key_0, 0), ("-3..3", Qt.Key.Key_3, 3),
     ("-2..2", Qt.Key.Key_2, 2), ("1..5", Qt.Key.Key_1, 1), ("1..5", Qt.Key.Key_5, 5),
     ("1..10", Qt.Key.Key_7, 7), ("1..10", Qt.Key.Key_0, 10)],
)  # fmt: skip
def test_number_keys_set_the_emotion_of_the_selection(qtbot, canvas, scale, key, expected):
    document, journey, scene, view = canvas()
    document.set_emotion_scale(scale)
    labels = ids_by_label(journey)
    click_card(qtbot, view, scene, labels["Sees an ad"])
    click_card(qtbot, view, scene, labels["Calls"], Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(view.viewport(), key)
    assert journey.step(labels["Sees an ad"]).current_emotion == expected
    assert journey.step(labels["Calls"]).current_emotion == expected
    assert journey.step(labels["Compares"]).current_emotion is None


@pytest.mark.parametrize(
    ("scale", "key", "expected"),
    [("-3..3", Qt.Key.Key_2, -2), ("-3..3", Qt.Key.Key_3, -3), ("-2..2", Qt.Key.Key_1, -1)],
)
def test_minus_then_a_digit_sets_a_negative_emotion_in_one_undo_step(
    qtbot, canvas, scale, key, expected
):
    document, journey, scene, view = canvas()
    document.set_emotion_scale(scale)
    document.history.clear()
    step_id = ids_by_label(journey)["Compares"]
    click_card(qtbot, view, scene, step_id)
    qtbot.keyClick(view.viewport(), Qt.Key.Key_Minus)
    assert view.minus_pending()
    assert journey.step(step_id).current_emotion is None  # "-" alone waits
    assert not document.history.can_undo
    qtbot.keyClick(view.viewport(), key)
    assert not view.minus_pending()
    assert journey.step(step_id).current_emotion == expected
    document.history.undo()
    assert journey.step(step_id).current_emotion is None
    assert not document.history.can_undo


def test_minus_alone_lowers_one_level_when_no_digit_follows(qtbot, canvas):
    document, journey, scene, view = canvas()
    step_id = ids_by_label(journey)["Compares"]
    click_card(qtbot, view, scene, step_id)
    qtbot.keyClick(view.viewport(), Qt.Key.Key_2)
    qtbot.keyClick(view.viewport(), Qt.Key.Key_Minus)
    assert journey.step(step_id).current_emotion == 2
    view._minus_timer.timeout.emit()  # the wait for a digit is over
    assert journey.step(step_id).current_emotion == 1
    assert not view.minus_pending()
    qtbot.keyClick(view.viewport(), Qt.Key.Key_Minus)
    qtbot.keyClick(view.viewport(), Qt.Key.Key_M)  # another key: the "-" lowers first
    step = journey.step(step_id)
    assert (step.current_emotion, step.moment) == (0, Moment.LTZMOT)


def test_digits_beyond_the_scale_and_plus_minus_keys(qtbot, canvas):
    document, journey, scene, view = canvas()
    step_id = ids_by_label(journey)["Compares"]
    click_card(qtbot, view, scene, step_id)
    qtbot.keyClick(view.viewport(), Qt.Key.Key_9)  # the -3..3 scale stops at 3
    assert journey.step(step_id).current_emotion is None
    qtbot.keyClick(view.viewport(), Qt.Key.Key_Minus)
    qtbot.keyClick(view.viewport(), Qt.Key.Key_4)  # no -4 either, and nothing lowered
    assert journey.step(step_id).current_emotion is None
    qtbot.keyClick(view.viewport(), Qt.Key.Key_Plus)  # unrated starts at the middle
    assert journey.step(step_id).current_emotion == 0
    qtbot.keyClick(view.viewport(), Qt.Key.Key_Minus)
    qtbot.keyClick(view.viewport(), Qt.Key.Key_Minus)  # the first "-" lowers now
    assert journey.step(step_id).current_emotion == -1
    view.flush_minus()
    assert journey.step(step_id).current_emotion == -2
    for _ in range(5):
        qtbot.keyClick(view.viewport(), Qt.Key.Key_Minus)
    view.flush_minus()
    assert journey.step(step_id).current_emotion == -3


def test_on_a_one_based_scale_minus_lowers_at_once(qtbot, canvas):
    document, journey, scene, view = canvas()
    document.set_emotion_scale("1..5")
    step_id = ids_by_label(journey)["Compares"]
    click_card(qtbot, view, scene, step_id)
    qtbot.keyClick(view.viewport(), Qt.Key.Key_4)
    qtbot.keyClick(view.viewport(), Qt.Key.Key_Minus)
    assert not view.minus_pending()
    assert journey.step(step_id).current_emotion == 3
    qtbot.keyClick(view.viewport(), Qt.Key.Key_0)  # no 10 on 1..5
    assert journey.step(step_id).current_emotion == 3


def test_the_first_digit_explains_the_keys_in_the_status_bar(qtbot, canvas):
    document, journey, scene, view = canvas()
    notices = []
    view.notice.connect(notices.append)
    click_card(qtbot, view, scene, ids_by_label(journey)["Compares"])
    qtbot.keyClick(view.viewport(), Qt.Key.Key_1)
    qtbot.keyClick(view.viewport(), Qt.Key.Key_2)
    assert len(notices) == 1 and "- then 2" in notices[0]


def test_in_the_future_view_number_keys_set_the_target_emotion(qtbot, canvas):
    document, journey, scene, view = canvas()
    step_id = ids_by_label(journey)["Compares"]
    view.set_view_mode(View.FUTURE)
    click_card(qtbot, view, scene, step_id)
    qtbot.keyClick(view.viewport(), Qt.Key.Key_2)
    step = journey.step(step_id)
    assert (step.current_emotion, step.future_emotion) == (None, 2)


def test_m_cycles_the_moment_of_truth(qtbot, canvas):
    document, journey, scene, view = canvas()
    step_id = ids_by_label(journey)["Calls"]
    click_card(qtbot, view, scene, step_id)
    qtbot.keyClick(view.viewport(), Qt.Key.Key_M)
    assert journey.step(step_id).moment is Moment.LTZMOT
    qtbot.keyClick(view.viewport(), Qt.Key.Key_M)
    assert journey.step(step_id).moment is Moment.ZMOT
    qtbot.keyClick(view.viewport(), Qt.Key.Key_M, Qt.KeyboardModifier.ShiftModifier)
    qtbot.keyClick(view.viewport(), Qt.Key.Key_M, Qt.KeyboardModifier.ShiftModifier)
    assert journey.step(step_id).moment is None


def test_delete_removes_the_selection_as_one_unit(qtbot, canvas):
    document, journey, scene, view = canvas()
    labels = ids_by_label(journey)
    before = snapshot(journey)
    click_card(qtbot, view, scene, labels["Sees an ad"])
    click_card(qtbot, view, scene, labels["Calls"], Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(view.viewport(), Qt.Key.Key_Delete)
    assert sorted(ids_by_label(journey)) == ["Compares"]
    assert journey.transition_count == 0  # the transition of a removed step goes with it
    assert set(scene.step_items) == {labels["Compares"]}
    assert scene.transition_items == {}
    assert document.history.depth == 1
    document.history.undo()
    assert snapshot(journey) == before
    assert set(scene.step_items) == set(labels.values())
    assert len(scene.transition_items) == 1


def test_clicking_an_arrow_selects_it_and_delete_removes_only_the_transition(qtbot, canvas):
    document, journey, scene, view = canvas()
    (transition,) = journey.transitions()
    item = scene.transition_item(transition.id)
    middle = item.middle()
    qtbot.mouseClick(view.viewport(), LEFT, NO_MOD, at(view, middle.x(), middle.y()))
    assert view.selected_transition_ids() == [transition.id]
    assert view.selected_step_ids() == []
    qtbot.keyClick(view.viewport(), Qt.Key.Key_Delete)
    assert journey.transition_count == 0 and journey.step_count == 3


def test_rubber_band_selects_the_cards_it_touches(qtbot, canvas):
    document, journey, scene, view = canvas()
    labels = ids_by_label(journey)
    geometry = scene.geometry()
    lane = geometry.lanes[0]
    spy = []
    view.selectionChangedIds.connect(lambda: spy.append(view.selected_step_ids()))
    drag(view, at(view, 5, lane.start + 5), at(view, 300, lane.end - 5))
    assert sorted(view.selected_step_ids()) == sorted([labels["Sees an ad"], labels["Compares"]])
    assert spy


def test_undoing_every_gesture_returns_to_the_initial_journey(qtbot, canvas):
    document, journey, scene, view = canvas()
    initial = snapshot(journey)
    labels = ids_by_label(journey)
    geometry = scene.geometry()
    qtbot.mouseDClick(
        view.viewport(), LEFT, NO_MOD, at(view, geometry.stages[1].middle, geometry.lanes[3].middle)
    )
    qtbot.keyClicks(view.viewport(), "Back office check")
    qtbot.keyClick(view.viewport(), Qt.Key.Key_Return)
    new_id = ids_by_label(journey)["Back office check"]
    qtbot.keyClick(view.viewport(), Qt.Key.Key_2)
    qtbot.keyClick(view.viewport(), Qt.Key.Key_M)
    handle = scene.step_item(labels["Sees an ad"]).handle_scene_pos()
    drag(view, at(view, handle.x(), handle.y()), card_centre(view, scene, new_id))
    start = card_centre(view, scene, labels["Calls"])
    drag(view, start, start + QPoint(0, 160))
    click_card(qtbot, view, scene, labels["Compares"])
    qtbot.keyClick(view.viewport(), Qt.Key.Key_Delete)
    assert snapshot(journey) != initial
    while document.history.can_undo:
        document.history.undo()
    assert snapshot(journey) == initial
    assert set(scene.step_items) == set(labels.values())
    assert {sid: (i.pos().x(), i.pos().y()) for sid, i in scene.step_items.items()} == {
        s.id: (s.x, s.y) for s in journey.steps()
    }


def test_the_scene_follows_changes_made_elsewhere(qtbot, canvas):
    document, journey, scene, view = canvas()
    step = document.add_step(journey.id, label="Added by the inspector", x=620, y=350)
    assert scene.step_item(step.id).pos() == QPointF(620, 350)
    document.update_step(journey.id, step.id, x=640)
    assert scene.step_item(step.id).pos() == QPointF(640, 350)
    first = ids_by_label(journey)["Sees an ad"]
    transition = document.connect(journey.id, first, step.id)
    assert scene.transition_item(transition.id) is not None
    document.history.undo()
    assert scene.transition_item(transition.id) is None
    document.history.undo()
    document.history.undo()
    assert scene.step_item(step.id) is None
    stage = document.add_stage(journey.id, "Renew")
    qtbot.waitUntil(lambda: any(b.id == stage.id for b in scene.background.geometry.stages))
    scene.detach()
    document.history.undo()
    assert any(b.id == stage.id for b in scene.geometry().stages)  # detached: no longer follows


def test_removing_the_journey_empties_the_scene_and_undo_brings_it_back(qtbot, canvas):
    document, journey, scene, view = canvas()
    document.add_journey("Second")
    document.remove_journey(journey.id)
    assert scene.step_items == {} and scene.transition_items == {}
    document.history.undo()
    assert len(scene.step_items) == 3 and len(scene.transition_items) == 1


def airline_document() -> Document:
    return Document(read_project(resources_dir() / "templates" / "airline.json"))


def test_view_modes_show_and_hide_the_right_items_and_leave_the_document(qtbot, canvas):
    document, journey, scene, view = canvas(airline_document())
    before = snapshot(journey)
    zoom = view.zoom_factor()
    both = next(s.id for s in journey.steps() if s.state is State.BOTH)
    view.select_ids([both])

    def shown(state: State) -> set[bool]:
        return {scene.step_item(s.id).isVisible() for s in journey.steps() if s.state is state}

    assert shown(State.FUTURE) == {False} and shown(State.CURRENT) == {True}
    view.set_view_mode(View.FUTURE)
    assert shown(State.FUTURE) == {True} and shown(State.CURRENT) == {False}
    assert shown(State.BOTH) == {True}
    hidden_transitions = [t for t in journey.transitions() if t.state is State.CURRENT]
    assert hidden_transitions
    assert not any(scene.transition_item(t.id).isVisible() for t in hidden_transitions)
    view.set_view_mode(View.COMPARE)
    assert all(item.isVisible() for item in scene.step_items.values())
    assert all(item.isVisible() for item in scene.transition_items.values())
    assert view.selected_step_ids() == [both]
    assert view.zoom_factor() == zoom
    assert snapshot(journey) == before
    assert document.history.depth == 0


def test_a_selected_step_hidden_by_a_view_is_selected_again_when_shown(qtbot, canvas):
    document, journey, scene, view = canvas(airline_document())
    current_only = next(s.id for s in journey.steps() if s.state is State.CURRENT)
    view.select_ids([current_only])
    view.set_view_mode(View.FUTURE)
    assert view.selected_step_ids() == []
    view.set_view_mode(View.CURRENT)
    assert view.selected_step_ids() == [current_only]


def test_zoom_keys_and_wheel(qtbot, canvas):
    document, journey, scene, view = canvas()
    changes = []
    view.zoomChanged.connect(changes.append)
    qtbot.keyClick(view.viewport(), Qt.Key.Key_Plus, Qt.KeyboardModifier.ControlModifier)
    assert view.zoom_factor() == pytest.approx(1.25)
    qtbot.keyClick(view.viewport(), Qt.Key.Key_0, Qt.KeyboardModifier.ControlModifier)
    assert view.zoom_factor() == pytest.approx(1.0)
    view.zoom_fit()
    QApplication.processEvents()  # the scroll bars go: the map needs none
    assert not view.horizontalScrollBar().isVisible()
    assert not view.verticalScrollBar().isVisible()
    rect = view.mapToScene(view.viewport().rect()).boundingRect()
    map_rect = scene.map_rect()
    assert abs(rect.center().x() - map_rect.center().x()) < 2  # in the middle
    assert abs(rect.center().y() - map_rect.center().y()) < 2
    assert rect.contains(scene.map_rect().adjusted(2, 2, -2, -2))
    assert changes[-1] == pytest.approx(view.zoom_factor())
    view.select_ids([ids_by_label(journey)["Calls"]])
    view.zoom_to_selection()
    assert view.zoom_factor() == pytest.approx(1.5)


def test_a_fitted_map_stays_fitted_as_the_window_grows_until_the_next_zoom(qtbot, canvas):
    """Fit Journey, then full screen (presentation) or a closed panel: the map fills the
    larger window; the next zoom gives back the room kept for dragging cards."""
    document, journey, scene, view = canvas(airline_document())
    view.zoom_fit()
    QApplication.processEvents()
    fitted = view.zoom_factor()
    view.resize(1900, 1150)
    QApplication.processEvents()
    assert view.is_fitted() and view.zoom_factor() > fitted
    shown = view.mapToScene(view.viewport().rect()).boundingRect()
    assert shown.contains(scene.map_rect().adjusted(2, 2, -2, -2))
    qtbot.keyClick(view.viewport(), Qt.Key.Key_Plus, Qt.KeyboardModifier.ControlModifier)
    assert not view.is_fitted()
    assert view.sceneRect() == scene.sceneRect()  # room right of and below the map again


def test_tooltip_text_holds_the_full_label_and_the_pain_points(qtbot, canvas):
    document, journey, scene, view = canvas(airline_document())
    step = next(s for s in journey.steps() if s.pain_points)
    text = scene.step_item(step.id).tooltip()
    assert step.label in text
    assert all(p in text for p in step.pain_points)


def test_a_card_dropped_on_another_lands_beside_it_in_the_same_cell(qtbot, canvas):
    """A full cell makes room: the dropped card goes right of the one it covers, and the
    cards right of that move along (later stages keep their columns), in one undo."""
    document, journey, scene, view = canvas()
    labels = ids_by_label(journey)
    calls, compares = labels["Calls"], labels["Compares"]
    target = journey.step(compares)
    pays = document.add_step(
        journey.id, stage=journey.stages[3].id, lane=target.lane, label="Pays", x=640, y=30
    )
    document.history.clear()
    before = snapshot(journey)
    drag(view, card_centre(view, scene, calls), card_centre(view, scene, compares))
    moved = journey.step(calls)
    assert (moved.stage, moved.lane) == (target.stage, target.lane)  # where it was dropped
    assert moved.x == target.x + CARD_W + GAP_X and moved.y == target.y
    assert journey.step(pays.id).x == 640 + CARD_W + GAP_X  # made room
    assert journey.step(compares).x == target.x and journey.step(labels["Sees an ad"]).x == 20
    assert overlapping(journey) == []  # and hiding no card
    assert document.history.depth == 1
    document.history.undo()
    assert snapshot(journey) == before


def test_a_new_step_double_clicked_next_to_a_card_does_not_cover_it(qtbot, canvas):
    document, journey, scene, view = canvas()
    compares = journey.step(ids_by_label(journey)["Compares"])
    point = at(view, compares.x + CARD_W + 20, compares.y + CARD_H / 2 + 10)  # off its edge
    item = scene.step_item(compares.id)
    assert not item.contains(item.mapFromScene(view.mapToScene(point)))
    qtbot.mouseDClick(view.viewport(), LEFT, NO_MOD, point)
    qtbot.keyClicks(view.viewport(), "Beside")
    qtbot.keyClick(view.viewport(), Qt.Key.Key_Return)
    assert "Beside" in ids_by_label(journey)
    assert overlapping(journey) == []


def test_several_cards_dropped_on_a_full_cell_go_back_and_say_why(qtbot, canvas):
    document, journey, scene, view = canvas()
    labels = ids_by_label(journey)
    ad, calls, compares = labels["Sees an ad"], labels["Calls"], labels["Compares"]
    before = snapshot(journey)
    notices: list[str] = []
    scene.notice.connect(notices.append)
    click_card(qtbot, view, scene, ad)
    click_card(qtbot, view, scene, calls, Qt.KeyboardModifier.ControlModifier)
    drag(view, card_centre(view, scene, ad), card_centre(view, scene, compares))
    assert snapshot(journey) == before and document.history.depth == 0
    assert scene.step_item(ad).pos() == QPointF(20, 30)  # back where it was
    assert notices and "no free place" in notices[-1] and "Sees an ad" in notices[-1]


def test_a_new_step_typed_where_cards_must_make_room_covers_none_while_typing(qtbot, canvas):
    document = Document.new()
    journey = document.project.journeys[0]
    first, second = journey.stages[0].id, journey.stages[1].id
    lane = journey.lanes[0].id
    for label, stage, x in (("A", first, 20), ("B", first, 260), ("C", second, 500)):
        document.add_step(journey.id, stage=stage, lane=lane, label=label, x=x, y=30)
    document.history.clear()
    document, journey, scene, view = canvas(document)
    before = snapshot(journey)
    point = at(view, 230, 30 + CARD_H / 2)  # between A and B: a full cell

    def pending_covers_a_card() -> bool:
        box = scene._pending.sceneBoundingRect().adjusted(4, 4, -12, -4)  # less its handle
        return any(
            item.sceneBoundingRect().adjusted(4, 4, -12, -4).intersects(box)
            for item in scene.step_items.values()
        )

    qtbot.mouseDClick(view.viewport(), LEFT, NO_MOD, point)
    assert scene.is_editing() and not pending_covers_a_card()
    qtbot.keyClick(view.viewport(), Qt.Key.Key_Escape)
    assert snapshot(journey) == before and document.history.depth == 0  # nothing moved
    qtbot.mouseDClick(view.viewport(), LEFT, NO_MOD, point)
    assert not pending_covers_a_card()
    qtbot.keyClicks(view.viewport(), "Squeezed in")
    qtbot.keyClick(view.viewport(), Qt.Key.Key_Return)
    assert "Squeezed in" in ids_by_label(journey) and overlapping(journey) == []
    assert document.history.depth == 1 and document.history.undo_text == "Add step 'Squeezed in'"
    document.history.undo()
    assert snapshot(journey) == before


def test_zooming_out_after_fit_journey_keeps_the_map_in_the_middle(qtbot, canvas):
    """Fit Journey centres the map; the next zoom out shrinks it where it is, not into the
    top left corner (a first look, by contrast, starts at the top left)."""
    document, journey, scene, view = canvas(airline_document())
    view.zoom_fit()
    QApplication.processEvents()
    map_rect = scene.map_rect()
    middle = view.viewport().rect().center()
    for zoom in (view.zoom_out, view.zoom_out, view.zoom_in, view.zoom_out):
        zoom()
        QApplication.processEvents()
        assert not view.is_fitted()
        shown = view.mapFromScene(map_rect).boundingRect()
        assert view.viewport().rect().contains(shown)  # smaller than the window
        # in the middle but for the room kept right of and below the map for dragging
        reach = 200 * view.zoom_factor() + 2
        assert abs(shown.center().x() - middle.x()) <= reach
        assert abs(shown.center().y() - middle.y()) <= reach
    view.zoom_readable()  # a first look: from the top left again
    QApplication.processEvents()
    assert view.alignment() == Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop


def test_zoom_keys_keep_the_middle_and_shift_wheel_scrolls_across(qtbot, canvas):
    from PySide6.QtGui import QWheelEvent

    document, journey, scene, view = canvas(airline_document())
    view.zoom_reset()
    view.zoom_in()
    view.zoom_in()  # the map larger than the window both ways: it can stay put
    view.centerOn(scene.map_rect().center())
    QApplication.processEvents()
    port = view.viewport()
    QTest.mouseMove(port, QPoint(3, 3))  # the pointer last seen far from the middle
    middle = view.mapToScene(port.rect().center())
    qtbot.keyClick(port, Qt.Key.Key_Plus, Qt.KeyboardModifier.ControlModifier)
    after = view.mapToScene(port.rect().center())
    assert abs(after.x() - middle.x()) < 3 and abs(after.y() - middle.y()) < 3
    bar_x, bar_y = view.horizontalScrollBar(), view.verticalScrollBar()
    view.zoom_reset()
    bar_x.setValue(bar_x.maximum() // 2)
    x, y = bar_x.value(), bar_y.value()
    wheel = QWheelEvent(
        QPointF(50, 50), QPointF(view.mapToGlobal(QPoint(50, 50))), QPoint(), QPoint(0, -120),
        Qt.MouseButton.NoButton, Qt.KeyboardModifier.ShiftModifier, Qt.ScrollPhase.NoScrollPhase,
        False,
    )  # fmt: skip
    QApplication.sendEvent(port, wheel)
    assert bar_x.value() > x and bar_y.value() == y


def test_a_new_or_removed_arrow_or_card_asks_for_its_area_to_be_painted(qtbot, canvas):
    """Cards and arrows have no contents of their own (one layer paints them), so Qt repaints
    nothing when one is added or removed: the scene must ask, or a new arrow stays unseen
    until the map is scrolled."""
    from PySide6.QtGui import QRegion

    document, journey, scene, view = canvas()
    QApplication.processEvents()
    painted: list = []
    scene.changed.connect(painted.extend)

    def asked() -> QRegion:
        QApplication.processEvents()
        region = QRegion()
        for rect in painted:
            region = region.united(rect.toAlignedRect())
        painted.clear()
        return region

    asked()
    lanes = journey.lanes
    alpha = document.add_step(journey.id, stage=journey.stages[3].id, lane=lanes[2].id, x=620, y=350)
    card = scene.step_item(alpha.id).sceneBoundingRect().toAlignedRect()
    assert QRegion(card).subtracted(asked()).isEmpty()
    beta = document.add_step(journey.id, stage=journey.stages[3].id, lane=lanes[3].id, x=620, y=510)
    asked()
    transition = document.connect(journey.id, alpha.id, beta.id)
    arrow = scene.transition_item(transition.id).boundingRect().toAlignedRect()
    assert QRegion(arrow).subtracted(asked()).isEmpty()
    document.disconnect(journey.id, [transition.id])
    assert QRegion(arrow).subtracted(asked()).isEmpty()
    document.remove_steps(journey.id, [alpha.id])
    assert QRegion(card).subtracted(asked()).isEmpty()

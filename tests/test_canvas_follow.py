"""The canvas keeps one item per step and transition of the document, whatever changes it."""

from __future__ import annotations

import contextlib

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QWheelEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from motdesk.graph.codes import step_codes
from motdesk.graph.document import Document
from motdesk.graph.validation import ValidationError
from motdesk.graph.vocabulary import EMOTION_SCALES, State, View
from motdesk.ui.canvas import JourneyScene, JourneyView
from motdesk.ui.canvas.grid import CARD_H, CARD_W
from motdesk.ui.canvas.view import digit_value

operations = st.lists(
    st.one_of(
        st.tuples(st.just("add"), st.integers(0, 4), st.integers(0, 3), st.sampled_from(list(State))),
        st.tuples(st.just("connect"), st.integers(0, 50), st.integers(0, 50)),
        st.tuples(st.just("move"), st.integers(0, 50), st.integers(-300, 300), st.integers(-300, 300)),
        st.tuples(st.just("state"), st.integers(0, 50), st.sampled_from(list(State))),
        st.tuples(st.just("remove"), st.integers(0, 50)),
        st.tuples(st.just("undo"),),
        st.tuples(st.just("redo"),),
        st.tuples(st.just("view"), st.sampled_from(list(View))),
    ),
    max_size=25,
)  # fmt: skip


def apply(document: Document, journey, scene: JourneyScene, op) -> None:
    steps = sorted(s.id for s in journey.steps())
    kind = op[0]
    if kind == "add":
        stage, lane = journey.stages[op[1]], journey.lanes[op[2]]
        document.add_step(journey.id, stage=stage.id, lane=lane.id, label="x", state=op[3])
    elif kind == "connect" and steps:
        with contextlib.suppress(ValidationError):
            document.connect(journey.id, steps[op[1] % len(steps)], steps[op[2] % len(steps)])
    elif kind == "move" and steps:
        step = journey.step(steps[op[1] % len(steps)])
        document.move_steps(journey.id, {step.id: {"x": step.x + op[2], "y": step.y + op[3]}})
    elif kind == "state" and steps:
        document.set_state(journey.id, [steps[op[1] % len(steps)]], op[2])
    elif kind == "remove" and steps:
        document.remove(journey.id, [steps[op[1] % len(steps)]], [])
    elif kind == "undo":
        document.history.undo()
    elif kind == "redo":
        document.history.redo()
    elif kind == "view":
        scene.set_view_mode(op[1])


def assert_scene_matches(journey, scene: JourneyScene) -> None:
    view = scene.view_mode
    scene._flush_map()  # the end of the burst: the grid and the step codes
    codes = step_codes(journey)
    assert {sid: item.code for sid, item in scene.step_items.items()} == codes
    assert set(scene.step_items) == {s.id for s in journey.steps()}
    assert set(scene.transition_items) == {t.id for t in journey.transitions()}
    for step in journey.steps():
        item = scene.step_items[step.id]
        assert item.step == step
        assert (item.pos().x(), item.pos().y()) == (step.x, step.y)
        assert item.isVisible() == (view is View.COMPARE or step.state in (State.BOTH, State(view)))
    for transition in journey.transitions():
        item = scene.transition_items[transition.id]
        assert item.transition == transition
        assert (item.source.step_id, item.target.step_id) == (transition.source, transition.target)
        if item.isVisible():
            assert item.source.isVisible() and item.target.isVisible()


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(ops=operations)
def test_items_follow_any_sequence_of_changes(qapp, ops):
    document = Document.new()
    journey = document.project.journeys[0]
    scene = JourneyScene(document, journey.id)
    try:
        for op in ops:
            apply(document, journey, scene, op)
            assert_scene_matches(journey, scene)
        while document.history.can_undo:
            document.history.undo()
        assert_scene_matches(journey, scene)
        assert scene.step_items == {}
    finally:
        scene.detach()


def test_digit_keys_map_to_the_values_of_every_scale():
    signed, small, five, ten = (EMOTION_SCALES[c] for c in ("-3..3", "-2..2", "1..5", "1..10"))
    assert [digit_value(d, signed) for d in range(10)] == [0, 1, 2, 3] + [None] * 6
    assert [digit_value(d, signed, negative=True) for d in range(5)] == [0, -1, -2, -3, None]
    assert [digit_value(d, small, negative=True) for d in range(4)] == [0, -1, -2, None]
    assert [digit_value(d, five) for d in range(7)] == [None, 1, 2, 3, 4, 5, None]
    assert digit_value(0, ten) == 10 and digit_value(1, ten) == 1
    assert digit_value(3, five, negative=True) is None


def make_view(qtbot) -> tuple[Document, JourneyScene, JourneyView]:
    document = Document.new()
    journey = document.project.journeys[0]
    for i in range(12):
        document.add_step(journey.id, stage=journey.stages[i % 5].id, x=40 + 240 * i, y=20)
    scene = JourneyScene(document, journey.id)
    view = JourneyView()
    qtbot.addWidget(view)
    view.resize(600, 400)
    view.set_scene(scene)
    view.show()
    qtbot.waitExposed(view)
    view.zoom_reset()
    view.centerOn(QPointF(1200, 200))
    return document, scene, view


def test_middle_button_drag_pans_without_moving_or_selecting_anything(qtbot):
    document, scene, view = make_view(qtbot)
    before = view.mapToScene(view.viewport().rect().center())
    viewport = view.viewport()
    start = QPoint(300, 200)
    QTest.mousePress(viewport, Qt.MouseButton.MiddleButton, Qt.KeyboardModifier.NoModifier, start)
    for dx in range(20, 201, 20):
        QTest.mouseMove(viewport, start + QPoint(-dx, 0))
    QTest.mouseRelease(
        viewport,
        Qt.MouseButton.MiddleButton,
        Qt.KeyboardModifier.NoModifier,
        start + QPoint(-200, 0),
    )
    after = view.mapToScene(view.viewport().rect().center())
    assert after.x() - before.x() == 200
    assert document.history.depth == 12  # the adds only: nothing moved
    assert view.selected_step_ids() == []


def test_space_held_turns_a_left_drag_into_panning(qtbot):
    document, scene, view = make_view(qtbot)
    viewport = view.viewport()
    step = next(iter(scene.step_items.values()))
    view.centerOn(step.pos() + QPointF(CARD_W / 2, CARD_H / 2))
    before = view.mapToScene(viewport.rect().center())
    qtbot.keyPress(viewport, Qt.Key.Key_Space)
    start = view.mapFromScene(step.pos() + QPointF(CARD_W / 2, CARD_H / 2))
    QTest.mousePress(viewport, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, start)
    for dx in range(20, 161, 20):
        QTest.mouseMove(viewport, start + QPoint(-dx, 0))
    QTest.mouseRelease(
        viewport, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, start + QPoint(-160, 0)
    )
    qtbot.keyRelease(viewport, Qt.Key.Key_Space)
    assert view.mapToScene(viewport.rect().center()).x() > before.x()
    assert (step.pos().x(), step.pos().y()) == (step.step.x, step.step.y)
    assert document.history.depth == 12


def test_plain_wheel_scrolls_and_ctrl_wheel_zooms(qtbot):
    document, scene, view = make_view(qtbot)
    viewport = view.viewport()
    centre = viewport.rect().center()
    zoom = view.zoom_factor()

    def wheel(modifiers):
        event = QWheelEvent(QPointF(centre), QPointF(viewport.mapToGlobal(centre)), QPoint(0, 0),
                            QPoint(0, -120), Qt.MouseButton.NoButton, modifiers,
                            Qt.ScrollPhase.NoScrollPhase, False)  # fmt: skip
        QApplication.sendEvent(viewport, event)

    wheel(Qt.KeyboardModifier.ControlModifier)
    assert view.zoom_factor() < zoom
    view.zoom_reset()
    view.centerOn(QPointF(1200, 200))
    before = view.verticalScrollBar().value(), view.horizontalScrollBar().value()
    wheel(Qt.KeyboardModifier.NoModifier)
    after = view.verticalScrollBar().value(), view.horizontalScrollBar().value()
    assert after != before
    assert view.zoom_factor() == 1.0


def test_labels_wrap_into_the_card_and_elide_the_last_line(qapp):
    from motdesk.ui.canvas.step_item import wrap_label
    from motdesk.ui.canvas.style import CanvasStyle

    style = CanvasStyle()
    width = 140.0
    long = "Waits at the transfer desk while the queue grows and nobody explains the delay at all"
    lines = wrap_label(long, style, width, 3)
    assert len(lines) == 3
    assert all(style.label_metrics.horizontalAdvance(line) <= width + 0.5 for line in lines)
    assert lines[-1].endswith("…")
    assert wrap_label("Short", style, width, 3) == ["Short"]
    assert wrap_label("   ", style, width, 3) == []
    one_long_word = wrap_label("Supercalifragilisticexpialidocious" * 2, style, width, 3)
    assert len(one_long_word) == 1 and one_long_word[0].endswith("…")

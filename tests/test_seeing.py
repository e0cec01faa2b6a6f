"""Seeing the journey in the editor, driven through the real window: views, auto-layout, outline
and find."""

from __future__ import annotations

import random

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QMessageBox

from motdesk.graph.geometry import PAD_X, PAD_Y, MapGeometry
from motdesk.graph.jsonio import project_to_dict, read_project
from motdesk.graph.views import visible
from motdesk.graph.vocabulary import State, View
from motdesk.resources import resources_dir
from motdesk.ui.app import configure_names
from motdesk.ui.find import matching_steps
from motdesk.ui.outline import CODE, STEP_ROLE
from motdesk.ui.session import Session

CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier


def settle() -> None:
    for _ in range(3):
        QApplication.processEvents()


@pytest.fixture
def window(qtbot, monkeypatch):
    """A main window on a sample project; closing it discards the test's changes."""
    yield from open_windows(qtbot, monkeypatch)


def open_windows(qtbot, monkeypatch):
    """Yields a maker of main windows on sample projects, then closes what it made."""
    from motdesk.ui.mainwindow import WINDOWS, MainWindow

    monkeypatch.setattr(
        QMessageBox,
        "question",
        staticmethod(lambda *a, **k: QMessageBox.StandardButton.Discard),
    )
    configure_names()
    made = []

    def make(template: str = "retail_bank.json", journey: int = 0):
        project = read_project(resources_dir() / "templates" / template)
        win = MainWindow(Session.new(project))
        qtbot.addWidget(win)
        win.resize(1400, 900)
        win.show()
        qtbot.waitExposed(win)
        win.show_journey(win.document.project.journeys[journey].id)
        win.set_view_mode(View.CURRENT)
        win.view.zoom_reset()
        settle()
        made.append(win)
        return win

    yield make
    for win in made:
        if win in WINDOWS:
            win.close()
    settle()


def shown_step_ids(win) -> set[str]:
    return {sid for sid, item in win.scene.step_items.items() if item.isVisible()}


def shown_transition_ids(win) -> set[str]:
    return {tid for tid, item in win.scene.transition_items.items() if item.isVisible()}


def outline_rows(win) -> dict[str, list[str]]:
    """Stage id -> the step ids of its rows, top to bottom."""
    return win.seeing.outline.shown_rows()


# -- views ---------------------------------------------------------------------------------
def test_view_menu_switches_show_the_right_items_and_leave_the_document_alone(window):
    win = window("retail_bank.json")
    journey = win.journey()
    before = project_to_dict(win.document.project)
    depth = win.document.history.depth
    states = {s.state for s in journey.steps()}
    assert {State.CURRENT, State.FUTURE} <= states  # the sample has both kinds of change
    for view in (View.FUTURE, View.COMPARE, View.CURRENT, View.COMPARE, View.FUTURE):
        win.actions.views[view].trigger()
        settle()
        assert win.view.view_mode() is view
        assert shown_step_ids(win) == {s.id for s in journey.steps() if visible(s.state, view)}
        assert shown_transition_ids(win) == {
            t.id for t in journey.transitions() if visible(t.state, view)
        }
        assert win.seeing.view_label.text().lower().startswith(view.value)
        visible_rows = {sid for rows in outline_rows(win).values() for sid in rows}
        assert visible_rows == shown_step_ids(win)
    assert project_to_dict(win.document.project) == before
    assert win.document.history.depth == depth


def test_switching_views_keeps_the_selection_and_the_zoom(window):
    win = window("retail_bank.json")
    journey = win.journey()
    both = [s.id for s in journey.steps() if s.state is State.BOTH][:3]
    removed = next(s.id for s in journey.steps() if s.state is State.CURRENT)
    win.view.select_ids([*both, removed])
    win.view.zoom_in()
    zoom = win.view.zoom_factor()
    win.actions.views[View.FUTURE].trigger()
    settle()
    assert set(win.view.selected_step_ids()) == set(both)  # the removed step is hidden
    assert win.view.zoom_factor() == pytest.approx(zoom)
    win.actions.views[View.CURRENT].trigger()
    settle()
    assert set(win.view.selected_step_ids()) == {*both, removed}
    assert win.view.zoom_factor() == pytest.approx(zoom)


# -- auto-layout ---------------------------------------------------------------------------
def test_a_large_auto_layout_says_it_is_working_before_it_starts(window, monkeypatch):
    import motdesk.ui.seeing as seeing_module

    win = window("airline.json")
    seen: list[str] = []
    real = seeing_module.apply_layout

    def watched(document, journey_id):
        seen.append(win.statusBar().currentMessage())
        real(document, journey_id)

    monkeypatch.setattr(seeing_module, "apply_layout", watched)
    monkeypatch.setattr(seeing_module, "SAYS_IT_IS_LAYING_OUT", 10)
    win.seeing.auto_layout.trigger()
    count = win.journey().step_count
    assert seen == [f"Laying out {count:,} steps…"]
    assert win.statusBar().currentMessage().startswith(f"Auto-layout placed {count} steps")


def test_auto_layout_from_the_menu_places_every_step_in_its_cell_and_undoes_in_one_step(window):
    win = window("airline.json")
    document, journey = win.document, win.journey()
    rng = random.Random(7)
    document.move_steps(
        journey.id,
        {
            s.id: {"x": rng.uniform(-900, 3000), "y": rng.uniform(-300, 900)}
            for s in journey.steps()
        },
    )
    scattered = {s.id: (s.x, s.y) for s in journey.steps()}
    depth = document.history.depth
    assert win.seeing.auto_layout in win.menus["journey"].actions()
    win.seeing.auto_layout.trigger()
    settle()
    assert document.history.depth == depth + 1
    assert document.history.undo_text == "Auto-layout"
    geometry = MapGeometry.of(journey)
    stage_order = [b.id for b in geometry.stages]
    lane_order = [b.id for b in geometry.lanes]
    assert stage_order == [s.id for s in journey.stages]
    assert lane_order == [lane.id for lane in journey.lanes]
    width, height = geometry.card
    for step in journey.steps():
        column, row = geometry.stage(step.stage), geometry.lane(step.lane)
        assert column.start + PAD_X <= step.x and step.x + width <= column.end - PAD_X
        assert row.start + PAD_Y <= step.y and step.y + height <= row.end - PAD_Y
        assert win.scene.step_item(step.id).pos().x() == step.x  # the canvas followed
    win.actions.undo.trigger()
    settle()
    assert {s.id: (s.x, s.y) for s in journey.steps()} == scattered
    assert document.history.depth == depth


# -- outline -------------------------------------------------------------------------------
def test_outline_mirrors_the_stages_and_steps_in_reading_order(window):
    win = window("retail_bank.json")
    journey = win.journey()
    rows = outline_rows(win)
    assert list(rows) == [s.id for s in journey.stages]
    for stage in journey.stages:
        steps = [s for s in journey.steps() if s.stage == stage.id and s.state.has_current]
        assert set(rows[stage.id]) == {s.id for s in steps}
        xs = [journey.step(sid).x for sid in rows[stage.id]]
        assert xs == sorted(xs)
    model = win.seeing.outline.model
    first = model.index(0, 0, model.index(0, 0))
    spoken = first.data(Qt.ItemDataRole.AccessibleTextRole)
    step = journey.step(first.data(STEP_ROLE))
    assert spoken.startswith(step.label) and f"emotion {step.current_emotion}" in spoken


def test_selecting_on_the_canvas_selects_in_the_outline_and_back(window, qtbot):
    win = window("retail_bank.json")
    outline = win.seeing.outline
    journey = win.journey()
    steps = sorted(s.id for s in journey.steps() if s.state is State.BOTH)
    # canvas -> outline
    win.view.select_ids(steps[:2])
    settle()
    assert set(outline.selected_step_ids()) == set(steps[:2])
    # outline -> canvas, with the keyboard
    tree = outline.tree
    row = outline.index_of(steps[3])
    tree.setFocus()
    tree.setCurrentIndex(row)
    settle()
    assert win.view.selected_step_ids() == [steps[3]]
    below = tree.indexBelow(row)
    while below.isValid() and below.data(STEP_ROLE) is None:
        below = tree.indexBelow(below)
    QTest.keyClick(tree.viewport(), Qt.Key.Key_Down, SHIFT)
    settle()
    expected = {steps[3], below.data(STEP_ROLE)}
    assert set(win.view.selected_step_ids()) == expected
    assert set(outline.selected_step_ids()) == expected  # nothing echoed back and changed it
    # the inspector followed the canvas selection made in the outline
    assert "2 steps" in win.selection_label.text()


def test_editing_a_label_in_the_outline_is_one_undoable_change(window, qtbot):
    win = window("retail_bank.json")
    journey = win.journey()
    outline = win.seeing.outline
    step_id = next(s.id for s in journey.steps() if s.state is State.BOTH)
    old = journey.step(step_id).label
    tree = outline.tree
    tree.setFocus()
    tree.setCurrentIndex(outline.index_of(step_id))
    QTest.keyClick(tree, Qt.Key.Key_F2)
    settle()
    editor = QApplication.focusWidget()
    assert editor is not tree and editor.text() == old
    editor.selectAll()
    QTest.keyClicks(editor, "Card <b>blocked</b> at once")
    QTest.keyClick(editor, Qt.Key.Key_Return)
    settle()
    assert journey.step(step_id).label == "Card <b>blocked</b> at once"
    assert win.scene.step_item(step_id).step.label == "Card <b>blocked</b> at once"
    win.actions.undo.trigger()
    settle()
    assert journey.step(step_id).label == old
    assert outline.text(step_id) == old


def _f2_in_the_outline(win, column: int):
    """F2 on a step's row of the outline, `column` current: (the step's id, the editor)."""
    outline = win.seeing.outline
    step_id = next(s.id for s in win.journey().steps() if s.state is State.BOTH)
    tree = outline.tree
    tree.setFocus()
    tree.setCurrentIndex(outline.index_of(step_id).siblingAtColumn(column))
    QTest.keyClick(tree, Qt.Key.Key_F2)
    settle()
    return step_id, QApplication.focusWidget()


@pytest.mark.parametrize("then", ["save", "other journey"])
def test_a_label_being_typed_in_the_outline_is_kept_by_save_and_another_journey(
    window, then, answers
):
    win = window("retail_bank.json")
    journey = win.journey()
    tree = win.seeing.outline.tree
    step_id, editor = _f2_in_the_outline(win, column=0)
    editor.selectAll()
    QTest.keyClicks(editor, "Typed, not entered")
    if then == "save":
        win.files.save()  # untitled: Save As, answered with no file
    else:
        win.show_journey(win.document.project.journeys[1].id)
    settle()
    assert journey.step(step_id).label == "Typed, not entered"
    assert tree.state() != tree.State.EditingState


def test_f2_in_the_outline_edits_the_label_from_any_column(window):
    win = window("retail_bank.json")
    journey = win.journey()
    step_id, editor = _f2_in_the_outline(win, column=CODE)  # the code: read first
    assert editor is not win.seeing.outline.tree
    assert editor.text() == journey.step(step_id).label
    editor.selectAll()
    QTest.keyClicks(editor, "Renamed from the keyboard")
    QTest.keyClick(editor, Qt.Key.Key_Return)
    settle()
    assert journey.step(step_id).label == "Renamed from the keyboard"


def test_outline_follows_added_renamed_moved_and_removed_steps(window):
    win = window("retail_bank.json")
    document, journey = win.document, win.journey()
    first, second = journey.stages[0], journey.stages[1]
    step = document.add_step(journey.id, stage=first.id, lane=journey.lanes[0].id, label="New one")
    settle()
    assert step.id in outline_rows(win)[first.id]
    document.update_step(journey.id, step.id, label="Renamed")
    settle()
    assert win.seeing.outline.text(step.id) == "Renamed"
    document.move_steps(journey.id, {step.id: {"stage": second.id, "x": 5000.0}})
    settle()
    rows = outline_rows(win)
    assert step.id not in rows[first.id] and rows[second.id][-1] == step.id
    document.update_step(journey.id, step.id, state=State.FUTURE)
    settle()
    assert step.id not in outline_rows(win)[second.id]  # the current view hides it
    document.remove(journey.id, [step.id], [])
    settle()
    assert win.seeing.outline.text(step.id) is None


# -- find ----------------------------------------------------------------------------------
def test_find_walks_the_matches_and_the_canvas_shows_and_selects_each(window, qtbot):
    win = window("retail_bank.json")
    journey = win.journey()
    bar = win.seeing.find_bar
    win.view.setFocus()
    QTest.keyClick(win.view, Qt.Key.Key_F, CTRL)
    settle()
    assert bar.is_open() and QApplication.focusWidget() is bar.field
    QTest.keyClicks(bar.field, "CARD")
    settle()
    matches = matching_steps(journey, "card", View.CURRENT)
    assert len(matches) >= 3
    assert bar.matches == matches
    assert bar.count.text() == f"1 of {len(matches)}"
    for index in (1, 2):
        QTest.keyClick(bar.field, Qt.Key.Key_Return)
        settle()
        assert bar.count.text() == f"{index + 1} of {len(matches)}"
        assert win.view.selected_step_ids() == [matches[index]]
        card = win.scene.step_item(matches[index]).sceneBoundingRect()
        shown = win.view.mapToScene(win.view.viewport().rect()).boundingRect()
        assert shown.contains(card)  # centred where the map lets it, never off screen
    QTest.keyClick(bar.field, Qt.Key.Key_Return, SHIFT)
    settle()
    assert bar.count.text() == f"2 of {len(matches)}"
    assert win.view.selected_step_ids() == [matches[1]]
    QTest.keyClick(win.view, Qt.Key.Key_F3)  # F3 from anywhere in the window
    settle()
    assert bar.count.text() == f"3 of {len(matches)}"
    faded = {sid for sid, item in win.scene.step_items.items() if item.opacity() < 1}
    assert faded == {s.id for s in journey.steps() if s.id not in matches}
    QTest.keyClick(bar.field, Qt.Key.Key_Escape)
    settle()
    assert not bar.is_open()
    assert all(item.opacity() == 1 for item in win.scene.step_items.values())


def test_find_looks_through_notes_pain_points_and_owner(window):
    win = window("retail_bank.json")
    document, journey = win.document, win.journey()
    step = next(s for s in journey.steps() if s.state is State.BOTH)
    document.update_step(
        journey.id,
        step.id,
        notes="Ask about the Zebra form",
        pain_points=("Waits for a qUokka",),
        owner="Team Narwhal",
    )
    for text in ("zebra", "QUOKKA", "narwhal"):
        assert matching_steps(journey, text, View.CURRENT) == [step.id]
    assert matching_steps(journey, "no such text anywhere", View.CURRENT) == []


def test_on_a_first_start_the_outline_shows_a_readable_part_of_each_label(window):
    from PySide6.QtCore import QSettings

    from motdesk.ui.setting_keys import WINDOW_GEOMETRY, WINDOW_STATE

    for key in (WINDOW_GEOMETRY, WINDOW_STATE):  # a first start: no window remembered
        QSettings().remove(key)
    win = window("airline.json")
    tree = win.seeing.outline.tree
    label_room = tree.columnWidth(0) - 2 * tree.indentation()
    assert label_room >= tree.fontMetrics().averageCharWidth() * 18  # not "Client me…"


def test_find_goes_to_a_step_by_the_code_on_its_handout(window):
    from motdesk.graph.codes import step_codes

    win = window("retail_bank.json")
    journey = win.journey()
    codes = step_codes(journey)
    shown = [s for s in journey.steps() if s.state is not State.FUTURE]
    step = shown[len(shown) // 2]
    code = codes[step.id]
    number = str(int(code[1:]))
    for typed in (code, code.lower(), f"S{number}", f" s {number} "):
        assert matching_steps(journey, typed, View.CURRENT)[0] == step.id, typed
    future_only = next(s for s in journey.steps() if s.state is State.FUTURE)
    assert future_only.id not in matching_steps(journey, codes[future_only.id], View.CURRENT)
    assert matching_steps(journey, "S9999", View.CURRENT) == []
    bar = win.seeing.find_bar
    bar.open()
    QTest.keyClicks(bar.field, code)
    settle()
    QTest.keyClick(bar.field, Qt.Key.Key_Return)
    settle()
    assert win.view.selected_step_ids() == [step.id]


def test_a_large_auto_layout_leaves_every_card_findable_where_it_now_stands(window, qtbot):
    from benchmarks.generate import generate_project
    from motdesk.ui.canvas.scene import BURST_UNINDEXED

    win = window("airline.json")
    project = generate_project(BURST_UNINDEXED + 100, seed=3)
    win.replace_session(Session.new(project))
    settle()
    journey = win.journey()
    win.seeing.auto_layout.trigger()
    settle()
    scene = win.scene
    assert scene.itemIndexMethod() is scene.ItemIndexMethod.BspTreeIndex
    for step in [s for s in journey.steps() if s.state.has_current][::25]:  # the view shows
        item = scene.step_item(step.id)
        assert (item.pos().x(), item.pos().y()) == (step.x, step.y)
        assert item in scene.items(item.sceneBoundingRect().center())
    win.document.history.mark_clean()


def test_every_shortcut_of_the_window_does_one_thing(window):
    from PySide6.QtGui import QAction

    win = window("airline.json")
    seen: dict[str, str] = {}
    for action in win.findChildren(QAction):
        for key in action.shortcuts():
            text = key.toString()
            assert text not in seen, f"{text} is both {seen[text]!r} and {action.text()!r}"
            seen[text] = action.text()
    for key in ("F3", "Shift+F3", "Ctrl+F", "Ctrl+8", "Ctrl+Shift+L", "Ctrl+Shift+M"):
        assert key in seen


def test_outline_emotion_column_follows_view_switches_and_edits(window):
    """The outline shows the emotion of the view on screen, and an edit shows at once."""
    win = window("retail_bank.json")
    document, journey = win.document, win.journey()
    step = next(s for s in journey.steps() if s.state is State.BOTH)
    document.update_step(journey.id, step.id, current_emotion=-2, future_emotion=2)
    settle()
    outline = win.seeing.outline
    assert outline.text(step.id, 1) == "−2"
    win.actions.views[View.FUTURE].trigger()
    settle()
    assert outline.text(step.id, 1) == "+2"
    document.update_step(journey.id, step.id, future_emotion=1)
    settle()
    assert outline.text(step.id, 1) == "+1"
    win.actions.views[View.CURRENT].trigger()
    settle()
    assert outline.text(step.id, 1) == "−2"


def test_a_selected_step_moved_past_its_neighbours_stays_selected(window):
    """Its outline row moves to its new place in reading order; neither the canvas nor the
    outline drops it from the selection on the way."""
    win = window("retail_bank.json")
    document, journey = win.document, win.journey()
    stage = journey.stages[0]
    steps = sorted(
        (s for s in journey.steps() if s.stage == stage.id and s.state.has_current),
        key=lambda s: s.x,
    )
    first, last = steps[0], steps[-1]
    win.view.select_ids([first.id])
    settle()
    document.move_steps(journey.id, {first.id: {"x": last.x + 300}})
    settle()
    assert win.view.selected_step_ids() == [first.id]
    assert win.seeing.outline.selected_step_ids() == [first.id]
    assert outline_rows(win)[stage.id][-1] == first.id


def test_undo_right_after_a_minus_takes_back_the_minus_not_the_edit_before(window, qtbot):
    win = window("airline.json")
    view, journey = win.view, win.journey()
    step = next(s for s in journey.steps() if s.current_emotion == 0)
    view.select_ids([step.id])
    qtbot.keyClick(view.viewport(), Qt.Key.Key_2)
    assert journey.step(step.id).current_emotion == 2
    qtbot.keyClick(view.viewport(), Qt.Key.Key_Minus)
    assert view.minus_pending()
    win.actions.undo.trigger()  # Ctrl+Z while the "-" waits for its digit
    assert not view.minus_pending()
    assert journey.step(step.id).current_emotion == 2  # the "-" is taken back, the 2 stays
    win.actions.undo.trigger()
    assert journey.step(step.id).current_emotion == 0


def test_a_refused_gesture_on_the_canvas_says_why_in_the_status_bar(window, qtbot):
    win = window("airline.json")
    view, journey = win.view, win.journey()
    step = next(iter(journey.steps()))
    view.select_ids([step.id])
    qtbot.keyClick(view.viewport(), Qt.Key.Key_2)  # the first digit explains the keys
    assert "then" in win.statusBar().currentMessage()
    win.scene.notice.emit("a transition cannot lead from a step to itself")
    assert win.statusBar().currentMessage() == "a transition cannot lead from a step to itself."


def test_double_clicking_a_stage_or_lane_header_opens_it_in_the_inspector(window):
    from PySide6.QtCore import QPointF

    from motdesk.ui.canvas.grid_items import HEADER_H, LANE_HEADER_W
    from tests.ui_driver import double_click

    win = window("airline.json")
    journey = win.journey()
    win.view.zoom_fit()
    settle()
    geometry = win.scene.geometry()
    steps = journey.step_count
    stage = geometry.stages[1]
    double_click(win, QPointF(stage.middle, geometry.top - HEADER_H / 2))
    inspector = win.inspector
    assert inspector.stack.currentWidget() is inspector.stage_form
    assert inspector.stage_form.item_id == stage.id
    lane = geometry.lanes[2]
    double_click(win, QPointF(geometry.left - LANE_HEADER_W / 2, lane.middle))
    assert inspector.stack.currentWidget() is inspector.lane_form
    assert inspector.lane_form.item_id == lane.id
    assert journey.step_count == steps  # a header is not a place for a new card
    assert win.scene.header_at(QPointF(stage.middle, lane.middle)) is None

"""Project properties, journeys and personas: edits through the dialogs, each undoable."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QMessageBox

from motdesk.graph.document import Document
from motdesk.graph.jsonio import project_to_dict
from motdesk.ui.dialogs.help import ShortcutsDialog, shortcut_rows
from motdesk.ui.dialogs.project import ProjectDialog
from motdesk.ui.journeys import JourneysDialog
from motdesk.ui.session import Session
from tests.ui_driver import make_window, settle

pytestmark = pytest.mark.usefixtures("answers")  # modal boxes answered, windows closed


def test_project_properties_apply_as_one_undo_unit_and_convert_emotions(qtbot):
    document = Document.new()
    jid = document.project.journeys[0].id
    step = document.add_step(jid, label="Claim", current_emotion=-3, future_emotion=3)
    document.history.clear()
    window = make_window(qtbot, Session.new(document.project))
    before = project_to_dict(window.document.project)
    dialog = ProjectDialog(window)
    qtbot.addWidget(dialog)
    dialog.title.selectAll()
    QTest.keyClicks(dialog.title, "Claims workshop")
    QTest.keyClicks(dialog.organisation, "Acme <Insurance> & Co")
    dialog.has_date.setChecked(True)
    dialog.scale.setCurrentIndex(dialog.scale.findData("1..5"))
    dialog.accept()
    project = window.document.project
    assert project.title == "Claims workshop" and project.organisation == "Acme <Insurance> & Co"
    assert project.workshop_date is not None and project.emotion_scale == "1..5"
    converted = window.document.journey(jid).step(step.id)
    assert (converted.current_emotion, converted.future_emotion) == (1, 5)
    assert window.document.history.undo_text == "Change project properties"
    QTest.keyClick(window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    settle()
    assert project_to_dict(window.document.project) == before


def test_journeys_and_personas_dialog(qtbot):
    window = make_window(qtbot)
    dialog = JourneysDialog(window)
    qtbot.addWidget(dialog)
    personas = dialog.personas
    QTest.mouseClick(personas.add_button, Qt.MouseButton.LeftButton)
    QTest.keyClicks(personas.name, "Helena")  # the new name is selected, typing replaces it
    assert [p.name for p in window.document.project.personas] == ["Helena"]
    journeys = dialog.journeys
    QTest.mouseClick(journeys.add_button, Qt.MouseButton.LeftButton)
    assert len(window.document.project.journeys) == 2
    assert window.tabs.count() == 2
    dialog.show()
    qtbot.waitExposed(dialog)
    journeys.title.setFocus()
    journeys.title.selectAll()
    QTest.keyClicks(journeys.title, "Claim")
    QTest.keyClick(journeys.title, Qt.Key.Key_Return)  # accepts the title, adds no journey
    assert len(window.document.project.journeys) == 2
    persona_id = window.document.project.personas[0].id
    journeys.persona.show_value(None)
    journeys.persona.setCurrentIndex(journeys.persona.findData(persona_id))
    journeys.persona.activated.emit(journeys.persona.currentIndex())
    second = window.document.project.journeys[1]
    assert (second.title, second.persona) == ("Claim", persona_id)
    assert window.tabs.tabText(1) == "Claim"
    QTest.mouseClick(journeys.remove_button, Qt.MouseButton.LeftButton)
    assert len(window.document.project.journeys) == 1


def test_deleting_a_persona_a_journey_uses_asks_first(qtbot, answers):
    window = make_window(qtbot)
    persona = window.document.add_persona("Helena")
    window.document.update_journey(window.journey_id, persona=persona.id, title="Trip")
    dialog = JourneysDialog(window)
    qtbot.addWidget(dialog)
    personas = dialog.personas
    personas.refresh()
    personas.list.setCurrentRow(0)
    answers.answer = QMessageBox.StandardButton.No
    QTest.mouseClick(personas.remove_button, Qt.MouseButton.LeftButton)
    assert "the persona of the journey 'Trip'" in answers.seen[-1][1]
    assert window.journey().persona == persona.id  # kept
    answers.answer = QMessageBox.StandardButton.Yes
    QTest.mouseClick(personas.remove_button, Qt.MouseButton.LeftButton)
    assert window.document.project.personas == [] and window.journey().persona is None


def test_shortcuts_dialog_lists_the_standard_keys(qtbot):
    window = make_window(qtbot)
    window.document.update_journey(window.journey_id, title="Edited")  # Undo names it now
    rows = dict((text, keys) for keys, text in shortcut_rows(window))
    assert rows["Save"] and rows["Undo"] and rows["Paste"]
    from PySide6.QtGui import QKeySequence

    window.actions.cut.setShortcuts([QKeySequence("Ctrl+X"), QKeySequence("F20")])  # as X11
    cut = dict((text, keys) for keys, text in shortcut_rows(window))["Cut"]
    assert cut == "Ctrl+X"  # a key only some keyboards have is left out
    assert "Ctrl+Y" in rows["Redo"]  # every key of an action, not its first only
    listed = " ".join(keys for keys, _ in shortcut_rows(window))
    for key in ("M / Shift+M", "Escape", "Delete or Backspace", "Space + drag", "F2"):
        assert key in listed
    dialog = ShortcutsDialog(window)
    qtbot.addWidget(dialog)


def test_deleting_the_only_journey_empties_the_window_and_undo_shows_it_again(qtbot, answers):
    document = Document.new()
    jid = document.project.journeys[0].id
    step = document.add_step(jid, label="Arrives")
    document.history.clear()
    window = make_window(qtbot, Session.new(document.project))
    answers.answer = QMessageBox.StandardButton.Yes
    window.editing.delete_journey()
    settle()
    assert window.journey_id is None and window.scene is None
    assert window.view.scene() is None  # no map of a journey that is gone
    assert window.tabs.count() == 0
    assert window.view.viewport().autoFillBackground()  # Qt paints nothing with no scene
    picture = window.view.viewport().grab().toImage()
    middle = picture.height() // 2
    band = {
        picture.pixel(x, y)
        for y in range(middle - 12, middle + 12)
        for x in range(0, picture.width(), 2)
    }
    assert len(band) > 1  # a line saying how to add a journey, across the middle
    window.actions.undo.trigger()
    settle()
    assert window.journey_id == jid and window.scene is not None
    assert window.view.scene() is window.scene and window.scene.step_item(step.id) is not None
    assert window.tabs.count() == 1
    window.actions.redo.trigger()
    settle()
    assert window.journey_id is None and window.view.scene() is None


def test_no_two_actions_of_the_window_answer_the_same_key(qtbot):
    """A key two actions share triggers neither (Qt calls it ambiguous): on Linux the
    standard Delete key also means Ctrl+D, which is Duplicate's."""
    from PySide6.QtGui import QAction

    window = make_window(qtbot)
    owners: dict[str, list[str]] = {}
    for action in window.findChildren(QAction):
        for sequence in action.shortcuts():
            owners.setdefault(sequence.toString(), []).append(action.text())
    shared = {key: names for key, names in owners.items() if len(names) > 1}
    assert shared == {}
    assert window.actions.duplicate.shortcut().toString() == "Ctrl+D"
    assert "Del" in [k.toString() for k in window.actions.delete.shortcuts()]


def test_a_standard_keys_platform_variant_gives_way_to_a_key_another_action_names(qtbot):
    """Where the desktop's standard Delete is Del and Ctrl+D (X11), Duplicate keeps Ctrl+D."""
    from PySide6.QtGui import QAction, QKeySequence
    from PySide6.QtWidgets import QWidget

    from motdesk.ui.actions import _give_way

    owner = QWidget()
    qtbot.addWidget(owner)
    delete, duplicate = QAction("Delete", owner), QAction("Duplicate", owner)
    delete.setShortcuts([QKeySequence("Del"), QKeySequence("Ctrl+D")])
    duplicate.setShortcut(QKeySequence("Ctrl+D"))
    _give_way([delete, duplicate])
    assert [k.toString() for k in delete.shortcuts()] == ["Del"]
    assert duplicate.shortcut().toString() == "Ctrl+D"


def two_journeys(qtbot, second_title: str = "Second"):
    """A window on a new project of two journeys, the first shown: (window, first, second)."""
    document = Document.new()
    first = document.project.journeys[0].id
    second = document.add_journey(second_title).id
    document.history.clear()
    window = make_window(qtbot, Session.new(document.project))
    window.show_journey(first)
    return window, first, second


def test_undo_of_a_change_to_another_journey_shows_that_journey_and_says_so(qtbot):
    window, first, second = two_journeys(qtbot, "Desk rebooking")
    window.show_journey(second)
    step = window.document.add_step(second, label="Pasted here")
    window.show_journey(first)
    settle()
    window.actions.undo.trigger()
    settle()
    assert not window.document.journey(second).has_step(step.id)
    assert window.journey_id == second  # where the undone change was
    assert "'Desk rebooking'" in window.statusBar().currentMessage()
    window.actions.redo.trigger()  # the change is in the journey shown: it stays shown
    settle()
    assert window.journey_id == second
    window.document.update_step(second, step.id, label="Renamed")
    window.show_journey(first)
    settle()
    window.actions.undo.trigger()
    settle()
    assert window.journey_id == second
    assert window.selected_step_ids() == [step.id]  # the card it changed, selected


def test_each_journey_is_shown_again_where_it_was_left(qtbot):
    window, first, second = two_journeys(qtbot)
    window.view.zoom_in()
    window.view.centerOn(700, 300)
    settle()
    zoom, centre, _ = window.view.look()
    window.tabs.setCurrentIndex(1)
    settle()
    assert window.journey_id == second and window.view.zoom_factor() != zoom
    window.tabs.setCurrentIndex(0)
    settle()
    back_zoom, back_centre, _ = window.view.look()
    assert back_zoom == zoom
    assert abs(back_centre.x() - centre.x()) < 2 and abs(back_centre.y() - centre.y()) < 2


def test_project_properties_say_before_a_smaller_scale_merges_levels(qtbot):
    window = make_window(qtbot)
    dialog = ProjectDialog(window)
    qtbot.addWidget(dialog)
    assert "converts every emotion" in dialog.scale_note.text()
    dialog.scale.setCurrentIndex(dialog.scale.findData("1..5"))
    assert "7 levels become 5" in dialog.scale_note.text()
    dialog.scale.setCurrentIndex(dialog.scale.findData("1..10"))
    assert "nearest level" in dialog.scale_note.text()


def test_ctrl_page_down_and_up_walk_the_journeys(qtbot):
    window, first, second = two_journeys(qtbot)
    window.view.setFocus()
    QTest.keyClick(window.view, Qt.Key.Key_PageDown, Qt.KeyboardModifier.ControlModifier)
    settle()
    assert window.journey_id == second and window.tabs.currentIndex() == 1
    QTest.keyClick(window.view, Qt.Key.Key_PageDown, Qt.KeyboardModifier.ControlModifier)
    settle()
    assert window.journey_id == first  # round from the last to the first
    QTest.keyClick(window.view, Qt.Key.Key_PageUp, Qt.KeyboardModifier.ControlModifier)
    settle()
    assert window.journey_id == second

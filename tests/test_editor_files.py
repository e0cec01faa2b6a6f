"""Files in the editor: the close prompt, refused files, read-only files, Open, Recent, .json."""

from __future__ import annotations

import stat

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QMessageBox

from motdesk import store
from motdesk.graph.document import Document
from motdesk.graph.jsonio import project_to_dict, write_project
from motdesk.resources import template
from motdesk.ui.mainwindow import WINDOWS
from motdesk.ui.session import Session
from tests.ui_driver import key, make_window, settle

MB = QMessageBox.StandardButton
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(64))


pytestmark = pytest.mark.usefixtures("answers")  # modal boxes answered, windows closed


def saved_project(tmp_path, name="plan.motdesk"):
    path = tmp_path / name
    document = Document(template("hotel").load())
    store.save_new(document.project, path)
    return path


def open_window(qtbot, path):
    window = make_window(qtbot, Session.open(path))
    return window


def edit_something(window):
    """A change a user makes: a new journey from the Journey menu."""
    window.actions.new_journey.trigger()
    settle()
    assert window.isWindowModified()


def test_close_prompt_cancel_keeps_window_and_changes(qtbot, tmp_path, answers):
    path = saved_project(tmp_path)
    before = path.read_bytes()
    window = open_window(qtbot, path)
    edit_something(window)
    answers.answer = MB.Cancel
    assert not window.close()
    assert window.isVisible() and window.isWindowModified()
    assert answers.seen[-1][0] == "question" and "plan.motdesk" in answers.seen[-1][1]
    assert path.read_bytes() == before
    answers.answer = MB.Discard  # let the fixture close it


def test_close_prompt_discard_closes_without_writing(qtbot, tmp_path, answers):
    path = saved_project(tmp_path)
    before = path.read_bytes()
    window = open_window(qtbot, path)
    edit_something(window)
    answers.answer = MB.Discard
    assert window.close()
    assert window not in WINDOWS
    assert path.read_bytes() == before
    assert len(store.load(path).journeys) == 1


def test_file_close_on_the_last_window_closes_the_project_not_the_program(qtbot, tmp_path, answers):
    path = saved_project(tmp_path)
    before = path.read_bytes()
    window = open_window(qtbot, path)
    edit_something(window)
    answers.answer = MB.Cancel  # Close asks first, like closing the window
    window.actions.close.trigger()
    assert window.session.path == path and window.isWindowModified()
    answers.answer = MB.Discard
    window.actions.close.trigger()
    settle()
    assert window in WINDOWS and window.isVisible()
    assert window.session.path is None and not window.isWindowModified()
    assert window.windowTitle().startswith("Untitled")
    assert path.read_bytes() == before
    with store.ProjectFile.open(path) as again:  # no longer held by this window
        assert not again.read_only


def test_file_close_with_other_windows_open_closes_only_its_own(qtbot, tmp_path, answers):
    first = open_window(qtbot, saved_project(tmp_path))
    second = open_window(qtbot, saved_project(tmp_path, "other.motdesk"))
    second.actions.close.trigger()
    settle()
    assert second not in WINDOWS and first in WINDOWS


def test_close_prompt_save_writes_then_closes(qtbot, tmp_path, answers):
    path = saved_project(tmp_path)
    window = open_window(qtbot, path)
    edit_something(window)
    expected = project_to_dict(window.document.project)
    answers.answer = MB.Save
    assert window.close()
    assert project_to_dict(store.load(path)) == expected


def test_clean_window_closes_without_asking(qtbot, tmp_path, answers):
    window = open_window(qtbot, saved_project(tmp_path))
    assert window.close()
    assert answers.seen == []


def test_refused_file_shows_its_sentence_and_changes_nothing(qtbot, tmp_path, answers, monkeypatch):
    bad = tmp_path / "picture.motdesk"
    bad.write_bytes(PNG)
    window = make_window(qtbot)
    before = project_to_dict(window.document.project)
    monkeypatch.setattr(
        QFileDialog, "getOpenFileName", staticmethod(lambda *a, **k: (str(bad), ""))
    )
    key(window, Qt.Key.Key_O, Qt.KeyboardModifier.ControlModifier)
    assert len(answers.seen) == 1
    kind, text = answers.seen[0]
    assert kind == "critical" and "picture.motdesk" in text
    assert "Traceback" not in text and text.endswith(".")
    assert bad.read_bytes() == PNG
    assert project_to_dict(window.document.project) == before
    assert window.session.path is None and len(WINDOWS) == 1


def test_read_only_file_says_so_and_cannot_be_saved_over(qtbot, tmp_path, answers):
    path = saved_project(tmp_path)
    path.chmod(stat.S_IRUSR | stat.S_IRGRP | stat.S_IROTH)
    before = path.read_bytes()
    window = open_window(qtbot, path)
    assert "(read-only)" in window.windowTitle()
    assert window.readonly_label.isVisibleTo(window)
    assert window.readonly_label.text() == "Read-only"
    assert "no one write" in window.readonly_label.toolTip()  # why, once, in its words
    assert "no one write" in window.statusBar().currentMessage()  # said at opening, too
    edit_something(window)
    answers.answer = MB.Cancel  # declines the offered Save As
    key(window, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    kind, text = answers.seen[-1]
    assert kind == "warning" and "no one write" in text and "Save" in text
    assert path.name in text
    assert path.read_bytes() == before
    assert window.isWindowModified()
    answers.answer = MB.Discard


def test_read_only_file_saves_as_another_file(qtbot, tmp_path, answers, monkeypatch):
    path = saved_project(tmp_path)
    path.chmod(0o444)
    window = open_window(qtbot, path)
    edit_something(window)
    copy = tmp_path / "copy.motdesk"
    offered: list[str] = []

    def choose(parent, caption, suggested, *rest, **kw):
        offered.append(suggested)
        return str(copy), ""

    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(choose))
    window.statusBar().showMessage("a passing message")
    assert window.readonly_label.isVisibleTo(window)  # not hidden by it
    answers.answer = MB.Save  # accepts Save As
    key(window, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert not window.isWindowModified()
    assert "(read-only)" not in window.windowTitle() and "copy.motdesk" in window.windowTitle()
    assert len(store.load(copy).journeys) == 2
    assert len(store.load(path).journeys) == 1
    # the dialog offered a copy's name, not the read-only file's own
    assert offered == [str(path.with_name(f"{path.stem} copy.motdesk"))]


def test_json_opens_as_untitled_and_recent_files_remember(qtbot, tmp_path, answers, monkeypatch):
    source = tmp_path / "sample.json"
    write_project(template("airline").load(), source)
    window = make_window(qtbot)
    assert window.files.open_path(source)
    assert window.session.path is None and "sample" in window.windowTitle()
    assert window.document.project.journeys[0].step_count > 0
    target = tmp_path / "airline"
    monkeypatch.setattr(
        QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(target), ""))
    )
    key(window, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    saved = tmp_path / "airline.motdesk"
    assert saved.exists() and window.session.path == saved
    window.files.fill_recent_menu()
    texts = [a.text() for a in window.menus["recent"].actions()]
    assert any("airline.motdesk" in t for t in texts)


def test_opening_a_file_already_open_raises_its_window(qtbot, tmp_path, answers):
    path = saved_project(tmp_path)
    window = open_window(qtbot, path)
    count = len(WINDOWS)
    assert window.files.open_path(path)
    assert len(WINDOWS) == count and answers.seen == []


def test_dropping_a_file_on_the_window_opens_it(qtbot, tmp_path, answers):
    from PySide6.QtCore import QMimeData, QPoint, QPointF, QUrl
    from PySide6.QtGui import QDragEnterEvent, QDropEvent
    from PySide6.QtWidgets import QApplication

    path = saved_project(tmp_path, "dropped.motdesk")
    window = make_window(qtbot)
    data = QMimeData()
    data.setUrls([QUrl.fromLocalFile(str(path))])
    enter = QDragEnterEvent(
        QPoint(50, 50),
        Qt.DropAction.CopyAction,
        data,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    QApplication.sendEvent(window, enter)  # Qt delivers a drop only where the drag entered
    assert enter.isAccepted()
    event = QDropEvent(
        QPointF(50, 50),
        Qt.DropAction.CopyAction,
        data,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    QApplication.sendEvent(window, event)
    settle()
    assert window.session.path == path  # the pristine window took the file
    assert "dropped.motdesk" in window.windowTitle() and answers.seen == []


def test_redo_answers_ctrl_y_as_well_as_ctrl_shift_z(qtbot, tmp_path, answers):
    window = open_window(qtbot, saved_project(tmp_path))
    journeys = len(window.document.project.journeys)
    edit_something(window)
    for redo in (
        (Qt.Key.Key_Y, Qt.KeyboardModifier.ControlModifier),
        (Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier),
    ):
        key(window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
        assert len(window.document.project.journeys) == journeys
        key(window, *redo)
        assert len(window.document.project.journeys) == journeys + 1
    answers.answer = MB.Discard

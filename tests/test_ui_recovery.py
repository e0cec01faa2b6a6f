"""After a crash the editor offers the unsaved work back: Recover opens it unsaved, Discard drops it."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from motdesk import store
from motdesk.graph.document import Document
from motdesk.resources import template
from motdesk.ui import recovery
from tests.ui_driver import make_window

CRASH = """
import os
from motdesk.ui.session import Session
session = Session.open({path!r})
document = session.document
journey = document.project.journeys[0]
document.update_journey(journey.id, title="Unsaved title")
session.file.recovery.flush()
os._exit(9)  # a crash: nothing is closed
"""


pytestmark = pytest.mark.usefixtures("answers")  # modal boxes answered, windows closed


def crashed_with_changes(tmp_path):
    path = tmp_path / "plan.motdesk"
    store.save_new(Document(template("hotel").load()).project, path)
    result = subprocess.run(
        [sys.executable, "-c", CRASH.format(path=str(path))],
        env=dict(os.environ),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 9, result.stderr
    (entry,) = [e for e in store.pending_recoveries() if e.original == path]
    return path, entry


def test_recover_opens_the_unsaved_work_in_its_file(qtbot, tmp_path, monkeypatch):
    path, entry = crashed_with_changes(tmp_path)
    asked = []
    monkeypatch.setattr(recovery, "ask_recovery", lambda w, e: asked.append(e) or "recover")
    window = make_window(qtbot)
    window.files.offer_recoveries()
    assert entry in asked and "plan.motdesk" in entry.describe()
    assert window.session.path == path
    assert window.document.project.journeys[0].title == "Unsaved title"
    assert window.isWindowModified()
    assert store.load(path).journeys[0].title != "Unsaved title"
    assert all(e.key != entry.key for e in store.pending_recoveries())


def test_discard_removes_the_copy_and_changes_no_file(qtbot, tmp_path, monkeypatch):
    path, entry = crashed_with_changes(tmp_path)
    before = path.read_bytes()
    monkeypatch.setattr(recovery, "ask_recovery", lambda w, e: "discard")
    window = make_window(qtbot)
    window.files.offer_recoveries()
    assert all(e.key != entry.key for e in store.pending_recoveries())
    assert window.session.path is None and path.read_bytes() == before


def test_the_recovery_question_names_a_project_as_typed(qtbot, monkeypatch, tmp_path):
    import datetime as dt

    from PySide6 import QtGui
    from PySide6.QtGui import QTextDocument
    from PySide6.QtWidgets import QMessageBox

    def as_read(text: str) -> str:
        """What a message box shows of its text (Qt takes text that looks like markup so)."""
        if not QtGui.Qt.mightBeRichText(text):
            return text
        document = QTextDocument()
        document.setHtml(text)
        return document.toPlainText()

    asked: list[str] = []
    monkeypatch.setattr(QMessageBox, "exec", lambda box: asked.append(as_read(box.text())) or 0)
    title = "<b>Claims</b> & co"
    entry = store.RecoveryEntry("k", None, title, dt.datetime(2026, 1, 2, 3, 4), tmp_path / "c")
    recovery.ask_recovery(None, entry)
    expected = f"There are unsaved changes to the untitled project {title!r} from 2026-01-02 03:04."
    assert asked == [expected]

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
from tests.ui_driver import close_all_windows, make_window, no_modal_dialogs

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


@pytest.fixture(autouse=True)
def answers(monkeypatch):
    box = no_modal_dialogs(monkeypatch)
    yield box
    close_all_windows(box)


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

"""Starting the editor on a file: a window at once saying what it opens, then the journey in it.

The first window imports nothing of the document, the store or the canvas; the
refusals, read-only files, imported JSON and the recovery offer still arrive as
they do when a file is opened from the File menu.
"""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
import shiboken6

from motdesk import store
from motdesk.graph.document import Document
from motdesk.resources import template
from motdesk.ui import recovery
from motdesk.ui.app import configure_names
from motdesk.ui.mainwindow import WINDOWS
from motdesk.ui.startup import start
from motdesk.ui.startup_probe import LOADED, SHOWN
from tests.ui_driver import close_all_windows, no_modal_dialogs

PNG = b"\x89PNG\r\n\x1a\n" + b"\0" * 64


@pytest.fixture(autouse=True)
def answers(monkeypatch):
    box = no_modal_dialogs(monkeypatch)
    configure_names()
    yield box
    close_all_windows(box)


@pytest.fixture
def offered(monkeypatch):
    """The windows the crash-recovery offer was made over, in order."""
    calls = []
    monkeypatch.setattr(recovery, "offer_recoveries", lambda window: calls.append(window))
    return calls


def saved_project(tmp_path, name="plan.motdesk"):
    path = tmp_path / name
    store.save_new(Document(template("hotel").load()).project, path)
    return path


def started(qtbot, path, offered):
    """Start as `motdesk PATH` does; the shell comes first, then the main window replaces it."""
    shell = start([str(path)])
    qtbot.waitExposed(shell)
    assert shell.isVisible() and not WINDOWS  # nothing of the editor yet: it loads behind
    qtbot.waitUntil(lambda: bool(offered), timeout=30_000)
    (window,) = WINDOWS
    return shell, window


def test_the_file_opens_behind_a_window_that_says_so(qtbot, tmp_path, offered):
    path = saved_project(tmp_path)
    shell = start([str(path)])
    assert shell.windowTitle() == "plan.motdesk — motdesk"
    assert shell.note.text() == "Opening plan.motdesk…"
    assert [a.text() for a in shell.menuBar().actions()] == [
        "&File", "&Edit", "&View", "&Journey", "&Help"
    ]  # fmt: skip
    qtbot.waitExposed(shell)
    size = shell.size()
    qtbot.waitUntil(lambda: bool(offered), timeout=30_000)
    (window,) = WINDOWS
    assert window.isVisible() and window.session.path == path
    assert window.windowTitle() == "plan.motdesk[*] — motdesk"  # the name ends every title
    journey = window.document.project.journeys[0]
    assert window.journey_id == journey.id and journey.step_count > 0
    assert all(window.scene.step_item(s.id) is not None for s in journey.steps())
    assert window.size() == size  # in the shell's place
    qtbot.waitUntil(lambda: not shiboken6.isValid(shell))  # and the shell is gone
    assert offered == [window]  # the recovery offer comes once the window is there


def test_a_refused_file_is_said_in_one_sentence_over_an_empty_window(
    qtbot, tmp_path, answers, offered
):
    bad = tmp_path / "picture.motdesk"
    bad.write_bytes(PNG)
    _, window = started(qtbot, bad, offered)
    kind, text = answers.seen[0]
    assert kind == "critical" and "picture.motdesk" in text
    assert "Traceback" not in text and text.endswith(".") and text.count(". ") == 0
    assert len(answers.seen) == 1
    assert window.isVisible() and window.session.path is None
    assert bad.read_bytes() == PNG
    assert offered == [window]  # after the refusal, not over it


def test_a_missing_file_is_refused_the_same_way(qtbot, tmp_path, answers, offered):
    _, window = started(qtbot, tmp_path / "nowhere.motdesk", offered)
    ((kind, text),) = answers.seen
    assert kind == "critical" and "nowhere.motdesk" in text
    assert window.session.path is None


def test_a_read_only_file_opens_read_only(qtbot, tmp_path, offered):
    path = saved_project(tmp_path)
    path.chmod(0o444)
    _, window = started(qtbot, path, offered)
    assert "(read-only)" in window.windowTitle()
    assert window.readonly_label.isVisibleTo(window)


def test_a_json_project_opens_as_an_untitled_import(qtbot, offered):
    path = template("airline").path
    shell = start([str(path)])
    assert shell.windowTitle() == "airline (imported) — motdesk"  # as the window's will be
    qtbot.waitUntil(lambda: bool(offered), timeout=30_000)
    (window,) = WINDOWS
    assert window.session.path is None and window.session.imported_from == path
    assert window.windowTitle() == "airline (imported)[*] — motdesk"
    assert window.document.project.journeys[0].step_count > 0


def test_no_file_starts_an_untitled_project(qtbot, offered):
    shell = start([])
    assert shell.windowTitle() == "Untitled — motdesk" and shell.note.text() == "Starting motdesk…"
    qtbot.waitUntil(lambda: bool(offered), timeout=30_000)
    (window,) = WINDOWS
    assert window.session.path is None and window.is_pristine()


def test_closing_the_first_window_while_it_loads_stops_the_start(qtbot, tmp_path, offered):
    shell = start([str(saved_project(tmp_path))])
    qtbot.waitExposed(shell)
    shell.close()
    for _ in range(20):
        qtbot.wait(10)
    assert not WINDOWS and not offered


FIRST_FRAME = """
import sys
from motdesk.ui import startup_probe

heavy = ("networkx", "sqlite3", "sqlite_utils", "motdesk.graph", "motdesk.store",
         "motdesk.ui.mainwindow", "motdesk.ui.canvas", "motdesk.ui.session")
say = startup_probe._say


def watching(marker):
    if marker == startup_probe.SHOWN and marker not in startup_probe._said:
        print(sorted(m for m in sys.modules if m.startswith(heavy)))
    say(marker)


startup_probe._say = watching
from motdesk.cli import main

sys.exit(main([{path!r}]))
"""


def test_motdesk_file_shows_its_window_before_loading_the_document(tmp_path):
    """`motdesk FILE` in a fresh process: at the first frame nothing heavy is imported yet;
    then the document's window is shown and the editor closes (the benchmark's marker)."""
    path = saved_project(tmp_path)
    env = dict(os.environ, MOTDESK_BENCH_SHOWN="1", QT_QPA_PLATFORM="offscreen")
    result = subprocess.run(
        [sys.executable, "-c", FIRST_FRAME.format(path=str(path))],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["[]", SHOWN, LOADED]


def test_the_first_window_has_the_chosen_dark_colours(qtbot, tmp_path, offered):
    """No light flash for someone who chose dark: the first window is dark already."""
    from PySide6.QtCore import QSettings

    from motdesk.ui.theme import ColourScheme, apply_scheme, is_dark, save_scheme

    save_scheme(ColourScheme.DARK, QSettings())
    try:
        shell = start([str(saved_project(tmp_path))])
        assert is_dark()
        area = shell.centralWidget()
        assert area.palette().color(area.backgroundRole()).lightness() < 64
        qtbot.waitUntil(lambda: bool(offered), timeout=30_000)
    finally:
        save_scheme(ColourScheme.SYSTEM, QSettings())
        apply_scheme(ColourScheme.SYSTEM)

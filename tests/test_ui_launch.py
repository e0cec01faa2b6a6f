"""Starting the editor: a clear sentence without a display, and nothing heavy imported first."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from motdesk.resources import template
from motdesk.ui.launch import no_display_message

NO_DISPLAY = no_display_message()  # the same process context as the runs below


def _run(code: str, env_drop=("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")):
    env = {k: v for k, v in os.environ.items() if k not in env_drop}
    return subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=120
    )


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="displays are a Linux question")
def test_no_display_says_what_to_do_and_exits_1_without_loading_qt():
    result = _run(
        "import sys\n"
        "from motdesk.cli import main\n"
        "code = main(['plan.motdesk'])\n"
        "print(sorted(m for m in sys.modules if m.startswith(('PySide6', 'reportlab', 'sqlite'))))\n"
        "sys.exit(code)\n"
    )
    assert result.returncode == 1
    assert result.stderr.strip() == NO_DISPLAY
    assert "desktop" in NO_DISPLAY and "motdesk --help" in NO_DISPLAY
    assert result.stdout.strip() == "[]"


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="displays are a Linux question")
def test_module_entry_point_refuses_the_same_way():
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")
    }
    result = subprocess.run(
        [sys.executable, "-m", "motdesk.ui.launch", "x.motdesk"],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    assert result.returncode == 1 and result.stderr.strip() == NO_DISPLAY


def test_the_first_window_does_not_load_export_or_analysis():
    result = _run(
        "import sys\n"
        "from motdesk.ui.app import application\n"
        "app = application()\n"
        "from motdesk.ui.mainwindow import MainWindow\n"
        f"w = MainWindow.start({str(template('hotel').path)!r})\n"
        "w.show(); app.processEvents()\n"
        "print(w.document.project.journeys[0].step_count > 0)\n"
        "print(sorted(m for m in sys.modules if m.startswith(('reportlab', 'motdesk.export'))))\n",
        env_drop=("DISPLAY", "WAYLAND_DISPLAY"),
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split("\n")[:2] == ["True", "[]"]

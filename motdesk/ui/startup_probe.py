"""`MOTDESK_BENCH_SHOWN=1`: the editor says when it is on screen, then quits (for benchmarks).

`benchmarks/bench_startup.py` sets it in the processes it times. The editor then
prints `motdesk-shown` on stdout once its first window has been exposed (painted
on screen), `motdesk-loaded` once the window with the document on its canvas has
been, and closes its windows the ordinary way. Unset, nothing here does anything.
"""

from __future__ import annotations

import os

from PySide6.QtWidgets import QApplication, QWidget

from motdesk.ui.shell import when_exposed

ENV = "MOTDESK_BENCH_SHOWN"
SHOWN = "motdesk-shown"
LOADED = "motdesk-loaded"


def enabled() -> bool:
    return os.environ.get(ENV) == "1"


_said: set[str] = set()


def _say(marker: str) -> None:
    if marker not in _said:
        _said.add(marker)
        print(marker, flush=True)


def window_shown(widget: QWidget) -> None:
    """Call right after the first `show()` of the first window."""
    if enabled():
        when_exposed(widget, lambda: _say(SHOWN))


def document_shown(widget: QWidget) -> None:
    """Call right after the window with the document is shown: say so, then quit."""
    if enabled():

        def done() -> None:
            _say(SHOWN)  # the document's window is a window shown, if none was before
            _say(LOADED)
            QApplication.closeAllWindows()
            QApplication.quit()

        when_exposed(widget, done)

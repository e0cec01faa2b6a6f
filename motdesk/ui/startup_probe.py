"""`MOTDESK_BENCH_SHOWN=1`: the editor says when it is on screen, then quits (for benchmarks).

`benchmarks/bench_startup.py` sets it in the processes it times. The editor then
prints `motdesk-shown` on stdout once its first window has been exposed (painted
on screen), `motdesk-loaded` once the window with the document on its canvas has
been, and closes its windows the ordinary way. Unset, nothing here does anything.
"""

from __future__ import annotations

import os

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QWidget

ENV = "MOTDESK_BENCH_SHOWN"
SHOWN = "motdesk-shown"
LOADED = "motdesk-loaded"


def enabled() -> bool:
    return os.environ.get(ENV) == "1"


class _ExposeWatch(QObject):
    """Calls back (after the event is handled) the first time the window is exposed."""

    def __init__(self, widget: QWidget, callback) -> None:
        super().__init__(widget)
        self.callback = callback
        self.handle = widget.windowHandle()
        if self.handle is not None and self.handle.isExposed():
            QTimer.singleShot(0, callback)
        elif self.handle is not None:
            self.handle.installEventFilter(self)

    def eventFilter(self, watched, event) -> bool:  # noqa: N802
        if event.type() == QEvent.Type.Expose and self.handle.isExposed():
            self.handle.removeEventFilter(self)
            QTimer.singleShot(0, self.callback)  # after the expose has painted the window
        return False


_said: set[str] = set()


def _say(marker: str) -> None:
    if marker not in _said:
        _said.add(marker)
        print(marker, flush=True)


def window_shown(widget: QWidget) -> None:
    """Call right after the first `show()` of the first window."""
    if enabled():
        _ExposeWatch(widget, lambda: _say(SHOWN))


def document_shown(widget: QWidget) -> None:
    """Call right after the window with the document is shown: say so, then quit."""
    if enabled():

        def done() -> None:
            _say(SHOWN)  # the document's window is a window shown, if none was before
            _say(LOADED)
            QApplication.closeAllWindows()
            QApplication.quit()

        _ExposeWatch(widget, done)

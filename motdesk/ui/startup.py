"""Start-up: a light window on screen first, then the editor loaded behind it.

`start` shows the shell (`motdesk.ui.shell`: title, menu bar, "Opening FILE…")
and returns; from the event loop, once the shell is painted, the document, the
store and the main window are imported a piece at a time, the file is read in a
thread while the shell stays responsive, the main window takes the shell's place,
and only then comes the recovery offer (or the sentence saying why the file was
refused). Closing the shell meanwhile stops the start.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from motdesk.ui.shell import Shell, when_exposed

POLL_MS = 15  # how often the event loop looks whether the file has been read


class _Reading(threading.Thread):
    """Reads the project file off the event loop: a `Session`, or the refusal to show."""

    def __init__(self, path: str) -> None:
        super().__init__(name="motdesk-open", daemon=True)
        self.path = path
        self.session = None
        self.refusal = None
        self.failure: BaseException | None = None

    def run(self) -> None:
        from motdesk.errors import MotdeskError
        from motdesk.ui.session import Session

        try:
            self.session = Session.open(self.path)
        except MotdeskError as exc:
            self.refusal = exc
        except BaseException as exc:  # an unexpected failure is raised again on the loop
            self.failure = exc


def _start_up(shell, path: str | None) -> Iterator[int]:
    """The steps after the first frame; each yields the delay before the next (ms), so the
    event loop keeps the shell painted and answering in between."""
    yield 0  # what else waits for the first frame goes first
    shell.loading()
    # What reading needs, imported here first: the thread then imports nothing itself.
    import motdesk.graph.document  # noqa: F401  (networkx, the model)

    yield 0
    import motdesk.store  # noqa: F401
    import motdesk.store.loading  # noqa: F401
    import motdesk.store.opening  # noqa: F401
    import motdesk.ui.session  # noqa: F401

    if path and path.lower().endswith(".json"):
        import motdesk.cli.common  # noqa: F401
    reading = None
    if path:
        reading = _Reading(path)
        reading.start()
    yield 0
    import motdesk.ui.canvas  # noqa: F401

    yield 0
    from motdesk.ui.mainwindow import MainWindow

    while reading is not None and reading.is_alive():
        yield POLL_MS
    if reading is not None and reading.failure is not None:
        raise reading.failure
    session = reading.session if reading is not None else None
    window = MainWindow(session)
    if session is not None:
        window.files.remember(session, path)
    shell.hand_over(window)
    from motdesk.ui import startup_probe

    startup_probe.document_shown(window)
    refusal = reading.refusal if reading is not None else None

    def after_first_frame() -> None:
        if refusal is not None:  # said over the window as File > Open says it
            window.files.refused(refusal, path)
        window.files.offer_recoveries()

    QTimer.singleShot(0, window, after_first_frame)


def _drive(shell, steps: Iterator[int]) -> None:
    """Run the next step, then come back after the delay it asks for; stop if the user closed
    the shell (the application is quitting) or on an unexpected failure (exit code 1)."""
    if shell.closed:
        return
    try:
        delay = next(steps)
    except StopIteration:
        return
    except BaseException:
        QApplication.exit(1)
        raise
    QTimer.singleShot(delay, lambda: _drive(shell, steps))


def start(paths: list[str]) -> Shell:
    """Show the shell at once and load the editor behind it, from the (running or coming)
    event loop of the existing QApplication."""
    from motdesk.ui import startup_probe

    path = paths[0] if paths else None
    shell = Shell(path)
    shell.show()
    startup_probe.window_shown(shell)
    steps = _start_up(shell, path)
    when_exposed(shell, lambda: _drive(shell, steps), fallback_ms=300)
    return shell

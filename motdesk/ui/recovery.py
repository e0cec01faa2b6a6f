"""Recovery of unsaved work: a timer keeps the store's copy current; after a crash, offer it.

The keeping itself is Qt-free (`motdesk.store.RecoveryKeeper`, owned by the
session's project file); this module only ticks it and asks the user.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer
from PySide6.QtWidgets import QMessageBox

from motdesk.errors import MotdeskError, sentence
from motdesk.ui.text import plain

if TYPE_CHECKING:
    from motdesk.store import RecoveryEntry
    from motdesk.ui.mainwindow import MainWindow
    from motdesk.ui.session import Session

TICK_MS = 500


class RecoveryDriver(QObject):
    """Ticks the session's recovery keeper, so unsaved work is on disk within a second or so."""

    def __init__(self, session: Session) -> None:
        super().__init__()
        self.session = session
        self.timer = QTimer(self)
        self.timer.setInterval(TICK_MS)
        self.timer.timeout.connect(self.tick)
        self.timer.start()

    @classmethod
    def for_session(cls, session: Session) -> RecoveryDriver:
        return cls(session)

    def tick(self) -> None:
        self.session.flush_recovery()

    def saved(self) -> None:
        pass  # the project file tells its keeper itself

    def discard_own(self) -> None:
        pass  # closing the project file removes its copy

    def stop(self) -> None:
        self.timer.stop()


def ask_recovery(window: MainWindow, entry: RecoveryEntry) -> str:
    """ "recover", "discard" or "later" for one entry (a box with those three buttons)."""
    box = QMessageBox(window)
    box.setIcon(QMessageBox.Icon.Question)
    box.setWindowTitle("Recover unsaved work")
    box.setText(plain(f"There are {entry.describe()}."))  # a title as typed, even "<b>"
    box.setInformativeText("motdesk stopped before they were saved. Recover them?")
    recover = box.addButton("Recover", QMessageBox.ButtonRole.AcceptRole)
    discard = box.addButton("Discard", QMessageBox.ButtonRole.DestructiveRole)
    box.addButton("Later", QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(recover)
    box.exec()
    clicked = box.clickedButton()
    return "recover" if clicked is recover else "discard" if clicked is discard else "later"


def offer_recoveries(window: MainWindow) -> None:
    """Offer each copy a crashed motdesk left; recovered work opens with unsaved changes."""
    from motdesk import store

    try:
        entries = store.pending_recoveries()
    except OSError:
        return
    for entry in entries:
        answer = ask_recovery(window, entry)
        try:
            if answer == "recover":
                open_recovered(window, entry)
            elif answer == "discard":
                store.discard(entry)
        except MotdeskError as exc:
            QMessageBox.warning(window, "Recover unsaved work", plain(sentence(str(exc))))


def open_recovered(window: MainWindow, entry: RecoveryEntry) -> None:
    """Open the recovered project (in its original file when that still opens), unsaved."""
    from motdesk import store
    from motdesk.graph.document import Document
    from motdesk.ui.session import Session

    project = store.recover(entry)
    store.discard(entry)
    handle = None
    if entry.original is not None and entry.original.exists():
        try:
            handle = store.ProjectFile.open(entry.original)
        except MotdeskError:
            handle = None
    document = Document(project)
    document.history.mark_dirty()
    if handle is None:
        handle = store.ProjectFile.untitled(project)
    handle.attach(document)
    window.files.show_session(Session(document, handle))

"""Recovery of unsaved work after a crash: a QTimer drives the store's Qt-free keeper."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from motdesk.ui.mainwindow import MainWindow
    from motdesk.ui.session import Session


class RecoveryDriver:
    @classmethod
    def for_session(cls, session: Session) -> RecoveryDriver | None:
        return None

    def saved(self) -> None:
        pass

    def discard_own(self) -> None:
        pass

    def stop(self) -> None:
        pass


def offer_recoveries(window: MainWindow) -> None:
    return None

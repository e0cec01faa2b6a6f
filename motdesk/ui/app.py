"""The Qt application: names for settings, the first window, the event loop."""

from __future__ import annotations

import sys

from PySide6.QtCore import QCoreApplication, QTimer
from PySide6.QtWidgets import QApplication

from motdesk import __version__


def configure_names() -> None:
    """Settings live under motdesk/motdesk (XDG_CONFIG_HOME on Linux)."""
    QCoreApplication.setOrganizationName("motdesk")
    QCoreApplication.setApplicationName("motdesk")
    QCoreApplication.setApplicationVersion(__version__)


def application() -> QApplication:
    """The running QApplication, created on first use."""
    configure_names()
    app = QApplication.instance()
    if app is None:
        app = QApplication([sys.argv[0]])
        app.setApplicationDisplayName("motdesk")
    return app  # type: ignore[return-value]


def run(paths: list[str]) -> int:
    """Show a window (on the first path, if any), offer recovered work, run the event loop."""
    app = application()
    from motdesk.ui.mainwindow import MainWindow

    window = MainWindow.start(paths[0] if paths else None)
    window.show()
    from motdesk.ui import startup_probe

    startup_probe.window_shown(window)
    startup_probe.document_shown(window)
    QTimer.singleShot(0, window.files.offer_recoveries)
    return app.exec()


def main() -> None:
    """The `motdesk-editor` entry point."""
    from motdesk.ui.launch import main as launch_main

    sys.exit(launch_main(sys.argv[1:]))

"""The Qt application: names for settings, the first window (`motdesk.ui.startup`), the
event loop."""

from __future__ import annotations

import sys

from PySide6.QtCore import QCoreApplication
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
    """Start the editor (on the first path, if any) and run the event loop."""
    app = application()
    from motdesk.ui import heap
    from motdesk.ui.startup import start

    heap.pace()

    start(paths)
    return app.exec()


def main() -> None:
    """The `motdesk-editor` entry point."""
    from motdesk.ui.launch import main as launch_main

    sys.exit(launch_main(sys.argv[1:]))

"""The system clipboard for steps: motdesk JSON for motdesk windows, labels for everything else."""

from __future__ import annotations

import atexit
import json
from typing import Any

from PySide6.QtCore import QMimeData
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication

from motdesk.graph.fragments import MIME_TYPE, fragment_from, fragment_text
from motdesk.graph.model import Journey
from motdesk.graph.vocabulary import EmotionScale


def put(journey: Journey, step_ids: list[str], scale: EmotionScale) -> dict[str, Any]:
    """Copy the steps (and the transitions among them) to the clipboard."""
    fragment = fragment_from(journey, step_ids, scale)
    data = QMimeData()
    data.setData(MIME_TYPE, json.dumps(fragment, ensure_ascii=False).encode("utf-8"))
    data.setText(fragment_text(fragment))
    QGuiApplication.clipboard().setMimeData(data)
    _release_at_exit()
    return fragment


_registered = False


def _release_at_exit() -> None:
    """Take our data off the clipboard before Qt tears down (PySide crashes otherwise)."""
    global _registered
    if not _registered:
        _registered = True
        atexit.register(release)
        app = QApplication.instance()
        if app is not None:
            app.aboutToQuit.connect(release)


def release() -> None:
    app = QApplication.instance()
    if app is not None:
        app.clipboard().clear()


def get() -> dict[str, Any] | None:
    """The fragment on the clipboard, or None if it holds no motdesk steps."""
    data = QGuiApplication.clipboard().mimeData()
    if data is None or not data.hasFormat(MIME_TYPE):
        return None
    try:
        fragment = json.loads(bytes(data.data(MIME_TYPE).data()).decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError):
        return None
    return fragment if isinstance(fragment, dict) else None


def has_fragment() -> bool:
    data = QGuiApplication.clipboard().mimeData()
    return data is not None and data.hasFormat(MIME_TYPE)

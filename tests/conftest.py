"""Test set-up: Qt runs offscreen, user folders (settings, recovery) go to a temporary place."""

from __future__ import annotations

import os
import tempfile

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("XDG_RUNTIME_DIR", tempfile.mkdtemp(prefix="motdesk-xdg-runtime-"))
# Keep recovery copies and settings of the suite away from the user's own.
_home = tempfile.mkdtemp(prefix="motdesk-test-home-")
os.environ["XDG_DATA_HOME"] = os.path.join(_home, "data")
os.environ["XDG_CONFIG_HOME"] = os.path.join(_home, "config")
os.environ["XDG_STATE_HOME"] = os.path.join(_home, "state")
os.environ["XDG_CACHE_HOME"] = os.path.join(_home, "cache")


@pytest.fixture
def answers(monkeypatch, qapp):
    """Modal boxes recorded and answered (Discard unless a test sets another answer), no
    file dialog shown; every window a test left open is closed, its changes discarded.
    Modules of window tests use it for every test (``pytestmark``)."""
    from tests.ui_driver import close_all_windows, no_modal_dialogs

    box = no_modal_dialogs(monkeypatch)
    yield box
    close_all_windows(box)


@pytest.fixture(autouse=True)
def _no_key_held_after():
    """A key chord a test typed leaves no modifier held for the next test (Qt keeps the
    modifiers of the last key event it saw; a shortcut that takes the focus elsewhere can
    leave Ctrl held, and the next test's click then adds to a selection)."""
    yield
    import sys

    if "PySide6.QtWidgets" not in sys.modules:
        return
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance()
    if app is not None and app.keyboardModifiers() != Qt.KeyboardModifier.NoModifier:
        from tests.ui_driver import release_modifiers

        release_modifiers()

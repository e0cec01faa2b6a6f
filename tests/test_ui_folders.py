"""Save As and Export start in the user's folders, never among the bundled sample templates."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QFileDialog, QMessageBox

from motdesk.resources import resources_dir
from motdesk.ui.settings import Settings, documents_folder, is_bundled
from tests.ui_driver import settle

TEMPLATE = resources_dir() / "templates" / "airline.json"


@pytest.fixture
def window(qtbot, tmp_path, monkeypatch):
    from motdesk.ui.mainwindow import WINDOWS, MainWindow

    monkeypatch.setattr(
        QMessageBox, "question", staticmethod(lambda *a, **k: QMessageBox.StandardButton.Discard)
    )
    settings = Settings(QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat))
    win = MainWindow(settings=settings)
    qtbot.addWidget(win)
    win.show()
    yield win
    if win in WINDOWS:
        win.close()
    settle()


def asked_folder(monkeypatch, window) -> Path:
    """The folder Save As offers first."""
    offered = []

    def fake(parent, caption, start, *rest, **kw):
        offered.append(Path(start))
        return "", ""

    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(fake))
    window.files.save_as()
    return offered[0].parent


def test_a_bundled_template_never_becomes_the_folder_to_save_in(window, monkeypatch):
    assert window.files.open_path(TEMPLATE)
    assert window.session.imported_from == TEMPLATE
    folder = asked_folder(monkeypatch, window)
    assert not is_bundled(folder) and folder == Path(documents_folder())

    from motdesk.ui.dialogs.export import ExportHandoutDialog

    dialog = ExportHandoutDialog(window)
    target = Path(dialog._suggested_target())
    dialog.deleteLater()
    assert target.parent == Path(documents_folder()) and target.name == "airline-handout.pdf"


def test_the_last_folder_used_comes_first(window, monkeypatch, tmp_path):
    window.settings.set_last_folder(str(tmp_path))
    window.files.open_path(TEMPLATE)  # opening a template does not forget it
    assert asked_folder(monkeypatch, window) == tmp_path
    window.settings.set_last_folder(str(TEMPLATE.parent))  # ignored
    assert window.settings.last_folder() == str(tmp_path)

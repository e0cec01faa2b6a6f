"""What the editor remembers between runs: recent files, the last folder, window geometry."""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import QByteArray, QSettings, QStandardPaths

from motdesk.resources import resources_dir
from motdesk.ui.setting_keys import WINDOW_GEOMETRY, WINDOW_STATE

MAX_RECENT = 10


def is_bundled(path: str | os.PathLike[str]) -> bool:
    """Whether `path` is inside motdesk's own resources (the sample templates): no place to
    save a user's work."""
    try:
        Path(path).resolve().relative_to(resources_dir().resolve())
    except (ValueError, OSError):
        return False
    return True


def documents_folder() -> str:
    """The user's Documents folder, else home."""
    folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    return folder if folder and Path(folder).is_dir() else str(Path.home())


class Settings:
    """A small typed face over QSettings (organisation and application "motdesk")."""

    def __init__(self, settings: QSettings | None = None) -> None:
        self._s = settings if settings is not None else QSettings()

    def recent_files(self) -> list[str]:
        value = self._s.value("recent_files", [])
        if isinstance(value, str):
            value = [value]
        return [str(v) for v in (value or []) if v]

    def add_recent(self, path: str | os.PathLike[str]) -> None:
        path = str(Path(path).resolve())
        recent = [p for p in self.recent_files() if p != path]
        self._s.setValue("recent_files", [path, *recent][:MAX_RECENT])
        self.set_last_folder(str(Path(path).parent))

    def remove_recent(self, path: str) -> None:
        self._s.setValue("recent_files", [p for p in self.recent_files() if p != path])

    def clear_recent(self) -> None:
        self._s.setValue("recent_files", [])

    def last_folder(self) -> str:
        """Where Save As and Export start: the folder last used, else Documents (never
        the bundled templates)."""
        folder = str(self._s.value("last_folder", "") or "")
        if folder and Path(folder).is_dir() and not is_bundled(folder):
            return folder
        return documents_folder()

    def set_last_folder(self, folder: str) -> None:
        if not is_bundled(folder):
            self._s.setValue("last_folder", folder)

    def geometry(self) -> QByteArray | None:
        value = self._s.value(WINDOW_GEOMETRY)
        return value if isinstance(value, QByteArray) else None

    def window_state(self) -> QByteArray | None:
        value = self._s.value(WINDOW_STATE)
        return value if isinstance(value, QByteArray) else None

    def save_window(self, geometry: QByteArray, state: QByteArray) -> None:
        self._s.setValue(WINDOW_GEOMETRY, geometry)
        self._s.setValue(WINDOW_STATE, state)

    def sync(self) -> None:
        self._s.sync()

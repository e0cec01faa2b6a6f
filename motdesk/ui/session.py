"""One open project in the editor: its document and the file behind it, if any.

This is the seam between the window and `motdesk.store`: opening, saving, Save
As, read-only files, and recovery of unsaved work. Everything the store or the
JSON reader refuses arrives here as a `MotdeskError` whose sentence the window
shows; nothing here touches Qt.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from motdesk.errors import InputRefused, MotdeskError, OutputNotWritten
from motdesk.graph.document import Document
from motdesk.graph.model import Project

PROJECT_SUFFIX = ".motdesk"


class Session:
    """A document being edited, with the `.motdesk` file it came from (None while untitled)."""

    def __init__(
        self, document: Document, file: Any = None, imported_from: Path | None = None
    ) -> None:
        self.document = document
        self.file = file
        self.imported_from = imported_from

    # -- opening -------------------------------------------------------------
    @classmethod
    def new(cls, project: Project | None = None) -> Session:
        if project is None:
            return cls(Document.new())
        return cls(Document(project))

    @classmethod
    def open(cls, path: str | os.PathLike[str]) -> Session:
        """The project in `path`; a `.json` file opens as a new untitled project."""
        path = Path(path)
        if path.suffix.lower() == ".json":
            from motdesk.cli.common import load_project

            return cls(Document(load_project(path)), imported_from=path)
        if not path.exists():
            raise InputRefused(f"{path} does not exist")
        if path.is_dir():
            raise InputRefused(f"{path} is a folder, not a project file")
        try:
            handle = _store().ProjectFile.open(path)
        except MotdeskError:
            raise
        except OSError as exc:
            raise InputRefused(f"{path} cannot be read: {exc.strerror or exc}") from None
        document = Document(handle.project)
        handle.attach(document)
        return cls(document, handle)

    # -- what the window shows ----------------------------------------------
    @property
    def path(self) -> Path | None:
        return None if self.file is None else Path(self.file.path)

    @property
    def display_name(self) -> str:
        if self.path is not None:
            return self.path.name
        if self.imported_from is not None:
            return f"{self.imported_from.stem} (imported)"
        return "Untitled"

    @property
    def read_only(self) -> bool:
        return bool(self.file is not None and self.file.read_only)

    @property
    def read_only_reason(self) -> str:
        return str(getattr(self.file, "read_only_reason", "") or "") if self.read_only else ""

    @property
    def is_modified(self) -> bool:
        return not self.document.history.is_clean

    @property
    def suggested_name(self) -> str:
        """A file name for Save As: the file's own, else the project title."""
        if self.path is not None:
            return self.path.name
        stem = self.imported_from.stem if self.imported_from else self.document.project.title
        safe = "".join(c if c.isalnum() or c in " -_" else "_" for c in stem).strip() or "project"
        return safe + PROJECT_SUFFIX

    # -- saving --------------------------------------------------------------
    def save(self) -> None:
        """Write the changes into the file; `MotdeskError` says why not (nothing is marked)."""
        if self.file is None:
            raise OutputNotWritten("the project has no file yet; use Save As")
        if self.read_only:
            raise OutputNotWritten(
                f"{self.path} is read-only ({self.read_only_reason}); use Save As to keep your changes"
            )
        _guard(self.path, self.file.save)
        self.document.history.mark_clean()

    def save_as(self, path: str | os.PathLike[str]) -> None:
        """Write the whole project to `path` and keep working on that file."""
        path = Path(path)
        if path.suffix.lower() != PROJECT_SUFFIX:
            path = path.with_name(path.name + PROJECT_SUFFIX)
        if self.path is not None and path.resolve() == self.path.resolve():
            self.save()
            return
        store = _store()
        if self.file is not None and not self.read_only:
            _guard(path, lambda: self.file.save_as(path))
        else:
            _guard(path, lambda: store.save_new(self.document.project, path))
            old = self.file
            handle = store.ProjectFile.open(path)
            handle.attach(self.document)
            self.file = handle
            if old is not None:
                old.close()
        self.imported_from = None
        self.document.history.mark_clean()

    def close(self) -> None:
        if self.file is not None:
            self.file.close()
            self.file = None


def _guard(path: Path | None, write: Any) -> None:
    """Run a write; an operating-system error becomes one sentence naming the file."""
    try:
        write()
    except MotdeskError:
        raise
    except OSError as exc:
        raise OutputNotWritten(f"{path} could not be written: {exc.strerror or exc}") from None


def _store() -> Any:
    """`motdesk.store`, or the JSON stand-in below while the store offers no `ProjectFile`."""
    try:
        from motdesk import store
    except ImportError:
        store = None
    if store is not None and hasattr(store, "ProjectFile"):
        return store
    return _JsonStore


class _JsonFile:
    """A project kept as JSON in a `.motdesk` file: the stand-in until the SQLite store lands."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.read_only = not os.access(path, os.W_OK)
        self.read_only_reason = "the file is not writable" if self.read_only else ""
        self.document: Document | None = None
        from motdesk.graph.jsonio import read_project
        from motdesk.graph.validation import DocumentError

        try:
            self.project = read_project(path)
        except (DocumentError, UnicodeDecodeError) as exc:
            raise InputRefused(f"{path} is not a motdesk project: {exc}") from None

    @classmethod
    def open(cls, path: str | os.PathLike[str]) -> _JsonFile:
        return cls(Path(path))

    def attach(self, document: Document) -> None:
        self.document = document

    def save(self) -> None:
        from motdesk.graph.jsonio import write_project

        assert self.document is not None
        write_project(self.document.project, self.path)

    def save_as(self, path: str | os.PathLike[str]) -> None:
        from motdesk.graph.jsonio import write_project

        assert self.document is not None
        write_project(self.document.project, path)
        self.path = Path(path)

    def close(self) -> None:
        self.document = None


class _JsonStore:
    ProjectFile = _JsonFile

    @staticmethod
    def save_new(project: Project, path: str | os.PathLike[str]) -> None:
        from motdesk.graph.jsonio import write_project

        write_project(project, path)

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
    def new(cls, project: Project | None = None, imported_from: Path | None = None) -> Session:
        """An untitled project; its project file (and recovery copy) comes with `ensure_file`."""
        document = Document.new() if project is None else Document(project)
        return cls(document, None, imported_from)

    def ensure_file(self) -> None:
        """Give an untitled project its `ProjectFile` (loading the store only now, after the
        first frame): from then on its unsaved work is kept for recovery."""
        if self.file is None:
            from motdesk.store import ProjectFile

            handle = ProjectFile.untitled(self.document.project)
            handle.attach(self.document)
            self.file = handle

    @classmethod
    def open(cls, path: str | os.PathLike[str]) -> Session:
        """The project in `path`; a `.json` file opens as a new untitled project."""
        path = Path(path)
        if path.suffix.lower() == ".json":
            from motdesk.cli.common import load_project

            return cls.new(load_project(path), imported_from=path)
        if not path.exists():
            raise InputRefused(f"{path} does not exist")
        if path.is_dir():
            raise InputRefused(f"{path} is a folder, not a project file")
        from motdesk.store import ProjectFile

        try:
            handle = ProjectFile.open(path)
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
        if self.file is None or self.file.path is None:
            return None
        return Path(self.file.path)

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
        """A file name for Save As: the file's own (a copy's, if this one is read-only), else
        the project title."""
        if self.path is not None:
            if self.read_only:
                return f"{self.path.stem} copy{self.path.suffix}"
            return self.path.name
        stem = self.imported_from.stem if self.imported_from else self.document.project.title
        safe = "".join(c if c.isalnum() or c in " -_" else "_" for c in stem).strip() or "project"
        return safe + PROJECT_SUFFIX

    # -- saving --------------------------------------------------------------
    def save(self) -> None:
        """Write the changes into the file; `MotdeskError` says why not (nothing is marked)."""
        if self.path is None:
            raise OutputNotWritten("the project has no file yet; use Save As to choose one")
        _guard(self.path, self.file.save)
        self.document.history.mark_clean()

    def save_as(self, path: str | os.PathLike[str]) -> None:
        """Write the whole project to `path` and go on working in that file."""
        path = Path(path)
        if path.suffix.lower() != PROJECT_SUFFIX:
            path = path.with_name(path.name + PROJECT_SUFFIX)
        self.ensure_file()
        _guard(path, lambda: self.file.save_as(path))
        self.imported_from = None
        self.document.history.mark_clean()

    def flush_recovery(self) -> None:
        """Bring the recovery copy up to date if an edit is due (called from a timer)."""
        self.ensure_file()
        keeper = getattr(self.file, "recovery", None)
        if keeper is not None:
            keeper.flush_if_due()

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

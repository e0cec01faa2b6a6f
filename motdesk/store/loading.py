"""Reading a project file in one go: `load` for a `Project`, `check` for a verdict."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from motdesk.graph.model import Project
from motdesk.store.migrations import upgraded_copy
from motdesk.store.opening import damaged, open_checked
from motdesk.store.reading import read_project
from motdesk.store.schema import SCHEMA_VERSION
from motdesk.store.sharing import write_refusal


def _may_roll_back(path: Path) -> bool:
    try:
        return write_refusal(path) is None
    except OSError:
        return False


def load(path: str | Path) -> Project:
    """The project in a `.motdesk` file, read-only; `InputRefused` names the file and the reason.

    An older schema is upgraded in a temporary copy; the file itself is never written
    (apart from SQLite playing back the journal of a save a crash interrupted).
    """
    path = Path(path)
    file = str(path)
    opened = open_checked(path, file, may_roll_back=_may_roll_back(path))
    try:
        if opened.version < SCHEMA_VERSION:
            with upgraded_copy(opened.conn, file, opened.version) as copy:
                return read_project(copy, file)
        return read_project(opened.conn, file)
    except (sqlite3.Error, UnicodeDecodeError) as exc:
        raise damaged(file, exc) from None
    finally:
        opened.conn.close()


def check(path: str | Path) -> None:
    """Refuse (`InputRefused`) unless the file opens as a sound motdesk project."""
    load(path)

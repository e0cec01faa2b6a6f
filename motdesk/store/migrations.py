"""Stepwise upgrades of older schemas, run in one transaction on a copy of the file.

`MIGRATIONS[n]` takes a connection to a file at schema `n` and leaves it at
schema ``n + 1`` (inside the caller's transaction; ``user_version`` is set by
the caller). Opening an older file copies it into a temporary folder with the
backup API, applies every step in one transaction, checks the result is exactly
the current schema and sound, and reads the project from the copy. The original
is never written: it is replaced only when the user saves, by a whole new file.

Schema 1 is the first schema motdesk ever wrote, so the table is empty; the
tests register a synthetic schema 0 to prove the path. A step that changes a
table rebuilds it (rename the old one, create the new one with the current DDL,
copy, drop) so that the stored SQL matches the current schema exactly.
"""

from __future__ import annotations

import contextlib
import shutil
import sqlite3
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path

from motdesk.errors import InputRefused
from motdesk.store.opening import file_uri
from motdesk.store.schema import SCHEMA_VERSION, Connection, connect, expected_objects

Migration = Callable[[sqlite3.Connection], None]

MIGRATIONS: dict[int, Migration] = {}


def missing_step(version: int) -> int | None:
    """The first version from `version` up that has no migration, if any."""
    for step in range(version, SCHEMA_VERSION):
        if step not in MIGRATIONS:
            return step
    return None


@contextlib.contextmanager
def upgraded_copy(source: sqlite3.Connection, file: str, version: int) -> Iterator[Connection]:
    """A read-only connection to a temporary copy of `source` upgraded to the current schema."""
    gap = missing_step(version)
    if gap is not None:
        raise InputRefused(
            f"{file} has schema version {version}, which this motdesk cannot upgrade "
            f"(no step from version {gap})"
        )
    folder = Path(tempfile.mkdtemp(prefix="motdesk-upgrade-"))
    copy = folder / "upgrade.motdesk"
    conn: Connection | None = None
    try:
        conn = connect(file_uri(copy, "rwc"), read_only=False)
        source.backup(conn)
        try:
            conn.execute("BEGIN IMMEDIATE")
            for step in range(version, SCHEMA_VERSION):
                MIGRATIONS[step](conn)
            conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
            _check_result(conn)
            conn.execute("COMMIT")
        except (sqlite3.Error, ValueError, KeyError) as exc:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise InputRefused(
                f"{file} could not be upgraded from schema {version} to {SCHEMA_VERSION} "
                f"({exc}); the file is left as it was"
            ) from None
        conn.execute("PRAGMA query_only = ON")
        yield conn
    finally:
        if conn is not None:
            conn.close()
        shutil.rmtree(folder, ignore_errors=True)


def _check_result(conn: sqlite3.Connection) -> None:
    objects = set(conn.execute("SELECT type, name, tbl_name, sql FROM sqlite_master").fetchall())
    if objects != expected_objects():
        odd = sorted(objects ^ expected_objects())[0]
        raise ValueError(f"the upgrade left the {odd[0]} {odd[1]!r} unlike the current schema")
    rows = conn.execute("PRAGMA quick_check").fetchall()
    if rows != [("ok",)]:
        raise ValueError(f"the upgraded copy fails SQLite's check: {rows[0][0]}")

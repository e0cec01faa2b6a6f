"""Opening a project file as hostile input: every check refuses with one sentence, nothing is written.

In order: the file is a regular file; its first 100 bytes are an SQLite header
with motdesk's application id, a schema version this program reads, no WAL,
and the length the header announces; then a read-only connection (``mode=ro``,
limits lowered, ``trusted_schema=OFF``, ``cell_size_check=ON``) lists the
schema objects (only motdesk's own, exactly as motdesk creates them) and runs
``PRAGMA quick_check`` (which, on STRICT tables, also proves every value's type).

The one write that may happen before the checks pass is SQLite's own rollback
of a hot journal: a save interrupted by a crash leaves ``NAME-journal`` beside
the file, and playing it back restores the last saved state. It happens only
when the header already says the file is a motdesk project and only when the
file and its folder may be written.
"""

from __future__ import annotations

import os
import sqlite3
import stat
import urllib.parse
from dataclasses import dataclass
from pathlib import Path

from motdesk.errors import InputRefused, one_line
from motdesk.store.schema import (
    APPLICATION_ID,
    MAX_ROW_BYTES,
    SCHEMA_VERSION,
    Connection,
    connect,
    expected_objects,
)

SQLITE_MAGIC = b"SQLite format 3\x00"
SQLITE_READONLY_ROLLBACK = 776


def file_uri(path: Path, mode: str) -> str:
    """An SQLite URI for `path` (any characters) opened in `mode` (ro, rw, rwc)."""
    return f"file:{urllib.parse.quote(os.path.abspath(path))}?mode={mode}"


@dataclass(frozen=True)
class Header:
    size: int
    page_size: int
    page_count: int | None  # None when the header's count is not known to be current
    user_version: int
    application_id: int
    wal: bool


@dataclass
class Opened:
    """A checked read-only connection to a project file and its schema version."""

    conn: Connection
    version: int


def _what_it_is(data: bytes) -> str:
    if data.startswith(b"\x89PNG"):
        return "it is a PNG image"
    if data.startswith(b"\xff\xd8\xff"):
        return "it is a JPEG image"
    if data.startswith(b"%PDF"):
        return "it is a PDF document"
    if data.startswith(b"PK\x03\x04"):
        return "it is a ZIP archive or an office document"
    text = data.lstrip(b"\xef\xbb\xbf \t\r\n")
    if text.startswith((b"{", b"[")):
        return "it looks like a JSON file (turn it into a project with 'motdesk import')"
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return "it is not an SQLite database"
    return "it is a text file, not an SQLite database"


def read_header(path: Path, file: str) -> Header:
    """The header fields of `path`, refusing anything that is not a current motdesk file."""
    try:
        info = os.stat(path)
        if stat.S_ISDIR(info.st_mode):
            raise InputRefused(f"{file} is a folder, not a project file")
        if not stat.S_ISREG(info.st_mode):
            raise InputRefused(f"{file} is not a regular file, so it is not a project file")
        with open(path, "rb") as handle:
            data = handle.read(100)
            size = os.fstat(handle.fileno()).st_size
    except FileNotFoundError:
        raise InputRefused(f"{file} does not exist") from None
    except PermissionError:
        raise InputRefused(f"{file} cannot be read: permission denied") from None
    except OSError as exc:
        raise InputRefused(f"{file} cannot be read: {exc.strerror or exc}") from None
    if size == 0:
        raise InputRefused(f"{file} is empty, so it holds no project")
    if not data.startswith(SQLITE_MAGIC):
        raise InputRefused(f"{file} is not a motdesk project: {_what_it_is(data)}")
    if len(data) < 100:
        raise InputRefused(f"{file} is cut short: it ends inside its SQLite header")
    application_id = int.from_bytes(data[68:72], "big", signed=True)
    if application_id != APPLICATION_ID:
        raise InputRefused(
            f"{file} is an SQLite database of another program, not a motdesk project"
        )
    user_version = int.from_bytes(data[60:64], "big", signed=True)
    if user_version > SCHEMA_VERSION:
        raise InputRefused(
            f"{file} was written by a newer motdesk (file schema {user_version}, this motdesk "
            f"reads up to {SCHEMA_VERSION}); update motdesk to open it"
        )
    if user_version < 0:
        raise InputRefused(f"{file} is damaged: its schema version {user_version} is impossible")
    page_size = int.from_bytes(data[16:18], "big")
    page_size = 65536 if page_size == 1 else page_size
    counted = data[92:96] == data[24:28]
    page_count = int.from_bytes(data[28:32], "big") if counted else None
    return Header(
        size, page_size, page_count or None, user_version, application_id, 2 in data[18:20]
    )


def _journal(path: Path) -> Path:
    return path.with_name(path.name + "-journal")


def _check_length(header: Header, file: str) -> None:
    if header.wal:
        raise InputRefused(
            f"{file} uses SQLite's write-ahead log, which motdesk files never do "
            "(another program changed it)"
        )
    if header.page_count is not None and header.size < header.page_count * header.page_size:
        raise InputRefused(
            f"{file} is cut short: it holds {header.size} bytes of the "
            f"{header.page_count * header.page_size} its header announces"
        )


def _roll_back_hot_journal(path: Path) -> None:
    """Let SQLite play back the journal of an interrupted save (restores the saved state)."""
    conn = connect(file_uri(path, "rw"), read_only=False)
    try:
        conn.execute("PRAGMA schema_version").fetchone()
    finally:
        conn.close()


def damaged(file: str, exc: sqlite3.Error | UnicodeDecodeError) -> InputRefused:
    """The refusal for an SQLite error met while reading a file."""
    message = str(exc)
    if isinstance(exc, sqlite3.DataError) or "too big" in message:
        return InputRefused(
            f"{file} holds a record of more than {MAX_ROW_BYTES // 1_000_000} MB, "
            "more than motdesk accepts"
        )
    if "not a database" in message:
        return InputRefused(f"{file} is damaged: SQLite cannot read it as a database")
    if "locked" in message or "busy" in message:
        return InputRefused(f"{file} is busy: another program holds it locked")
    if isinstance(exc, UnicodeDecodeError) or "decode" in message:
        return InputRefused(f"{file} is damaged: it holds text that is not UTF-8")
    return InputRefused(f"{file} is damaged: SQLite reports '{one_line(message)}'")


def open_checked(path: Path, file: str, *, may_roll_back: bool) -> Opened:
    """A read-only connection to a file that passed every check; `InputRefused` otherwise."""
    header = read_header(path, file)
    if _journal(path).exists():
        probe = connect(file_uri(path, "ro"), read_only=True)
        try:
            probe.execute("PRAGMA schema_version").fetchone()
        except sqlite3.OperationalError as exc:
            if getattr(exc, "sqlite_errorcode", None) != SQLITE_READONLY_ROLLBACK:
                raise damaged(file, exc) from None
            probe.close()
            if not may_roll_back:
                raise InputRefused(
                    f"{file} was left half-saved by a motdesk that stopped, and it cannot be "
                    "restored here because it may not be written"
                ) from None
            try:
                _roll_back_hot_journal(path)
            except sqlite3.Error as rollback_error:
                raise damaged(file, rollback_error) from None
            header = read_header(path, file)
        finally:
            probe.close()
    _check_length(header, file)
    conn = connect(file_uri(path, "ro"), read_only=True)
    try:
        _check_objects(conn, file, header.user_version)
        _quick_check(conn, file)
    except (sqlite3.Error, UnicodeDecodeError) as exc:
        conn.close()
        raise damaged(file, exc) from None
    except BaseException:
        conn.close()
        raise
    return Opened(conn, header.user_version)


def _check_objects(conn: sqlite3.Connection, file: str, version: int) -> None:
    """Only the tables and indexes motdesk creates; at the current version, exactly them."""
    objects = set(conn.execute("SELECT type, name, tbl_name, sql FROM sqlite_master").fetchall())
    for kind, name, _, _ in sorted(objects):
        if kind not in ("table", "index"):
            raise InputRefused(f"{file} holds a {kind} {name!r} that motdesk did not create")
    if version != SCHEMA_VERSION:
        return  # an older schema: checked exactly once it is upgraded
    expected = expected_objects()
    for kind, name, _, _ in sorted(objects - expected):
        if any(e[0] == kind and e[1] == name for e in expected):
            raise InputRefused(f"{file} holds a {kind} {name!r} that is not as motdesk creates it")
        raise InputRefused(f"{file} holds a {kind} {name!r} that motdesk did not create")
    for kind, name, _, _ in sorted(expected - objects):
        raise InputRefused(f"{file} is damaged: its {kind} {name!r} is missing")


def _quick_check(conn: sqlite3.Connection, file: str) -> None:
    rows = conn.execute("PRAGMA quick_check").fetchall()
    if rows != [("ok",)]:
        first = str(rows[0][0]) if rows else "no answer"
        first = first.split("\n", 2)[1] if first.startswith("*** in database") else first
        raise InputRefused(f"{file} is damaged: SQLite's check reports '{one_line(first)}'")

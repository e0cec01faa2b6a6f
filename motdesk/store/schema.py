"""The `.motdesk` file's identity and tables: application id, schema version, DDL, limits.

One SQLite file per project, rollback journal (never WAL), STRICT tables so that
`PRAGMA quick_check` also proves every value has its declared type. Each table
keeps its rows in document order through `position`, an alias of the rowid: a
record added to the document is inserted (it lands last, as in the document), a
changed record is updated in place (it keeps its place).
"""

from __future__ import annotations

import sqlite3
from functools import cache

# "MOTD" in ASCII: what `PRAGMA application_id` holds in every motdesk file.
APPLICATION_ID = 0x4D4F5444
# The schema this program writes; `PRAGMA user_version` of the file.
SCHEMA_VERSION = 1

# SQLite limits on every connection to a project file: a record (row) longer than
# this is refused on reading and on writing, and so is a longer SQL statement.
MAX_ROW_BYTES = 8_000_000
MAX_SQL_BYTES = 100_000
BUSY_TIMEOUT_SECONDS = 5.0

DDL: tuple[str, ...] = (
    """CREATE TABLE project (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    title TEXT NOT NULL,
    organisation TEXT NOT NULL,
    facilitator TEXT NOT NULL,
    workshop_date TEXT,
    notes TEXT NOT NULL,
    emotion_scale TEXT NOT NULL
) STRICT""",
    """CREATE TABLE personas (
    position INTEGER PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    description TEXT NOT NULL,
    goals TEXT NOT NULL
) STRICT""",
    """CREATE TABLE journeys (
    position INTEGER PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,
    title TEXT NOT NULL,
    persona TEXT,
    description TEXT NOT NULL
) STRICT""",
    """CREATE TABLE stages (
    position INTEGER PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,
    journey TEXT NOT NULL,
    name TEXT NOT NULL,
    moment TEXT
) STRICT""",
    """CREATE TABLE lanes (
    position INTEGER PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,
    journey TEXT NOT NULL,
    name TEXT NOT NULL,
    kind TEXT NOT NULL
) STRICT""",
    """CREATE TABLE steps (
    position INTEGER PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,
    journey TEXT NOT NULL,
    label TEXT NOT NULL,
    stage TEXT NOT NULL,
    lane TEXT NOT NULL,
    description TEXT NOT NULL,
    kind TEXT NOT NULL,
    channel TEXT,
    owner TEXT NOT NULL,
    evidence TEXT NOT NULL,
    state TEXT NOT NULL,
    moment TEXT,
    current_emotion INTEGER,
    future_emotion INTEGER,
    pain_points TEXT NOT NULL,
    opportunities TEXT NOT NULL,
    kpis TEXT NOT NULL,
    phase INTEGER,
    notes TEXT NOT NULL,
    x ANY NOT NULL,
    y ANY NOT NULL
) STRICT""",
    """CREATE TABLE transitions (
    position INTEGER PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,
    journey TEXT NOT NULL,
    source TEXT NOT NULL,
    target TEXT NOT NULL,
    label TEXT NOT NULL,
    share ANY,
    state TEXT NOT NULL
) STRICT""",
)

TABLES: tuple[str, ...] = (
    "project",
    "personas",
    "journeys",
    "stages",
    "lanes",
    "steps",
    "transitions",
)


class Connection(sqlite3.Connection):
    """A connection whose `with` block does not commit: saves manage their own transaction.

    sqlite-utils wraps its writes in ``with conn:``, which would commit a save
    half-way; with this class the one transaction of a save stays one.
    """

    def __enter__(self) -> Connection:
        return self

    def __exit__(self, *exc: object) -> bool:
        return False


def harden(conn: sqlite3.Connection, *, read_only: bool) -> None:
    """Limits and settings every connection to a project file runs with."""
    conn.setlimit(sqlite3.SQLITE_LIMIT_LENGTH, MAX_ROW_BYTES)
    conn.setlimit(sqlite3.SQLITE_LIMIT_SQL_LENGTH, MAX_SQL_BYTES)
    conn.setlimit(sqlite3.SQLITE_LIMIT_COLUMN, 64)
    conn.setlimit(sqlite3.SQLITE_LIMIT_EXPR_DEPTH, 100)
    conn.setlimit(sqlite3.SQLITE_LIMIT_COMPOUND_SELECT, 10)
    conn.setlimit(sqlite3.SQLITE_LIMIT_ATTACHED, 0)
    conn.setlimit(sqlite3.SQLITE_LIMIT_TRIGGER_DEPTH, 1)
    conn.execute("PRAGMA trusted_schema = OFF")
    conn.execute("PRAGMA cell_size_check = ON")
    conn.execute("PRAGMA mmap_size = 0")
    conn.execute(f"PRAGMA busy_timeout = {int(BUSY_TIMEOUT_SECONDS * 1000)}")
    if read_only:
        conn.execute("PRAGMA query_only = ON")


def connect(uri: str, *, read_only: bool) -> Connection:
    """A hardened connection in autocommit mode (transactions are explicit)."""
    conn = sqlite3.connect(
        uri,
        uri=True,
        isolation_level=None,
        factory=Connection,
        check_same_thread=False,
        timeout=BUSY_TIMEOUT_SECONDS,
    )
    try:
        harden(conn, read_only=read_only)
    except BaseException:
        conn.close()
        raise
    return conn  # type: ignore[return-value]


def create_schema(conn: sqlite3.Connection) -> None:
    """Tables, application id and schema version of an empty file (inside the caller's transaction)."""
    for statement in DDL:
        conn.execute(statement)
    conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")


SchemaObject = tuple[str, str, str, str | None]


@cache
def expected_objects() -> frozenset[SchemaObject]:
    """(type, name, table, sql) of every schema object a current file holds, exactly."""
    conn = sqlite3.connect(":memory:")
    try:
        create_schema(conn)
        return frozenset(
            conn.execute("SELECT type, name, tbl_name, sql FROM sqlite_master").fetchall()
        )
    finally:
        conn.close()

"""Writing project files: a whole new file, or only what changed since the last save.

Changes are collected from the document's event bus (`ChangeTracker`): every
command already says which record it replaced, so a save touches those rows and
nothing else, and its cost follows the edit. Small ordered lists (personas,
journeys, stages, lanes) are rewritten whole when any of their items change:
they are a handful of rows and their order is then exact. Steps and
transitions keep their row (and so their place) when changed, and get a new
last row when added, as they do in the document.

Bulk rows go through ``executemany``; the small lists and the project row go
through sqlite-utils. (sqlite-utils' ``insert_all`` builds each row from a dict
and was four to seven times slower than ``executemany`` for 20,000 steps.)
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable
from pathlib import Path

import sqlite_utils

from motdesk.errors import OutputNotWritten
from motdesk.fileutil import atomic_target
from motdesk.graph.events import Change, EventBus
from motdesk.graph.model import Journey, Project
from motdesk.store import rows
from motdesk.store.opening import file_uri
from motdesk.store.schema import MAX_ROW_BYTES, Connection, connect, create_schema


class OutOfStep(Exception):
    """The file's rows do not match what the tracker expected: write the whole file instead."""


class ChangeTracker:
    """Which records changed in a document since a point (the last save, the last flush)."""

    def __init__(self, bus: EventBus) -> None:
        self._bus = bus
        self.clear()
        bus.subscribe(self._on_change)

    def close(self) -> None:
        self._bus.unsubscribe(self._on_change)

    def clear(self) -> None:
        self.project = False
        self.personas = False
        self.journey_rows = False
        self.whole: set[str] = set()  # journeys added or removed: all their rows rewritten
        self.stages: set[str] = set()
        self.lanes: set[str] = set()
        self.steps: dict[str, str] = {}  # step id -> journey id
        self.fresh_steps: dict[str, None] = {}  # ids (re)added, in the order they were
        self.transitions: dict[str, str] = {}
        self.fresh_transitions: dict[str, None] = {}

    @property
    def empty(self) -> bool:
        return not (
            self.project
            or self.personas
            or self.journey_rows
            or self.whole
            or self.stages
            or self.lanes
            or self.steps
            or self.transitions
        )

    def _on_change(self, change: Change) -> None:
        kind = change.kind
        if kind in ("step", "transition"):
            record = change.new if change.new is not None else change.old
            touched, fresh = (
                (self.steps, self.fresh_steps)
                if kind == "step"
                else (self.transitions, self.fresh_transitions)
            )
            touched[record.id] = change.journey or ""
            if change.action == "added":
                fresh.pop(record.id, None)
                fresh[record.id] = None
        elif kind == "stage":
            self.stages.add(change.journey or "")
        elif kind == "lane":
            self.lanes.add(change.journey or "")
        elif kind == "persona":
            self.personas = True
        elif kind == "journey":
            self.journey_rows = True
            if change.action in ("added", "removed"):
                self.whole.add(change.journey or "")
        else:
            self.project = True


def database(conn: sqlite3.Connection) -> sqlite_utils.Database:
    return sqlite_utils.Database(conn, recursive_triggers=False)


def _insert(conn: sqlite3.Connection, table: str, values: Iterable[rows.Row]) -> None:
    conn.executemany(rows.insert_sql(table), values)


def _replace_list(
    db: sqlite_utils.Database, table: str, journey_id: str | None, values: list[rows.Row]
) -> None:
    """Rewrite a small ordered list (whole table, or one journey's part of it)."""
    if journey_id is None:
        db[table].delete_where()
    else:
        db[table].delete_where("journey = ?", [journey_id])
    db.conn.executemany(f"DELETE FROM {table} WHERE id = ?", [(v[0],) for v in values])
    db[table].insert_all([dict(zip(rows.COLUMNS[table], v, strict=True)) for v in values])


def _journey_contents(journey: Journey) -> dict[str, list[rows.Row]]:
    return {
        "stages": [rows.stage_row(journey.id, s) for s in journey.stages],
        "lanes": [rows.lane_row(journey.id, lane) for lane in journey.lanes],
        "steps": [rows.step_row(journey.id, s) for s in journey.steps()],
        "transitions": [rows.transition_row(journey.id, t) for t in journey.transitions()],
    }


def _project_record(project: Project) -> dict[str, object]:
    return dict(zip(("id", *rows.PROJECT_COLUMNS), (1, *rows.project_row(project)), strict=True))


def write_project(conn: Connection, project: Project) -> None:
    """Every row of the project into empty tables (inside the caller's transaction)."""
    db = database(conn)
    db["project"].insert(_project_record(project))
    _replace_list(db, "personas", None, [rows.persona_row(p) for p in project.personas])
    _replace_list(db, "journeys", None, [rows.journey_row(j) for j in project.journeys])
    for journey in project.journeys:
        for table, values in _journey_contents(journey).items():
            _insert(conn, table, values)


def apply_changes(conn: Connection, project: Project, tracker: ChangeTracker) -> None:
    """Write what the tracker collected (inside the caller's transaction); `OutOfStep` if unsure."""
    db = database(conn)
    journeys = {j.id: j for j in project.journeys}
    try:
        if tracker.project:
            db["project"].upsert(_project_record(project), pk="id")
        if tracker.personas:
            _replace_list(db, "personas", None, [rows.persona_row(p) for p in project.personas])
        if tracker.journey_rows:
            _replace_list(db, "journeys", None, [rows.journey_row(j) for j in project.journeys])
        for jid in tracker.whole:
            journey = journeys.get(jid)
            contents = _journey_contents(journey) if journey is not None else {}
            for table in ("stages", "lanes", "steps", "transitions"):
                values = contents.get(table, [])
                at = 1 if table in ("steps", "transitions") else 0  # where the id is
                db[table].delete_where("journey = ?", [jid])
                conn.executemany(f"DELETE FROM {table} WHERE id = ?", [(v[at],) for v in values])
                _insert(conn, table, values)
        for kind, changed in (("stages", tracker.stages), ("lanes", tracker.lanes)):
            for jid in changed - tracker.whole:
                journey = journeys.get(jid)
                values = [] if journey is None else _journey_contents(journey)[kind]
                _replace_list(db, kind, jid, values)
        _apply_records(conn, "steps", journeys, tracker, tracker.steps, tracker.fresh_steps)
        _apply_records(
            conn, "transitions", journeys, tracker, tracker.transitions, tracker.fresh_transitions
        )
    except sqlite3.IntegrityError as exc:
        raise OutOfStep(str(exc)) from None


def _apply_records(
    conn: Connection,
    table: str,
    journeys: dict[str, Journey],
    tracker: ChangeTracker,
    touched: dict[str, str],
    fresh: dict[str, None],
) -> None:
    step_table = table == "steps"
    make_row = rows.step_row if step_table else rows.transition_row
    deletes: list[tuple[str]] = []
    updates: list[rows.Row] = []
    current: dict[str, rows.Row] = {}
    for item_id, jid in touched.items():
        if jid in tracker.whole:
            continue
        journey = journeys.get(jid)
        record = None
        if journey is not None:
            if step_table and journey.has_step(item_id):
                record = journey.step(item_id)
            elif not step_table and journey.has_transition(item_id):
                record = journey.transition(item_id)
        if record is None or item_id in fresh:
            deletes.append((item_id,))
        if record is not None:
            row = make_row(jid, record)  # type: ignore[arg-type]
            if item_id in fresh:
                current[item_id] = row
            else:
                updates.append(rows.as_update(row))
    conn.executemany(f"DELETE FROM {table} WHERE id = ?", deletes)
    if updates:
        cursor = conn.executemany(rows.update_sql(table), updates)
        if cursor.rowcount != len(updates):
            raise OutOfStep(f"{len(updates) - cursor.rowcount} {table} were not in the file")
    _insert(conn, table, (current[i] for i in fresh if i in current))


def write_file(project: Project, path: Path) -> None:
    """A complete project file at `path` (an empty or absent file), unjournaled: it is not live yet."""
    conn = connect(file_uri(path, "rwc"), read_only=False)
    try:
        conn.execute("PRAGMA journal_mode = OFF")
        conn.execute("PRAGMA synchronous = OFF")
        conn.execute("BEGIN")
        create_schema(conn)
        write_project(conn, project)
        conn.execute("COMMIT")
    finally:
        conn.close()


def verify_file(path: Path) -> None:
    """A file just written reads back as a sound motdesk file (header and quick check)."""
    from motdesk.store.opening import open_checked

    opened = open_checked(path, str(path), may_roll_back=False)
    opened.conn.close()


def save_new(project: Project, path: str | Path) -> None:
    """Write the project as a whole new file, atomically; `OutputNotWritten` says why not."""
    target = Path(path)
    try:
        with atomic_target(target, suffix=".part") as tmp:
            write_file(project, tmp)
            verify_file(tmp)
    except Exception as exc:  # every failure becomes one sentence; the target is untouched
        raise not_written(str(path), exc) from None


def failure_reason(exc: BaseException) -> str:
    """What went wrong while writing, in words for the user."""
    if isinstance(exc, OutputNotWritten):
        return str(exc)
    code = getattr(exc, "sqlite_errorcode", None)
    primary = code & 0xFF if isinstance(code, int) else None
    message = str(exc)
    if primary == 13 or "disk is full" in message or getattr(exc, "errno", None) == 28:
        return "the disk is full"
    if primary == 8 or "readonly" in message or getattr(exc, "errno", None) == 30:
        return "it is read-only"
    if primary in (5, 6) or "locked" in message:
        return "another program is writing to it"
    if primary == 18 or "too big" in message:
        return (
            f"a step or another record holds more than {MAX_ROW_BYTES // 1_000_000} MB of "
            "text, more than a motdesk file keeps"
        )
    if isinstance(exc, OverflowError):
        return "a number in the project is too large to store"
    if isinstance(exc, UnicodeError):
        return "a text holds characters that cannot be stored"
    if isinstance(exc, PermissionError):
        return "permission denied"
    if isinstance(exc, FileNotFoundError):
        return "its folder does not exist"
    if isinstance(exc, OSError):
        return exc.strerror or message
    if primary == 10:
        return "the disk reported an error"
    return message or type(exc).__name__


def not_written(file: str, exc: BaseException) -> OutputNotWritten:
    if isinstance(exc, OutputNotWritten):
        return exc
    return OutputNotWritten(f"{file} was not written: {failure_reason(exc)}")

"""Recovery copies: unsaved work kept in the user's data folder, offered back after a crash.

While a document has unsaved changes, a `RecoveryKeeper` keeps a `.motdesk`
copy of it in ``<user data>/motdesk/recovery/`` (platformdirs). The copy starts
as a backup-API copy of the saved file (or a whole write, for an untitled
project) and from then on receives only the changes, like a save, so keeping
it is cheap however large the project. The editor calls `flush_if_due()` from
a timer (say every half second): the copy is then at most `delay` plus one
tick behind the last edit. Saving, undoing back to the saved state, or closing
removes the copy.

Each copy has ``KEY.json`` (the file it belongs to, the title) and
``KEY.lock``, flocked while its keeper lives. `pending_recoveries()` lists the
copies no live motdesk holds: the work of a motdesk that crashed.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import json
import os
import secrets
import sqlite3
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import platformdirs

from motdesk.errors import MotdeskError
from motdesk.fileutil import atomic_target, write_atomically
from motdesk.graph.document import Document
from motdesk.graph.model import Project
from motdesk.store.opening import file_uri
from motdesk.store.schema import Connection, connect
from motdesk.store.sharing import FileLock, Holder, is_locked
from motdesk.store.writing import ChangeTracker, OutOfStep, apply_changes, write_file

# The saved file a copy may start from, and the changes made since it was saved.
Baseline = tuple[Path, ChangeTracker]

DEFAULT_DELAY = 1.0  # seconds from the first unflushed change to the flush
RETRY_DELAY = 5.0


def recovery_folder() -> Path:
    """Where recovery copies live: ``<user data>/motdesk/recovery``."""
    return Path(platformdirs.user_data_dir("motdesk", appauthor=False)) / "recovery"


def path_key(path: Path) -> str:
    """The key of a file's recovery copy: a hash of its absolute path."""
    return hashlib.sha256(os.fsencode(os.path.abspath(path))).hexdigest()[:20]


@dataclass(frozen=True)
class RecoveryEntry:
    """Unsaved work a stopped motdesk left behind."""

    key: str
    original: Path | None  # the file it belongs to; None for an untitled project
    title: str
    saved_at: dt.datetime  # when the copy was last brought up to date (local time)
    copy: Path

    def describe(self) -> str:
        """E.g. "unsaved changes to plan.motdesk from 2024-03-14 10:42"."""
        what = self.original.name if self.original else f"the untitled project {self.title!r}"
        return f"unsaved changes to {what} from {self.saved_at:%Y-%m-%d %H:%M}"


class RecoveryKeeper:
    """Keeps the recovery copy of one document up to date; Qt-free, driven by a timer."""

    def __init__(
        self,
        document: Document,
        original: Path | None = None,
        *,
        owned: bool = True,
        baseline: Callable[[], Baseline | None] | None = None,
        delay: float = DEFAULT_DELAY,
        folder: Path | None = None,
    ) -> None:
        self.document = document
        self.original = original
        self.owned = owned and original is not None
        self.delay = delay
        self.last_error: str | None = None
        self._baseline = baseline
        self._folder = folder if folder is not None else recovery_folder()
        self._tracker = ChangeTracker(document.events)
        self._due_at: float | None = None
        self._key: str | None = None
        self._lock: FileLock | None = None
        self._conn: Connection | None = None
        document.events.subscribe(self._on_change)
        if not document.history.is_clean:  # e.g. a recovered document: keep it at once
            self._due_at = time.monotonic()

    # -- driving -------------------------------------------------------------
    def _on_change(self, change: object) -> None:
        self.note_change()

    def note_change(self) -> None:
        """An edit happened: flush within `delay` seconds."""
        if self._due_at is None:
            self._due_at = time.monotonic() + self.delay

    @property
    def due_at(self) -> float | None:
        return self._due_at

    def flush_if_due(self, now: float | None = None) -> bool:
        """Bring the copy up to date if the delay has passed (`now` is `time.monotonic()`)."""
        now = time.monotonic() if now is None else now
        if self._due_at is None or now < self._due_at:
            return False
        self.flush()
        return True

    def flush(self) -> None:
        """Bring the copy up to date now (or remove it when nothing is unsaved)."""
        self._due_at = None
        if self.document.history.is_clean:
            self._remove()
            return
        try:
            if self._conn is None:
                self._create()
            else:
                self._update()
            self.last_error = None
        except (OSError, sqlite3.Error, OutOfStep, MotdeskError, ValueError) as exc:
            # a recovery copy must never stop the editor: start afresh a little later
            self.last_error = str(exc) or type(exc).__name__
            self._remove()
            self._due_at = time.monotonic() + RETRY_DELAY

    @property
    def copy_path(self) -> Path | None:
        """The recovery copy, while there is one."""
        return None if self._key is None else self._folder / f"{self._key}.motdesk"

    # -- the copy ------------------------------------------------------------
    def _claim(self) -> str:
        """A key whose lock this keeper holds and whose slot holds no one else's work."""
        self._folder.mkdir(parents=True, exist_ok=True)
        with contextlib.suppress(OSError):
            os.chmod(self._folder, 0o700)
        first = path_key(self.original) if self.owned and self.original else None
        for attempt in range(20):
            if first is not None and attempt == 0:
                key = first
            elif first is not None:
                key = f"{first}-{secrets.token_hex(3)}"
            else:
                key = f"untitled-{secrets.token_hex(6)}"
            got = FileLock.acquire(self._folder / f"{key}.lock")
            if isinstance(got, Holder):
                continue
            if (self._folder / f"{key}.motdesk").exists():  # a crashed motdesk's work: keep it
                got.release()
                continue
            self._lock = got
            return key
        raise OSError("no free recovery slot")

    def _create(self) -> None:
        key = self._key or self._claim()
        self._key = key
        self._write_notes()
        copy = self._folder / f"{key}.motdesk"
        base = self._baseline() if self._baseline is not None else None
        with atomic_target(copy, suffix=".part") as tmp:
            if base is None or not self._copy_base(*base, tmp):
                write_file(self.document.project, tmp)
        self._conn = connect(file_uri(copy, "rw"), read_only=False)
        self._conn.execute("PRAGMA synchronous = NORMAL")
        self._tracker.clear()

    def _write_notes(self) -> None:
        """What the editor shows when it offers the copy back: the file and the title."""
        notes = {
            "original": None if self.original is None else os.path.abspath(self.original),
            "title": self.document.project.title,
        }
        write_atomically(self._folder / f"{self._key}.json", json.dumps(notes).encode("utf-8"))

    def _copy_base(self, base: Path, since_saved: ChangeTracker, tmp: Path) -> bool:
        """The saved file (backup API) plus every change since the save."""
        source = connect(file_uri(base, "ro"), read_only=True)
        target = connect(file_uri(tmp, "rw"), read_only=False)
        try:
            source.backup(target)
            target.execute("PRAGMA journal_mode = OFF")
            target.execute("BEGIN IMMEDIATE")
            apply_changes(target, self.document.project, since_saved)
            target.execute("COMMIT")
        except OutOfStep:
            target.close()
            tmp.write_bytes(b"")
            return False
        finally:
            source.close()
            target.close()
        return True

    def _update(self) -> None:
        conn = self._conn
        assert conn is not None
        if self._tracker.empty:
            return
        try:
            conn.execute("BEGIN IMMEDIATE")
            apply_changes(conn, self.document.project, self._tracker)
            conn.execute("COMMIT")
        except BaseException:
            with contextlib.suppress(sqlite3.Error):
                if conn.in_transaction:
                    conn.execute("ROLLBACK")
            raise
        if self._tracker.project:
            self._write_notes()
        self._tracker.clear()
        copy = self.copy_path
        if copy is not None:  # the copy's time is when it was last brought up to date
            with contextlib.suppress(OSError):
                os.utime(copy)

    def _remove(self) -> None:
        """Delete the copy and its notes (a new copy starts again from the saved file)."""
        if self._conn is not None:
            self._conn.close()
            self._conn = None
        if self._key is not None:
            for suffix in (".motdesk", ".motdesk-journal", ".json"):
                with contextlib.suppress(OSError):
                    (self._folder / f"{self._key}{suffix}").unlink()
            self._key = None
        if self._lock is not None:
            self._lock.release()
            self._lock = None
        self._tracker.clear()

    # -- following the file ------------------------------------------------------
    def saved(self, original: Path | None, *, owned: bool = True) -> None:
        """The document was saved (perhaps under a new name): nothing is left to recover."""
        self._remove()
        self._due_at = None
        self.original = original
        self.owned = owned and original is not None

    def close(self) -> None:
        """The document is closed on purpose: remove the copy and stop following it."""
        self._remove()
        self._due_at = None
        self._tracker.close()
        with contextlib.suppress(ValueError):
            self.document.events.unsubscribe(self._on_change)


# -- after a crash ---------------------------------------------------------------


def pending_recoveries(folder: Path | None = None) -> list[RecoveryEntry]:
    """Copies of unsaved work that no running motdesk keeps: newest first."""
    folder = folder if folder is not None else recovery_folder()
    entries: list[RecoveryEntry] = []
    if not folder.is_dir():
        return entries
    for meta_path in folder.glob("*.json"):
        key = meta_path.stem
        copy = folder / f"{key}.motdesk"
        if not copy.exists() or is_locked(folder / f"{key}.lock"):
            continue
        try:
            meta = json.loads(meta_path.read_text(encoding="utf-8"))
            original = meta.get("original")
            title = str(meta.get("title", ""))
            saved_at = dt.datetime.fromtimestamp(copy.stat().st_mtime)
        except (OSError, ValueError, AttributeError):
            continue
        entries.append(
            RecoveryEntry(key, Path(original) if original else None, title, saved_at, copy)
        )
    entries.sort(key=lambda e: e.saved_at, reverse=True)
    return entries


def recover(entry: RecoveryEntry) -> Project:
    """The document as it was at the copy's last update (checked like any file)."""
    from motdesk.store.loading import load

    return load(entry.copy)


def discard(entry: RecoveryEntry) -> None:
    """Delete a recovery copy for good (refused while a running motdesk keeps it)."""
    lock = FileLock.acquire(entry.copy.with_name(f"{entry.key}.lock"))
    if isinstance(lock, Holder):
        raise MotdeskError(f"the recovery copy {entry.copy} is in use by a running motdesk")
    try:
        for suffix in (".motdesk", ".motdesk-journal", ".json"):
            with contextlib.suppress(FileNotFoundError):
                entry.copy.with_name(f"{entry.key}{suffix}").unlink()
    finally:
        lock.release()

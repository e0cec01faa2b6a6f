"""A project file open in the editor: its lock, incremental saves, Save As, and its recovery copy.

The editor opens a file (`ProjectFile.open`) or starts an untitled project
(`ProjectFile.untitled`), wraps `project` in a `Document`, and calls
`attach(document)`: from then on the file follows the document's events, so
`save()` writes only the records that changed, in one transaction, and a
`RecoveryKeeper` keeps a copy of unsaved work in the user's data folder.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
from pathlib import Path

from motdesk.errors import OutputNotWritten
from motdesk.fileutil import atomic_target
from motdesk.graph.document import Document
from motdesk.graph.model import Project
from motdesk.store.migrations import upgraded_copy
from motdesk.store.opening import damaged, file_uri, open_checked
from motdesk.store.reading import read_project
from motdesk.store.recovery import RecoveryKeeper
from motdesk.store.schema import SCHEMA_VERSION, Connection, connect
from motdesk.store.sharing import FileLock, Holder, lock_project, write_refusal
from motdesk.store.writing import (
    ChangeTracker,
    OutOfStep,
    apply_changes,
    failure_reason,
    not_written,
    verify_file,
    write_file,
)


def _identity(path: Path) -> tuple[int, int]:
    info = os.stat(path)
    return (info.st_dev, info.st_ino)


def _connect_for_saving(path: Path) -> Connection:
    conn = connect(file_uri(path, "rw"), read_only=False)
    conn.execute("PRAGMA journal_mode = DELETE")
    conn.execute("PRAGMA synchronous = FULL")
    return conn


class ProjectFile:
    """One project and the file it lives in (or none yet, when untitled)."""

    def __init__(self, project: Project, path: Path | None = None) -> None:
        self.project = project
        self.path = path
        self.read_only = False
        self.read_only_reason: str | None = None
        self.upgraded_from: int | None = None  # the schema of an older file, until saved
        self.document: Document | None = None
        self.recovery: RecoveryKeeper | None = None
        self._lock: FileLock | None = None
        self._conn: Connection | None = None
        self._identity: tuple[int, int] | None = None
        self._tracker: ChangeTracker | None = None
        self._whole = path is None  # the next save writes a whole new file

    # -- opening -------------------------------------------------------------
    @classmethod
    def open(cls, path: str | Path) -> ProjectFile:
        """Open a project file; read-only (with a reason) when it may not be written here."""
        path = Path(path)
        file = str(path)
        reason: str | None = None
        lock: FileLock | None = None
        with contextlib.suppress(OSError):  # a missing file is refused by the checks below
            reason = write_refusal(path)
        if reason is None:
            try:
                got = lock_project(path)
            except OSError as exc:
                reason = f"its folder cannot be written ({exc.strerror or exc})"
            else:
                if isinstance(got, Holder):
                    reason = got.reason()
                else:
                    lock = got
        try:
            opened = open_checked(path, file, may_roll_back=lock is not None)
            try:
                if opened.version < SCHEMA_VERSION:
                    with upgraded_copy(opened.conn, file, opened.version) as copy:
                        project = read_project(copy, file)
                else:
                    project = read_project(opened.conn, file)
            except (sqlite3.Error, UnicodeDecodeError) as exc:
                raise damaged(file, exc) from None
            finally:
                opened.conn.close()
            self = cls(project, path)
            if opened.version < SCHEMA_VERSION:
                self.upgraded_from = opened.version
                self._whole = True
            if lock is None:
                self.read_only = True
                self.read_only_reason = reason or "it may not be written"
                self._conn = connect(file_uri(path, "ro"), read_only=True)
            else:
                self._conn = _connect_for_saving(path)
            self._lock = lock
            self._identity = _identity(path)
        except BaseException:
            if lock is not None:
                lock.release()
            raise
        return self

    @classmethod
    def untitled(cls, project: Project | None = None) -> ProjectFile:
        """A project with no file yet: its first save is `save_as`."""
        return cls(project if project is not None else Document.new().project)

    @property
    def is_untitled(self) -> bool:
        return self.path is None

    @property
    def connection(self) -> Connection | None:
        """The SQLite connection to the file (read-only when the file is), for diagnostics."""
        return self._conn

    # -- following a document ------------------------------------------------
    def attach(self, document: Document, *, keep_recovery: bool = True) -> None:
        """Follow the document's events; a document holding another project is saved whole."""
        if self.document is not None:
            raise ValueError("a document is already attached to this project file")
        self.document = document
        if document.project is not self.project:
            self.project = document.project
            self._whole = True
        self._tracker = ChangeTracker(document.events)
        if keep_recovery:
            self.recovery = RecoveryKeeper(
                document, self.path, owned=self._lock is not None, baseline=self._baseline
            )

    def _baseline(self) -> tuple[Path, ChangeTracker] | None:
        """The saved file a recovery copy may start from (one this process owns), and the
        changes since it was saved."""
        if self._whole or self._lock is None or self.path is None or self._tracker is None:
            return None
        return self.path, self._tracker

    # -- saving --------------------------------------------------------------
    def save(self) -> None:
        """Write the changes since the last save; `OutputNotWritten` says why not."""
        if self.path is None:
            raise OutputNotWritten("the project has no file yet; use Save As to choose one")
        file = str(self.path)
        self._refuse_if_read_only(file)
        self._check_identity(file)
        if self._whole or self._tracker is None or self._conn is None:
            self._write_whole(self.path)
        else:
            try:
                self._save_changes(file)
            except OutOfStep:
                self._write_whole(self.path)
        self._saved()

    def _check_identity(self, file: str) -> None:
        try:
            identity = _identity(self.path)  # type: ignore[arg-type]
        except FileNotFoundError:
            raise OutputNotWritten(
                f"{file} was not saved: it was moved or deleted since it was opened; "
                "use Save As to keep your changes"
            ) from None
        if identity != self._identity:
            raise OutputNotWritten(
                f"{file} was not saved: another program replaced it since it was opened; "
                "use Save As to keep your changes"
            )

    def _save_changes(self, file: str) -> None:
        conn, tracker = self._conn, self._tracker
        assert conn is not None and tracker is not None
        if tracker.empty:
            return
        try:
            conn.execute("BEGIN IMMEDIATE")
            apply_changes(conn, self.project, tracker)
            conn.execute("COMMIT")
        except BaseException as exc:
            with contextlib.suppress(sqlite3.Error):
                if conn.in_transaction:
                    conn.execute("ROLLBACK")
            if isinstance(exc, OutOfStep):
                raise
            if isinstance(exc, Exception):
                raise OutputNotWritten(
                    f"{file} was not saved because {failure_reason(exc)}; "
                    "the file keeps its last saved state"
                ) from None
            raise

    def _write_whole(self, target: Path) -> None:
        """Replace `target` by a whole new file (temporary file, checked, renamed)."""
        try:
            with atomic_target(target, suffix=".part") as tmp:
                write_file(self.project, tmp)
                verify_file(tmp)
        except Exception as exc:
            raise not_written(str(target), exc) from None
        self._reconnect(target)

    def _reconnect(self, target: Path) -> None:
        if self._conn is not None:
            self._conn.close()
        self._conn = _connect_for_saving(target)
        self._identity = _identity(target)
        self._whole = False

    def _saved(self) -> None:
        self.upgraded_from = None
        if self._tracker is not None:
            self._tracker.clear()
        if self.document is not None:
            self.document.history.mark_clean()
        if self.recovery is not None:
            self.recovery.saved(self.path, owned=self._lock is not None)

    def save_as(self, path: str | Path) -> None:
        """Write the project to `path` and go on working there; the old file keeps its state."""
        target = Path(path)
        if self.path is not None and _same_file(self.path, target):
            self._refuse_if_read_only(str(target))
            try:
                intact = _identity(target) == self._identity
            except OSError:
                intact = False
            if intact:
                self.save()
            else:  # moved, deleted or replaced: the user chose to write it here anew
                self._write_whole(target)
                self._saved()
            return
        try:
            got = lock_project(target)
        except OSError as exc:
            raise not_written(str(target), exc) from None
        if isinstance(got, Holder):
            raise OutputNotWritten(f"{target} was not written because {got.reason()}")
        try:
            with atomic_target(target, suffix=".part") as tmp:
                if not self._copy_with_changes(tmp):
                    write_file(self.project, tmp)
                verify_file(tmp)
        except Exception as exc:
            got.release()
            raise not_written(str(target), exc) from None
        if self._lock is not None:
            self._lock.release()
        self._lock = got
        self.path = target
        self.read_only = False
        self.read_only_reason = None
        self._reconnect(target)
        self._saved()

    def _refuse_if_read_only(self, file: str) -> None:
        if self.read_only:
            raise OutputNotWritten(
                f"{file} cannot be saved because {self.read_only_reason}; "
                "use Save As to keep your changes in another file"
            )

    def _copy_with_changes(self, tmp: Path) -> bool:
        """The saved file copied with the backup API plus the unsaved changes; False if unfit.

        Only a file this motdesk holds the lock of is known to be as last saved here.
        """
        if self._whole or self._conn is None or self._tracker is None or self._lock is None:
            return False
        dst = connect(file_uri(tmp, "rw"), read_only=False)
        try:
            self._conn.backup(dst)
            dst.execute("PRAGMA journal_mode = OFF")
            dst.execute("BEGIN IMMEDIATE")
            apply_changes(dst, self.project, self._tracker)
            dst.execute("COMMIT")
        except OutOfStep:
            dst.close()
            tmp.write_bytes(b"")
            return False
        finally:
            dst.close()
        return True

    # -- closing -------------------------------------------------------------
    def close(self) -> None:
        """Stop following the document, remove its recovery copy and release the file."""
        if self.recovery is not None:
            self.recovery.close()
            self.recovery = None
        if self._tracker is not None:
            self._tracker.close()
            self._tracker = None
        if self._conn is not None:
            self._conn.close()
            self._conn = None
        if self._lock is not None:
            self._lock.release()
            self._lock = None
        self.document = None

    def __enter__(self) -> ProjectFile:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __repr__(self) -> str:
        state = " read-only" if self.read_only else ""
        return f"<ProjectFile {self.path or 'untitled'}{state}>"


def _same_file(a: Path, b: Path) -> bool:
    try:
        return os.path.samefile(a, b)
    except OSError:
        return os.path.abspath(a) == os.path.abspath(b)

"""Sharing one file: whether it may be written, and the lock that says another motdesk has it open.

Write permission is judged by the mode bits as well as by `os.access` and by
trying: a file with no write bit for anyone is read-only even for root (who
could write it anyway), so the editor never overwrites what its owner marked
read-only.

The lock is a small file beside the project, ``.~NAME.lock``, held with an
exclusive `flock` for as long as the project is open, and holding the process
id, host name and time for the message others see. The kernel drops the flock
when the process dies, however it dies, so a lock left by a crash is simply
taken over by the next motdesk; a stale pid can never keep a file locked.
Where `fcntl` is missing (Windows), the pid is checked with ``os.kill(pid, 0)``
on the same host instead.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import os
import socket
from dataclasses import dataclass
from pathlib import Path

try:
    import fcntl
except ImportError:  # pragma: no cover - Windows
    fcntl = None  # type: ignore[assignment]


def write_refusal(path: Path) -> str | None:
    """Why the file cannot be written in place (a clause to follow "because"), or None."""
    info = os.stat(path)
    if not info.st_mode & 0o222:
        return "its permissions let no one write to it"
    if not os.access(path, os.W_OK):
        return "you do not have permission to write to it"
    folder = path.absolute().parent
    folder_info = os.stat(folder)
    if not folder_info.st_mode & 0o222 or not os.access(folder, os.W_OK | os.X_OK):
        return f"its folder {folder} is read-only"
    try:
        fd = os.open(path, os.O_RDWR)
    except OSError as exc:
        return f"it cannot be opened for writing ({exc.strerror or exc})"
    os.close(fd)
    return None


def lock_path(path: Path) -> Path:
    return path.with_name(f".~{path.name}.lock")


@dataclass(frozen=True)
class Holder:
    """Who holds a project's lock, as they wrote it in the lock file."""

    pid: int
    host: str
    since: str

    def reason(self) -> str:
        """A clause for "…opens read-only because …"."""
        if self.pid == os.getpid() and self.host == socket.gethostname():
            return "it is already open in this motdesk"
        when = self.since
        with contextlib.suppress(ValueError):
            when = dt.datetime.fromisoformat(self.since).astimezone().strftime("%Y-%m-%d %H:%M")
        return f"it is open in another motdesk (process {self.pid} on {self.host}, since {when})"


def _me() -> dict[str, object]:
    return {
        "pid": os.getpid(),
        "host": socket.gethostname(),
        "since": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
    }


def _read_holder(fd: int) -> Holder:
    os.lseek(fd, 0, os.SEEK_SET)
    data = os.read(fd, 4096)
    try:
        info = json.loads(data.decode("utf-8"))
        return Holder(int(info["pid"]), str(info["host"])[:200], str(info["since"])[:40])
    except (ValueError, KeyError, TypeError, UnicodeDecodeError):
        return Holder(0, "an unknown host", "an unknown time")


def _alive(holder: Holder) -> bool:
    """Without flock: a holder on this host is alive if its process is."""
    if holder.host != socket.gethostname() or holder.pid <= 0:
        return holder.pid > 0
    if holder.pid == os.getpid():
        return True
    try:
        os.kill(holder.pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _try_lock(fd: int) -> bool:
    if fcntl is None:  # pragma: no cover - Windows
        return not _alive(_read_holder(fd)) if os.fstat(fd).st_size else True
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return False
    return True


class FileLock:
    """An exclusive lock held through an open descriptor on a lock file."""

    def __init__(self, target: Path, fd: int) -> None:
        self.target = target
        self._fd: int | None = fd

    @classmethod
    def acquire(cls, target: Path, note: dict[str, object] | None = None) -> FileLock | Holder:
        """The lock, or who holds it; `OSError` when the lock file cannot be made."""
        for _ in range(10):
            fd = os.open(target, os.O_RDWR | os.O_CREAT, 0o644)
            try:
                if not _try_lock(fd):
                    holder = _read_holder(fd)
                    os.close(fd)
                    return holder
                # the holder before us may have removed the file between our open and lock
                if os.fstat(fd).st_ino != os.stat(target).st_ino:
                    os.close(fd)
                    continue
                os.ftruncate(fd, 0)
                os.lseek(fd, 0, os.SEEK_SET)
                os.write(fd, json.dumps({**_me(), **(note or {})}).encode("utf-8"))
                return cls(target, fd)
            except FileNotFoundError:
                os.close(fd)
                continue
            except BaseException:
                os.close(fd)
                raise
        raise OSError(f"the lock file {target} keeps changing")

    @property
    def held(self) -> bool:
        return self._fd is not None

    def release(self) -> None:
        """Remove the lock file (if it is still ours) and drop the lock."""
        if self._fd is None:
            return
        fd, self._fd = self._fd, None
        with contextlib.suppress(OSError):
            if os.stat(self.target).st_ino == os.fstat(fd).st_ino:
                os.unlink(self.target)
        os.close(fd)


def is_locked(target: Path) -> bool:
    """Whether a live process holds the lock at `target` (probing releases at once)."""
    try:
        got = FileLock.acquire(target)
    except OSError:
        return False
    if isinstance(got, Holder):
        return True
    got.release()
    return False


def lock_project(path: Path) -> FileLock | Holder:
    """The lock of a project file, or who holds it; `OSError` when the folder cannot be written."""
    return FileLock.acquire(lock_path(path))

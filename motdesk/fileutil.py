"""Writing files so that a crash or a full disk never leaves half a file at the target."""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path


@contextlib.contextmanager
def atomic_target(target: Path, suffix: str = "") -> Iterator[Path]:
    """A temporary path beside `target`, renamed onto it when the block succeeds.

    The temporary file is removed if the block raises; `target` is then untouched. A
    `target` that is a symbolic link is written through: the file it points to is
    replaced, the link stays.
    """
    target = Path(target)
    if target.is_symlink():
        target = target.resolve()
    fd, name = tempfile.mkstemp(
        prefix=f".{target.name}.", suffix=suffix or ".part", dir=target.parent or Path(".")
    )
    os.close(fd)
    tmp = Path(name)
    try:
        yield tmp
        with open(tmp, "rb+") as handle:
            os.fsync(handle.fileno())
        if target.exists():
            with contextlib.suppress(OSError):
                os.chmod(tmp, target.stat().st_mode & 0o777)
        else:
            with contextlib.suppress(OSError):
                umask = os.umask(0)
                os.umask(umask)
                os.chmod(tmp, 0o666 & ~umask)
        os.replace(tmp, target)
    except BaseException:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise


def write_atomically(target: Path, data: bytes) -> None:
    """Write `data` to `target` through a temporary file renamed into place."""
    with atomic_target(target) as tmp:
        tmp.write_bytes(data)

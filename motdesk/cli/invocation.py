"""How the user can type the `motdesk` command here, for messages that tell them to run it.

After `make`, the command is `.venv/bin/motdesk`, not on PATH unless the venv is activated:
a message saying "run motdesk --help" would send them to "command not found".
"""

from __future__ import annotations

import os
import shlex
import shutil
import sys
from pathlib import Path

SCRIPT_NAMES = ("motdesk", "motdesk.exe")


def command_name(
    argv0: str | None = None,
    executable: str | None = None,
    cwd: str | Path | None = None,
    search_path: str | None = None,
) -> str:
    """`motdesk` when that name on PATH is this program's command; else the command's path
    (relative to the current folder when short), or `PYTHON -m motdesk` if none exists.

    The command is the script that started this process, or the one installed beside its
    Python (started as `python -m motdesk.ui.launch`, as `make run` does)."""
    argv0 = sys.argv[0] if argv0 is None else argv0
    executable = sys.executable if executable is None else executable
    folder = Path.cwd() if cwd is None else Path(cwd)
    script = _script(argv0, executable, folder)
    if script is None:
        return f"{_shown(Path(executable), folder)} -m motdesk" if executable else "motdesk"
    on_path = shutil.which("motdesk", path=search_path)
    if on_path is not None and _same_file(on_path, script):
        return "motdesk"
    return _shown(script, folder)


def _script(argv0: str, executable: str, cwd: Path) -> Path | None:
    candidates = []
    if argv0 and Path(argv0).name in SCRIPT_NAMES:
        candidates.append(cwd / argv0)
    if executable:
        candidates += [Path(executable).parent / name for name in SCRIPT_NAMES]
    return next((path for path in candidates if path.is_file()), None)


def _same_file(a: str | Path, b: Path) -> bool:
    try:
        return os.path.samefile(a, b)
    except OSError:
        return False


def _shown(path: Path, cwd: Path) -> str:
    """A path as the user would type it: relative to the current folder when that is shorter
    and climbs at most two folders (`.venv/bin/motdesk`, `../.venv/bin/motdesk`)."""
    absolute = os.path.abspath(cwd / path)
    try:
        relative = os.path.relpath(absolute, os.path.abspath(cwd))
    except ValueError:  # another drive, on Windows
        relative = absolute
    short = Path(relative).parts.count("..") <= 2 and len(relative) < len(absolute)
    text = relative if short else absolute
    if os.sep not in text:
        text = os.path.join(".", text)  # a bare name would be looked up on PATH
    return text if os.name == "nt" else shlex.quote(text)

"""Starting the editor: refuse early (without loading Qt) when there is no display.

`python -m motdesk.ui.launch [FILE]` and `motdesk [FILE]` both end in `run_editor`.
"""

from __future__ import annotations

import os
import sys


def no_display_message() -> str:
    """What to do with no display, naming the command as it can be typed here (after `make`
    that is `.venv/bin/motdesk`, unless the venv is activated)."""
    from motdesk.cli.invocation import command_name

    command = command_name()
    return (
        "motdesk: no display found; run the editor on a desktop, or use the command line, "
        f"which needs none ({command} --help; for example {command} export FILE -o map.pdf)."
    )


def display_available() -> bool:
    """Whether Qt can open a window here (always on Windows and macOS)."""
    if not sys.platform.startswith("linux"):
        return True
    env = os.environ
    return bool(env.get("DISPLAY") or env.get("WAYLAND_DISPLAY") or env.get("QT_QPA_PLATFORM"))


def run_editor(path: str | None = None) -> int:
    """Open the editor (on `path` if given) and run it until the last window closes."""
    if not display_available():
        print(no_display_message(), file=sys.stderr)
        return 1
    from motdesk.ui.app import run

    return run([path] if path else [])


def main(argv: list[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    if len(args) > 1 or (args and args[0] in ("-h", "--help")):
        print("usage: python -m motdesk.ui.launch [FILE]", file=sys.stderr)
        return 0 if args and args[0] in ("-h", "--help") else 2
    return run_editor(args[0] if args else None)


if __name__ == "__main__":
    sys.exit(main())

"""The command line: `motdesk [FILE]` opens the editor; sub-commands run with no display.

A first word that is neither a command nor a file (no suffix, not on disk) is a mistyped
command (exit 2, with the nearest command). Errors are one sentence on stderr with an
exit code: 1 no display for the editor, 2 usage, 3 input refused,
4 output not written. No traceback reaches the user.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence
from pathlib import Path

from motdesk import __version__
from motdesk.errors import MotdeskError, UsageError, safe, sentence

# sub-command name -> module in motdesk.cli that registers and runs it
FILE_ARGUMENTS = ("file", "source", "out", "output")  # what each command names its files
COMMANDS: dict[str, str] = {
    "templates": "templates_cmd",
    "new": "new_cmd",
    "info": "info_cmd",
    "check": "check_cmd",
    "import": "import_cmd",
    "export": "export_cmd",
    "analyze": "analyze_cmd",
}

USAGE = "motdesk [FILE]\n       motdesk COMMAND [OPTIONS] ...\n       motdesk -h | --version"
"""Both forms, the editor and the commands: argparse alone would show only the second."""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        raise UsageError(f"{message} (see '{self.prog} --help')")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="motdesk",
        usage=USAGE,
        description="Customer-journey maps built around moments of truth. "
        "'motdesk [FILE]' opens the editor, on FILE (a .motdesk or .json project) if given; "
        "the commands need no display.",
        epilog="Run 'motdesk COMMAND --help' for the options of a command.",
    )
    parser.add_argument("--version", action="version", version=f"motdesk {__version__}")
    sub = parser.add_subparsers(
        dest="command", metavar="COMMAND", parser_class=_Parser, prog="motdesk"
    )
    for module in COMMANDS.values():
        importlib.import_module(f"motdesk.cli.{module}").register(sub)
    return parser


def _editor(argv: Sequence[str]) -> int:
    parser = _Parser(prog="motdesk", description="Open the motdesk editor.")
    parser.add_argument("file", nargs="?", help="a .motdesk project (or a .json project to import)")
    args = parser.parse_args(argv)
    from motdesk.ui.launch import run_editor

    return run_editor(args.file)


def refuse_unknown_command(argv: Sequence[str]) -> None:
    """A first word that names no command and no file is a mistyped command, not a project:
    `motdesk inof bank.motdesk` or `motdesk frobnicate` must not open the editor."""
    word = argv[0]
    if "." in Path(word).name or Path(word).exists():
        return  # a file to open, even one still to be created (somefile.motdesk)
    import difflib

    close = difflib.get_close_matches(word, COMMANDS, n=1)
    hint = f" (did you mean '{close[0]}'?)" if close else ""
    raise UsageError(f"unknown command '{word}'{hint}; see 'motdesk --help'")


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    try:
        if not argv or (argv[0] not in COMMANDS and not argv[0].startswith("-")):
            if argv:
                refuse_unknown_command(argv)
            return _editor(argv)
        args = build_parser().parse_args(argv)
        if args.command is None:
            raise UsageError("name a command, or give no arguments to open the editor")
        if "" in (getattr(args, name, None) for name in FILE_ARGUMENTS):
            raise UsageError("a file name is empty; name the file")
        return int(args.run(args) or 0)
    except MotdeskError as exc:
        print(f"motdesk: {safe(sentence(str(exc)))}", file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        print("motdesk: interrupted.", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0

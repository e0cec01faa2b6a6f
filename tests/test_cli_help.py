"""`motdesk --help` says both ways to run motdesk, each command's help names only itself, and
the README and docs/files.md give every command with every option its help lists."""

from __future__ import annotations

import argparse
import re
from pathlib import Path

import pytest

from motdesk.cli import COMMANDS, build_parser, main


def _help(argv: list[str], capsys) -> str:  # noqa: ANN001
    with pytest.raises(SystemExit) as done:
        main(argv)
    assert done.value.code == 0
    return capsys.readouterr().out


def test_usage_shows_the_editor_and_the_commands(capsys) -> None:  # noqa: ANN001
    usage = _help(["--help"], capsys).split("\n\n")[0].splitlines()
    assert usage[0] == "usage: motdesk [FILE]"
    assert usage[1].split() == ["motdesk", "COMMAND", "[OPTIONS]", "..."]
    assert "--version" in usage[2]


@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_a_command_usage_starts_with_motdesk_and_its_name(command: str, capsys) -> None:  # noqa: ANN001
    out = _help([command, "--help"], capsys)
    assert out.startswith(f"usage: motdesk {command} [-h]")
    assert "[FILE]" not in out.split("\n\n")[0]  # the editor's form belongs to the top only


ROOT = Path(__file__).resolve().parent.parent
DOCS = ("README.md", "docs/files.md")  # the two tables of commands a user reads


def _parsers() -> dict[str, argparse.ArgumentParser]:
    parser = build_parser()
    sub = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    return dict(sub.choices)


def _rows(doc: str, command: str) -> str:
    text = (ROOT / doc).read_text(encoding="utf-8")
    return "\n".join(line for line in text.splitlines() if line.startswith(f"| `motdesk {command}"))


def _mentions(text: str, word: str) -> bool:
    return re.search(rf"(?<![\w-]){re.escape(word)}(?![\w-])", text) is not None


@pytest.mark.parametrize("doc", DOCS)
@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_the_docs_give_each_command_every_option_its_help_lists(doc: str, command: str) -> None:
    rows = _rows(doc, command)
    assert rows, f"{doc} has no row for 'motdesk {command}'"
    known: set[str] = set()
    for action in _parsers()[command]._actions:
        if isinstance(action, argparse._HelpAction):
            continue
        known.update(action.option_strings)
        if action.option_strings:
            assert any(_mentions(rows, o) for o in action.option_strings), (doc, action.dest)
        else:
            assert _mentions(rows, action.metavar), (doc, action.metavar)
        for choice in action.choices or ():
            assert _mentions(rows, choice), (doc, action.dest, choice)
    stale = set(re.findall(r"(?<![\w-])--[a-z][a-z-]*", rows)) - known
    assert not stale, f"{doc} gives 'motdesk {command}' options it does not have: {stale}"

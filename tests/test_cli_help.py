"""`motdesk --help` says both ways to run motdesk, and each command's help names only itself."""

from __future__ import annotations

import pytest

from motdesk.cli import COMMANDS, main


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

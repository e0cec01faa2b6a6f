"""The command line's frame: version, templates, usage errors as one sentence with exit 2."""

from __future__ import annotations

import subprocess
import sys

import pytest

from motdesk import __version__
from motdesk.cli import main


def test_version(capsys) -> None:
    with pytest.raises(SystemExit) as done:
        main(["--version"])
    assert done.value.code == 0
    assert capsys.readouterr().out.strip() == f"motdesk {__version__}"


def test_templates_lists_name_title_and_step_count(capsys) -> None:
    assert main(["templates"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == 5
    airline = next(line for line in lines if line.startswith("airline"))
    assert "Northwind Air" in airline and airline.endswith("(32 steps)")


def test_unknown_option_is_a_usage_error_in_one_sentence(capsys) -> None:
    assert main(["templates", "--colour"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("motdesk: ") and err.count("\n") == 1
    assert "--colour" in err and "Traceback" not in err


def test_python_dash_m_runs_the_command_line() -> None:
    out = subprocess.run(
        [sys.executable, "-m", "motdesk", "templates"], capture_output=True, text=True, timeout=120
    )
    assert out.returncode == 0, out.stderr
    assert "retail_bank" in out.stdout


@pytest.fixture
def editor_calls(monkeypatch) -> list:  # noqa: ANN001
    """Stands in for the editor: records the file it would open."""
    import motdesk.ui.launch

    calls: list = []
    monkeypatch.setattr(motdesk.ui.launch, "run_editor", lambda path=None: calls.append(path) or 0)
    return calls


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["inof", "bank.motdesk"], "unknown command 'inof' (did you mean 'info'?)"),
        (["exprot", "a.json", "-o", "b.pdf"], "unknown command 'exprot' (did you mean 'export'?)"),
        (["nwe"], "unknown command 'nwe' (did you mean 'new'?)"),
        (["frobnicate"], "unknown command 'frobnicate'; see 'motdesk --help'"),
    ],
)
def test_a_mistyped_command_is_refused_with_a_suggestion(
    argv: list[str],
    message: str,
    editor_calls: list,
    capsys,
    tmp_path,
    monkeypatch,  # noqa: ANN001
) -> None:
    monkeypatch.chdir(tmp_path)
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"motdesk: {message}") and err.endswith("see 'motdesk --help'.\n")
    assert editor_calls == []


def test_a_file_name_still_opens_the_editor(
    editor_calls: list,
    tmp_path,
    monkeypatch,  # noqa: ANN001
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "notes").write_text("", encoding="utf-8")  # an existing file with no suffix
    assert main(["somefile.motdesk"]) == 0  # not there yet: the editor says what to do
    assert main(["info.motdesk"]) == 0
    assert main(["notes"]) == 0
    assert main([]) == 0
    assert editor_calls == ["somefile.motdesk", "info.motdesk", "notes", None]


def test_a_file_name_with_terminal_codes_is_shown_escaped_not_obeyed(tmp_path, capsys):
    name = tmp_path / "nope\x1b[2J.motdesk"
    assert main(["info", str(name)]) == 3
    err = capsys.readouterr().err
    assert "\x1b" not in err and "\\x1b[2J" in err  # the screen is not cleared
    made = tmp_path / "esc\x1b[31m.motdesk"
    assert main(["new", str(made), "--template", "hotel"]) == 0
    out = capsys.readouterr().out
    assert "\x1b" not in out and "\\x1b[31m" in out
    assert ': "' in out  # the title in double quotes, as everywhere else

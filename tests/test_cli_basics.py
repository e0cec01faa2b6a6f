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

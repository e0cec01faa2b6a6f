"""Messages name the motdesk command as the user can type it: after `make` that is
`.venv/bin/motdesk`, since the venv is not activated, and plain `motdesk` once it is."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from motdesk.cli.invocation import command_name


@pytest.fixture
def venv(tmp_path: Path) -> Path:
    """A project folder with a venv as `make` leaves it: bin/python and the bin/motdesk script."""
    bin_folder = tmp_path / "project" / ".venv" / "bin"
    bin_folder.mkdir(parents=True)
    for name in ("python", "motdesk"):
        (bin_folder / name).write_text("#!/bin/sh\n", encoding="utf-8")
        (bin_folder / name).chmod(0o755)
    (tmp_path / "project" / "docs").mkdir()
    return bin_folder


def test_make_run_from_the_project_folder_names_the_venv_script(venv: Path) -> None:
    project = venv.parent.parent
    launch = str(project / "motdesk" / "ui" / "launch.py")  # python -m motdesk.ui.launch
    name = command_name(launch, str(venv / "python"), project, search_path="/usr/bin:/bin")
    assert name == os.path.join(".venv", "bin", "motdesk")


def test_the_script_itself_started_by_its_path_is_named_by_that_path(venv: Path) -> None:
    project = venv.parent.parent
    argv0 = os.path.join(".venv", "bin", "motdesk")
    name = command_name(argv0, str(venv / "python"), project, search_path="/usr/bin:/bin")
    assert name == argv0


def test_from_a_subfolder_the_path_climbs_up(venv: Path) -> None:
    docs = venv.parent.parent / "docs"
    name = command_name("-c", str(venv / "python"), docs, search_path="")
    assert name == os.path.join("..", ".venv", "bin", "motdesk")


def test_far_away_the_path_is_absolute(venv: Path, tmp_path: Path) -> None:
    far = tmp_path / "a" / "b" / "c"
    far.mkdir(parents=True)
    name = command_name("-c", str(venv / "python"), far, search_path="")
    assert name == str(venv / "motdesk")


def test_an_activated_venv_makes_it_plain_motdesk(venv: Path) -> None:
    project = venv.parent.parent
    name = command_name("-c", str(venv / "python"), project, search_path=str(venv))
    assert name == "motdesk"


def test_another_motdesk_on_path_is_not_taken_for_this_one(venv: Path, tmp_path: Path) -> None:
    other = tmp_path / "elsewhere"
    other.mkdir()
    (other / "motdesk").write_text("#!/bin/sh\n", encoding="utf-8")
    (other / "motdesk").chmod(0o755)
    project = venv.parent.parent
    name = command_name("-c", str(venv / "python"), project, search_path=str(other))
    assert name == os.path.join(".venv", "bin", "motdesk")


def test_with_no_script_installed_it_is_python_dash_m(venv: Path) -> None:
    (venv / "motdesk").unlink()
    project = venv.parent.parent
    name = command_name("-c", str(venv / "python"), project, search_path="")
    assert name == os.path.join(".venv", "bin", "python") + " -m motdesk"


@pytest.mark.skipif(os.name == "nt", reason="shell quoting is POSIX's")
def test_a_path_with_a_space_is_quoted_for_the_shell(tmp_path: Path) -> None:
    bin_folder = tmp_path / "my project" / ".venv" / "bin"
    bin_folder.mkdir(parents=True)
    (bin_folder / "motdesk").write_text("", encoding="utf-8")
    name = command_name("-c", str(bin_folder / "python"), tmp_path, search_path="")
    assert name == "'my project/.venv/bin/motdesk'"


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="displays are a Linux question")
def test_make_run_without_a_display_names_the_command_it_can_run() -> None:
    """`make run` is `.venv/bin/python -m motdesk.ui.launch FILE` from the project folder."""
    bin_folder = Path(sys.executable).parent
    if not (bin_folder / "motdesk").is_file():
        pytest.skip("motdesk is not installed beside this Python")
    drop = ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")
    env = {k: v for k, v in os.environ.items() if k not in drop}
    env["PATH"] = "/usr/bin:/bin"  # the venv not activated
    result = subprocess.run(
        [sys.executable, "-m", "motdesk.ui.launch", "x.motdesk"],
        capture_output=True,
        text=True,
        env=env,
        cwd=bin_folder.parent.parent,
        timeout=120,
    )
    command = os.path.join(bin_folder.parent.name, "bin", "motdesk")
    assert result.returncode == 1
    assert result.stderr == (
        "motdesk: no display found; run the editor on a desktop, or use the command line, "
        f"which needs none ({command} --help; for example {command} export FILE -o map.pdf).\n"
    )

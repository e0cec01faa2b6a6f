"""`new --force` and `import --force` never replace a file open in a running motdesk."""

from __future__ import annotations

import multiprocessing
import os
import signal
from pathlib import Path

import pytest

from motdesk.cli import main
from motdesk.graph.jsonio import read_project, write_project
from motdesk.resources import templates
from motdesk.store import ProjectFile, load, save_new

FORK = multiprocessing.get_context("fork")


def _hold(path: str, ready) -> None:  # noqa: ANN001
    pf = ProjectFile.open(path)
    ready.send((pf.read_only, os.getpid()))
    multiprocessing.Event().wait(60)


@pytest.fixture
def held(tmp_path: Path):  # noqa: ANN201
    """edit.motdesk, open for writing in another process (a second motdesk)."""
    path = tmp_path / "edit.motdesk"
    save_new(read_project(templates()[0].path), path)
    parent, child = FORK.Pipe()
    holder = FORK.Process(target=_hold, args=(str(path), child))
    holder.start()
    read_only, pid = parent.recv()
    assert not read_only
    try:
        yield path, pid
    finally:
        os.kill(holder.pid, signal.SIGKILL)
        holder.join(10)


def _refused(argv: list[str], path: Path, pid: int, capsys) -> None:  # noqa: ANN001
    title = load(path).title
    assert main(argv) == 4
    err = capsys.readouterr().err
    assert err == (
        f"motdesk: {path} is open in another motdesk (pid {pid}); close it there first.\n"
    )
    assert load(path).title == title, "the held file is untouched"


def test_new_force_refuses_a_file_open_elsewhere(held, capsys) -> None:  # noqa: ANN001
    path, pid = held
    _refused(["new", str(path), "--force", "--title", "Replaced"], path, pid, capsys)


def test_import_force_refuses_a_file_open_elsewhere(held, tmp_path: Path, capsys) -> None:  # noqa: ANN001
    path, pid = held
    source = tmp_path / "in.json"
    project = read_project(templates()[1].path)
    project.title = "Imported over it"
    write_project(project, source)
    _refused(["import", str(source), str(path), "--force"], path, pid, capsys)


def test_force_replaces_once_the_other_motdesk_is_gone(tmp_path: Path, capsys) -> None:  # noqa: ANN001
    path = tmp_path / "edit.motdesk"
    save_new(read_project(templates()[0].path), path)
    with ProjectFile.open(path):
        pass  # opened and closed again: no lock is left
    assert main(["new", str(path), "--force", "--title", "Replaced"]) == 0
    assert load(path).title == "Replaced"
    assert not any(p.name.endswith(".lock") for p in tmp_path.iterdir())

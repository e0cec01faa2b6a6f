"""A real `kill -9` never costs a saved state, and unsaved work comes back from its recovery copy."""

from __future__ import annotations

import multiprocessing
import os
import random
import signal
import time
from pathlib import Path

import pytest

from benchmarks.generate import generate_project
from motdesk.graph.document import Document
from motdesk.graph.jsonio import dumps
from motdesk.graph.model import Project
from motdesk.store import (
    ProjectFile,
    discard,
    load,
    pending_recoveries,
    recover,
    save_new,
    writing,
)

FORK = multiprocessing.get_context("fork")
STEPS = 2000


def relabel(project: Project, prefix: str) -> dict[str, dict[str, dict[str, str]]]:
    """The edit the saving child repeats: every step gets a new label (a large save)."""
    label = "{} {} " + "x" * 600  # long labels: most of the time goes to writing
    return {
        j.id: {s.id: {"label": label.format(prefix, s.id)} for s in j.steps()}
        for j in project.journeys
    }


def expected_states(project: Project) -> set[str]:
    states = {dumps(project)}
    for prefix in ("A", "B"):
        doc = Document(project.copy())
        for jid, changes in relabel(doc.project, prefix).items():
            doc.update_steps(jid, changes)
        states.add(dumps(doc.project))
    return states


def _keep_saving(path: str, ready) -> None:
    pf = ProjectFile.open(path)
    pf.connection.execute("PRAGMA cache_size = 10")  # spill early: a long window with a hot journal
    doc = Document(pf.project)
    pf.attach(doc, keep_recovery=False)
    ready.send("ready")
    for n in range(10_000):
        for jid, changes in relabel(doc.project, "AB"[n % 2]).items():
            doc.update_steps(jid, changes)
        pf.save()
    os._exit(0)


def _kill(process) -> None:
    os.kill(process.pid, signal.SIGKILL)
    process.join(10)
    assert process.exitcode == -signal.SIGKILL


def test_kill_9_at_random_instants_of_saving_leaves_old_or_new(tmp_path: Path) -> None:
    path = tmp_path / "big.motdesk"
    project = generate_project(STEPS, seed=3)
    save_new(project, path)
    allowed = expected_states(project)
    rng = random.Random(1)
    for _ in range(10):
        parent, child = FORK.Pipe()
        process = FORK.Process(target=_keep_saving, args=(str(path), child))
        process.start()
        assert parent.recv() == "ready"
        time.sleep(rng.uniform(0.0, 0.4))
        _kill(process)
        assert dumps(load(path)) in allowed  # a hot journal, if any, is played back first
    with ProjectFile.open(path) as pf:  # the dead child's lock is taken over
        assert not pf.read_only


def _die_inside_the_transaction(path: str, ready) -> None:
    pf = ProjectFile.open(path)
    pf.connection.execute("PRAGMA cache_size = 5")  # spill: the file itself holds unsaved pages
    doc = Document(pf.project)
    pf.attach(doc, keep_recovery=False)
    apply = writing.apply_changes

    def apply_then_wait(*args, **kwargs):
        apply(*args, **kwargs)
        ready.send("written, not committed")
        time.sleep(60)

    import motdesk.store.projectfile as projectfile

    projectfile.apply_changes = apply_then_wait
    for jid, changes in relabel(doc.project, "A").items():
        doc.update_steps(jid, changes)
    pf.save()
    os._exit(0)


def test_kill_9_between_writing_and_commit_rolls_back_to_the_saved_state(tmp_path: Path) -> None:
    path = tmp_path / "big.motdesk"
    project = generate_project(STEPS, seed=4)
    save_new(project, path)
    parent, child = FORK.Pipe()
    process = FORK.Process(target=_die_inside_the_transaction, args=(str(path), child))
    process.start()
    assert parent.recv() == "written, not committed"
    _kill(process)
    journal = path.with_name(path.name + "-journal")
    assert journal.exists() and journal.stat().st_size > 0, "the save was in flight"
    assert dumps(load(path)) == dumps(project)
    assert not journal.exists(), "played back and removed"


def _save_new_forever(path: str, ready) -> None:
    project = generate_project(STEPS, seed=5)
    ready.send("ready")
    for n in range(10_000):
        project.title = "AB"[n % 2]
        save_new(project, path)
    os._exit(0)


def test_kill_9_while_writing_a_whole_file_leaves_a_whole_file(tmp_path: Path) -> None:
    path = tmp_path / "whole.motdesk"
    project = generate_project(STEPS, seed=5)
    save_new(project, path)
    rng = random.Random(2)
    for _ in range(4):
        parent, child = FORK.Pipe()
        process = FORK.Process(target=_save_new_forever, args=(str(path), child))
        process.start()
        parent.recv()
        time.sleep(rng.uniform(0.0, 0.5))
        _kill(process)
        assert load(path).title in {project.title, "A", "B"}


# -- recovery ------------------------------------------------------------------------


@pytest.fixture
def data_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    home = tmp_path / "data-home"
    monkeypatch.setenv("XDG_DATA_HOME", str(home))
    return home


def _edit_and_die(path: str | None, report) -> None:
    pf = ProjectFile.untitled() if path is None else ProjectFile.open(path)
    doc = Document(pf.project)
    pf.attach(doc)
    jid = doc.project.journeys[0].id
    first = doc.add_step(jid, label="Unsaved <step> & more", current_emotion=-2)
    second = doc.add_step(jid, label="Second", state="future", future_emotion=3)
    doc.connect(jid, first.id, second.id, share=0.4)
    pf.recovery.flush_if_due(time.monotonic() + 60)  # the editor's timer, a little later
    doc.update_step(jid, first.id, label="Edited again")
    doc.update_project(title="Changed but not saved")
    pf.recovery.flush_if_due(time.monotonic() + 60)
    report.send(dumps(doc.project))
    time.sleep(60)


def test_recovery_after_kill_gives_back_the_unsaved_document(tmp_path: Path, data_home) -> None:
    path = tmp_path / "work.motdesk"
    project = generate_project(200, seed=6)
    save_new(project, path)
    before = path.read_bytes()
    parent, child = FORK.Pipe()
    process = FORK.Process(target=_edit_and_die, args=(str(path), child))
    process.start()
    unsaved = parent.recv()
    _kill(process)
    assert path.read_bytes() == before, "nothing was saved to the file itself"
    entries = pending_recoveries()
    assert [e.original for e in entries] == [path.absolute()]
    entry = entries[0]
    assert entry.title == "Changed but not saved"
    assert "unsaved changes to work.motdesk from" in entry.describe()
    assert dumps(recover(entry)) == unsaved
    discard(entry)
    assert pending_recoveries() == []


def test_recovery_of_an_untitled_project(data_home) -> None:
    parent, child = FORK.Pipe()
    process = FORK.Process(target=_edit_and_die, args=(None, child))
    process.start()
    unsaved = parent.recv()
    _kill(process)
    (entry,) = pending_recoveries()
    assert entry.original is None and entry.title == "Changed but not saved"
    assert "untitled project" in entry.describe()
    assert dumps(recover(entry)) == unsaved


def test_a_running_motdesk_keeps_its_recovery_copy_to_itself(tmp_path: Path, data_home) -> None:
    path = tmp_path / "live.motdesk"
    save_new(generate_project(50), path)
    with ProjectFile.open(path) as pf:
        doc = Document(pf.project)
        pf.attach(doc)
        doc.update_project(title="Live")
        pf.recovery.flush()
        assert pf.recovery.copy_path.exists()
        assert pending_recoveries() == []  # ours, not a crashed one's
    assert not list((data_home / "motdesk" / "recovery").glob("*.motdesk"))

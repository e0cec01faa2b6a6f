"""Recovery copies: when they exist, how far behind they may be, and what they cost per edit."""

from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path

import pytest

from benchmarks.generate import generate_project
from motdesk.errors import MotdeskError
from motdesk.graph.document import Document
from motdesk.graph.jsonio import dumps
from motdesk.store import (
    ProjectFile,
    RecoveryEntry,
    RecoveryKeeper,
    discard,
    load,
    pending_recoveries,
    recovery_folder,
    save_new,
)
from motdesk.store.recovery import path_key


@pytest.fixture(autouse=True)
def data_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    home = tmp_path / "data-home"
    monkeypatch.setenv("XDG_DATA_HOME", str(home))
    return home


def opened(tmp_path: Path, steps: int = 300) -> tuple[ProjectFile, Document, RecoveryKeeper]:
    path = tmp_path / "work.motdesk"
    save_new(generate_project(steps, seed=8), path)
    pf = ProjectFile.open(path)
    doc = Document(pf.project)
    pf.attach(doc)
    assert pf.recovery is not None
    return pf, doc, pf.recovery


def test_the_copy_lives_in_the_user_data_folder(data_home: Path) -> None:
    assert recovery_folder() == data_home / "motdesk" / "recovery"


def test_no_copy_until_there_is_unsaved_work(tmp_path: Path) -> None:
    pf, doc, keeper = opened(tmp_path)
    assert keeper.due_at is None and not keeper.flush_if_due()
    keeper.flush()
    assert keeper.copy_path is None
    pf.close()


def test_a_flush_is_due_one_delay_after_the_first_unflushed_edit(tmp_path: Path) -> None:
    pf, doc, keeper = opened(tmp_path)
    jid = doc.project.journeys[0].id
    doc.add_step(jid, label="new")
    due = keeper.due_at
    assert due is not None
    doc.add_step(jid, label="newer")  # later edits do not push the flush back
    assert keeper.due_at == due
    assert not keeper.flush_if_due(due - 0.01) and keeper.copy_path is None
    assert keeper.flush_if_due(due)
    assert dumps(load(keeper.copy_path)) == dumps(doc.project)
    assert keeper.due_at is None
    pf.close()


def test_saving_undoing_to_the_saved_state_and_closing_remove_the_copy(tmp_path: Path) -> None:
    pf, doc, keeper = opened(tmp_path)
    jid = doc.project.journeys[0].id
    doc.add_step(jid, label="one")
    keeper.flush()
    copy = keeper.copy_path
    assert copy.exists()
    pf.save()
    assert not copy.exists() and keeper.copy_path is None
    doc.add_step(jid, label="two")
    keeper.flush()
    assert keeper.copy_path.exists()
    doc.history.undo()  # back to what is saved: nothing to recover
    keeper.flush()
    assert keeper.copy_path is None
    doc.add_step(jid, label="three")
    keeper.flush()
    copy = keeper.copy_path
    pf.close()
    assert not copy.exists()
    assert list(recovery_folder().iterdir()) == []


def _rows(path: Path) -> list[tuple]:
    conn = sqlite3.connect(path)
    try:
        return conn.execute("SELECT * FROM steps ORDER BY position").fetchall()
    finally:
        conn.close()


def test_each_flush_writes_only_what_changed(tmp_path: Path) -> None:
    pf, doc, keeper = opened(tmp_path, steps=2000)
    journey = doc.project.journeys[0]
    ids = list(journey.graph.nodes)
    doc.update_step(journey.id, ids[0], label="first edit")
    keeper.flush()
    before = _rows(keeper.copy_path)
    doc.update_step(journey.id, ids[1000], label="second edit")
    keeper.flush()
    after = _rows(keeper.copy_path)
    changed = [b for a, b in zip(before, after, strict=True) if a != b]
    assert [row[1] for row in changed] == [ids[1000]]
    pf.close()


def test_a_new_keeper_never_overwrites_work_a_crashed_one_left(tmp_path: Path) -> None:
    path = tmp_path / "work.motdesk"
    save_new(generate_project(20, seed=1), path)
    crashed = Document(load(path))
    left = RecoveryKeeper(crashed, path)
    crashed.update_project(title="Left behind")
    left.flush()
    left._lock.release()  # what the kernel does when the process dies
    (entry,) = pending_recoveries()
    assert entry.title == "Left behind"
    pf = ProjectFile.open(path)
    doc = Document(pf.project)
    pf.attach(doc)
    doc.update_project(title="New session")
    pf.recovery.flush()
    assert pf.recovery.copy_path != entry.copy
    assert [e.title for e in pending_recoveries()] == ["Left behind"]
    assert dumps(load(entry.copy)) == dumps(crashed.project)
    pf.close()
    discard(entry)
    assert pending_recoveries() == []


def test_a_copy_a_running_motdesk_keeps_cannot_be_discarded(tmp_path: Path) -> None:
    pf, doc, keeper = opened(tmp_path)
    doc.update_project(title="Busy")
    keeper.flush()
    copy = keeper.copy_path
    live = RecoveryEntry(copy.stem, pf.path, "Busy", dt.datetime.now(), copy)
    with pytest.raises(MotdeskError, match="in use"):
        discard(live)
    assert keeper.copy_path.exists()
    pf.close()


def test_a_read_only_file_keeps_its_copy_under_its_own_key(tmp_path: Path) -> None:
    path = tmp_path / "ro.motdesk"
    save_new(generate_project(20), path)
    path.chmod(0o444)
    with ProjectFile.open(path) as pf:
        doc = Document(pf.project)
        pf.attach(doc)
        doc.update_project(title="Edited read-only")
        pf.recovery.flush()
        assert pf.recovery.copy_path.stem != path_key(path), "the file's key is its owner's"
        assert dumps(load(pf.recovery.copy_path)) == dumps(doc.project)


def test_a_copy_made_after_undoing_to_the_saved_state_keeps_the_new_order(tmp_path: Path) -> None:
    """Undo puts a deleted step back last: the document is clean, yet its order changed."""
    pf, doc, keeper = opened(tmp_path, steps=20)
    journey = doc.project.journeys[0]
    first = next(iter(journey.graph.nodes))
    doc.remove_steps(journey.id, [first])
    doc.history.undo()
    assert doc.history.is_clean
    keeper.flush()
    assert keeper.copy_path is None
    doc.update_project(title="Later edit")
    keeper.flush()
    assert dumps(load(keeper.copy_path)) == dumps(doc.project)
    pf.close()

"""Sharing one file: read-only files and folders, two motdesks on one file, full disks, Save As."""

from __future__ import annotations

import json
import multiprocessing
import os
import signal
import socket
import stat
from pathlib import Path

import pytest

from motdesk.errors import OutputNotWritten
from motdesk.graph.document import Document
from motdesk.graph.jsonio import dumps, read_project
from motdesk.resources import templates
from motdesk.store import ProjectFile, load, save_new

FORK = multiprocessing.get_context("fork")


def sample(folder: Path, name: str = "shared.motdesk") -> Path:
    path = folder / name
    save_new(read_project(templates()[0].path), path)
    return path


def edited(pf: ProjectFile) -> Document:
    doc = Document(pf.project)
    pf.attach(doc, keep_recovery=False)
    doc.update_project(title="Edited here")
    return doc


def lock_of(path: Path) -> Path:
    return path.with_name(f".~{path.name}.lock")


def test_a_read_only_file_opens_read_only_and_save_says_why(tmp_path: Path) -> None:
    path = sample(tmp_path)
    os.chmod(path, 0o444)  # even root, who could write it, must respect the owner's choice
    before = path.read_bytes()
    with ProjectFile.open(path) as pf:
        assert pf.read_only and pf.read_only_reason == "its permissions let no one write to it"
        doc = edited(pf)
        with pytest.raises(OutputNotWritten) as info:
            pf.save()
        message = str(info.value)
        assert str(path) in message and "no one write" in message and "Save As" in message
        assert not doc.history.is_clean
        copy = tmp_path / "copy.motdesk"
        pf.save_as(copy)
        assert not pf.read_only and pf.path == copy and doc.history.is_clean
        assert load(copy).title == "Edited here"
    assert path.read_bytes() == before
    assert not lock_of(path).exists()


def test_a_read_only_folder_opens_read_only_without_leaving_a_lock(tmp_path: Path) -> None:
    folder = tmp_path / "shelf"
    folder.mkdir()
    path = sample(folder)
    os.chmod(folder, 0o555)
    try:
        with ProjectFile.open(path) as pf:
            assert pf.read_only and "folder" in pf.read_only_reason
            edited(pf)
            with pytest.raises(OutputNotWritten, match="folder"):
                pf.save()
        assert sorted(p.name for p in folder.iterdir()) == ["shared.motdesk"]
    finally:
        os.chmod(folder, 0o755)


def _hold(path: str, ready) -> None:
    pf = ProjectFile.open(path)
    ready.send((pf.read_only, os.getpid()))
    multiprocessing.Event().wait(60)


def test_a_second_motdesk_gets_the_file_read_only_until_the_first_dies(tmp_path: Path) -> None:
    path = sample(tmp_path)
    parent, child = FORK.Pipe()
    holder = FORK.Process(target=_hold, args=(str(path), child))
    holder.start()
    read_only, pid = parent.recv()
    assert not read_only
    try:
        with ProjectFile.open(path) as pf:
            assert pf.read_only
            assert f"open in another motdesk (process {pid} on {socket.gethostname()}" in (
                pf.read_only_reason or ""
            )
            edited(pf)
            with pytest.raises(OutputNotWritten, match="open in another motdesk"):
                pf.save()
        assert load(path).title  # reading is always allowed
        with pytest.raises(OutputNotWritten, match="open in another motdesk"):
            save_as_target = ProjectFile.untitled()
            save_as_target.save_as(path)
    finally:
        os.kill(holder.pid, signal.SIGKILL)
        holder.join(10)
    assert lock_of(path).exists(), "a crashed motdesk leaves its lock file behind"
    with ProjectFile.open(path) as pf:
        assert not pf.read_only, "the lock of a dead process is taken over"
        edited(pf)
        pf.save()
    assert load(path).title == "Edited here"


def test_opening_a_file_twice_in_one_motdesk_says_so(tmp_path: Path) -> None:
    path = sample(tmp_path)
    with ProjectFile.open(path) as first, ProjectFile.open(path) as second:
        assert not first.read_only
        assert second.read_only and second.read_only_reason == "it is already open in this motdesk"


def test_a_stale_lock_file_is_taken_over(tmp_path: Path) -> None:
    path = sample(tmp_path)
    stale = {"pid": 999_999, "host": socket.gethostname(), "since": "2020-01-01T00:00:00+00:00"}
    lock_of(path).write_text(json.dumps(stale), encoding="utf-8")
    with ProjectFile.open(path) as pf:
        assert not pf.read_only
        assert json.loads(lock_of(path).read_text())["pid"] == os.getpid()
    assert not lock_of(path).exists()


def test_disk_full_keeps_the_old_file_and_the_unsaved_document(tmp_path: Path) -> None:
    path = sample(tmp_path)
    old = dumps(load(path))
    with ProjectFile.open(path) as pf:
        doc = Document(pf.project)
        pf.attach(doc, keep_recovery=False)
        conn = pf.connection
        pages = conn.execute("PRAGMA page_count").fetchone()[0]
        conn.execute(f"PRAGMA max_page_count = {pages}")  # no room to grow
        jid = doc.project.journeys[0].id
        for n in range(40):
            doc.add_step(jid, label=f"Long step {n} " + "words " * 300)
        with pytest.raises(OutputNotWritten) as info:
            pf.save()
        assert str(path) in str(info.value) and "the disk is full" in str(info.value)
        assert not doc.history.is_clean
        assert dumps(load(path)) == old
        conn.execute("PRAGMA max_page_count = 1073741823")  # room again: the same save succeeds
        pf.save()
        assert doc.history.is_clean
    assert dumps(load(path)) == dumps(doc.project)


def test_a_file_moved_away_is_not_silently_recreated(tmp_path: Path) -> None:
    path = sample(tmp_path)
    with ProjectFile.open(path) as pf:
        doc = edited(pf)
        path.rename(tmp_path / "elsewhere.motdesk")
        with pytest.raises(OutputNotWritten, match="moved or deleted.*Save As"):
            pf.save()
        assert not path.exists() and not doc.history.is_clean
        pf.save_as(path)
    assert load(path).title == "Edited here"


def test_a_file_replaced_by_another_program_is_not_overwritten(tmp_path: Path) -> None:
    path = sample(tmp_path)
    with ProjectFile.open(path) as pf:
        edited(pf)
        save_new(Document.new("Theirs").project, path)
        with pytest.raises(OutputNotWritten, match="replaced it"):
            pf.save()
    assert load(path).title == "Theirs"


def test_save_as_leaves_the_old_file_at_its_saved_state_and_moves_the_lock(tmp_path: Path) -> None:
    path = sample(tmp_path)
    old = path.read_bytes()
    target = tmp_path / "sub" / "copy.motdesk"
    target.parent.mkdir()
    with ProjectFile.open(path) as pf:
        doc = edited(pf)
        jid = doc.project.journeys[0].id
        doc.add_step(jid, label="Only in the copy")
        pf.save_as(target)
        assert pf.path == target and doc.history.is_clean
        assert not lock_of(path).exists() and lock_of(target).exists()
        doc.update_project(title="Saved in place afterwards")
        pf.save()
    assert path.read_bytes() == old
    assert dumps(load(target)) == dumps(doc.project)
    assert stat.S_IMODE(target.stat().st_mode) & 0o600 == 0o600


def test_an_untitled_project_is_saved_first_with_save_as(tmp_path: Path) -> None:
    pf = ProjectFile.untitled()
    doc = Document(pf.project)
    pf.attach(doc, keep_recovery=False)
    doc.add_step(doc.project.journeys[0].id, label="First")
    with pytest.raises(OutputNotWritten, match="no file yet"):
        pf.save()
    target = tmp_path / "new.motdesk"
    pf.save_as(target)
    doc.add_step(doc.project.journeys[0].id, label="Second")
    pf.save()
    pf.close()
    assert dumps(load(target)) == dumps(doc.project)


def test_save_as_into_a_missing_folder_says_so(tmp_path: Path) -> None:
    pf = ProjectFile.untitled()
    with pytest.raises(OutputNotWritten) as info:
        pf.save_as(tmp_path / "nope" / "x.motdesk")
    assert "x.motdesk" in str(info.value)


def test_a_text_too_large_for_a_file_is_refused_when_saving(tmp_path: Path) -> None:
    path = sample(tmp_path)
    before = path.read_bytes()
    with ProjectFile.open(path) as pf:
        doc = Document(pf.project)
        pf.attach(doc, keep_recovery=False)
        # each text within the document's limit, the record past the file's
        doc.add_step(doc.project.journeys[0].id, label="big", pain_points=["x" * 900_000] * 10)
        with pytest.raises(OutputNotWritten, match="more than 8 MB"):
            pf.save()
        assert not doc.history.is_clean
    assert path.read_bytes() == before
    with pytest.raises(OutputNotWritten, match="more than 8 MB"):
        save_new(doc.project, tmp_path / "big.motdesk")
    assert not (tmp_path / "big.motdesk").exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["shared.motdesk"]


def _hold_and_save(path: str, ready, go) -> None:
    pf = ProjectFile.open(path)
    doc = Document(pf.project)
    pf.attach(doc, keep_recovery=False)
    ready.send("holding")
    go.recv()
    doc.update_project(title="Saved by the holder")
    pf.save()
    ready.send("saved")
    multiprocessing.Event().wait(60)


def test_save_as_from_a_file_held_elsewhere_writes_only_this_document(tmp_path: Path) -> None:
    """The other motdesk may save meanwhile: a copy of its file would mix its work into ours."""
    path = sample(tmp_path)
    parent, child = FORK.Pipe()
    go_parent, go_child = FORK.Pipe()
    holder = FORK.Process(target=_hold_and_save, args=(str(path), child, go_child))
    holder.start()
    try:
        assert parent.recv() == "holding"
        with ProjectFile.open(path) as pf:
            assert pf.read_only
            doc = Document(pf.project)
            pf.attach(doc, keep_recovery=False)
            doc.add_step(doc.project.journeys[0].id, label="Mine")
            go_parent.send("go")
            assert parent.recv() == "saved"
            pf.save_as(tmp_path / "mine.motdesk")
        assert dumps(load(tmp_path / "mine.motdesk")) == dumps(doc.project)
        assert load(path).title == "Saved by the holder"
    finally:
        os.kill(holder.pid, signal.SIGKILL)
        holder.join(10)

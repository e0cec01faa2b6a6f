"""Older schemas are upgraded step by step in a copy; the original is only replaced by a save.

Schema 1 is the first schema motdesk wrote, so these tests register a synthetic
schema 0 (emotions in one JSON column, no lists of opportunities) and its step
to schema 1, to prove the path every future schema will take.
"""

from __future__ import annotations

import sqlite3
from dataclasses import replace
from pathlib import Path

import pytest

from motdesk.errors import InputRefused
from motdesk.graph.document import Document
from motdesk.graph.jsonio import dumps, read_project
from motdesk.resources import templates
from motdesk.store import ProjectFile, check, load, migrations, save_new
from motdesk.store.schema import APPLICATION_ID, DDL

V0_STEPS = (
    DDL[5]
    .replace(
        "    current_emotion INTEGER,\n    future_emotion INTEGER,\n",
        "    emotion TEXT NOT NULL,\n",
    )
    .replace("    opportunities TEXT NOT NULL,\n", "")
)


def upgrade_0_to_1(conn: sqlite3.Connection) -> None:
    """Schema 0 kept both emotions as JSON in one column and had no opportunities."""
    conn.execute("ALTER TABLE steps RENAME TO steps_0")
    conn.execute(DDL[5])
    conn.execute(
        """INSERT INTO steps (position, id, journey, label, stage, lane, description, kind,
           channel, owner, evidence, state, moment, current_emotion, future_emotion,
           pain_points, opportunities, kpis, phase, notes, x, y)
           SELECT position, id, journey, label, stage, lane, description, kind, channel, owner,
           evidence, state, moment, json_extract(emotion, '$.current'),
           json_extract(emotion, '$.future'), pain_points, '[]', kpis, phase, notes, x, y
           FROM steps_0 ORDER BY position"""
    )
    conn.execute("DROP TABLE steps_0")


def write_v0(path: Path) -> str:
    """A schema-0 file of the airline sample; returns the JSON its upgrade must read as."""
    project = read_project(templates()[0].path)
    for journey in project.journeys:
        for step in list(journey.steps()):
            journey._put_step(replace(step, opportunities=()))
    tmp = path.with_name("current.motdesk")
    save_new(project, tmp)
    conn = sqlite3.connect(tmp, isolation_level=None)
    conn.execute("BEGIN")
    conn.execute("ALTER TABLE steps RENAME TO steps_1")
    conn.execute(V0_STEPS)
    conn.execute(
        """INSERT INTO steps SELECT position, id, journey, label, stage, lane, description, kind,
           channel, owner, evidence, state, moment,
           json_object('current', current_emotion, 'future', future_emotion),
           pain_points, kpis, phase, notes, x, y FROM steps_1 ORDER BY position"""
    )
    conn.execute("DROP TABLE steps_1")
    conn.execute("PRAGMA user_version = 0")
    conn.execute("COMMIT")
    conn.execute("VACUUM")
    conn.close()
    tmp.rename(path)
    return dumps(project)


@pytest.fixture
def v0_path(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Path, str]:
    monkeypatch.setitem(migrations.MIGRATIONS, 0, upgrade_0_to_1)
    path = tmp_path / "old.motdesk"
    return path, write_v0(path)


def test_an_older_file_is_upgraded_in_a_copy_and_left_untouched(v0_path) -> None:
    path, expected = v0_path
    before = path.read_bytes()
    assert int.from_bytes(before[60:64], "big") == 0
    assert dumps(load(path)) == expected
    check(path)
    assert path.read_bytes() == before
    assert sorted(p.name for p in path.parent.iterdir()) == ["old.motdesk"]


def test_the_first_save_writes_the_current_schema(v0_path) -> None:
    path, expected = v0_path
    with ProjectFile.open(path) as pf:
        assert pf.upgraded_from == 0 and not pf.read_only
        doc = Document(pf.project)
        pf.attach(doc, keep_recovery=False)
        doc.update_project(title="Upgraded")
        pf.save()
        assert pf.upgraded_from is None
    assert int.from_bytes(path.read_bytes()[60:64], "big") == 1
    migrations.MIGRATIONS.pop(0)  # the saved file no longer needs the old step
    assert load(path).title == "Upgraded"


def test_a_failing_upgrade_refuses_and_leaves_the_file(v0_path, monkeypatch) -> None:
    path, _ = v0_path
    before = path.read_bytes()

    def half_done(conn: sqlite3.Connection) -> None:
        conn.execute("DROP TABLE steps")  # gets half way, then fails
        conn.execute("SELECT no_such_function()")

    monkeypatch.setitem(migrations.MIGRATIONS, 0, half_done)
    with pytest.raises(InputRefused) as info:
        load(path)
    message = str(info.value)
    assert str(path) in message and "could not be upgraded from schema 0 to 1" in message
    assert path.read_bytes() == before


def test_an_upgrade_that_leaves_a_foreign_schema_is_refused(v0_path, monkeypatch) -> None:
    path, _ = v0_path
    monkeypatch.setitem(migrations.MIGRATIONS, 0, lambda conn: None)
    with pytest.raises(InputRefused, match="unlike the current schema"):
        load(path)


def test_a_schema_with_no_upgrade_path_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "ancient.motdesk"
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    conn.execute("CREATE TABLE steps (label TEXT)")
    conn.close()
    before = path.read_bytes()
    with pytest.raises(InputRefused, match="schema version 0, which this motdesk cannot upgrade"):
        load(path)
    assert path.read_bytes() == before


def test_an_older_file_with_a_trigger_is_refused_before_any_upgrade(v0_path) -> None:
    path, _ = v0_path
    conn = sqlite3.connect(path)
    conn.execute("CREATE TRIGGER t AFTER UPDATE ON steps BEGIN SELECT 1; END")
    conn.close()
    with pytest.raises(InputRefused, match="trigger 't'"):
        load(path)
    assert migrations.missing_step(0) is None

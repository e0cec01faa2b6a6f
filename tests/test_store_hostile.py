"""Opening is hostile-input handling: each bad file is refused with one sentence naming the file
and the reason, and the file (and its folder) are left byte for byte as they were."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from motdesk.errors import InputRefused
from motdesk.graph.document import Document
from motdesk.graph.jsonio import FORMAT, VERSION, dumps, project_from_dict, read_project
from motdesk.graph.validation import DocumentError
from motdesk.resources import templates
from motdesk.store import APPLICATION_ID, ProjectFile, check, load, save_new
from motdesk.store.rows import (
    JOURNEY_COLUMNS,
    LANE_COLUMNS,
    PERSONA_COLUMNS,
    PROJECT_COLUMNS,
    STAGE_COLUMNS,
    STEP_COLUMNS,
    TRANSITION_COLUMNS,
    step_dict,
    transition_dict,
)
from tests.strategies import projects


def sample(folder: Path, name: str = "sample.motdesk") -> Path:
    path = folder / name
    save_new(read_project(templates()[0].path), path)
    return path


def tamper(path: Path, *statements: str, params: tuple = ()) -> None:
    """Change a file behind motdesk's back, as another program (or an attacker) would."""
    conn = sqlite3.connect(path, isolation_level=None)
    try:
        for statement in statements:
            conn.execute(statement, params if "?" in statement else ())
    finally:
        conn.close()


def snapshot(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir()) if p.is_file()}


def refused(path: Path, *reason: str) -> str:
    """Open `path` every way motdesk does; each refuses naming it, and nothing changes."""
    before = snapshot(path.parent)
    messages = []
    for opener in (load, check, ProjectFile.open):
        with pytest.raises(InputRefused) as info:
            opener(path)
        message = str(info.value)
        assert str(path) in message, message
        assert "\n" not in message
        for word in reason:
            assert word in message, message
        messages.append(message)
        assert snapshot(path.parent) == before, "a refused file must be left as it was"
    assert len(set(messages)) == 1
    return messages[0]


# -- not a motdesk file at all ------------------------------------------------------


def test_empty_file(tmp_path: Path) -> None:
    path = tmp_path / "empty.motdesk"
    path.write_bytes(b"")
    refused(path, "is empty")


def test_png_renamed(tmp_path: Path) -> None:
    path = tmp_path / "picture.motdesk"
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8)
    refused(path, "not a motdesk project", "PNG image")


def test_text_file_renamed(tmp_path: Path) -> None:
    path = tmp_path / "notes.motdesk"
    path.write_text("Meeting notes\nnothing to see\n", encoding="utf-8")
    refused(path, "not a motdesk project", "text file")


def test_json_project_renamed_points_to_import(tmp_path: Path) -> None:
    path = tmp_path / "project.motdesk"
    path.write_text(dumps(Document.new().project), encoding="utf-8")
    refused(path, "JSON", "motdesk import")


def test_another_programs_sqlite_file(tmp_path: Path) -> None:
    path = tmp_path / "other.motdesk"
    tamper(path, "CREATE TABLE songs (title TEXT)", "INSERT INTO songs VALUES ('x')")
    refused(path, "SQLite database of another program")
    tamper(path, "PRAGMA application_id = 1196444487")  # GeoPackage's id
    refused(path, "another program")


def test_missing_file_and_folder(tmp_path: Path) -> None:
    with pytest.raises(InputRefused, match="does not exist"):
        load(tmp_path / "nothing.motdesk")
    folder = tmp_path / "folder.motdesk"
    folder.mkdir()
    with pytest.raises(InputRefused, match="is a folder"):
        load(folder)


# -- damaged ------------------------------------------------------------------------------


def test_truncated_file(tmp_path: Path) -> None:
    path = sample(tmp_path)
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])
    refused(path, "cut short")


def test_cut_inside_the_header(tmp_path: Path) -> None:
    path = sample(tmp_path)
    path.write_bytes(path.read_bytes()[:60])
    refused(path, "cut short")


def test_corrupted_pages(tmp_path: Path) -> None:
    path = sample(tmp_path)
    data = bytearray(path.read_bytes())
    page = 4096
    for start in range(page * 2, len(data), page):  # scribble over every page but the first
        data[start : start + 64] = b"\xa5" * 64
    path.write_bytes(bytes(data))
    refused(path, "damaged")


def test_corrupted_schema_page(tmp_path: Path) -> None:
    path = sample(tmp_path)
    data = bytearray(path.read_bytes())
    data[100:400] = b"\x00" * 300  # the first page's b-tree header and cell pointers
    path.write_bytes(bytes(data))
    refused(path, "damaged")


def test_a_schema_name_that_is_not_utf8_is_refused_as_damaged(tmp_path: Path) -> None:
    path = sample(tmp_path)
    data = bytearray(path.read_bytes())
    at = data.index(b"tablestepssteps")  # the table's entry: its type, name, table name
    data[at + len(b"tables")] = 0xAE  # "s\xaeeps": not a character of UTF-8
    path.write_bytes(bytes(data))
    refused(path, "damaged", "not UTF-8")


def test_a_label_of_bytes_that_are_not_utf8_is_refused_without_echoing_them(
    tmp_path: Path,
) -> None:
    path = sample(tmp_path)
    tamper(path, "UPDATE steps SET label = CAST(x'1b5b33316d5245441b5d303b70776e6407fffe' AS TEXT)")
    message = refused(path, "damaged", "not UTF-8")
    assert "\x1b" not in message and "\x07" not in message  # no terminal codes passed on


def test_sqlites_check_reports_one_line(tmp_path: Path) -> None:
    from motdesk.errors import one_line

    report = "*** in database main ***\nOn tree page 15 cell 11: Rowid 19 out of order"
    assert one_line(report.split("\n", 2)[1]) == "On tree page 15 cell 11: Rowid 19 out of order"
    assert one_line("a\x1b[31mb\nc" + "x" * 200, 20).startswith("a\\x1b[31mb c")
    assert len(one_line("x" * 200, 20)) == 20


def test_wal_file_is_refused(tmp_path: Path) -> None:
    path = sample(tmp_path)
    tamper(path, "PRAGMA journal_mode = WAL")
    for extra in tmp_path.glob("*-wal"):
        extra.unlink()
    for extra in tmp_path.glob("*-shm"):
        extra.unlink()
    refused(path, "write-ahead log")


# -- versions and schema objects -------------------------------------------------------


def test_newer_schema_version(tmp_path: Path) -> None:
    path = sample(tmp_path)
    tamper(path, "PRAGMA user_version = 7")
    refused(path, "newer motdesk", "schema 7")


@pytest.mark.parametrize(
    ("statement", "words"),
    [
        (
            "CREATE TRIGGER spy AFTER INSERT ON steps BEGIN DELETE FROM steps; END",
            ("trigger 'spy'", "did not create"),
        ),
        ("CREATE VIEW peek AS SELECT label FROM steps", ("view 'peek'", "did not create")),
        ("CREATE TABLE extra (x TEXT)", ("table 'extra'", "did not create")),
        ("CREATE INDEX by_label ON steps(label)", ("index 'by_label'", "did not create")),
        ("ALTER TABLE steps ADD COLUMN secret TEXT", ("table 'steps'", "not as motdesk creates")),
    ],
    ids=["trigger", "view", "table", "index", "altered table"],
)
def test_schema_objects_motdesk_did_not_create(tmp_path: Path, statement, words) -> None:
    path = sample(tmp_path)
    tamper(path, statement)
    refused(path, *words)


def test_a_huge_label_is_refused_clearly(tmp_path: Path) -> None:
    path = sample(tmp_path)
    tamper(path, "UPDATE steps SET label = ? WHERE position = 3", params=("x" * 10_000_000,))
    refused(path, "more than 8 MB")


def test_a_label_past_the_documents_limit_is_refused_with_its_path(tmp_path: Path) -> None:
    path = sample(tmp_path)
    tamper(path, "UPDATE steps SET label = ? WHERE position = 3", params=("x" * 1_500_000,))
    refused(
        path, "journeys[0].steps[", ".label: 1,500,000 characters are more than a text may hold"
    )


# -- rows that break the document's rules ----------------------------------------


@pytest.mark.parametrize(
    ("statement", "words"),
    [
        ("UPDATE steps SET kind = 'bogus' WHERE position = 2", ("journeys[0].steps[1].kind", "'bogus'")),
        ("UPDATE steps SET stage = 'nowhere' WHERE position = 3", ("journeys[0].steps[2].stage", "not a stage")),
        ("UPDATE steps SET current_emotion = 9 WHERE position = 1", ("journeys[0].steps[0].emotion.current", "outside")),
        ("UPDATE steps SET x = 'left' WHERE position = 1", ("journeys[0].steps[0].x", "not a number")),
        ("UPDATE steps SET pain_points = '[1, 2]' WHERE position = 1", ("journeys[0].steps[0].pain_points[0]", "not text")),
        ("UPDATE steps SET pain_points = 'oops' WHERE position = 1", ("journeys[0].steps[0].pain_points", "not a list")),
        ("UPDATE transitions SET target = 'ghost' WHERE position = 1", ("journeys[0].transitions[0].target", "'ghost'")),
        ("UPDATE transitions SET share = 'half' WHERE position = 1", ("journeys[0].transitions[0].share", "not a number")),
        ("UPDATE transitions SET target = source WHERE position = 1", ("journeys[0].transitions[0].target", "itself")),
        ("UPDATE stages SET moment = 'XMOT' WHERE position = 1", ("journeys[0].stages[0].moment", "'XMOT'")),
        ("UPDATE journeys SET persona = 'ghost'", ("journeys[0].persona", "not a persona")),
        ("UPDATE project SET emotion_scale = '0..100'", ("emotion_scale", "'0..100'")),
        ("UPDATE steps SET id = (SELECT id FROM lanes LIMIT 1) WHERE position = 4", ("journeys[0].steps[3].id", "already used")),
        ("UPDATE steps SET journey = 'elsewhere' WHERE position = 1", ("belongs to journey 'elsewhere'",)),
    ],
    ids=["enum", "dangling stage", "emotion", "position", "list items", "list", "dangling target",
         "share", "loop", "stage moment", "persona", "scale", "duplicate id", "orphan"],
)  # fmt: skip
def test_rows_that_break_the_rules_are_refused_with_their_path(tmp_path: Path, statement, words):
    path = sample(tmp_path)
    tamper(path, statement)
    refused(path, "breaks the rules of a motdesk project", *words)


def test_a_file_without_its_project_row_is_damaged(tmp_path: Path) -> None:
    path = sample(tmp_path)
    tamper(path, "DELETE FROM project")
    refused(path, "damaged", "0 project rows")


# -- the fast reader and the JSON reader agree on every row ----------------------------


def oracle(path: Path) -> bool:
    """Whether the JSON reader accepts the file's rows (an independent, slow reading)."""
    conn = sqlite3.connect(path)
    try:

        def rows(table: str, columns: tuple[str, ...]):
            return conn.execute(
                f"SELECT {', '.join(columns)} FROM {table} ORDER BY position"
            ).fetchall()

        project_rows = conn.execute(f"SELECT {', '.join(PROJECT_COLUMNS)} FROM project").fetchall()
        if len(project_rows) != 1:
            return False
        data = {
            "format": FORMAT,
            "version": VERSION,
            **dict(zip(PROJECT_COLUMNS, project_rows[0], strict=False)),
        }
        data["personas"] = [
            dict(zip(PERSONA_COLUMNS, r, strict=False)) for r in rows("personas", PERSONA_COLUMNS)
        ]
        journeys = {}
        data["journeys"] = []
        for r in rows("journeys", JOURNEY_COLUMNS):
            j = dict(
                zip(JOURNEY_COLUMNS, r, strict=False), stages=[], lanes=[], steps=[], transitions=[]
            )
            data["journeys"].append(j)
            journeys.setdefault(j["id"], j)
        for table, columns in (("stages", STAGE_COLUMNS), ("lanes", LANE_COLUMNS)):
            for r in rows(table, columns):
                item = dict(zip(columns, r, strict=False))
                if item["journey"] not in journeys:
                    return False
                journeys[item.pop("journey")][table].append(item)
        for r in rows("steps", STEP_COLUMNS):
            if r[0] not in journeys:
                return False
            item = step_dict(r)
            for key in ("pain_points", "opportunities", "kpis"):
                try:
                    item[key] = json.loads(item[key])
                except ValueError:
                    return False
            journeys[r[0]]["steps"].append(item)
        for r in rows("transitions", TRANSITION_COLUMNS):
            if r[0] not in journeys:
                return False
            journeys[r[0]]["transitions"].append(transition_dict(r))
    finally:
        conn.close()
    try:
        project_from_dict(data)
    except DocumentError:
        return False
    return True


MUTATIONS = [
    ("steps", "kind", ["bogus", "action", "end"]),
    ("steps", "channel", ["fax", None, "web"]),
    ("steps", "stage", ["nowhere", "@other-stage", "@same-stage"]),
    ("steps", "lane", ["nowhere", "@other-lane"]),
    ("steps", "current_emotion", [99, -99, 0, None, 1]),
    ("steps", "future_emotion", [99, 0, None, -1]),
    ("steps", "state", ["maybe", "current", "future", "both"]),
    ("steps", "moment", ["XMOT", "ZMOT", None]),
    ("steps", "evidence", ["rumour", "assumed"]),
    ("steps", "phase", [0, -1, 2, None]),
    ("steps", "x", ["left", 1e309, 5, 2.5, -1e309]),
    ("steps", "y", [b"\x00", 0]),
    ("steps", "pain_points", ["[1]", "{}", "not json", '["ok"]', '["a"] ', "[]", "[null]"]),
    (
        "steps",
        "kpis",
        ['[{"name": ""}]', '[{"name": "x", "current": "high"}]', '[{"name": "x"}]', '[{"nom": 1}]'],
    ),
    ("steps", "id", ["", "  ", "@dup", "fresh-id"]),
    ("steps", "journey", ["nojourney", "@other-journey"]),
    ("transitions", "source", ["nowhere", "@step", "@target"]),
    ("transitions", "target", ["nowhere", "@step"]),
    ("transitions", "share", [1.5, -0.1, "half", 0.5, None, 1]),
    ("transitions", "state", ["x", "current", "future", "both"]),
    ("transitions", "id", ["", "@dup"]),
    ("stages", "moment", ["XMOT", "ZMOT", None]),
    ("lanes", "kind", ["upstairs", "support"]),
    ("personas", "id", ["", "@dup"]),
    ("journeys", "persona", ["ghost", None]),
    ("project", "emotion_scale", ["0..100", "1..5", "-2..2"]),
    ("project", "workshop_date", ["2024-13-45", "2024-01-02", "soon"]),
]


def _resolve(conn: sqlite3.Connection, value, table: str, position: int):
    """Placeholders that name other records of the file."""
    if not isinstance(value, str) or not value.startswith("@"):
        return value
    one = lambda sql: (conn.execute(sql).fetchone() or ("x",))[0]  # noqa: E731
    return {
        "@other-stage": one("SELECT id FROM stages ORDER BY position DESC LIMIT 1"),
        "@same-stage": one("SELECT id FROM stages ORDER BY position LIMIT 1"),
        "@other-lane": one("SELECT id FROM lanes ORDER BY position DESC LIMIT 1"),
        "@dup": one("SELECT id FROM journeys LIMIT 1"),
        "@other-journey": one("SELECT id FROM journeys ORDER BY position DESC LIMIT 1"),
        "@step": one("SELECT id FROM steps ORDER BY position DESC LIMIT 1"),
        "@target": one(f"SELECT target FROM transitions WHERE position = {position}"),
    }[value]


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(project=projects(max_steps=4), mutation=st.sampled_from(MUTATIONS), data=st.data())
def test_the_fast_reader_refuses_exactly_what_the_json_reader_refuses(
    project, mutation, data, tmp_path_factory
) -> None:
    path = tmp_path_factory.mktemp("mut") / "m.motdesk"
    save_new(project, path)
    table, column, values = mutation
    conn = sqlite3.connect(path, isolation_level=None)
    try:
        positions = [
            r[0]
            for r in conn.execute(
                f"SELECT {'id' if table == 'project' else 'position'} FROM {table}"
            )
        ]
        assume(positions)
        position = data.draw(st.sampled_from(positions))
        value = _resolve(conn, data.draw(st.sampled_from(values)), table, position)
        key = "id" if table == "project" else "position"
        try:
            conn.execute(f"UPDATE {table} SET {column} = ? WHERE {key} = ?", (value, position))
        except sqlite3.Error:
            assume(False)  # a type or constraint SQLite itself enforces
    finally:
        conn.close()
    accepted = oracle(path)
    try:
        loaded = load(path)
    except InputRefused as exc:
        assert not accepted, f"refused a file the JSON reader accepts: {exc}"
        assert str(path) in str(exc)
    else:
        assert accepted, "accepted a file the JSON reader refuses"
        assert dumps(loaded)  # and it is a whole project


def test_a_sound_file_checks_and_stays_untouched(tmp_path: Path) -> None:
    path = sample(tmp_path)
    before = snapshot(tmp_path)
    check(path)
    load(path)
    assert snapshot(tmp_path) == before
    assert APPLICATION_ID == 0x4D4F5444

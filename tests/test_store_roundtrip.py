"""A project survives a `.motdesk` file exactly: whole saves, incremental saves, recovery copies."""

from __future__ import annotations

import contextlib
import sqlite3
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, invariant, precondition, rule

from motdesk.graph.document import Document
from motdesk.graph.jsonio import dumps, read_project
from motdesk.graph.model import STEP_FIELDS, TRANSITION_FIELDS, Kpi
from motdesk.graph.validation import DocumentError
from motdesk.graph.vocabulary import Channel, LaneKind, Moment, State
from motdesk.resources import templates
from motdesk.store import APPLICATION_ID, SCHEMA_VERSION, ProjectFile, load, save_new
from motdesk.store.rows import STEP_COLUMNS, TRANSITION_COLUMNS
from tests.strategies import counting_ids, projects, text


@pytest.mark.parametrize("item", templates(), ids=lambda t: t.name)
def test_every_template_round_trips_to_identical_json(item, tmp_path: Path) -> None:
    project = read_project(item.path)
    path = tmp_path / f"{item.name}.motdesk"
    save_new(project, path)
    assert dumps(load(path)) == dumps(project)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(project=projects(max_steps=8))
def test_random_projects_round_trip_to_identical_json(project, tmp_path_factory) -> None:
    path = tmp_path_factory.mktemp("rt") / "p.motdesk"
    save_new(project, path)
    assert dumps(load(path)) == dumps(project)


def test_numbers_keep_their_kind_and_texts_keep_every_character(tmp_path: Path) -> None:
    doc = Document.new()
    journey = doc.project.journeys[0]
    odd = "nul\x00 tab\t <b>&amp;</b> \"quoted\" 'single' \\ 中文 🙂 \u202e end"
    step = doc.add_step(
        journey.id, label=odd, x=240, y=12.5, pain_points=[odd, ""],
        kpis=(Kpi("NPS", 3, 4.0, "/5"), Kpi("wait", 2.25, None)),
    )  # fmt: skip
    other = doc.add_step(journey.id, label="b", x=1e15, y=-0.0)
    doc.connect(journey.id, step.id, other.id, share=1)
    path = tmp_path / "odd.motdesk"
    save_new(doc.project, path)
    back = load(path)
    assert dumps(back) == dumps(doc.project)
    got = back.journeys[0].step(step.id)
    assert got.label == odd and type(got.x) is int and type(got.y) is float
    assert type(back.journeys[0].transition_between(step.id, other.id).share) is int


def test_the_file_carries_motdesk_identity_and_no_wal(tmp_path: Path) -> None:
    path = tmp_path / "id.motdesk"
    save_new(Document.new().project, path)
    header = path.read_bytes()[:100]
    assert header[:16] == b"SQLite format 3\x00"
    assert int.from_bytes(header[68:72], "big") == APPLICATION_ID
    assert int.from_bytes(header[60:64], "big") == SCHEMA_VERSION
    assert header[18:20] == b"\x01\x01"  # rollback journal, never WAL
    assert not list(tmp_path.glob("*-journal")) and not list(tmp_path.glob("*.part"))


def test_the_schema_stores_every_field_of_steps_and_transitions() -> None:
    """A new field on a record needs a column (and a new schema version) before it can be kept."""
    assert set(STEP_COLUMNS) - {"journey"} == set(STEP_FIELDS)
    assert set(TRANSITION_COLUMNS) - {"journey"} == set(TRANSITION_FIELDS)


def _rows(path: Path, table: str) -> list[tuple]:
    conn = sqlite3.connect(path)
    try:
        return conn.execute(f"SELECT * FROM {table} ORDER BY position").fetchall()
    finally:
        conn.close()


def test_saving_one_edit_rewrites_only_that_row(tmp_path: Path) -> None:
    path = tmp_path / "one.motdesk"
    save_new(read_project(templates()[0].path), path)
    before = {table: _rows(path, table) for table in ("steps", "transitions", "stages")}
    with ProjectFile.open(path) as pf:
        doc = Document(pf.project)
        pf.attach(doc)
        journey = doc.project.journeys[0]
        step_id = list(journey.graph.nodes)[3]
        doc.update_step(journey.id, step_id, label="Changed")
        pf.save()
    after = {table: _rows(path, table) for table in before}
    changed = [(a, b) for a, b in zip(before["steps"], after["steps"], strict=True) if a != b]
    assert len(changed) == 1 and changed[0][1][1] == step_id
    assert changed[0][0][0] == changed[0][1][0], "a changed step keeps its place"
    assert after["transitions"] == before["transitions"]
    assert after["stages"] == before["stages"]


def test_steps_put_back_by_undo_are_saved_in_their_new_place(tmp_path: Path) -> None:
    path = tmp_path / "order.motdesk"
    save_new(Document.new().project, path)
    with ProjectFile.open(path) as pf:
        doc = Document(pf.project)
        pf.attach(doc)
        jid = doc.project.journeys[0].id
        a = doc.add_step(jid, label="a")
        b = doc.add_step(jid, label="b")
        c = doc.add_step(jid, label="c")
        doc.connect(jid, a.id, b.id)
        doc.connect(jid, b.id, c.id)
        doc.remove_steps(jid, [a.id])
        doc.history.undo()  # a (and its transition) come back after c
        assert [s.label for s in doc.project.journeys[0].steps()] == ["b", "c", "a"]
        pf.save()
    assert dumps(load(path)) == dumps(doc.project)


class IncrementalSaves(RuleBasedStateMachine):
    """Random edits, undo and redo through the document; every save and every recovery
    flush must leave a file that reads back as exactly the document."""

    def __init__(self) -> None:
        super().__init__()
        self.folder = Path(__import__("tempfile").mkdtemp(prefix="motdesk-machine-"))

    @initialize(project=projects(max_steps=5))
    def start(self, project) -> None:
        self._restore_ids = counting_ids()  # replays must draw the same steps
        self.path = self.folder / "machine.motdesk"
        save_new(project, self.path)
        self.pf = ProjectFile.open(self.path)
        self.doc = Document(self.pf.project)
        self.pf.attach(self.doc)
        self.keeper = self.pf.recovery
        assert self.keeper is not None

    def teardown(self) -> None:
        if hasattr(self, "_restore_ids"):
            self._restore_ids()
        if hasattr(self, "pf"):
            self.pf.close()
        __import__("shutil").rmtree(self.folder, ignore_errors=True)

    def _journey(self, data):
        return data.draw(st.sampled_from(self.doc.project.journeys))

    def _ids(self, journey, data, at_least: int = 1) -> list[str]:
        ids = sorted(journey.graph.nodes)
        if len(ids) < at_least:
            return []
        return data.draw(st.lists(st.sampled_from(ids), min_size=at_least, max_size=3, unique=True))

    def _try(self, action) -> None:
        with contextlib.suppress(DocumentError, KeyError, ValueError, StopIteration):
            action()

    @rule(data=st.data(), label=text)
    def add_step(self, data, label) -> None:
        journey = self._journey(data)
        if journey.stages and journey.lanes:
            state = data.draw(st.sampled_from(list(State)))
            self._try(lambda: self.doc.add_step(journey.id, label=label, state=state, x=10))

    @rule(data=st.data(), label=text)
    def change_steps(self, data, label) -> None:
        journey = self._journey(data)
        ids = self._ids(journey, data)
        changes = {
            "label": label,
            "channel": data.draw(st.one_of(st.none(), st.sampled_from(list(Channel)))),
            "moment": data.draw(st.one_of(st.none(), st.sampled_from(list(Moment)))),
            "opportunities": data.draw(st.lists(text, max_size=2)),
            "y": data.draw(st.floats(-100, 100, allow_nan=False)),
        }
        self._try(lambda: self.doc.update_steps(journey.id, {i: changes for i in ids}))
        self._try(lambda: self.doc.set_state(journey.id, ids, data.draw(st.sampled_from(State))))

    @rule(data=st.data())
    def connect_and_disconnect(self, data) -> None:
        journey = self._journey(data)
        ids = self._ids(journey, data, at_least=2)
        if ids:
            self._try(lambda: self.doc.connect(journey.id, ids[0], ids[1], label="go"))
        transitions = [t.id for t in journey.transitions()]
        if transitions and data.draw(st.booleans()):
            self._try(lambda: self.doc.disconnect(journey.id, transitions[:1]))

    @rule(data=st.data())
    def delete_steps(self, data) -> None:
        journey = self._journey(data)
        self._try(lambda: self.doc.remove_steps(journey.id, self._ids(journey, data)))

    @rule(data=st.data())
    def delete_and_take_back(self, data) -> None:
        """Undoing a delete puts the steps back last: the file must follow that order."""
        journey = self._journey(data)
        ids = self._ids(journey, data)
        if ids:
            self._try(lambda: self.doc.remove_steps(journey.id, ids))
            self.doc.history.undo()

    @rule(data=st.data(), name=text)
    def lists(self, data, name) -> None:
        journey = self._journey(data)
        choice = data.draw(
            st.sampled_from(
                ["stage", "lane", "move", "remove", "persona", "journey", "dup", "drop"]
            )
        )
        if choice == "stage":
            self._try(lambda: self.doc.add_stage(journey.id, name, 0))
        elif choice == "lane":
            self._try(lambda: self.doc.add_lane(journey.id, name, kind=LaneKind.BACKSTAGE))
        elif choice == "move" and journey.stages:
            self._try(lambda: self.doc.move_stage(journey.id, journey.stages[-1].id, 0))
        elif choice == "remove" and len(journey.lanes) > 1:
            self._try(lambda: self.doc.remove_lane(journey.id, journey.lanes[0].id))
        elif choice == "persona":
            self._try(lambda: self.doc.add_persona(name))
        elif choice == "journey":
            self._try(lambda: self.doc.add_journey(name))
        elif choice == "dup":
            self._try(lambda: self.doc.duplicate_journey(journey.id))
        elif choice == "drop" and len(self.doc.project.journeys) > 1:
            self._try(lambda: self.doc.remove_journey(journey.id))

    @rule(title=text)
    def project_fields(self, title) -> None:
        self._try(lambda: self.doc.update_project(title=title))

    @rule(times=st.integers(1, 4))
    def undo(self, times) -> None:
        for _ in range(times):
            self.doc.history.undo()

    @rule(times=st.integers(1, 3))
    def redo(self, times) -> None:
        for _ in range(times):
            self.doc.history.redo()

    @rule()
    def save(self) -> None:
        self.pf.save()
        assert self.doc.history.is_clean
        assert dumps(load(self.path)) == dumps(self.doc.project)

    @precondition(lambda self: hasattr(self, "keeper"))
    @rule()
    def flush_recovery(self) -> None:
        self.keeper.flush()
        copy = self.keeper.copy_path
        if self.doc.history.is_clean:
            assert copy is None
        else:
            assert copy is not None and dumps(load(copy)) == dumps(self.doc.project)

    @invariant()
    def file_never_moves_ahead_of_a_save(self) -> None:
        if hasattr(self, "pf"):
            assert self.pf.path == self.path


IncrementalSaves.TestCase.settings = settings(
    max_examples=40,
    stateful_step_count=25,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
)
test_incremental_saves_and_recovery_copies_equal_the_document = IncrementalSaves.TestCase

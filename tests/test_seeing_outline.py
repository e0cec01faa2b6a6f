"""The outline matches the document and the canvas after any sequence of edits, undos, view
switches and selections."""

from __future__ import annotations

import contextlib

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PySide6.QtCore import QModelRoleData, QModelRoleDataSpan, Qt
from PySide6.QtGui import QIcon

from motdesk.graph.codes import step_codes
from motdesk.graph.document import Document
from motdesk.graph.jsonio import read_project
from motdesk.graph.validation import ValidationError
from motdesk.graph.views import view_emotion, visible
from motdesk.graph.vocabulary import State, View
from motdesk.resources import resources_dir
from motdesk.ui.outline import CODE, COLUMNS, NO_LABEL, reading_key
from motdesk.ui.session import Session
from tests.test_seeing import open_windows, settle

operations = st.lists(
    st.one_of(
        st.tuples(st.just("add"), st.integers(0, 4), st.integers(0, 3), st.sampled_from(list(State)),
                  st.text(max_size=12)),
        st.tuples(st.just("rename"), st.integers(0, 40), st.text(max_size=12)),
        st.tuples(st.just("move"), st.integers(0, 40), st.integers(0, 4), st.integers(-500, 2500)),
        st.tuples(st.just("state"), st.integers(0, 40), st.sampled_from(list(State))),
        st.tuples(st.just("feel"), st.integers(0, 40), st.sampled_from(["emotion", "future_emotion"]),
                  st.one_of(st.none(), st.integers(-3, 3))),
        st.tuples(st.just("remove"), st.integers(0, 40)),
        st.tuples(st.just("undo"),),
        st.tuples(st.just("redo"),),
        st.tuples(st.just("view"), st.sampled_from(list(View))),
        st.tuples(st.just("select"), st.lists(st.integers(0, 40), max_size=3)),
    ),
    max_size=20,
)  # fmt: skip


@pytest.fixture
def window(qtbot, monkeypatch):
    yield from open_windows(qtbot, monkeypatch)


def apply(win, op) -> None:
    document: Document = win.document
    journey = win.journey()
    steps = sorted(s.id for s in journey.steps())
    kind = op[0]

    def pick(index: int) -> str:
        return steps[index % len(steps)]

    if kind == "add":
        stage, lane = journey.stages[op[1]], journey.lanes[op[2]]
        document.add_step(journey.id, stage=stage.id, lane=lane.id, label=op[4], state=op[3])
    elif kind == "rename" and steps:
        with contextlib.suppress(ValidationError):
            document.update_step(journey.id, pick(op[1]), label=op[2])
    elif kind == "move" and steps:
        stage = journey.stages[op[2]]
        document.move_steps(journey.id, {pick(op[1]): {"stage": stage.id, "x": float(op[3])}})
    elif kind == "state" and steps:
        document.set_state(journey.id, [pick(op[1])], op[2])
    elif kind == "feel" and steps:
        with contextlib.suppress(ValidationError):
            document.update_step(journey.id, pick(op[1]), **{op[2]: op[3]})
    elif kind == "remove" and steps:
        document.remove(journey.id, [pick(op[1])], [])
    elif kind == "undo":
        document.history.undo()
    elif kind == "redo":
        document.history.redo()
    elif kind == "view":
        win.actions.views[op[1]].trigger()
    elif kind == "select" and steps:
        win.view.select_ids([pick(i) for i in op[1]])


def assert_outline_matches(win) -> None:
    outline = win.seeing.outline
    rows = outline.shown_rows()
    journey = win.journey()
    view = win.view.view_mode()
    lane_index = {lane.id: i for i, lane in enumerate(journey.lanes)}
    scale = win.document.project.scale
    assert list(rows) == [s.id for s in journey.stages]
    for stage in journey.stages:
        expected = sorted(
            (s for s in journey.steps() if s.stage == stage.id and visible(s.state, view)),
            key=lambda s: reading_key(s, lane_index),
        )
        assert rows[stage.id] == [s.id for s in expected]
        codes = step_codes(journey)  # as the handout numbers them, after any change
        for step in expected:
            assert outline.text(step.id) == (step.label or NO_LABEL)
            assert outline.text(step.id, CODE) == codes[step.id]
            shown = view_emotion(step, view)
            assert outline.text(step.id, EMOTION) == scale.number(shown)
    assert set(outline.selected_step_ids()) == set(win.view.selected_step_ids())


@settings(
    max_examples=30,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(ops=operations)
def test_outline_follows_any_sequence_of_changes(window, ops):
    win = shared_window(window)
    win.replace_session(Session.new(AIRLINE.copy()))
    win.set_view_mode(View.CURRENT)
    settle()
    assert_outline_matches(win)
    for op in ops:
        apply(win, op)
        settle()
        assert_outline_matches(win)


EMOTION = 1


def test_a_cell_paints_what_each_of_its_roles_says(window):
    """Painting asks for a cell's roles in one call; it answers as role-by-role asking does."""
    win = shared_window(window)
    win.replace_session(Session.new(AIRLINE.copy()))
    settle()
    model = win.seeing.outline.model
    roles = [int(role.value) for role in Qt.ItemDataRole if int(role.value) < 256]
    checked = 0
    for stage in range(model.rowCount()):
        stage_index = model.index(stage, 0)
        for row in [None, *range(model.rowCount(stage_index))]:
            for column in range(len(COLUMNS)):
                if row is None:
                    index = model.index(stage, column)
                else:
                    index = model.index(row, column, stage_index)
                asked = [QModelRoleData(role) for role in roles]
                for role_data in asked:
                    model.multiData(index, QModelRoleDataSpan(role_data))
                for role, role_data in zip(roles, asked, strict=True):
                    painted, asked_alone = role_data.data(), model.data(index, role)
                    if isinstance(asked_alone, QIcon):  # icons compare by what they hold
                        painted, asked_alone = painted.cacheKey(), asked_alone.cacheKey()
                    assert painted == asked_alone, (row, column, role)
                checked += 1
    assert checked > 20


AIRLINE = read_project(resources_dir() / "templates" / "airline.json")


def shared_window(maker):
    """One window for every example of a test (the maker lives as long as the test)."""
    if not hasattr(maker, "shared"):
        maker.shared = maker("airline.json")
    return maker.shared

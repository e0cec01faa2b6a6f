"""Reading a checked project file into a `Project`, refusing rows that break the document's rules.

Two paths, one set of rules. The fast path checks each step and transition row
in one expression while it builds the records (enums, ranges, references,
states, types of the untyped columns). Whenever it finds anything wrong, the
careful path rebuilds the file as the JSON format's object and hands it to
`motdesk.graph.jsonio.project_from_dict`, so the refusal names the bad value
with the same path and the same words as for a JSON file
(``journeys[0].steps[3].stage: 'x' is not a stage of the journey``).
Small tables (project, personas, journeys, stages, lanes) always take the
careful path: they are a few rows.
"""

from __future__ import annotations

import gc
import sqlite3
import sys
from collections.abc import Iterable
from enum import StrEnum
from typing import Any

from motdesk.errors import InputRefused
from motdesk.graph.jsonio import FORMAT, VERSION, kpi_from_dict, project_from_dict
from motdesk.graph.model import Journey, Kpi, Project, Step, Transition
from motdesk.graph.validation import MAX_TEXT, DocumentError
from motdesk.graph.vocabulary import (
    Channel,
    Evidence,
    Moment,
    State,
    StepKind,
)
from motdesk.store.rows import (
    JOURNEY_COLUMNS,
    LANE_COLUMNS,
    PERSONA_COLUMNS,
    PROJECT_COLUMNS,
    STAGE_COLUMNS,
    STEP_COLUMNS,
    TRANSITION_COLUMNS,
    DamagedList,
    parse_list,
    step_dict,
    transition_dict,
)


class _Suspect(Exception):
    """The fast path met something the careful path must name."""

    def __init__(self, kind: str, item_id: object) -> None:
        super().__init__(kind, item_id)
        self.kind = kind
        self.item_id = item_id


def _lookup(enum: type[StrEnum], optional: bool = False) -> dict[Any, Any]:
    table: dict[Any, Any] = {m.value: m for m in enum}
    if optional:
        table[None] = None
    return table


KINDS = _lookup(StepKind)
CHANNELS = _lookup(Channel, optional=True)
EVIDENCE = _lookup(Evidence)
STATES = _lookup(State)
MOMENTS = _lookup(Moment, optional=True)

NUMBERS = (int, float)
LARGEST = sys.float_info.max
# (transition state, source state, target state) that `transition_fits` allows.
FITTING: frozenset[tuple[str, str, str]] = frozenset(
    (t.value, a.value, b.value)
    for t in State
    for a in State
    for b in State
    if (not t.has_current or (a.has_current and b.has_current))
    and (not t.has_future or (a.has_future and b.has_future))
)

_KIND_OF_TABLE = {"stages": "stage", "lanes": "lane", "steps": "step", "transitions": "transition"}


def _select(table: str, columns: Iterable[str]) -> str:
    return f"SELECT {', '.join(columns)} FROM {table} ORDER BY position"


def refuse_rules(file: str, detail: str) -> InputRefused:
    return InputRefused(f"{file} breaks the rules of a motdesk project: {detail}")


def read_project(conn: sqlite3.Connection, file: str) -> Project:
    """The project a checked connection holds; `InputRefused` names the bad value's path."""
    _refuse_orphans(conn, file)
    frame = _frame(conn, file)
    try:
        project = project_from_dict(frame)
    except DocumentError as exc:
        raise refuse_rules(file, str(exc)) from None
    try:
        _fill(conn, project)
    except _Suspect as suspect:
        raise _careful_refusal(conn, file, frame, suspect) from None
    return project


def _refuse_orphans(conn: sqlite3.Connection, file: str) -> None:
    """Rows of a journey the project does not have: no JSON path can name them."""
    for table, kind in _KIND_OF_TABLE.items():
        row = conn.execute(
            f"SELECT id, journey FROM {table} "
            "WHERE journey NOT IN (SELECT id FROM journeys) ORDER BY position LIMIT 1"
        ).fetchone()
        if row is not None:
            raise refuse_rules(
                file, f"{kind} {row[0]!r} belongs to journey {row[1]!r}, which the project lacks"
            )


def _frame(conn: sqlite3.Connection, file: str) -> dict[str, Any]:
    """The project as the JSON format's object, without steps and transitions."""
    rows = conn.execute(f"SELECT {', '.join(PROJECT_COLUMNS)} FROM project").fetchall()
    if len(rows) != 1:
        raise InputRefused(f"{file} is damaged: it holds {len(rows)} project rows instead of one")
    frame: dict[str, Any] = {"format": FORMAT, "version": VERSION}
    frame.update(zip(PROJECT_COLUMNS, rows[0], strict=True))
    frame["personas"] = [
        dict(zip(PERSONA_COLUMNS, row, strict=True))
        for row in conn.execute(_select("personas", PERSONA_COLUMNS))
    ]
    journeys: list[dict[str, Any]] = []
    by_id: dict[str, dict[str, Any]] = {}
    for row in conn.execute(_select("journeys", JOURNEY_COLUMNS)):
        journey = dict(zip(JOURNEY_COLUMNS, row, strict=True))
        journey.update(stages=[], lanes=[], steps=[], transitions=[])
        journeys.append(journey)
        by_id.setdefault(journey["id"], journey)  # a twin id is named by the reader
    for table, columns in (("stages", STAGE_COLUMNS), ("lanes", LANE_COLUMNS)):
        for row in conn.execute(_select(table, columns)):
            item = dict(zip(columns, row, strict=True))
            by_id[item.pop("journey")][table].append(item)
    frame["journeys"] = journeys
    return frame


def _texts(text: str, step_id: str) -> tuple[str, ...]:
    if text == "[]":
        return ()
    try:
        values = parse_list(text)
    except DamagedList:
        raise _Suspect("step", step_id) from None
    if not all(type(v) is str for v in values):
        raise _Suspect("step", step_id)
    return tuple(values)


def _kpis(text: str, step_id: str) -> tuple[Kpi, ...]:
    if text == "[]":
        return ()
    try:
        return tuple(kpi_from_dict(item, "kpis") for item in parse_list(text))
    except (DamagedList, DocumentError):
        raise _Suspect("step", step_id) from None


def _fill(conn: sqlite3.Connection, project: Project) -> None:
    """Steps and transitions built directly, each row checked by the rules of the document.

    The checks mirror `check_step` and `check_transition` (and the JSON reader's
    enums and types) in one expression per row; anything they doubt is worded by
    the careful path. The cyclic garbage collector is paused meanwhile: its passes
    over tens of thousands of new records would find nothing and cost half the time.
    """
    journeys: dict[str, Journey] = {j.id: j for j in project.journeys}
    places = {(s.id, j.id) for j in project.journeys for s in j.stages}
    places |= {(lane.id, j.id) for j in project.journeys for lane in j.lanes}
    low, high = project.scale.low, project.scale.high
    seen = project.ids()
    states: dict[str, tuple[str, str]] = {}  # step id -> (journey id, state)
    steps: dict[str, list[Step]] = {jid: [] for jid in journeys}
    transitions: dict[str, list[Transition]] = {jid: [] for jid in journeys}
    pairs: set[tuple[str, str]] = set()
    collecting = gc.isenabled()
    gc.disable()
    try:
        for row in conn.execute(_select("steps", STEP_COLUMNS)).fetchall():
            (jid, sid, label, stage, lane, description, kind, channel, owner, evidence, state,
             moment, current, future, pains, ideas, kpis, phase, notes, x, y) = row  # fmt: skip
            if (
                sid in seen
                or not sid.strip()
                or kind not in KINDS
                or channel not in CHANNELS
                or evidence not in EVIDENCE
                or state not in STATES
                or moment not in MOMENTS
                or (stage, jid) not in places
                or (lane, jid) not in places
                or (current is not None and not low <= current <= high)
                or (future is not None and not low <= future <= high)
                or (state == "current" and future is not None)
                or (state == "future" and current is not None)
                or (phase is not None and phase < 1)
                or len(label) > MAX_TEXT
                or len(description) > MAX_TEXT
                or len(owner) > MAX_TEXT
                or len(notes) > MAX_TEXT
                or type(x) not in NUMBERS
                or type(y) not in NUMBERS
                or not -LARGEST <= x <= LARGEST
                or not -LARGEST <= y <= LARGEST
            ):
                raise _Suspect("step", sid)
            seen.add(sid)
            states[sid] = (jid, state)
            steps[jid].append(
                Step(
                    sid,
                    label,
                    stage,
                    lane,
                    description,
                    KINDS[kind],
                    CHANNELS[channel],
                    owner,
                    EVIDENCE[evidence],
                    STATES[state],
                    MOMENTS[moment],
                    current,
                    future,
                    () if pains == "[]" else _texts(pains, sid),
                    () if ideas == "[]" else _texts(ideas, sid),
                    () if kpis == "[]" else _kpis(kpis, sid),
                    phase,
                    notes,
                    x,
                    y,
                )  # fmt: skip
            )
        for jid, tid, source, target, label, share, state in conn.execute(
            _select("transitions", TRANSITION_COLUMNS)
        ).fetchall():
            a = states.get(source)
            b = states.get(target)
            if (
                tid in seen
                or not tid.strip()
                or a is None
                or b is None
                or a[0] != jid
                or b[0] != jid
                or source == target
                or (state, a[1], b[1]) not in FITTING
                or (share is not None and (type(share) not in NUMBERS or not 0 <= share <= 1))
            ):
                raise _Suspect("transition", tid)
            seen.add(tid)
            if (source, target) in pairs:
                raise _Suspect("transition", tid)
            pairs.add((source, target))
            transitions[jid].append(Transition(tid, source, target, label, share, STATES[state]))
        for jid, journey in journeys.items():
            journey._load(steps[jid], transitions[jid])
    finally:
        if collecting:
            # The new records live as long as the document: file them with the old
            # objects instead of letting the next young pass walk every one of them.
            gc.freeze()
            gc.enable()
            gc.unfreeze()


def _careful_refusal(
    conn: sqlite3.Connection, file: str, frame: dict[str, Any], suspect: _Suspect
) -> InputRefused:
    """The refusal for a suspect row, worded by the JSON reader with the value's path."""
    index: dict[str, dict[str, Any]] = {}
    position: dict[str, int] = {}
    for n, journey in enumerate(frame["journeys"]):
        index.setdefault(journey["id"], journey)
        position.setdefault(journey["id"], n)
    for row in conn.execute(_select("steps", STEP_COLUMNS)):
        journey = index[row[0]]
        item = step_dict(row)
        where = f"journeys[{position[row[0]]}].steps[{len(journey['steps'])}]"
        for key in ("pain_points", "opportunities", "kpis"):
            try:
                item[key] = parse_list(item[key])
            except DamagedList as exc:
                return refuse_rules(file, f"{where}.{key}: {exc}")
        journey["steps"].append(item)
    for row in conn.execute(_select("transitions", TRANSITION_COLUMNS)):
        index[row[0]]["transitions"].append(transition_dict(row))
    try:
        project_from_dict(frame)
    except DocumentError as exc:
        return refuse_rules(file, str(exc))
    return refuse_rules(file, f"{suspect.kind} {suspect.item_id!r} does not fit its journey")

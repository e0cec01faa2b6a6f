"""Records to table rows and back: the one place that knows how each field is stored.

Lists of texts and KPIs are stored as JSON text in their step's row (they are
small and always read with the step). Numbers that the JSON format keeps as
written (positions, shares) are stored in ANY columns, so an integer stays an
integer and a JSON file survives a trip through a `.motdesk` file unchanged.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any

from motdesk.graph.jsonio import kpi_to_dict
from motdesk.graph.model import Journey, Lane, Persona, Project, Stage, Step, Transition

Row = tuple[Any, ...]

PROJECT_COLUMNS = (
    "title",
    "organisation",
    "facilitator",
    "workshop_date",
    "notes",
    "emotion_scale",
)
PERSONA_COLUMNS = ("id", "name", "description", "goals")
JOURNEY_COLUMNS = ("id", "title", "persona", "description")
STAGE_COLUMNS = ("id", "journey", "name", "moment")
LANE_COLUMNS = ("id", "journey", "name", "kind")
# Step and transition rows: `journey` first, then the record's fields in their own order.
STEP_COLUMNS = (
    "journey", "id", "label", "stage", "lane", "description", "kind", "channel", "owner",
    "evidence", "state", "moment", "current_emotion", "future_emotion", "pain_points",
    "opportunities", "kpis", "phase", "notes", "x", "y",
)  # fmt: skip
TRANSITION_COLUMNS = ("journey", "id", "source", "target", "label", "share", "state")

COLUMNS: dict[str, tuple[str, ...]] = {
    "project": PROJECT_COLUMNS,
    "personas": PERSONA_COLUMNS,
    "journeys": JOURNEY_COLUMNS,
    "stages": STAGE_COLUMNS,
    "lanes": LANE_COLUMNS,
    "steps": STEP_COLUMNS,
    "transitions": TRANSITION_COLUMNS,
}


def insert_sql(table: str) -> str:
    columns = COLUMNS[table]
    return f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({', '.join('?' * len(columns))})"


def update_sql(table: str) -> str:
    """Update every column but the id (and the position) of the row with the id."""
    columns = [c for c in COLUMNS[table] if c != "id"]
    return f"UPDATE {table} SET {', '.join(f'{c} = ?' for c in columns)} WHERE id = ?"


def as_update(row: Row) -> Row:
    """An insert row (id second, after `journey`) reordered for `update_sql`: id last."""
    return (row[0], *row[2:], row[1])


def texts_json(values: Iterable[str]) -> str:
    values = list(values)
    return json.dumps(values, ensure_ascii=False) if values else "[]"


def _enum(value: Any) -> str | None:
    return None if value is None else value.value


def project_row(project: Project) -> Row:
    return (
        project.title,
        project.organisation,
        project.facilitator,
        project.workshop_date,
        project.notes,
        project.emotion_scale,
    )


def persona_row(persona: Persona) -> Row:
    return (persona.id, persona.name, persona.description, persona.goals)


def journey_row(journey: Journey) -> Row:
    return (journey.id, journey.title, journey.persona, journey.description)


def stage_row(journey_id: str, stage: Stage) -> Row:
    return (stage.id, journey_id, stage.name, _enum(stage.moment))


def lane_row(journey_id: str, lane: Lane) -> Row:
    return (lane.id, journey_id, lane.name, lane.kind.value)


def step_row(journey_id: str, step: Step) -> Row:
    return (
        journey_id,
        step.id,
        step.label,
        step.stage,
        step.lane,
        step.description,
        step.kind.value,
        _enum(step.channel),
        step.owner,
        step.evidence.value,
        step.state.value,
        _enum(step.moment),
        step.current_emotion,
        step.future_emotion,
        texts_json(step.pain_points),
        texts_json(step.opportunities),
        json.dumps([kpi_to_dict(k) for k in step.kpis], ensure_ascii=False) if step.kpis else "[]",
        step.phase,
        step.notes,
        step.x,
        step.y,
    )


def transition_row(journey_id: str, transition: Transition) -> Row:
    return (
        journey_id,
        transition.id,
        transition.source,
        transition.target,
        transition.label,
        transition.share,
        transition.state.value,
    )


# -- rows to the JSON format's shape (the careful reading path) -----------------


class DamagedList(ValueError):
    """A JSON list column does not hold a JSON list."""


_decode = json.JSONDecoder().raw_decode


def parse_list(text: str) -> list[Any]:
    """A JSON list column's value (what `json.loads` reads, taken fast when written by motdesk)."""
    if text == "[]":
        return []
    try:
        value, end = _decode(text)
    except ValueError:
        end = -1
    if end != len(text):
        try:
            value = json.loads(text)
        except ValueError:
            raise DamagedList(f"{text[:40]!r} is not a list") from None
    if not isinstance(value, list):
        raise DamagedList(f"{text[:40]!r} is not a list")
    return value


def step_dict(row: Row) -> dict[str, Any]:
    """A step row (STEP_COLUMNS) as the JSON format's step object; lists parsed, not checked."""
    values = dict(zip(STEP_COLUMNS, row, strict=True))
    del values["journey"]
    values["emotion"] = {
        "current": values.pop("current_emotion"),
        "future": values.pop("future_emotion"),
    }
    return values


def transition_dict(row: Row) -> dict[str, Any]:
    values = dict(zip(TRANSITION_COLUMNS, row, strict=True))
    del values["journey"]
    return values

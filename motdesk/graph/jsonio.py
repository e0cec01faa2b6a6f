"""The JSON format, version 1: read and write a project exactly in the documented shape.

Reading is strict: unknown keys are refused with their path (a typo must not
vanish), omitted optional fields take their defaults, and a newer version is
refused with a sentence saying a newer motdesk wrote it.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from enum import StrEnum
from pathlib import Path
from typing import Any, TypeVar

from motdesk.graph.model import Journey, Kpi, Lane, Persona, Project, Stage, Step, Transition
from motdesk.graph.validation import (
    DocumentError,
    ValidationError,
    check_date,
    check_kpi,
    check_lane,
    check_persona,
    check_scale,
    check_stage,
    check_step,
    check_text,
    check_transition,
)
from motdesk.graph.vocabulary import (
    Channel,
    EmotionScale,
    Evidence,
    LaneKind,
    Moment,
    State,
    StepKind,
    emotion_scale,
)

FORMAT = "motdesk-project"
VERSION = 1

E = TypeVar("E", bound=StrEnum)


class FormatError(DocumentError):
    """The data is not a motdesk project this program can read."""


# -- writing -------------------------------------------------------------------


def _enum(value: StrEnum | None) -> str | None:
    return None if value is None else value.value


def _number(value: float) -> float | int:
    """Whole floats as ints, so positions read as typed (x: 240, not 240.0)."""
    return int(value) if isinstance(value, float) and value.is_integer() else value


def kpi_to_dict(kpi: Kpi) -> dict[str, Any]:
    return {
        "name": kpi.name,
        "current": None if kpi.current is None else _number(kpi.current),
        "target": None if kpi.target is None else _number(kpi.target),
        "unit": kpi.unit,
    }


def step_to_dict(step: Step) -> dict[str, Any]:
    return {
        "id": step.id,
        "label": step.label,
        "description": step.description,
        "stage": step.stage,
        "lane": step.lane,
        "kind": step.kind.value,
        "channel": _enum(step.channel),
        "owner": step.owner,
        "evidence": step.evidence.value,
        "state": step.state.value,
        "moment": _enum(step.moment),
        "emotion": {"current": step.current_emotion, "future": step.future_emotion},
        "pain_points": list(step.pain_points),
        "opportunities": list(step.opportunities),
        "kpis": [kpi_to_dict(k) for k in step.kpis],
        "phase": step.phase,
        "notes": step.notes,
        "x": _number(step.x),
        "y": _number(step.y),
    }


def transition_to_dict(transition: Transition) -> dict[str, Any]:
    return {
        "id": transition.id,
        "source": transition.source,
        "target": transition.target,
        "label": transition.label,
        "share": transition.share,
        "state": transition.state.value,
    }


def stage_to_dict(stage: Stage) -> dict[str, Any]:
    return {"id": stage.id, "name": stage.name, "moment": _enum(stage.moment)}


def lane_to_dict(lane: Lane) -> dict[str, Any]:
    return {"id": lane.id, "name": lane.name, "kind": lane.kind.value}


def persona_to_dict(persona: Persona) -> dict[str, Any]:
    return {
        "id": persona.id,
        "name": persona.name,
        "description": persona.description,
        "goals": persona.goals,
    }


def journey_to_dict(journey: Journey) -> dict[str, Any]:
    return {
        "id": journey.id,
        "title": journey.title,
        "persona": journey.persona,
        "description": journey.description,
        "stages": [stage_to_dict(s) for s in journey.stages],
        "lanes": [lane_to_dict(lane) for lane in journey.lanes],
        "steps": [step_to_dict(s) for s in journey.steps()],
        "transitions": [transition_to_dict(t) for t in journey.transitions()],
    }


def project_to_dict(project: Project) -> dict[str, Any]:
    return {
        "format": FORMAT,
        "version": VERSION,
        "title": project.title,
        "organisation": project.organisation,
        "facilitator": project.facilitator,
        "workshop_date": project.workshop_date,
        "notes": project.notes,
        "emotion_scale": project.emotion_scale,
        "personas": [persona_to_dict(p) for p in project.personas],
        "journeys": [journey_to_dict(j) for j in project.journeys],
    }


def dumps(project: Project) -> str:
    return json.dumps(project_to_dict(project), ensure_ascii=False, indent=2) + "\n"


# -- reading -------------------------------------------------------------------


class _Reader:
    """Reads one JSON object, refusing unknown keys and wrong types with their path."""

    def __init__(self, data: object, path: str, allowed: tuple[str, ...]) -> None:
        if not isinstance(data, Mapping):
            raise ValidationError(path, f"expected an object, found {_kind(data)}")
        unknown = [k for k in data if k not in allowed]
        if unknown:
            where = f"{path}.{unknown[0]}" if path else str(unknown[0])
            raise ValidationError(where, "is not a known field")
        self.data = data
        self.path = path

    def at(self, key: str) -> str:
        return f"{self.path}.{key}" if self.path else key

    def has(self, key: str) -> bool:
        return key in self.data

    def required(self, key: str) -> Any:
        if key not in self.data:
            raise ValidationError(self.at(key), "is missing")
        return self.data[key]

    def text(self, key: str, default: str = "", *, required: bool = False) -> str:
        value = self.required(key) if required else self.data.get(key, default)
        check_text(value, self.at(key))
        return value

    def optional_text(self, key: str) -> str | None:
        value = self.data.get(key)
        if value is not None:
            check_text(value, self.at(key))
        return value

    def enum(self, key: str, enum: type[E], default: E | None) -> E | None:
        value = self.data.get(key, default)
        if value is None or isinstance(value, enum):
            return value
        try:
            return enum(value)
        except ValueError:
            allowed = ", ".join(m.value for m in enum)
            raise ValidationError(self.at(key), f"{value!r} is not one of {allowed}") from None

    def number(self, key: str, default: float | None) -> Any:
        value = self.data.get(key, default)
        if value is not None and (isinstance(value, bool) or not isinstance(value, (int, float))):
            raise ValidationError(self.at(key), f"{value!r} is not a number")
        return value

    def array(self, key: str) -> list[Any]:
        value = self.data.get(key, [])
        if not isinstance(value, list):
            raise ValidationError(self.at(key), f"expected a list, found {_kind(value)}")
        return value


def _kind(value: object) -> str:
    if value is None:
        return "null"
    return {dict: "an object", list: "a list", str: "text", bool: "true/false"}.get(
        type(value), "a number" if isinstance(value, (int, float)) else type(value).__name__
    )


def _emotion(value: object, path: str) -> int | None:
    if value is not None and (isinstance(value, bool) or not isinstance(value, int)):
        if isinstance(value, float) and value.is_integer():
            return int(value)
        raise ValidationError(path, f"{value!r} is not a whole number")
    return value  # type: ignore[return-value]


def kpi_from_dict(data: object, path: str) -> Kpi:
    r = _Reader(data, path, ("name", "current", "target", "unit"))
    kpi = Kpi(
        name=r.text("name", required=True),
        current=r.number("current", None),
        target=r.number("target", None),
        unit=r.text("unit"),
    )
    check_kpi(kpi, path)
    return kpi


STEP_KEYS = (
    "id", "label", "description", "stage", "lane", "kind", "channel", "owner", "evidence",
    "state", "moment", "emotion", "pain_points", "opportunities", "kpis", "phase", "notes",
    "x", "y",
)  # fmt: skip


def step_from_dict(data: object, path: str) -> Step:
    """A step record from JSON, checked for types but not against its journey."""
    r = _Reader(data, path, STEP_KEYS)
    emotion = r.data.get("emotion") or {}
    e = _Reader(emotion, r.at("emotion"), ("current", "future"))
    phase = r.data.get("phase")
    if phase is not None and (isinstance(phase, bool) or not isinstance(phase, int)):
        raise ValidationError(r.at("phase"), f"{phase!r} is not a whole number from 1")
    for key in ("pain_points", "opportunities"):
        for i, item in enumerate(r.array(key)):
            check_text(item, f"{r.at(key)}[{i}]")
    return Step(
        id=r.text("id", required=True),
        label=r.text("label"),
        description=r.text("description"),
        stage=r.text("stage", required=True),
        lane=r.text("lane", required=True),
        kind=r.enum("kind", StepKind, StepKind.TOUCHPOINT),  # type: ignore[arg-type]
        channel=r.enum("channel", Channel, None),
        owner=r.text("owner"),
        evidence=r.enum("evidence", Evidence, Evidence.OBSERVED),  # type: ignore[arg-type]
        state=r.enum("state", State, State.BOTH),  # type: ignore[arg-type]
        moment=r.enum("moment", Moment, None),
        current_emotion=_emotion(e.data.get("current"), e.at("current")),
        future_emotion=_emotion(e.data.get("future"), e.at("future")),
        pain_points=tuple(r.array("pain_points")),
        opportunities=tuple(r.array("opportunities")),
        kpis=tuple(kpi_from_dict(k, f"{r.at('kpis')}[{i}]") for i, k in enumerate(r.array("kpis"))),
        phase=phase,
        notes=r.text("notes"),
        x=r.number("x", 0),
        y=r.number("y", 0),
    )


def transition_from_dict(data: object, path: str) -> Transition:
    r = _Reader(data, path, ("id", "source", "target", "label", "share", "state"))
    return Transition(
        id=r.text("id", required=True),
        source=r.text("source", required=True),
        target=r.text("target", required=True),
        label=r.text("label"),
        share=r.number("share", None),
        state=r.enum("state", State, State.BOTH),  # type: ignore[arg-type]
    )


def _stage_from_dict(data: object, path: str) -> Stage:
    r = _Reader(data, path, ("id", "name", "moment"))
    stage = Stage(
        r.text("id", required=True), r.text("name", required=True), r.enum("moment", Moment, None)
    )
    check_stage(stage, path)
    return stage


def _lane_from_dict(data: object, path: str) -> Lane:
    r = _Reader(data, path, ("id", "name", "kind"))
    lane = Lane(
        r.text("id", required=True),
        r.text("name", required=True),
        r.enum("kind", LaneKind, LaneKind.OTHER),  # type: ignore[arg-type]
    )
    check_lane(lane, path)
    return lane


def _persona_from_dict(data: object, path: str) -> Persona:
    r = _Reader(data, path, ("id", "name", "description", "goals"))
    persona = Persona(
        r.text("id", required=True),
        r.text("name", required=True),
        r.text("description"),
        r.text("goals"),
    )
    check_persona(persona, path)
    return persona


def journey_from_dict(
    data: object, path: str, scale: EmotionScale, claim: Callable[[str, str], None]
) -> Journey:
    """A journey from JSON, every record checked against it; `claim` keeps ids unique."""
    r = _Reader(
        data,
        path,
        ("id", "title", "persona", "description", "stages", "lanes", "steps", "transitions"),
    )
    journey = Journey(
        id=r.text("id", required=True),
        title=r.text("title", required=True),
        persona=r.optional_text("persona"),
        description=r.text("description"),
    )
    claim(journey.id, path)
    for i, item in enumerate(r.array("stages")):
        stage = _stage_from_dict(item, f"{r.at('stages')}[{i}]")
        claim(stage.id, f"{r.at('stages')}[{i}]")
        journey.stages.append(stage)
    for i, item in enumerate(r.array("lanes")):
        lane = _lane_from_dict(item, f"{r.at('lanes')}[{i}]")
        claim(lane.id, f"{r.at('lanes')}[{i}]")
        journey.lanes.append(lane)
    for i, item in enumerate(r.array("steps")):
        where = f"{r.at('steps')}[{i}]"
        step = step_from_dict(item, where)
        claim(step.id, where)
        check_step(step, journey, scale, where)
        journey._put_step(step)
    for i, item in enumerate(r.array("transitions")):
        where = f"{r.at('transitions')}[{i}]"
        transition = transition_from_dict(item, where)
        claim(transition.id, where)
        check_transition(transition, journey, where)
        twin = journey.transition_between(transition.source, transition.target)
        if twin is not None:
            raise ValidationError(
                where,
                f"{twin.id!r} already leads from {transition.source!r} to {transition.target!r}",
            )
        journey._put_transition(transition)
    return journey


def project_from_dict(data: object) -> Project:
    """A project from parsed JSON; raises `FormatError` or `ValidationError` naming the path."""
    if not isinstance(data, Mapping):
        raise FormatError("", f"expected a JSON object, found {_kind(data)}")
    if data.get("format") != FORMAT:
        found = data.get("format")
        raise FormatError(
            "format",
            ("is missing" if found is None else f"is {found!r}") + ", so this is not a motdesk project",
        )
    version = data.get("version")
    if isinstance(version, bool) or not isinstance(version, int) or version < 1:
        raise FormatError("version", f"{version!r} is not a format version")
    if version > VERSION:
        raise FormatError(
            "version",
            f"{version} was written by a newer motdesk (this one reads up to version {VERSION})",
        )
    r = _Reader(
        data,
        "",
        ("format", "version", "title", "organisation", "facilitator", "workshop_date", "notes",
         "emotion_scale", "personas", "journeys"),
    )  # fmt: skip
    scale_code = r.data.get("emotion_scale", "-3..3")
    check_scale(scale_code, "emotion_scale")
    workshop_date = r.data.get("workshop_date")
    check_date(workshop_date, "workshop_date")
    project = Project(
        title=r.text("title", "Untitled project"),
        organisation=r.text("organisation"),
        facilitator=r.text("facilitator"),
        workshop_date=workshop_date,
        notes=r.text("notes"),
        emotion_scale=scale_code,
    )
    seen: dict[str, str] = {}

    def claim(item_id: str, where: str) -> None:
        if item_id in seen:
            raise ValidationError(f"{where}.id", f"{item_id!r} is already used at {seen[item_id]}")
        seen[item_id] = where

    for i, item in enumerate(r.array("personas")):
        persona = _persona_from_dict(item, f"personas[{i}]")
        claim(persona.id, f"personas[{i}]")
        project.personas.append(persona)
    persona_ids = {p.id for p in project.personas}
    scale = emotion_scale(scale_code)
    for i, item in enumerate(r.array("journeys")):
        journey = journey_from_dict(item, f"journeys[{i}]", scale, claim)
        if journey.persona is not None and journey.persona not in persona_ids:
            raise ValidationError(
                f"journeys[{i}].persona", f"{journey.persona!r} is not a persona of the project"
            )
        project.journeys.append(journey)
    return project


def loads(text: str) -> Project:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise FormatError(
            "", f"not valid JSON (line {exc.lineno}, column {exc.colno}: {exc.msg})"
        ) from None
    return project_from_dict(data)


def read_project(path: str | Path) -> Project:
    """A project from a JSON file; `OSError` if it cannot be read."""
    raw = Path(path).read_bytes()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise FormatError("", "it is not UTF-8 text") from None
    return loads(text)


def write_project(project: Project, path: str | Path) -> None:
    """Write the project as JSON through a temporary file renamed into place."""
    from motdesk.fileutil import write_atomically

    write_atomically(Path(path), dumps(project).encode("utf-8"))

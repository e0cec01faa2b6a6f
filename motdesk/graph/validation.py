"""Rules every record must satisfy, with errors that name the field and the value.

The same checks serve the JSON reader (paths like ``journeys[0].steps[3].emotion.current``)
and the commands (paths like ``step n3 "Check in".emotion.current``).
"""

from __future__ import annotations

import datetime as _dt
import math
from collections.abc import Iterable

from motdesk.graph.model import Journey, Kpi, Lane, Persona, Project, Stage, Step, Transition
from motdesk.graph.vocabulary import EmotionScale, State, emotion_scale


class DocumentError(ValueError):
    """A value the document cannot hold; `path` names where it is."""

    def __init__(self, path: str, message: str) -> None:
        super().__init__(f"{path}: {message}" if path else message)
        self.path = path
        self.message = message


class ValidationError(DocumentError):
    """A field holds a value its rules refuse."""


def _require(condition: bool, path: str, message: str) -> None:
    if not condition:
        raise ValidationError(path, message)


MAX_TEXT = 1_000_000  # characters in one text field: far beyond any label, well within a file


def check_text(value: object, path: str, *, required: bool = False) -> None:
    _require(isinstance(value, str), path, f"{value!r} is not text")
    assert isinstance(value, str)
    _require(
        len(value) <= MAX_TEXT,
        path,
        f"{len(value):,} characters are more than a text may hold ({MAX_TEXT:,})",
    )
    if required:
        _require(bool(value.strip()), path, "must not be empty")


def check_id(value: object, path: str) -> None:
    _require(isinstance(value, str) and bool(value.strip()), path, f"{value!r} is not an id")


def check_number(value: object, path: str) -> None:
    ok = isinstance(value, (int, float)) and not isinstance(value, bool)
    _require(ok and math.isfinite(value), path, f"{value!r} is not a number")  # type: ignore[arg-type]


def check_emotion(value: object, scale: EmotionScale, path: str) -> None:
    if value is None:
        return
    _require(
        isinstance(value, int) and not isinstance(value, bool),
        path,
        f"{value!r} is not a whole number",
    )
    assert isinstance(value, int)
    _require(scale.contains(value), path, f"{value} is outside {scale.low}..{scale.high}")


def check_date(value: object, path: str) -> None:
    if value is None:
        return
    try:
        _dt.date.fromisoformat(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        raise ValidationError(path, f"{value!r} is not a date (YYYY-MM-DD)") from None


def check_scale(value: object, path: str) -> None:
    try:
        emotion_scale(value)  # type: ignore[arg-type]
    except (KeyError, TypeError) as exc:
        raise ValidationError(path, str(exc.args[0])) from None


def check_kpi(kpi: Kpi, path: str) -> None:
    check_text(kpi.name, f"{path}.name", required=True)
    for name in ("current", "target"):
        value = getattr(kpi, name)
        if value is not None:
            check_number(value, f"{path}.{name}")
    check_text(kpi.unit, f"{path}.unit")


def check_text_list(values: Iterable[object], path: str) -> None:
    for i, value in enumerate(values):
        check_text(value, f"{path}[{i}]")


def check_step(step: Step, journey: Journey, scale: EmotionScale, path: str) -> None:
    """Every rule of a step that does not depend on its transitions."""
    check_id(step.id, f"{path}.id")
    check_text(step.label, f"{path}.label")
    check_text(step.description, f"{path}.description")
    _require(
        any(s.id == step.stage for s in journey.stages),
        f"{path}.stage",
        f"{step.stage!r} is not a stage of the journey",
    )
    _require(
        any(lane.id == step.lane for lane in journey.lanes),
        f"{path}.lane",
        f"{step.lane!r} is not a lane of the journey",
    )
    check_text(step.owner, f"{path}.owner")
    check_text(step.notes, f"{path}.notes")
    check_emotion(step.current_emotion, scale, f"{path}.emotion.current")
    check_emotion(step.future_emotion, scale, f"{path}.emotion.future")
    if step.state is State.CURRENT:
        _require(
            step.future_emotion is None,
            f"{path}.emotion.future",
            f"{step.future_emotion} is set but the step exists only in the current state",
        )
    if step.state is State.FUTURE:
        _require(
            step.current_emotion is None,
            f"{path}.emotion.current",
            f"{step.current_emotion} is set but the step exists only in the future state",
        )
    check_text_list(step.pain_points, f"{path}.pain_points")
    check_text_list(step.opportunities, f"{path}.opportunities")
    for i, kpi in enumerate(step.kpis):
        check_kpi(kpi, f"{path}.kpis[{i}]")
    if step.phase is not None:
        _require(
            isinstance(step.phase, int) and not isinstance(step.phase, bool) and step.phase >= 1,
            f"{path}.phase",
            f"{step.phase!r} is not a whole number from 1",
        )
    check_number(step.x, f"{path}.x")
    check_number(step.y, f"{path}.y")


def transition_fits(state: State, source: Step, target: Step) -> bool:
    """A transition exists on a side only where both its ends do."""
    return (not state.has_current or (source.state.has_current and target.state.has_current)) and (
        not state.has_future or (source.state.has_future and target.state.has_future)
    )


def check_transition(transition: Transition, journey: Journey, path: str) -> None:
    check_id(transition.id, f"{path}.id")
    for end in ("source", "target"):
        step_id = getattr(transition, end)
        _require(
            journey.has_step(step_id),
            f"{path}.{end}",
            f"{step_id!r} is not a step of the journey",
        )
    _require(
        transition.source != transition.target,
        f"{path}.target",
        "a transition cannot lead from a step to itself",
    )
    check_text(transition.label, f"{path}.label")
    if transition.share is not None:
        check_number(transition.share, f"{path}.share")
        _require(0 <= transition.share <= 1, f"{path}.share", f"{transition.share} is outside 0..1")
    source, target = journey.step(transition.source), journey.step(transition.target)
    _require(
        transition_fits(transition.state, source, target),
        f"{path}.state",
        f"{transition.state.value!r} does not fit its ends "
        f"({source.state.value} and {target.state.value})",
    )


def check_stage(stage: Stage, path: str) -> None:
    check_id(stage.id, f"{path}.id")
    check_text(stage.name, f"{path}.name")


def check_lane(lane: Lane, path: str) -> None:
    check_id(lane.id, f"{path}.id")
    check_text(lane.name, f"{path}.name")


def check_persona(persona: Persona, path: str) -> None:
    check_id(persona.id, f"{path}.id")
    check_text(persona.name, f"{path}.name")
    check_text(persona.description, f"{path}.description")
    check_text(persona.goals, f"{path}.goals")


def check_project(project: Project) -> None:
    """Every rule of the whole project, with paths in the JSON shape."""
    check_text(project.title, "title")
    check_text(project.organisation, "organisation")
    check_text(project.facilitator, "facilitator")
    check_date(project.workshop_date, "workshop_date")
    check_text(project.notes, "notes")
    check_scale(project.emotion_scale, "emotion_scale")
    scale = project.scale
    seen: dict[str, str] = {}

    def unique(item_id: str, path: str) -> None:
        _require(
            item_id not in seen, f"{path}.id", f"{item_id!r} is already used at {seen.get(item_id)}"
        )
        seen[item_id] = path

    for i, persona in enumerate(project.personas):
        check_persona(persona, f"personas[{i}]")
        unique(persona.id, f"personas[{i}]")
    persona_ids = {p.id for p in project.personas}
    for j, journey in enumerate(project.journeys):
        jp = f"journeys[{j}]"
        check_id(journey.id, f"{jp}.id")
        unique(journey.id, jp)
        check_text(journey.title, f"{jp}.title")
        check_text(journey.description, f"{jp}.description")
        if journey.persona is not None:
            _require(
                journey.persona in persona_ids,
                f"{jp}.persona",
                f"{journey.persona!r} is not a persona of the project",
            )
        for i, stage in enumerate(journey.stages):
            check_stage(stage, f"{jp}.stages[{i}]")
            unique(stage.id, f"{jp}.stages[{i}]")
        for i, lane in enumerate(journey.lanes):
            check_lane(lane, f"{jp}.lanes[{i}]")
            unique(lane.id, f"{jp}.lanes[{i}]")
        for i, step in enumerate(journey.steps()):
            check_step(step, journey, scale, f"{jp}.steps[{i}]")
            unique(step.id, f"{jp}.steps[{i}]")
        for i, transition in enumerate(journey.transitions()):
            check_transition(transition, journey, f"{jp}.transitions[{i}]")
            unique(transition.id, f"{jp}.transitions[{i}]")

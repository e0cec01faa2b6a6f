"""Fragments: a few steps and the transitions among them, copied out of one journey and
pasted into another (or another project), as plain JSON-ready data.

The clipboard carries a fragment; pasting gives every step and transition a fresh
id, places steps in the target journey's stages and lanes (by id, then by name,
else the first), converts emotions to the target's scale and applies it all as
one undoable unit.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import replace
from typing import Any

from motdesk.graph.document import Document
from motdesk.graph.jsonio import (
    FormatError,
    step_from_dict,
    step_to_dict,
    transition_from_dict,
    transition_to_dict,
)
from motdesk.graph.model import STEP_FIELDS, Journey, Step
from motdesk.graph.validation import ValidationError
from motdesk.graph.vocabulary import DEFAULT_SCALE, EMOTION_SCALES, EmotionScale

FRAGMENT_FORMAT = "motdesk-fragment"
FRAGMENT_VERSION = 1
MIME_TYPE = "application/x-motdesk-fragment+json"


def fragment_from(
    journey: Journey, step_ids: Iterable[str], scale: EmotionScale | str = DEFAULT_SCALE
) -> dict[str, Any]:
    """The steps named (in journey order) and every transition between two of them."""
    wanted = set(step_ids)
    steps = [s for s in journey.steps() if s.id in wanted]
    chosen = {s.id for s in steps}
    transitions = [t for t in journey.transitions() if t.source in chosen and t.target in chosen]
    used_stages = {s.stage for s in steps}
    used_lanes = {s.lane for s in steps}
    return {
        "format": FRAGMENT_FORMAT,
        "version": FRAGMENT_VERSION,
        "emotion_scale": str(scale),
        "stages": [{"id": s.id, "name": s.name} for s in journey.stages if s.id in used_stages],
        "lanes": [{"id": ln.id, "name": ln.name} for ln in journey.lanes if ln.id in used_lanes],
        "steps": [step_to_dict(s) for s in steps],
        "transitions": [transition_to_dict(t) for t in transitions],
    }


def fragment_text(fragment: Mapping[str, Any]) -> str:
    """The labels of the fragment's steps, one per line, for programs that take plain text."""
    return "\n".join(str(s.get("label", "")) for s in fragment.get("steps", []))


def _names(fragment: Mapping[str, Any], key: str) -> dict[str, str]:
    items = fragment.get(key, [])
    if not isinstance(items, list):
        raise FormatError(key, "expected a list")
    out: dict[str, str] = {}
    for item in items:
        if isinstance(item, Mapping) and isinstance(item.get("id"), str):
            out[item["id"]] = str(item.get("name", ""))
    return out


def _placer(
    own: list[Any], names: Mapping[str, str]
) -> dict[str, str] | None:  # fragment id -> own id
    if not own:
        return None
    by_id = {item.id for item in own}
    by_name: dict[str, str] = {}
    for item in own:
        by_name.setdefault(item.name.casefold(), item.id)
    mapping: dict[str, str] = {}
    for fid, name in names.items():
        if fid in by_id:
            mapping[fid] = fid
        else:
            mapping[fid] = by_name.get(name.casefold(), own[0].id)
    return mapping


def read_fragment(fragment: object) -> tuple[list[Step], list[Any], EmotionScale]:
    """The steps, transitions and scale of a fragment; `FormatError` if it is not one."""
    if not isinstance(fragment, Mapping) or fragment.get("format") != FRAGMENT_FORMAT:
        raise FormatError("", "is not a motdesk fragment")
    version = fragment.get("version")
    if not isinstance(version, int) or version > FRAGMENT_VERSION:
        raise FormatError("version", "was written by a newer motdesk")
    scale = EMOTION_SCALES.get(str(fragment.get("emotion_scale", DEFAULT_SCALE.code)))
    if scale is None:
        raise FormatError("emotion_scale", "is not a known emotion scale")
    raw_steps = fragment.get("steps", [])
    raw_transitions = fragment.get("transitions", [])
    if not isinstance(raw_steps, list) or not isinstance(raw_transitions, list):
        raise FormatError("steps", "expected a list")
    steps = [step_from_dict(d, f"steps[{i}]") for i, d in enumerate(raw_steps)]
    transitions = [
        transition_from_dict(d, f"transitions[{i}]") for i, d in enumerate(raw_transitions)
    ]
    return steps, transitions, scale


def paste_fragment(
    document: Document,
    journey_id: str,
    fragment: Mapping[str, Any],
    offset: tuple[float, float] = (0.0, 0.0),
) -> list[str]:
    """Add the fragment's steps and transitions to the journey as one unit; the new step ids.

    Raises `FormatError` (or `ValidationError`) and changes nothing if the fragment is bad.
    """
    steps, transitions, source_scale = read_fragment(fragment)
    journey = document.journey(journey_id)
    target_scale = document.project.scale
    stages = _placer(journey.stages, _names(fragment, "stages")) or {}
    lanes = _placer(journey.lanes, _names(fragment, "lanes")) or {}
    if steps and (not journey.stages or not journey.lanes):
        raise ValidationError(
            f"journey {journey.title!r}", "needs at least one stage and one lane to hold a step"
        )
    dx, dy = offset

    def convert(value: int | None) -> int | None:
        if value is None or source_scale == target_scale:
            return value
        return source_scale.convert(value, target_scale)

    new_ids: dict[str, str] = {}
    with document.history.group("Paste"):
        for step in steps:
            placed = replace(
                step,
                stage=stages.get(step.stage, journey.stages[0].id),
                lane=lanes.get(step.lane, journey.lanes[0].id),
                current_emotion=convert(step.current_emotion),
                future_emotion=convert(step.future_emotion),
                x=step.x + dx,
                y=step.y + dy,
            )
            fields = {
                name: getattr(placed, name)
                for name in STEP_FIELDS
                if name not in ("id", "label", "stage", "lane")
            }
            added = document.add_step(
                journey_id, stage=placed.stage, lane=placed.lane, label=placed.label, **fields
            )
            new_ids[step.id] = added.id
        for transition in transitions:
            if transition.source not in new_ids or transition.target not in new_ids:
                continue
            document.connect(
                journey_id,
                new_ids[transition.source],
                new_ids[transition.target],
                label=transition.label,
                share=transition.share,
                state=transition.state,
            )
    return [new_ids[s.id] for s in steps]

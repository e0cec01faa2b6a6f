"""Fragments: a few steps and the transitions among them, copied out of one journey and
pasted into another (or another project), as plain JSON-ready data.

The clipboard carries a fragment; pasting gives every step and transition a fresh
id, places steps in the target journey's stages and lanes (in the journey copied
from, the same ones; elsewhere by name, else the first), puts each card where it
covers none (beside the original, or at the end of its cell in another journey),
converts emotions to the target's scale and applies it all as one undoable unit.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import replace
from typing import Any

from motdesk.graph.codes import ordered_steps
from motdesk.graph.document import Document
from motdesk.graph.geometry import (
    CARD_W,
    GAP_X,
    PAD_X,
    PAD_Y,
    CardSpots,
    MapGeometry,
    Placement,
    place_in_cell,
    room_right_of,
)
from motdesk.graph.jsonio import (
    FormatError,
    step_from_dict,
    step_to_dict,
    transition_from_dict,
    transition_to_dict,
)
from motdesk.graph.model import STEP_FIELDS, Journey, Step
from motdesk.graph.validation import ValidationError
from motdesk.graph.vocabulary import DEFAULT_SCALE, EMOTION_SCALES, EmotionScale, StepKind

FRAGMENT_FORMAT = "motdesk-fragment"
FRAGMENT_VERSION = 1
MIME_TYPE = "application/x-motdesk-fragment+json"


def fragment_from(
    journey: Journey, step_ids: Iterable[str], scale: EmotionScale | str = DEFAULT_SCALE
) -> dict[str, Any]:
    """The steps named (in map order: stage, left to right, lane, top to bottom, as their
    codes run) and every transition between two of them."""
    wanted = set(step_ids)
    steps = [s for s in ordered_steps(journey) if s.id in wanted]
    chosen = {s.id for s in steps}
    transitions = [t for t in journey.transitions() if t.source in chosen and t.target in chosen]
    used_stages = {s.stage for s in steps}
    used_lanes = {s.lane for s in steps}
    return {
        "format": FRAGMENT_FORMAT,
        "version": FRAGMENT_VERSION,
        "journey": journey.id,  # pasted back into it, its cards land beside the copied ones
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
    own: list[Any], names: Mapping[str, str], same_journey: bool
) -> dict[str, str] | None:  # fragment id -> own id
    """Stages (lanes) of the fragment matched to the journey's: in the journey it was copied
    from, by id; elsewhere by name (ids such as "s4" recur between projects and mean
    nothing there), else the first."""
    if not own:
        return None
    by_id = {item.id for item in own}
    by_name: dict[str, str] = {}
    for item in own:
        by_name.setdefault(item.name.casefold(), item.id)
    mapping: dict[str, str] = {}
    for fid, name in names.items():
        if same_journey and fid in by_id:
            mapping[fid] = fid
        else:
            mapping[fid] = by_name.get(name.casefold(), own[0].id)
    return mapping


def _from_here(fragment: Mapping[str, Any], journey: Journey) -> bool:
    """Whether the fragment was copied from this journey: its id, and its stages and lanes
    by id and name (ids such as "j1" and "s4" recur in other projects)."""
    if fragment.get("journey") != journey.id:
        return False
    for key, own in (("stages", journey.stages), ("lanes", journey.lanes)):
        names = {item.id: item.name for item in own}
        if any(names.get(fid) != name for fid, name in _names(fragment, key).items()):
            return False
    return True


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
    same = _from_here(fragment, journey)
    stages = _placer(journey.stages, _names(fragment, "stages"), same) or {}
    lanes = _placer(journey.lanes, _names(fragment, "lanes"), same) or {}
    if steps and (not journey.stages or not journey.lanes):
        raise ValidationError(
            f"journey {journey.title!r}", "needs at least one stage and one lane to hold a step"
        )
    # a journey's start and end stay its own: a pasted start (or end) where the journey has
    # one already is an action, or a copied pair would become the likeliest path, the main
    # path the curve follows, in place of the journey's own
    has = {
        kind
        for kind in (StepKind.START, StepKind.END)
        if any(s.kind is kind for s in journey.steps())
    }
    steps = [
        replace(
            step,
            stage=stages.get(step.stage, journey.stages[0].id),
            lane=lanes.get(step.lane, journey.lanes[0].id),
            kind=StepKind.ACTION if step.kind in has else step.kind,
        )
        for step in steps
    ]
    places, room = _places(journey, steps, same, offset)

    def convert(value: int | None) -> int | None:
        if value is None or source_scale == target_scale:
            return value
        return source_scale.convert(value, target_scale)

    new_ids: dict[str, str] = {}
    with document.history.group("Paste"):
        if room:  # cards right of a full cell moved along for the pasted ones
            document.move_steps(journey_id, {sid: {"x": x} for sid, x in room.items()})
        for index, step in enumerate(steps):
            x, y = places[index]
            placed = replace(
                step,
                current_emotion=convert(step.current_emotion),
                future_emotion=convert(step.future_emotion),
                x=x,
                y=y,
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


def _places(
    journey: Journey, steps: list[Step], same: bool, offset: tuple[float, float]
) -> tuple[list[tuple[float, float]], dict[str, float]]:
    """Where each pasted step goes (in the order of `steps`, already given their cells), and
    the new x of cards of the journey moved right to make room.

    Pasted into the journey it was copied from, a card goes where it was (shifted by
    `offset`), or beside it if that place is taken; elsewhere its old place means
    nothing, so it goes at the end of its cell, after the cell's cards. Either way it
    covers no card, and cards pasted together keep their order left to right."""
    stage_ids, lane_ids = [s.id for s in journey.stages], [ln.id for ln in journey.lanes]
    others: list[Step] = list(journey.steps())
    geometry = MapGeometry.from_steps(stage_ids, lane_ids, others)
    taken = CardSpots((s.x, s.y) for s in others)
    if same and len(steps) > 1 and any(taken.covers(s.x + offset[0], s.y) for s in steps):
        return _beside_as_a_block(others, steps)
    room: dict[str, float] = {}
    places: dict[int, tuple[float, float]] = {}
    moved_after: list[float] = []  # where room was made: what lay right of it moved along
    dx, dy = offset
    for index in sorted(range(len(steps)), key=lambda i: (steps[i].x, steps[i].y)):
        step = steps[index]
        cell = (step.stage, step.lane)
        if same:
            x = step.x + dx
            x += sum(CARD_W + GAP_X for after in moved_after if x > after)
            at = (x, step.y + dy)
        else:
            at = _end_of_cell(geometry, others, cell)
        place = place_in_cell(geometry, at, cell, others, taken)
        if place is None:  # nowhere free near: room at `at`, the cards from there on moved
            place = Placement(at[0], at[1], room_right_of(others, at[0] - 1))
        if place.room:
            moved_after.append(min(s.x for s in others if s.id in place.room) - 1)
            others = [s.at(place.room[s.id], s.y) if s.id in place.room else s for s in others]
            for key, x in place.room.items():
                if key.startswith(_PASTED):
                    earlier = int(key[len(_PASTED) :])
                    places[earlier] = (x, places[earlier][1])
                else:
                    room[key] = x
        places[index] = (place.x, place.y)
        others.append(replace(step, id=f"{_PASTED}{index}", x=place.x, y=place.y))
        if place.room:  # the columns moved: the geometry again, from the cards as they stand
            geometry = MapGeometry.from_steps(stage_ids, lane_ids, others)
            taken = CardSpots((s.x, s.y) for s in others)
        else:
            taken.add(place.x, place.y)
    return [places[i] for i in range(len(steps))], room


def _beside_as_a_block(
    others: list[Step], steps: list[Step]
) -> tuple[list[tuple[float, float]], dict[str, float]]:
    """Copies of several cards of a journey (Duplicate), each stage's as a block just right
    of its originals, in the same order and lanes, so the copied arrows run as the old
    ones do; what stands right of a block moves right to make room (every lane, so
    later stages keep their columns)."""
    places = {i: (step.x, step.y) for i, step in enumerate(steps)}
    room = {s.id: s.x for s in others}
    by_stage: dict[str, list[int]] = {}
    for i, step in enumerate(steps):
        by_stage.setdefault(step.stage, []).append(i)
    blocks = sorted(by_stage.values(), key=lambda b: -max(steps[i].x for i in b))
    for block in blocks:  # right to left: a block's room never moves one to its left
        low = min(places[i][0] for i in block)
        high = max(places[i][0] for i in block)
        shift = high - low + CARD_W + GAP_X
        room = {sid: x + shift if x > high else x for sid, x in room.items()}
        for i in places:
            if i not in block and places[i][0] > high:
                places[i] = (places[i][0] + shift, places[i][1])
        for i in block:
            places[i] = (places[i][0] + shift, places[i][1])
    moved = {s.id: room[s.id] for s in others if room[s.id] != s.x}
    return [places[i] for i in range(len(steps))], moved


_PASTED = "\0pasted:"  # ids of the cards being pasted while places are found: none of a journey's


def _end_of_cell(
    geometry: MapGeometry, others: list[Step], cell: tuple[str, str]
) -> tuple[float, float]:
    """Just right of the last card of a cell, level with its top card; a padding inside an
    empty cell's corner."""
    stage, lane = cell
    inside = [s for s in others if s.stage == stage and s.lane == lane]
    if not inside:
        return geometry.stage(stage).start + PAD_X, geometry.lane(lane).start + PAD_Y
    return max(s.x for s in inside) + CARD_W + GAP_X, min(s.y for s in inside)

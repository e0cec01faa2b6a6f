"""Short step codes (S01, S02...): one numbering for the handout, the editor and the analysis.

Participants write them on worksheets and the facilitator reads them on screen and in
`motdesk analyze`, so every place that names a step to a person uses them. A code
depends only on the journey: steps are numbered in stage order, then
left to right (x), then lane order, then top to bottom (y), then id, over every
step of the journey whatever its state, so the current, future and compare
handouts give a step the same code. Codes are zero-padded to the width of the
largest number (at least two digits); `step_for_code` reads them back, with or
without the padding and the ``S``.

What changes a code: adding or deleting a step, moving a step to another stage, or
moving it past another step of its stage (in x, or in y within the same x and lane),
reordering stages or lanes, or the step count crossing 99 (three digits). Editing a
label, an emotion, a state or a transition never does; a move that keeps a step's
place in that order keeps every code. Codes are not stored: the id is the identity.
"""

from __future__ import annotations

import re

from motdesk.graph.model import Journey, Step

_CODE = re.compile(r"^\s*[sS]?\s*0*(\d+)\s*$")


def ordered_steps(journey: Journey) -> list[Step]:
    """The journey's steps in reading order: stage, x, lane, y, id."""
    stage_order = {stage.id: i for i, stage in enumerate(journey.stages)}
    lane_order = {lane.id: i for i, lane in enumerate(journey.lanes)}
    unknown = len(stage_order) + len(lane_order)
    return sorted(
        journey.steps(),
        key=lambda s: (
            stage_order.get(s.stage, unknown),
            s.x,
            lane_order.get(s.lane, unknown),
            s.y,
            s.id,
        ),
    )


def step_codes(journey: Journey) -> dict[str, str]:
    """Step id -> code (``S01``...), in reading order."""
    steps = ordered_steps(journey)
    digits = max(2, len(str(len(steps))))
    return {step.id: f"S{i:0{digits}d}" for i, step in enumerate(steps, start=1)}


def step_for_code(journey: Journey, code: str) -> Step:
    """The step a code names (``S7``, ``s07`` and ``7`` all name the seventh); KeyError if none."""
    match = _CODE.match(code)
    steps = ordered_steps(journey)
    if match is None or not 1 <= int(match.group(1)) <= len(steps):
        raise KeyError(f"{code!r} is not a step code of journey {journey.title!r}")
    return steps[int(match.group(1)) - 1]

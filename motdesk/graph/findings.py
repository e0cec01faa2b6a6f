"""Questions to resolve: what a journey map leaves open, each finding naming its steps or
transitions, with a stable code the editor, the command line and the handout share.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from enum import StrEnum

from motdesk.graph.codes import step_codes
from motdesk.graph.model import Step, Transition
from motdesk.graph.paths import Flow, reachable
from motdesk.graph.views import view_emotion
from motdesk.graph.vocabulary import EmotionScale, Evidence, LaneKind, Moment, StepKind

_SHARE_TOLERANCE = 1e-9


class Severity(StrEnum):
    HIGH = "high"
    MEDIUM = "medium"
    LOW = "low"

    @property
    def rank(self) -> int:
        return (Severity.HIGH, Severity.MEDIUM, Severity.LOW).index(self)


@dataclass(frozen=True)
class FindingKind:
    code: str
    severity: Severity
    question: str


FINDING_KINDS: dict[str, FindingKind] = {
    k.code: k
    for k in (
        FindingKind(
            "misery-without-opportunity",
            Severity.HIGH,
            "A moment of truth with a negative emotion and no opportunity noted.",
        ),
        FindingKind(
            "unreachable", Severity.HIGH, "A step no start reaches by following transitions."
        ),
        FindingKind(
            "shares-over-one",
            Severity.HIGH,
            "A step's outgoing transition shares add up to more than 1.",
        ),
        FindingKind(
            "dip-without-pain-point",
            Severity.MEDIUM,
            "An emotion dip (below neutral, lower than a step before it) with no pain point.",
        ),
        FindingKind(
            "no-owner", Severity.MEDIUM, "A step in a frontstage or backstage lane with no owner."
        ),
        FindingKind(
            "assumed-moment",
            Severity.MEDIUM,
            "A moment of truth whose evidence is only assumed.",
        ),
        FindingKind("dead-end", Severity.MEDIUM, "A step with no way out that is not an end step."),
        FindingKind(
            "no-target-emotion",
            Severity.LOW,
            "A step of the future state with no target emotion.",
        ),
        FindingKind(
            "repeat-contact",
            Severity.LOW,
            "A transition back to an earlier stage, or closing a loop: a repeat contact.",
        ),
    )
}


@dataclass(frozen=True)
class Finding:
    """One question to resolve: a stable `code`, its severity, a sentence and the ids concerned."""

    code: str
    severity: Severity
    message: str
    step_ids: tuple[str, ...] = ()
    transition_ids: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, object]:
        return {
            "code": self.code,
            "severity": self.severity.value,
            "message": self.message,
            "steps": list(self.step_ids),
            "transitions": list(self.transition_ids),
        }


def _label(text: str) -> str:
    """A label on one line: a sentence must not break where the label does."""
    return " ".join(text.split())


def step_name(step: Step, codes: Mapping[str, str] | None = None) -> str:
    """How a message names a step: with `codes` (`step_codes`), its code then its label in
    quotes, as the handout and the editor show it (``S04 "Pays"``); without, its label in
    quotes and its id."""
    if codes is not None and step.id in codes:
        code = codes[step.id]
        return f'{code} "{_label(step.label)}"' if step.label.strip() else code
    return f'"{_label(step.label)}" ({step.id})' if step.label.strip() else f"step {step.id}"


def transition_name(transition: Transition, with_id: bool = True) -> str:
    """How a message names a transition: its label in quotes, and its id unless `with_id` is off
    (a message naming the steps at both ends needs no id the user never sees)."""
    label = f' "{_label(transition.label)}"' if transition.label.strip() else ""
    if not with_id:
        return f"transition{label}"
    return f"transition{label} ({transition.id})" if label else f"transition {transition.id}"


def _finding(
    code: str, message: str, steps: tuple[str, ...], transitions: tuple[str, ...] = ()
) -> Finding:
    return Finding(code, FINDING_KINDS[code].severity, message, steps, transitions)


def findings(flow: Flow, scale: EmotionScale) -> list[Finding]:
    """Every question to resolve in the view, most severe first, then in map order.

    Messages name steps by code and label (``S04 "Pays"``); the ids are in `step_ids`."""
    codes = step_codes(flow.journey)
    found = [
        *_step_findings(flow, scale, codes),
        *_future_findings(flow, codes),
        *_flow_findings(flow, codes),
    ]
    found.sort(
        key=lambda f: (
            f.severity.rank,
            flow.rank.get(f.step_ids[0], len(flow.rank)) if f.step_ids else len(flow.rank),
            f.code,
        )
    )
    return found


def _step_findings(flow: Flow, scale: EmotionScale, codes: Mapping[str, str]) -> Iterator[Finding]:
    journey = flow.journey
    lanes = {lane.id: lane for lane in journey.lanes}
    for step_id in flow.order:
        step = journey.step(step_id)
        emotion = view_emotion(step, flow.view)
        name = step_name(step, codes)
        negative = emotion is not None and scale.is_negative(emotion)
        if emotion is not None and negative and step.moment is not None and not step.opportunities:
            yield _finding(
                "misery-without-opportunity",
                f"Moment of truth {name} is a moment of misery ({scale.number(emotion)}, "
                f"{scale.name(emotion)}) with no opportunity noted.",
                (step_id,),
            )
        if emotion is not None and negative and not step.pain_points:
            before = [
                view_emotion(journey.step(t.source), flow.view) for t in flow.incoming[step_id]
            ]
            higher = [e for e in before if e is not None and e > emotion]
            if higher:
                yield _finding(
                    "dip-without-pain-point",
                    f"Emotion dips to {scale.number(emotion)} at {name} "
                    f"(from {scale.number(max(higher))} before it) "
                    "with no pain point noted.",
                    (step_id,),
                )
        lane = lanes.get(step.lane)
        if (
            lane is not None
            and lane.kind in (LaneKind.FRONTSTAGE, LaneKind.BACKSTAGE)
            and not step.owner.strip()
        ):
            yield _finding(
                "no-owner",
                f'Step {name} in the {lane.kind.value} lane "{_label(lane.name)}" has no owner.',
                (step_id,),
            )
        if step.moment is not None and step.evidence is Evidence.ASSUMED:
            yield _finding(
                "assumed-moment",
                f"Moment of truth {name}, a {step.moment.value}, rests on assumed evidence only.",
                (step_id,),
            )


def _future_findings(flow: Flow, codes: Mapping[str, str]) -> Iterator[Finding]:
    """Questions about the future state, asked whichever view is analysed."""
    steps = sorted(
        (s for s in flow.journey.steps() if s.state.has_future),
        key=lambda s: flow.rank.get(s.id, len(flow.rank)),
    )
    for step in steps:
        if step.future_emotion is None:
            yield _finding(
                "no-target-emotion",
                f"Step {step_name(step, codes)} of the future state has no target emotion.",
                (step.id,),
            )


def _flow_findings(flow: Flow, codes: Mapping[str, str]) -> Iterator[Finding]:
    journey = flow.journey
    reached = reachable(flow)
    for step_id in flow.order:
        step = journey.step(step_id)
        name = step_name(step, codes)
        if step_id not in reached:
            yield _finding(
                "unreachable",
                f"No start reaches step {name}: no chain of transitions leads to it.",
                (step_id,),
            )
        outgoing = flow.transitions_out[step_id]
        if not outgoing and step.kind is not StepKind.END:
            yield _finding(
                "dead-end",
                f"Step {name} has no way out but is not an end step.",
                (step_id,),
            )
        given = sum(t.share for t in outgoing if t.share is not None)
        if given > 1 + _SHARE_TOLERANCE:
            yield _finding(
                "shares-over-one",
                f"The shares of the transitions out of {name} add up to {given:.2f}, more than 1.",
                (step_id,),
                tuple(t.id for t in outgoing if t.share is not None),
            )
    yield from _repeat_contacts(flow, codes)


def _repeat_contacts(flow: Flow, codes: Mapping[str, str]) -> Iterator[Finding]:
    """Transitions to an earlier stage, and those closing a loop inside one stage."""
    journey = flow.journey
    stage_index = {s.id: i for i, s in enumerate(journey.stages)}
    closing = _loop_closing(flow)
    for step_id in flow.order:
        source = journey.step(step_id)
        for transition in flow.transitions_out[step_id]:
            target = journey.step(transition.target)
            if source.moment is Moment.UMOT and target.moment is Moment.ZMOT:
                continue  # the next customer's research: a link the domain expects
            earlier = stage_index[target.stage] < stage_index[source.stage]
            if not earlier and transition.id not in closing:
                continue
            where = (
                f'the earlier stage "{_label(journey.stage(target.stage).name)}"'
                if earlier
                else "an earlier step of the same stage"
            )
            yield _finding(
                "repeat-contact",
                f"The {transition_name(transition, with_id=False)} from {step_name(source, codes)} "
                f"leads back to {step_name(target, codes)} in {where}: a loop, such as a repeat contact.",
                (source.id, target.id),
                (transition.id,),
            )


def _loop_closing(flow: Flow) -> set[str]:
    """Transitions that close a loop: back edges of a depth-first walk in map order."""
    state: dict[str, int] = {}  # 1 on the walk's stack, 2 finished
    closing: set[str] = set()
    starts = set(flow.starts)
    roots = list(flow.starts) + [s for s in flow.order if s not in starts]
    for root in roots:
        if root in state:
            continue
        state[root] = 1
        stack = [(root, iter(flow.transitions_out[root]))]
        while stack:
            node, edges = stack[-1]
            transition = next(edges, None)
            if transition is None:
                state[node] = 2
                stack.pop()
                continue
            target = transition.target
            mark = state.get(target)
            if mark == 1:
                closing.add(transition.id)
            elif mark is None:
                state[target] = 1
                stack.append((target, iter(flow.transitions_out[target])))
    return closing

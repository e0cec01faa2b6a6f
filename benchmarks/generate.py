"""Generated projects of any size for benchmarks: one realistic-looking journey, reproducible by seed.

The journey has six stages and the four service-blueprint lanes, about 1.2
transitions per step (a backbone, forward branches that rejoin, a few loops back
to an earlier step), emotions on both sides, some moments of truth, and
current-only steps replaced by future-only ones.
"""

from __future__ import annotations

import random

from motdesk.graph.model import Journey, Kpi, Lane, Persona, Project, Stage, Step, Transition
from motdesk.graph.vocabulary import (
    BLUEPRINT_LANES,
    Channel,
    Evidence,
    LaneKind,
    Moment,
    State,
    StepKind,
)

STAGES: tuple[tuple[str, Moment | None], ...] = (
    ("Discover", Moment.ZMOT),
    ("Buy", Moment.FMOT),
    ("Onboard", None),
    ("Use", Moment.SMOT),
    ("Get help", Moment.MOT),
    ("Recommend", Moment.TMOT),
)

VERBS = ("Checks", "Compares", "Reads", "Opens", "Confirms", "Waits for", "Calls about", "Updates")
OBJECTS = (
    "the offer",
    "delivery status",
    "the invoice",
    "account settings",
    "the contract",
    "a reminder email",
    "the help article",
    "the refund",
)
OWNERS = ("Digital sales", "Contact centre", "Operations", "Billing", "IT platform", "Logistics")
PAINS = ("Long wait", "Unclear wording", "Asked twice for the same data", "No status update")
IDEAS = ("Proactive message", "Self-service option", "Plain-language rewrite", "One-click fix")
LANE_WEIGHTS = (0.5, 0.25, 0.15, 0.1)
CHANNEL_BY_LANE = {
    LaneKind.CUSTOMER: (Channel.WEB, Channel.APP, Channel.PHONE, Channel.STORE),
    LaneKind.FRONTSTAGE: (Channel.EMAIL, Channel.PHONE, Channel.APP, Channel.IN_PERSON),
    LaneKind.BACKSTAGE: (Channel.OTHER,),
    LaneKind.SUPPORT: (Channel.OTHER,),
}


def generate_project(steps: int, seed: int = 0) -> Project:
    """A project with one journey of about `steps` steps (at least 2), the same for the same seed."""
    rng = random.Random(seed)
    steps = max(2, steps)
    stages = [Stage(f"s{i + 1}", name, moment) for i, (name, moment) in enumerate(STAGES)]
    lanes = [Lane(f"l{i + 1}", name, kind) for i, (name, kind) in enumerate(BLUEPRINT_LANES)]
    journey = Journey("j1", f"Generated journey of {steps} steps", "p1", "", stages, lanes)
    builder = _Builder(journey, rng, steps)
    builder.build()
    return Project(
        title=f"Generated project ({steps} steps, seed {seed})",
        organisation="Example Corp",
        facilitator="Benchmark",
        workshop_date="2024-01-15",
        personas=[Persona("p1", "Sam, a typical customer", "Buys online, calls when stuck.")],
        journeys=[journey],
    )


class _Builder:
    """Lays the steps out along a backbone and connects them."""

    def __init__(self, journey: Journey, rng: random.Random, steps: int) -> None:
        self.journey = journey
        self.rng = rng
        self.total = steps
        self.count = 0
        self.edges = 0
        self.emotion = 0
        self.cell_fill: dict[tuple[int, int], int] = {}

    def stage_of(self, index: int) -> int:
        return min(len(STAGES) - 1, index * len(STAGES) // self.total)

    def make_step(self, index: int, state: State, kind: StepKind | None = None) -> Step:
        rng = self.rng
        self.count += 1
        stage = self.stage_of(index)
        lane = rng.choices(range(4), LANE_WEIGHTS)[0]
        lane_kind = BLUEPRINT_LANES[lane][1]
        if kind is None:
            kind = StepKind.TOUCHPOINT if lane_kind is LaneKind.FRONTSTAGE else StepKind.ACTION
        self.emotion = max(-3, min(3, self.emotion + rng.choice((-2, -1, -1, 0, 1, 1, 2))))
        current = self.emotion - (1 if state is State.CURRENT else 0)
        current = max(-3, current)
        future = max(-3, min(3, current + rng.choice((0, 1, 1, 2, 3))))
        moment = None
        if rng.random() < 0.05:
            moment = STAGES[stage][1] or Moment.MOT
        pains = (rng.choice(PAINS),) if current < 0 and rng.random() < 0.7 else ()
        ideas = (rng.choice(IDEAS),) if rng.random() < 0.3 else ()
        owner = ""
        if lane_kind is not LaneKind.CUSTOMER and rng.random() < 0.9:
            owner = rng.choice(OWNERS)
        evidence = Evidence.OBSERVED
        if state is State.FUTURE:
            evidence = Evidence.PROPOSED
        elif rng.random() < 0.15:
            evidence = Evidence.ASSUMED
        cell = (stage, lane)
        slot = self.cell_fill.get(cell, 0)
        self.cell_fill[cell] = slot + 1
        step = Step(
            id=f"n{self.count}",
            label=f"{rng.choice(VERBS)} {rng.choice(OBJECTS)} ({self.count})",
            stage=f"s{stage + 1}",
            lane=f"l{lane + 1}",
            description="",
            kind=kind,
            channel=rng.choice(CHANNEL_BY_LANE[lane_kind]),
            owner=owner,
            evidence=evidence,
            state=state,
            moment=moment,
            current_emotion=None if state is State.FUTURE else current,
            future_emotion=None if state is State.CURRENT else future,
            pain_points=pains,
            opportunities=ideas,
            kpis=(Kpi("Satisfaction", 3.1, 4.2, "/5"),) if moment else (),
            phase=rng.choice((1, 2, 3)) if state is State.FUTURE and rng.random() < 0.5 else None,
            x=float(20 + stage * 2000 + (slot % 10) * 200),
            y=float(30 + lane * 800 + (slot // 10) * 120 % 700),
        )
        self.journey._put_step(step)
        return step

    def connect(self, source: Step, target: Step, share: float | None = None) -> None:
        if source.id == target.id or self.journey.transition_between(source.id, target.id):
            return
        if source.state is State.BOTH:
            state = target.state
        elif target.state is State.BOTH or target.state is source.state:
            state = source.state
        else:
            return  # a current-only and a future-only step never meet
        self.edges += 1
        label = "" if share is None or share >= 0.5 else "otherwise"
        self.journey._put_transition(
            Transition(f"t{self.edges}", source.id, target.id, label, share, state)
        )

    def build(self) -> None:
        rng = self.rng
        backbone: list[Step] = [self.make_step(0, State.BOTH, StepKind.START)]
        pending_branches: list[tuple[Step, int]] = []
        while self.count < self.total - 1:
            index = self.count
            previous = backbone[-1]
            if rng.random() < 0.08 and self.count < self.total - 3:
                # today's step replaced by a new one in the future
                old = self.make_step(index, State.CURRENT)
                new = self.make_step(index, State.FUTURE)
                nxt = self.make_step(self.count, State.BOTH)
                self.connect(previous, old)
                self.connect(previous, new)
                self.connect(old, nxt)
                self.connect(new, nxt)
                backbone.append(nxt)
                continue
            step = self.make_step(index, State.BOTH)
            if rng.random() < 0.15:
                share = rng.choice((None, 0.6, 0.7, 0.8))
                self.connect(previous, step, share)
                pending_branches.append((previous, len(backbone) + rng.randint(2, 6)))
            else:
                self.connect(previous, step)
            backbone.append(step)
            for source, at in [b for b in pending_branches if b[1] <= len(backbone) - 1]:
                pending_branches.remove((source, at))
                given = next(
                    (t.share for t in self.journey.transitions_of(source.id) if t.share), None
                )
                self.connect(source, step, None if given is None else round(1 - given, 2))
            if rng.random() < 0.03 and len(backbone) > 6:
                # a repeat contact: back to a step a little earlier
                back = backbone[-rng.randint(3, 6)]
                self.connect(step, back, 0.2)
        end = self.make_step(self.total - 1, State.BOTH, StepKind.END)
        self.connect(backbone[-1], end)

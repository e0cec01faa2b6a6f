"""Hypothesis strategies for random but valid journey documents."""

from __future__ import annotations

import itertools
from collections.abc import Callable
from dataclasses import replace

from hypothesis import strategies as st

from motdesk.graph.document import Document
from motdesk.graph.model import Journey, Kpi, Lane, Persona, Project, Stage, Step, Transition
from motdesk.graph.validation import transition_fits
from motdesk.graph.vocabulary import (
    EMOTION_SCALES,
    Channel,
    Evidence,
    LaneKind,
    Moment,
    State,
    StepKind,
)

# Text that exercises what files and PDFs must keep: markup, quotes, non-Latin letters.
text = st.text(
    alphabet=st.sampled_from(list("abc XYZ<>&\"'/\\;éßΩЖ中🙂\n\t0-")),
    max_size=12,
)
short_text = st.text(alphabet=st.sampled_from(list("abcdeé<&Ж ")), max_size=6)
numbers = st.one_of(
    st.none(), st.integers(-1000, 1000), st.floats(-1e6, 1e6, allow_nan=False, width=32)
)
kpis = st.builds(
    Kpi,
    name=short_text.filter(lambda s: s.strip() != ""),
    current=numbers,
    target=numbers,
    unit=short_text,
)


@st.composite
def steps(draw: st.DrawFn, step_id: str, journey: Journey, scale_code: str) -> Step:
    scale = EMOTION_SCALES[scale_code]
    state = draw(st.sampled_from(list(State)))
    emotion = st.one_of(st.none(), st.integers(scale.low, scale.high))
    return Step(
        id=step_id,
        label=draw(text),
        description=draw(text),
        stage=draw(st.sampled_from([s.id for s in journey.stages])),
        lane=draw(st.sampled_from([lane.id for lane in journey.lanes])),
        kind=draw(st.sampled_from(list(StepKind))),
        channel=draw(st.one_of(st.none(), st.sampled_from(list(Channel)))),
        owner=draw(short_text),
        evidence=draw(st.sampled_from(list(Evidence))),
        state=state,
        moment=draw(st.one_of(st.none(), st.sampled_from(list(Moment)))),
        current_emotion=draw(emotion) if state.has_current else None,
        future_emotion=draw(emotion) if state.has_future else None,
        pain_points=tuple(draw(st.lists(text, max_size=3))),
        opportunities=tuple(draw(st.lists(text, max_size=2))),
        kpis=tuple(draw(st.lists(kpis, max_size=2))),
        phase=draw(st.one_of(st.none(), st.integers(1, 5))),
        notes=draw(text),
        x=float(draw(st.integers(-2000, 5000))),
        y=draw(st.floats(-2000, 5000, allow_nan=False, width=32)),
    )


@st.composite
def projects(draw: st.DrawFn, max_steps: int = 8) -> Project:
    """A valid project: personas, one to three journeys with stages, lanes, steps, transitions."""
    counter = iter(range(10_000))

    def next_id(prefix: str) -> str:
        return f"{prefix}{next(counter)}"

    scale_code = draw(st.sampled_from(list(EMOTION_SCALES)))
    personas = [
        Persona(next_id("p"), draw(short_text), draw(text), draw(text))
        for _ in range(draw(st.integers(0, 2)))
    ]
    project = Project(
        title=draw(text),
        organisation=draw(short_text),
        facilitator=draw(short_text),
        workshop_date=draw(st.one_of(st.none(), st.dates().map(lambda d: d.isoformat()))),
        notes=draw(text),
        emotion_scale=scale_code,
        personas=personas,
    )
    for _ in range(draw(st.integers(1, 3))):
        journey = Journey(
            next_id("j"),
            draw(text),
            draw(st.one_of(st.none(), st.sampled_from([p.id for p in personas])))
            if personas
            else None,
            draw(text),
            [
                Stage(
                    next_id("s"),
                    draw(short_text),
                    draw(st.one_of(st.none(), st.sampled_from(list(Moment)))),
                )
                for _ in range(draw(st.integers(1, 4)))
            ],
            [
                Lane(next_id("l"), draw(short_text), draw(st.sampled_from(list(LaneKind))))
                for _ in range(draw(st.integers(1, 4)))
            ],
        )
        for _ in range(draw(st.integers(0, max_steps))):
            journey._put_step(draw(steps(next_id("n"), journey, scale_code)))
        ids = list(journey.graph.nodes)
        if len(ids) >= 2:
            pairs = draw(
                st.lists(
                    st.tuples(st.sampled_from(ids), st.sampled_from(ids)).filter(
                        lambda p: p[0] != p[1]
                    ),
                    max_size=len(ids) * 2,
                    unique=True,
                )
            )
            for source, target in pairs:
                a, b = journey.step(source), journey.step(target)
                fitting = [s for s in State if transition_fits(s, a, b)]
                if not fitting:
                    continue
                share = draw(
                    st.one_of(
                        st.none(), st.floats(0, 1, allow_nan=False).map(lambda f: round(f, 3))
                    )
                )
                journey._put_transition(
                    Transition(
                        next_id("e"),
                        source,
                        target,
                        draw(short_text),
                        share,
                        draw(st.sampled_from(fitting)),
                    )
                )
        project.journeys.append(journey)
    return project


def documents(max_steps: int = 8) -> st.SearchStrategy[Document]:
    return projects(max_steps).map(Document)


def fresh_copy(project: Project) -> Project:
    """A deep-enough copy to compare against later (records are immutable)."""
    return replace(project.copy())


def counting_ids() -> Callable[[], None]:
    """Make new ids count up instead of being random; returns the function that undoes it.

    A state machine that samples among existing ids must draw the same ones when
    hypothesis replays an example, or hypothesis reports the strategy as flaky.
    """
    import motdesk.graph.document as document_module

    real = document_module.new_id
    counter = itertools.count()
    document_module.new_id = lambda prefix: f"{prefix}x{next(counter):05d}"

    def restore() -> None:
        document_module.new_id = real

    return restore

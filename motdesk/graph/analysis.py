"""Journey analysis: emotional arcs, gaps, priorities and suggested phases, and `analyze`, which
gathers them with paths, reach and findings into one `Analysis` for the editor, the command
line and the handout alike.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from motdesk.graph.findings import Finding, findings
from motdesk.graph.model import Journey, Project, Step
from motdesk.graph.paths import (
    MAX_EXPANSIONS,
    MAX_PATHS,
    Path,
    PathSet,
    enumerate_paths,
    flow,
    gc_paused,
    main_path,
    map_order,
    reach,
)
from motdesk.graph.views import Difference, step_difference, view_emotion
from motdesk.graph.vocabulary import EmotionScale, State, View

PRIORITY_FORMULA = (
    "priority = 100 x reach x weight x (gain + misery) / 2, where weight = 1 for a moment of "
    "truth and 0.5 otherwise; gain = max(0, future - current) / (high - low), a side the step "
    "does not have counting as neutral and no gain where a side it has is not rated yet; "
    "misery = max(0, neutral - current) / (neutral - low); "
    "reach = the share of customers who reach the step today (in the future view for a new step)"
)
"""The priority formula in words, printed beside the figures it produced."""

DEFAULT_PHASES = 3
"""Suggested phases spread over at least this many phases (more if the user already has more)."""

FORMAT = "motdesk-analysis"
FORMAT_VERSION = 1


# -- emotional arc -------------------------------------------------------------------------


@dataclass(frozen=True)
class ArcPoint:
    step_id: str
    label: str
    emotion: int


@dataclass(frozen=True)
class Arc:
    """The emotions along one path of one view, steps with no emotion skipped."""

    view: View
    path: tuple[str, ...]
    points: tuple[ArcPoint, ...]
    skipped: tuple[str, ...]
    """Steps of the path with no emotion in this view, left out of the arc."""
    lowest: ArcPoint | None
    highest: ArcPoint | None
    peak: ArcPoint | None
    """The most intense point: the largest distance from the scale's neutral, earliest on a tie."""
    end: ArcPoint | None
    peak_end: float | None
    """The mean of the emotion at `peak` and at `end`, on the project's scale."""
    peak_end_normalized: float | None
    """`peak_end` mapped onto -1..+1, to compare projects on different scales."""

    def to_dict(self) -> dict[str, Any]:
        def point(p: ArcPoint | None) -> dict[str, Any] | None:
            return None if p is None else {"step": p.step_id, "emotion": p.emotion}

        return {
            "path": list(self.path),
            "emotions": [{"step": p.step_id, "emotion": p.emotion} for p in self.points],
            "skipped": list(self.skipped),
            "lowest": point(self.lowest),
            "highest": point(self.highest),
            "peak": point(self.peak),
            "end": point(self.end),
            "peak_end": _round(self.peak_end),
            "peak_end_normalized": _round(self.peak_end_normalized),
        }


def emotional_arc(
    journey: Journey, path: tuple[str, ...] | Path | None, view: View | str, scale: EmotionScale
) -> Arc:
    """The arc of `path` in `view`; the lowest, highest and most intense points are the earliest
    on a tie, the end is the last step with an emotion."""
    view = View(view)
    steps = path.steps if isinstance(path, Path) else tuple(path or ())
    points: list[ArcPoint] = []
    skipped: list[str] = []
    for step_id in steps:
        step = journey.step(step_id)
        emotion = view_emotion(step, view)
        if emotion is None:
            skipped.append(step_id)
        else:
            points.append(ArcPoint(step_id, step.label, emotion))
    if not points:
        return Arc(view, steps, (), tuple(skipped), None, None, None, None, None, None)
    lowest = min(points, key=lambda p: p.emotion)  # min and max keep the first on a tie
    highest = max(points, key=lambda p: p.emotion)
    peak = max(points, key=lambda p: abs(p.emotion - scale.neutral))
    end = points[-1]
    peak_end = (peak.emotion + end.emotion) / 2
    return Arc(
        view,
        steps,
        tuple(points),
        tuple(skipped),
        lowest,
        highest,
        peak,
        end,
        peak_end,
        scale.normalized(peak_end),
    )


# -- gaps, priorities and phases -----------------------------------------------------------


@dataclass(frozen=True)
class Priority:
    """A step's priority score (0..100) and the terms of the formula that made it."""

    score: float
    """0..100, unrounded: round it where it is shown."""
    reach: float
    weight: float
    gain: float
    misery: float


def priority(step: Step, reach: float, scale: EmotionScale) -> Priority:
    """The priority of improving `step`, reached by the share `reach` (see PRIORITY_FORMULA)."""
    span = scale.high - scale.low
    current, future = step.current_emotion, step.future_emotion
    gain = 0.0
    if step.state is State.BOTH and current is not None and future is not None:
        gain = max(0.0, future - current) / span
    elif step.state is State.FUTURE and future is not None:
        gain = max(0.0, future - scale.neutral) / span
    elif step.state is State.CURRENT and current is not None:
        gain = max(0.0, scale.neutral - current) / span
    misery = 0.0
    if current is not None and step.state.has_current:
        misery = max(0.0, scale.neutral - current) / (scale.neutral - scale.low)
    weight = 1.0 if step.moment is not None else 0.5
    score = 100 * reach * weight * (gain + misery) / 2
    return Priority(score, reach, weight, gain, misery)


@dataclass(frozen=True)
class GapRow:
    """One line of the gaps table: what changes at a step, how much it matters, its phase."""

    step_id: str
    label: str
    stage: str
    """The stage's name."""
    moment: str | None
    """The moment-of-truth code, or None."""
    difference: Difference
    current: int | None
    future: int | None
    gap: int | None
    """Future emotion minus current emotion; None unless the step has both."""
    reach: float
    priority: float
    phase: int | None
    """The phase the user chose."""
    suggested_phase: int | None
    """A phase for a step the user has not phased yet (None where the user chose one)."""

    def to_dict(self) -> dict[str, Any]:
        return {
            "step": self.step_id,
            "label": self.label,
            "stage": self.stage,
            "moment": self.moment,
            "difference": self.difference.value,
            "current": self.current,
            "future": self.future,
            "gap": self.gap,
            "reach": _round(self.reach),
            "priority": round(self.priority, 3),
            "phase": self.phase,
            "suggested_phase": self.suggested_phase,
        }


def suggested_phases(
    priorities: dict[str, float], phases: dict[str, int | None], order: list[str]
) -> dict[str, int]:
    """A phase for each unphased step with a priority above 0, highest priorities first.

    The steps with a priority above 0 (phased or not) are ranked by priority and cut
    into P equal bands, P being the largest phase in use or `DEFAULT_PHASES`, whichever
    is more; an unphased step is suggested its band. A phase the user chose is kept.
    """
    count = max([DEFAULT_PHASES, *(p for p in phases.values() if p is not None)])
    position = {step_id: i for i, step_id in enumerate(order)}
    ranked = sorted(
        (s for s, score in priorities.items() if score > 0),
        key=lambda s: (-priorities[s], position[s]),
    )
    return {
        step_id: rank * count // len(ranked) + 1
        for rank, step_id in enumerate(ranked)
        if phases.get(step_id) is None
    }


def gap_rows(project: Project, journey: Journey | str, *, every_step: bool = False) -> list[GapRow]:
    """The gaps table: moments of truth first, then by priority, then in map order.

    By default only the rows that say something: a step that is added, removed,
    raised or lowered, a moment of truth, or one with a priority above 0. With
    `every_step`, every step of the journey.
    """
    if isinstance(journey, str):
        journey = project.journey(journey)
    with gc_paused():
        current = reach(flow(journey, View.CURRENT)).shares
        future = reach(flow(journey, View.FUTURE)).shares
        return _gap_rows(project, journey, every_step, current, future)


def _gap_rows(
    project: Project,
    journey: Journey,
    every_step: bool,
    current_reach: dict[str, float],
    future_reach: dict[str, float],
) -> list[GapRow]:
    scale = project.scale
    steps = map_order(journey)
    order = [s.id for s in steps]
    stage_names = {s.id: s.name for s in journey.stages}
    scores: dict[str, float] = {}
    reaches: dict[str, float] = {}
    for step in steps:
        shares = current_reach if step.state.has_current else future_reach
        reaches[step.id] = shares.get(step.id, 0.0)
        scores[step.id] = priority(step, reaches[step.id], scale).score
    suggestions = suggested_phases(scores, {s.id: s.phase for s in steps}, order)
    rows: list[GapRow] = []
    for step in steps:
        difference = step_difference(step)
        if not every_step and not (
            difference is not Difference.SAME or step.moment is not None or scores[step.id] > 0
        ):
            continue
        rows.append(
            GapRow(
                step_id=step.id,
                label=step.label,
                stage=stage_names.get(step.stage, step.stage),
                moment=None if step.moment is None else step.moment.value,
                difference=difference,
                current=step.current_emotion if step.state.has_current else None,
                future=step.future_emotion if step.state.has_future else None,
                gap=step.gap,
                reach=reaches[step.id],
                priority=scores[step.id],
                phase=step.phase,
                suggested_phase=suggestions.get(step.id),
            )
        )
    position = {step_id: i for i, step_id in enumerate(order)}
    rows.sort(key=lambda r: (r.moment is None, -r.priority, position[r.step_id]))
    return rows


# -- everything at once --------------------------------------------------------------------


@dataclass(frozen=True)
class Analysis:
    """Everything the analysis says about one journey in one view (current or future)."""

    journey_id: str
    journey_title: str
    view: View
    scale: EmotionScale
    order: tuple[str, ...]
    """The view's step ids in map order."""
    starts: tuple[str, ...]
    ends: tuple[str, ...]
    paths: PathSet
    main_path: Path | None
    reach: dict[str, float]
    reach_exact: bool
    arcs: dict[View, Arc]
    """The arc of each view's main path, current and future."""
    gaps: tuple[GapRow, ...]
    """Every step of the journey, as `gap_rows(..., every_step=True)` orders them."""
    findings: tuple[Finding, ...]

    @property
    def arc(self) -> Arc:
        """The arc of this view's main path."""
        return self.arcs[self.view]

    def to_dict(self) -> dict[str, Any]:
        """The stable JSON structure of `motdesk analyze --json` (docs/analysis.md)."""
        return {
            "format": FORMAT,
            "version": FORMAT_VERSION,
            "journey": {"id": self.journey_id, "title": self.journey_title},
            "view": self.view.value,
            "scale": {
                "code": self.scale.code,
                "low": self.scale.low,
                "high": self.scale.high,
                "neutral": self.scale.neutral,
            },
            "starts": list(self.starts),
            "ends": list(self.ends),
            "paths": {
                "items": [
                    {"steps": list(p.steps), "probability": _round(p.probability)}
                    for p in self.paths.paths
                ],
                "count": len(self.paths),
                "truncated": self.paths.truncated,
                "max_paths": self.paths.max_paths,
                "max_expansions": self.paths.max_expansions,
            },
            "main_path": None
            if self.main_path is None
            else {
                "steps": list(self.main_path.steps),
                "probability": _round(self.main_path.probability),
            },
            "reach": {step_id: _round(self.reach[step_id]) for step_id in self.order},
            "reach_exact": self.reach_exact,
            "arcs": {view.value: arc.to_dict() for view, arc in self.arcs.items()},
            "priority_formula": PRIORITY_FORMULA,
            "gaps": [row.to_dict() for row in self.gaps],
            "findings": [f.to_dict() for f in self.findings],
        }


def analyze(
    project: Project,
    journey_id: str | None = None,
    view: View | str = View.CURRENT,
    *,
    max_paths: int = MAX_PATHS,
    max_expansions: int = MAX_EXPANSIONS,
) -> Analysis:
    """Analyse one journey (the first if `journey_id` is None) in the current or future view.

    Raises KeyError for an unknown journey and ValueError for the compare view.
    """
    if journey_id is None:
        if not project.journeys:
            raise KeyError("the project has no journey")
        journey = project.journeys[0]
    else:
        journey = project.journey(journey_id)
    view = View(view)
    if view is View.COMPARE:
        raise ValueError("the analysis reads the current or the future view, not the compare view")
    with gc_paused():
        flows = {v: flow(journey, v) for v in (View.CURRENT, View.FUTURE)}
        this = flows[view]
        mains = {v: main_path(f) for v, f in flows.items()}
        reaches = {v: reach(f) for v, f in flows.items()}
        scale = project.scale
        gaps = _gap_rows(
            project, journey, True, reaches[View.CURRENT].shares, reaches[View.FUTURE].shares
        )
        return Analysis(
            journey_id=journey.id,
            journey_title=journey.title,
            view=view,
            scale=scale,
            order=this.order,
            starts=this.starts,
            ends=this.ends,
            paths=enumerate_paths(this, max_paths=max_paths, max_expansions=max_expansions),
            main_path=mains[view],
            reach=reaches[view].shares,
            reach_exact=reaches[view].exact,
            arcs={v: emotional_arc(journey, mains[v], v, scale) for v in flows},
            gaps=tuple(gaps),
            findings=tuple(findings(this, scale)),
        )


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 6)

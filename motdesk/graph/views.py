"""Current, future and compare views of a journey: which steps show, and what changed."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from motdesk.graph.model import Journey, Step, Transition
from motdesk.graph.vocabulary import State, View


class Difference(StrEnum):
    """How a step or transition differs between today and the future."""

    ADDED = "added"  # future only
    REMOVED = "removed"  # current only
    RAISED = "raised"  # both, future emotion higher
    LOWERED = "lowered"  # both, future emotion lower
    SAME = "same"  # both, no change of emotion (or one side unrated)


def visible(state: State, view: View) -> bool:
    """Whether something in `state` shows in `view`."""
    if view is View.CURRENT:
        return state.has_current
    if view is View.FUTURE:
        return state.has_future
    return True


def step_difference(step: Step) -> Difference:
    if step.state is State.FUTURE:
        return Difference.ADDED
    if step.state is State.CURRENT:
        return Difference.REMOVED
    gap = step.gap
    if gap is None or gap == 0:
        return Difference.SAME
    return Difference.RAISED if gap > 0 else Difference.LOWERED


def transition_difference(transition: Transition) -> Difference:
    if transition.state is State.FUTURE:
        return Difference.ADDED
    if transition.state is State.CURRENT:
        return Difference.REMOVED
    return Difference.SAME


def view_emotion(step: Step, view: View) -> int | None:
    """The emotion a view shows for the step: the future one in the future view, else today's
    (in compare, a future-only step shows its target)."""
    if view is View.FUTURE:
        return step.future_emotion
    if view is View.CURRENT:
        return step.current_emotion
    return step.current_emotion if step.state.has_current else step.future_emotion


@dataclass(frozen=True)
class JourneyView:
    """The steps and transitions a view shows, in the journey's order."""

    view: View
    steps: tuple[Step, ...]
    transitions: tuple[Transition, ...]

    @property
    def step_ids(self) -> frozenset[str]:
        return frozenset(s.id for s in self.steps)


def journey_view(journey: Journey, view: View | str) -> JourneyView:
    view = View(view)
    return JourneyView(
        view,
        tuple(s for s in journey.steps() if visible(s.state, view)),
        tuple(t for t in journey.transitions() if visible(t.state, view)),
    )


@dataclass(frozen=True)
class Comparison:
    """What the future state changes: steps and transitions by difference, with emotion deltas."""

    added: tuple[Step, ...]
    removed: tuple[Step, ...]
    raised: tuple[Step, ...]
    lowered: tuple[Step, ...]
    unchanged: tuple[Step, ...]
    transitions_added: tuple[Transition, ...]
    transitions_removed: tuple[Transition, ...]

    def difference(self, step_id: str) -> Difference:
        for kind, steps in (
            (Difference.ADDED, self.added),
            (Difference.REMOVED, self.removed),
            (Difference.RAISED, self.raised),
            (Difference.LOWERED, self.lowered),
        ):
            if any(s.id == step_id for s in steps):
                return kind
        return Difference.SAME


def compare(journey: Journey) -> Comparison:
    groups: dict[Difference, list[Step]] = {d: [] for d in Difference}
    for step in journey.steps():
        groups[step_difference(step)].append(step)
    transitions = list(journey.transitions())
    return Comparison(
        added=tuple(groups[Difference.ADDED]),
        removed=tuple(groups[Difference.REMOVED]),
        raised=tuple(groups[Difference.RAISED]),
        lowered=tuple(groups[Difference.LOWERED]),
        unchanged=tuple(groups[Difference.SAME]),
        transitions_added=tuple(t for t in transitions if t.state is State.FUTURE),
        transitions_removed=tuple(t for t in transitions if t.state is State.CURRENT),
    )

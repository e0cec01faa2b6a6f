"""Paths through one view of a journey: starts and ends, bounded path enumeration, the main
path and the share of customers who reach each step.

Every function here reads a `Flow`: the steps and transitions one view shows, with
each transition's *effective share* (a missing share splits what the given shares
leave evenly among the step's other outgoing transitions; shares adding up to more
than 1 are scaled down to 1). Customers leave the journey at an end step: nothing
flows on from a step of kind `end`, even where it links back to an earlier step.
"""

from __future__ import annotations

import gc
import heapq
import math
from collections import deque
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import cached_property

from motdesk.graph.model import Journey, Step, Transition
from motdesk.graph.views import visible
from motdesk.graph.vocabulary import State, StepKind, View

MAX_PATHS = 200
"""At most this many paths are listed; past it the path set says it was cut short."""
MAX_EXPANSIONS = 200_000
"""At most this many moves along a transition while listing paths (bounds the time taken)."""
EXACT_LOOP_LIMIT = 80
"""Loops (strongly connected groups of steps) up to this size get exact reach figures."""
_SHARE_TOLERANCE = 1e-9


@dataclass(frozen=True)
class Flow:
    """The steps and transitions of one view, ready for walking.

    `order` is map order (stage, then lane, then the order steps were added): every
    list in the analysis follows it and ties are broken by it. `out` holds, per step,
    its successors with their effective shares, likeliest first; `out` of an end step
    is empty.
    """

    journey: Journey
    view: View
    order: tuple[str, ...]
    rank: dict[str, int]
    out: dict[str, tuple[tuple[str, float], ...]]
    transitions_out: dict[str, list[Transition]]
    """Per step, the transitions the view shows leaving it (read only)."""
    starts: tuple[str, ...]
    ends: tuple[str, ...]

    @cached_property
    def incoming(self) -> dict[str, list[Transition]]:
        """Per step, the transitions the view shows arriving at it (read only)."""
        incoming: dict[str, list[Transition]] = {step_id: [] for step_id in self.order}
        for transitions in self.transitions_out.values():
            for transition in transitions:
                incoming[transition.target].append(transition)
        return incoming


@dataclass(frozen=True)
class Path:
    """One way through the journey, from a start to an end, no step twice."""

    steps: tuple[str, ...]
    probability: float
    """The product of the effective shares along the path (1 for a path of one step)."""


@dataclass(frozen=True)
class PathSet:
    """The paths of a view, likeliest branch first; `truncated` when a bound cut the list short."""

    paths: tuple[Path, ...]
    truncated: bool
    max_paths: int
    max_expansions: int

    def __len__(self) -> int:
        return len(self.paths)


@dataclass(frozen=True)
class Reach:
    """The share of customers who arrive at each step at least once (0..1), per step id."""

    shares: dict[str, float]
    exact: bool
    """False when a tangle of loops larger than `EXACT_LOOP_LIMIT` steps was approximated."""


def map_order(journey: Journey) -> list[Step]:
    """The steps by stage, then lane, then the order they were added.

    Never by position: moving a card changes no figure, and auto-layout, which
    reads this order, places the cards the same way however they stood before.
    """
    stage_index = {s.id: i for i, s in enumerate(journey.stages)}
    lane_index = {lane.id: i for i, lane in enumerate(journey.lanes)}
    last_stage, last_lane = len(stage_index), len(lane_index)
    steps = list(journey.steps())
    steps.sort(
        key=lambda s: (stage_index.get(s.stage, last_stage), lane_index.get(s.lane, last_lane))
    )
    return steps


@contextmanager
def gc_paused() -> Iterator[None]:
    """Hold off the cyclic garbage collector during a bulk computation.

    Analysis and layout make many short-lived containers and no reference cycles;
    on a large project the collector's full passes over every record would cost
    more than the work itself.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def effective_shares(
    transitions: Iterable[Transition], *, others_hidden: bool = False
) -> list[float]:
    """The share each transition carries once missing shares take an even part of what is left.

    Given shares adding up to more than 1 are scaled down to add up to 1 (the
    missing ones then carry nothing). Adding up to less than 1 with none missing,
    the rest leaves the journey at that step, unless `others_hidden` (the view hides
    some of the step's transitions): then the customers of the hidden ones take the
    shown ones in proportion, and the shares are scaled up to add up to 1.
    """
    transitions = list(transitions)
    given = sum(t.share for t in transitions if t.share is not None)
    missing = sum(1 for t in transitions if t.share is None)
    if given > 1 + _SHARE_TOLERANCE or (others_hidden and not missing and given > 0):
        return [0.0 if t.share is None else t.share / given for t in transitions]
    rest = max(0.0, 1.0 - given) / missing if missing else 0.0
    return [rest if t.share is None else t.share for t in transitions]


def flow(journey: Journey, view: View | str, *, ordered: Iterable[Step] | None = None) -> Flow:
    """The view's steps and transitions with effective shares, starts and ends.

    `ordered`: the journey's steps in map order, where the caller has them already.
    """
    view = View(view)
    if view is View.COMPARE:
        raise ValueError("paths follow the current or the future view, not the compare view")
    shown = frozenset(s for s in State if visible(s, view))
    ordered = map_order(journey) if ordered is None else ordered
    steps = [s for s in ordered if s.state in shown]
    order = tuple(s.id for s in steps)
    rank = {step_id: i for i, step_id in enumerate(order)}
    end_steps = {s.id for s in steps if s.kind is StepKind.END}
    outgoing: dict[str, list[Transition]] = {}
    out: dict[str, tuple[tuple[str, float], ...]] = {}
    for source, targets in journey.graph.adjacency():
        if source not in rank:
            continue
        transitions = [
            data["transition"] for data in targets.values() if data["transition"].state in shown
        ]
        outgoing[source] = transitions
        if not transitions or source in end_steps:
            out[source] = ()
        elif len(transitions) == 1 and transitions[0].share is None:
            out[source] = ((transitions[0].target, 1.0),)
        else:
            hidden = len(transitions) < len(targets)
            shares = effective_shares(transitions, others_hidden=hidden)
            pairs = zip((t.target for t in transitions), shares, strict=True)
            out[source] = tuple(sorted(pairs, key=lambda p: (-p[1], rank[p[0]])))
    starts = tuple(s.id for s in steps if s.kind is StepKind.START)
    if not starts:
        arrived = {t.target for transitions in outgoing.values() for t in transitions}
        starts = tuple(step_id for step_id in order if step_id not in arrived) or order[:1]
    ends = tuple(step_id for step_id in order if step_id in end_steps or not outgoing[step_id])
    return Flow(journey, view, order, rank, out, outgoing, starts, ends)


def enumerate_paths(
    flow: Flow, *, max_paths: int = MAX_PATHS, max_expansions: int = MAX_EXPANSIONS
) -> PathSet:
    """The paths from each start to an end, depth first, likeliest transition first.

    A path never visits a step twice, so a loop is not followed round again (its
    repeat contact shows in `reach` and in the findings). The walk stops after
    `max_paths` paths or `max_expansions` moves along a transition, whichever
    comes first, and the result says whether it stopped early.
    """
    paths: list[Path] = []
    expansions = 0
    ends = set(flow.ends)
    for start in flow.starts:
        if start in ends:
            if len(paths) == max_paths:
                return PathSet(tuple(paths), True, max_paths, max_expansions)
            paths.append(Path((start,), 1.0))
            continue
        path = [start]
        probability = [1.0]
        on_path = {start}
        cursor = [0]
        while cursor:
            node = path[-1]
            successors = flow.out[node]
            i = cursor[-1]
            if i >= len(successors):
                cursor.pop()
                on_path.discard(path.pop())
                probability.pop()
                continue
            cursor[-1] = i + 1
            target, share = successors[i]
            if target in on_path:
                continue
            expansions += 1
            if expansions > max_expansions:
                return PathSet(tuple(paths), True, max_paths, max_expansions)
            if target in ends:
                if len(paths) == max_paths:
                    return PathSet(tuple(paths), True, max_paths, max_expansions)
                paths.append(Path((*path, target), probability[-1] * share))
                continue
            path.append(target)
            probability.append(probability[-1] * share)
            on_path.add(target)
            cursor.append(0)
    return PathSet(tuple(paths), False, max_paths, max_expansions)


def main_path(flow: Flow) -> Path | None:
    """The likeliest path from a start to an end: the largest product of effective shares.
    Where an end step (kind "end") can be reached, the path ends at one, not at a dead end.

    Ties go to the path with fewer steps, then to the one earlier in map order.
    Found with Dijkstra's algorithm on -log(share), so it costs O(E log V) however
    many paths there are. None when no end can be reached.
    """
    # cost: (transitions with share 0, -sum(log share) rounded for stable ties, steps)
    best: dict[str, tuple[int, float, int, int]] = {}
    exact: dict[str, float] = {}
    parent: dict[str, str | None] = {}
    heap: list[tuple[int, float, int, int, str]] = []
    for start in flow.starts:
        key = (0, 0.0, 1, flow.rank[start])
        best[start] = key
        exact[start] = 0.0
        parent[start] = None
        heapq.heappush(heap, (*key, start))
    done: set[str] = set()
    while heap:
        zeros, rounded, hops, _, node = heapq.heappop(heap)
        if node in done:
            continue
        done.add(node)
        for target, share in flow.out[node]:
            if target in done:
                continue
            if share == 1.0:
                cost = exact[node]
                key = (zeros, rounded, hops + 1, flow.rank[target])
            elif share > 0:
                cost = exact[node] - math.log(share)
                key = (zeros, round(cost, 9), hops + 1, flow.rank[target])
            else:
                cost = exact[node]
                key = (zeros + 1, round(cost, 9), hops + 1, flow.rank[target])
            if target not in best or key < best[target]:
                best[target] = key
                exact[target] = cost
                parent[target] = node
                heapq.heappush(heap, (*key, target))
    reached = [e for e in flow.ends if e in best]
    if not reached:
        return None
    # an end step the journey names as one, where one is reached, over a dead end (a branch
    # being sketched, an unfinished fragment): the main path runs through the journey
    named = [e for e in reached if flow.journey.step(e).kind is StepKind.END]
    end = min(named or reached, key=lambda e: best[e][:3] + (flow.rank[e],))
    steps: list[str] = []
    node: str | None = end
    while node is not None:
        steps.append(node)
        node = parent[node]
    steps.reverse()
    zeros = best[end][0]
    probability = 0.0 if zeros else math.exp(-exact[end])
    return Path(tuple(steps), probability)


def reachable(flow: Flow) -> set[str]:
    """The steps some start leads to, following transitions (and not on past an end step)."""
    seen = set(flow.starts)
    queue = deque(flow.starts)
    while queue:
        node = queue.popleft()
        for target, _ in flow.out[node]:
            if target not in seen:
                seen.add(target)
                queue.append(target)
    return seen


def reach(flow: Flow) -> Reach:
    """The share of customers who arrive at each step at least once.

    Customers enter evenly at the start steps and follow the effective shares.
    Loops: the steps are grouped into strongly connected groups, taken in flow
    order. Inside a group of k steps, with Q its transitions' shares, N = (I-Q)^-1
    gives the expected arrivals x = a N (a: arrivals from outside the group) and a
    step's reach is x_v / N_vv, its expected arrivals divided by the arrivals of
    a customer already there (so a customer who comes back counts once). Exact up
    to `EXACT_LOOP_LIMIT` steps in a group; in a larger group reach is the
    expected number of arrivals capped at 1, and `exact` is False.
    """
    inflow: dict[str, float] = dict.fromkeys(flow.order, 0.0)
    for start in flow.starts:
        inflow[start] += 1.0 / len(flow.starts)
    shares: dict[str, float] = {}
    exact = True
    for group in loop_groups(flow):
        if len(group) == 1:
            step_id = group[0]
            shares[step_id] = min(1.0, inflow[step_id])
            for target, share in flow.out[step_id]:
                inflow[target] += inflow[step_id] * share
            continue
        if len(group) <= EXACT_LOOP_LIMIT:
            visits, reached = _loop_exact(flow, group, inflow)
            shares.update(reached)
        else:
            exact = False
            visits = _loop_iterated(flow, group, inflow)
            shares.update((s, min(1.0, x)) for s, x in visits.items())
        inside = set(group)
        for step_id in group:
            for target, share in flow.out[step_id]:
                if target not in inside:
                    inflow[target] += visits[step_id] * share
    return Reach({s: shares[s] for s in flow.order}, exact)


def loop_groups(flow: Flow) -> list[list[str]]:
    """The strongly connected groups of steps, upstream groups first, members in map order.

    Tarjan's algorithm without recursion, following the flow (so not on past an end
    step); a step in no loop is a group of its own.
    """
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    on_stack: set[str] = set()
    stack: list[str] = []
    groups: list[list[str]] = []
    for root in flow.order:
        if root in index:
            continue
        index[root] = low[root] = len(index)
        stack.append(root)
        on_stack.add(root)
        work = [(root, iter(flow.out[root]))]
        while work:
            node, targets = work[-1]
            for target, _ in targets:
                if target not in index:
                    index[target] = low[target] = len(index)
                    stack.append(target)
                    on_stack.add(target)
                    work.append((target, iter(flow.out[target])))
                    break
                if target in on_stack and index[target] < low[node]:
                    low[node] = index[target]
            else:
                work.pop()
                if work and low[node] < low[work[-1][0]]:
                    low[work[-1][0]] = low[node]
                if low[node] == index[node]:
                    group = [stack.pop()]
                    while group[-1] != node:
                        group.append(stack.pop())
                    on_stack.difference_update(group)
                    if len(group) > 1:
                        group.sort(key=flow.rank.__getitem__)
                    groups.append(group)
    groups.reverse()  # Tarjan finds downstream groups first
    return groups


def _loop_exact(
    flow: Flow, group: list[str], inflow: dict[str, float]
) -> tuple[dict[str, float], dict[str, float]]:
    """Expected arrivals and reach inside one strongly connected group, by inverting I - Q."""
    index = {s: i for i, s in enumerate(group)}
    size = len(group)
    for leak in (1.0, 1.0 - 1e-9):
        # a loop nobody leaves makes I - Q singular; a tiny leak gives the limit instead
        matrix = [[0.0] * size for _ in range(size)]
        for s in group:
            row = matrix[index[s]]
            row[index[s]] = 1.0
            for target, share in flow.out[s]:
                if target in index:
                    row[index[target]] -= share * leak
        inverse = _invert(matrix)
        if inverse is not None:
            break
    assert inverse is not None
    arrivals = [inflow[s] for s in group]
    visits = {
        s: sum(arrivals[u] * inverse[u][index[s]] for u in range(size) if arrivals[u])
        for s in group
    }
    reached = {s: min(1.0, max(0.0, visits[s] / inverse[index[s]][index[s]])) for s in group}
    return visits, reached


def _invert(matrix: list[list[float]]) -> list[list[float]] | None:
    """The inverse by Gauss-Jordan elimination with partial pivoting; None if singular."""
    size = len(matrix)
    rows = [row[:] + [1.0 if i == j else 0.0 for j in range(size)] for i, row in enumerate(matrix)]
    for col in range(size):
        pivot = max(range(col, size), key=lambda r: abs(rows[r][col]))
        if abs(rows[pivot][col]) < 1e-12:
            return None
        rows[col], rows[pivot] = rows[pivot], rows[col]
        lead = rows[col]
        scale = 1.0 / lead[col]
        lead[:] = [v * scale for v in lead]
        for r in range(size):
            factor = rows[r][col]
            if r != col and factor:
                rows[r] = [a - factor * b for a, b in zip(rows[r], lead, strict=True)]
    return [row[size:] for row in rows]


def _loop_iterated(flow: Flow, group: list[str], inflow: dict[str, float]) -> dict[str, float]:
    """Expected arrivals inside a large group by Gauss-Seidel sweeps (at most 200)."""
    inside = set(group)
    feeding: dict[str, list[tuple[str, float]]] = {s: [] for s in group}
    for s in group:
        for target, share in flow.out[s]:
            if target in inside:
                feeding[target].append((s, share))
    visits = {s: inflow[s] for s in group}
    for _ in range(200):
        change = 0.0
        for s in group:
            value = inflow[s] + sum(visits[u] * share for u, share in feeding[s])
            change = max(change, abs(value - visits[s]))
            visits[s] = value
        if change < 1e-12:
            break
    return visits

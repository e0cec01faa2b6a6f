"""How fast the journey analysis runs, beside networkx doing the bare graph work in the same run.

For each size (1,000, 5,000 and 20,000 steps, about 1.2 transitions per step,
branches and loops) it times, interleaved so both see the same machine:

- ``analyze``: `motdesk.graph.analysis.analyze` in the current view: both views'
  flows and main paths, the bounded path listing, reach (loops solved exactly),
  arcs, gaps with priorities and suggested phases, every finding;
- its parts, each on its own: ``flow`` (one view), ``paths`` (the bounded listing),
  ``main path``, ``reach``, ``findings`` and ``gap_rows``;
- ``floor``: networkx on the journey's own graph, twice (once per view the
  analysis reads): `condensation` (the strongly connected groups reach walks) and
  `dijkstra_predecessor_and_distance` from the start on -log(share) (the main
  path), weights prepared untimed. The least any analysis of paths and loops does.

Figures are medians of ``--repeat`` runs; ratios are to the floor. The path listing
is bounded (`MAX_PATHS`, `MAX_EXPANSIONS`): the table says whether the bound was hit.
Run: ``python -m benchmarks.bench_analysis``.
"""

from __future__ import annotations

import argparse
import math
import statistics
import sys
import time
from collections.abc import Callable

import networkx as nx

from benchmarks.generate import generate_project
from motdesk.graph.analysis import analyze, gap_rows
from motdesk.graph.findings import findings
from motdesk.graph.paths import enumerate_paths, flow, main_path, reach
from motdesk.graph.vocabulary import View

SIZES = (1_000, 5_000, 20_000)
PARTS = ("flow", "paths", "main path", "reach", "findings", "gap_rows")


def _timed(action: Callable[[], object]) -> float:
    started = time.perf_counter()
    action()
    return time.perf_counter() - started


def measure(steps: int, repeat: int) -> tuple[dict[str, float], dict[str, object]]:
    """Median seconds of analyze, its parts and the floor; and what the analysis found."""
    project = generate_project(steps, seed=0)
    journey = project.journeys[0]
    current = flow(journey, View.CURRENT)
    graph = nx.DiGraph()
    graph.add_nodes_from(current.order)
    graph.add_weighted_edges_from(
        (s, t, -math.log(share) if share > 0 else 1e9)
        for s, succ in current.out.items()
        for t, share in succ
    )
    start = current.starts[0]

    def floor() -> None:
        for _ in range(2):
            nx.condensation(graph)
            nx.dijkstra_predecessor_and_distance(graph, start)

    actions: dict[str, Callable[[], object]] = {
        "floor": floor,
        "analyze": lambda: analyze(project, journey.id, View.CURRENT),
        "flow": lambda: flow(journey, View.CURRENT),
        "paths": lambda: enumerate_paths(current),
        "main path": lambda: main_path(current),
        "reach": lambda: reach(current),
        "findings": lambda: findings(current, project.scale),
        "gap_rows": lambda: gap_rows(project, journey),
    }
    times: dict[str, list[float]] = {name: [] for name in actions}
    for _ in range(repeat):
        for name, action in actions.items():
            times[name].append(_timed(action))
    result = analyze(project, journey.id, View.CURRENT)
    facts = {
        "paths": len(result.paths),
        "truncated": result.paths.truncated,
        "reach exact": result.reach_exact,
        "findings": len(result.findings),
        "main path steps": len(result.main_path.steps) if result.main_path else 0,
    }
    return {name: statistics.median(values) for name, values in times.items()}, facts


def main(argv: list[str] | None = None) -> None:
    """Print the table; `argv` None means the defaults (as `python -m benchmarks` calls it)."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5, help="runs per figure (median)")
    parser.add_argument("--sizes", type=int, nargs="*", default=list(SIZES))
    args = parser.parse_args(argv or [])
    print(
        f"{'steps':>7}  {'floor ms':>9}  {'analyze ms':>10}  {'ratio':>6}  "
        + "  ".join(f"{part:>9}" for part in PARTS)
        + "  (parts in ms)"
    )
    for steps in args.sizes:
        figures, facts = measure(steps, args.repeat)
        floor = figures["floor"]
        print(
            f"{steps:>7}  {floor * 1000:>9.1f}  {figures['analyze'] * 1000:>10.1f}  "
            f"{figures['analyze'] / floor:>5.1f}x  "
            + "  ".join(f"{figures[part] * 1000:>9.1f}" for part in PARTS),
            flush=True,
        )
        print("         " + ", ".join(f"{k}: {v}" for k, v in facts.items()), flush=True)


if __name__ == "__main__":
    main(sys.argv[1:])

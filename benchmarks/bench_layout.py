"""How fast auto-layout runs, beside networkx's `multipartite_layout` on the same graph.

For each size (1,000, 5,000 and 20,000 steps, about 1.2 transitions per step) it
times, interleaved so both see the same machine:

- ``auto_layout``: `motdesk.graph.layout.auto_layout` (main path, layering inside
  each stage, two barycentre sweeps, positions);
- ``floor``: `networkx.multipartite_layout(graph, subset_key="stage")` on the
  journey's own graph with each step's stage index as its subset: columns by
  stage and nothing else, the least a layout into stage columns does;
- ``apply``: `apply_layout` on a document nothing follows (the layout, then one
  undoable unit of a command per moved step, each emitting its change), from a
  fresh document each time.

Figures are medians of ``--repeat`` runs; ratios are to the floor. The aim is an
auto_layout within 10 times the floor. Run: ``python -m benchmarks.bench_layout``.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from collections.abc import Callable

import networkx as nx

from benchmarks.generate import generate_project
from motdesk.graph.document import Document
from motdesk.graph.layout import apply_layout, auto_layout

SIZES = (1_000, 5_000, 20_000)


def _timed(action: Callable[[], object]) -> float:
    started = time.perf_counter()
    action()
    return time.perf_counter() - started


def measure(steps: int, repeat: int) -> dict[str, float]:
    """Median seconds of each variant for one generated journey of `steps` steps."""
    project = generate_project(steps, seed=0)
    journey = project.journeys[0]
    stage_index = {s.id: i for i, s in enumerate(journey.stages)}
    graph = nx.DiGraph(journey.graph.edges())
    graph.add_nodes_from((s.id, {"stage": stage_index[s.stage]}) for s in journey.steps())
    nx.multipartite_layout(graph, subset_key="stage")  # numpy's first import stays untimed
    times: dict[str, list[float]] = {"auto_layout": [], "floor": [], "apply": []}
    for _ in range(repeat):
        times["floor"].append(_timed(lambda: nx.multipartite_layout(graph, subset_key="stage")))
        times["auto_layout"].append(_timed(lambda: auto_layout(journey)))
        document = Document(project.copy())
        times["apply"].append(_timed(lambda d=document: apply_layout(d, journey.id)))
    return {name: statistics.median(values) for name, values in times.items()}


def main(argv: list[str] | None = None) -> None:
    """Print the table; `argv` None means the defaults (as `python -m benchmarks` calls it)."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5, help="runs per figure (median)")
    parser.add_argument("--sizes", type=int, nargs="*", default=list(SIZES))
    args = parser.parse_args(argv or [])
    print(
        f"{'steps':>7}  {'floor ms':>9}  {'auto_layout ms':>14}  {'ratio':>6}  "
        f"{'apply ms':>9}  {'ratio':>6}"
    )
    for steps in args.sizes:
        figures = measure(steps, args.repeat)
        floor = figures["floor"]
        print(
            f"{steps:>7}  {floor * 1000:>9.1f}  {figures['auto_layout'] * 1000:>14.1f}  "
            f"{figures['auto_layout'] / floor:>5.1f}x  {figures['apply'] * 1000:>9.1f}  "
            f"{figures['apply'] / floor:>5.1f}x",
            flush=True,
        )


if __name__ == "__main__":
    main(sys.argv[1:])

"""`motdesk analyze`: paths, reach, emotional arcs, gaps, priorities and questions to resolve
for one journey, as a readable report or as JSON (docs/analysis.md describes both).

Steps are named by their code (``S04``, as on the handout and in the editor) and label;
the JSON keeps every id and adds the codes beside them."""

from __future__ import annotations

import argparse
import json
from collections.abc import Callable
from functools import partial
from typing import Any

from motdesk.cli.common import load_project, named_journey, terminal_text
from motdesk.errors import InputRefused, UsageError
from motdesk.graph.analysis import PRIORITY_FORMULA, Analysis, Arc, analyze
from motdesk.graph.codes import step_codes
from motdesk.graph.model import Journey, Project
from motdesk.graph.paths import MAX_PATHS
from motdesk.graph.vocabulary import MINUS, State, View

REACH_LINES = 60
"""The readable report lists the reach of this many steps at most (all of them in --json)."""
PATH_LINES = 10


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser(
        "analyze",
        help="paths, reach, emotional arc, gaps, priorities and questions to resolve",
        description="Analyse one journey of a project: its paths and main path, the share of "
        "customers who reach each step, the emotional arc, the gaps between today and the "
        "future with priorities and suggested phases, and the questions the map leaves open.",
    )
    parser.add_argument("file", metavar="FILE", help="a .motdesk or .json project")
    parser.add_argument(
        "--journey",
        metavar="ID",
        help="the journey's id (see 'motdesk info') or its exact title, in any case "
        "(default: the first)",
    )
    parser.add_argument(
        "--state",
        type=str.lower,
        choices=("current", "future"),
        default="current",
        help="which view to follow for paths, reach and findings (default: current)",
    )
    parser.add_argument(
        "--max-paths",
        type=int,
        default=MAX_PATHS,
        metavar="N",
        help=f"list at most N paths (default: {MAX_PATHS})",
    )
    parser.add_argument("--json", action="store_true", help="print the analysis as JSON")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    if args.max_paths < 1:
        raise UsageError("--max-paths must be at least 1")
    project = load_project(args.file)
    journey = _journey(project, args.journey, args.file)
    analysis = analyze(project, journey.id, View(args.state), max_paths=args.max_paths)
    if args.json:
        data = with_codes(analysis.to_dict(), step_codes(journey))
        print(json.dumps(data, indent=2, ensure_ascii=False))
    else:
        print(report(analysis, journey))
    return 0


def _journey(project: Project, journey_id: str | None, path: str) -> Journey:
    if not project.journeys:
        raise InputRefused(f"{path} has no journey to analyze")
    if journey_id is None:
        return project.journeys[0]
    return named_journey(project, journey_id, path)


def with_codes(data: dict[str, Any], codes: dict[str, str]) -> dict[str, Any]:
    """The analysis JSON with step codes beside the ids: `"code"` next to every `"step"`,
    `"codes"` next to every `"steps"` list, and `"codes"` {id: code} for the whole journey.

    The codes follow the layout, so they live here and not in `Analysis.to_dict`, whose
    figures a move on the canvas never changes."""

    def add(node: Any) -> Any:
        if isinstance(node, list):
            return [add(item) for item in node]
        if not isinstance(node, dict):
            return node
        out: dict[str, Any] = {}
        for key, value in node.items():
            out[key] = add(value)
            if key == "step" and isinstance(value, str):
                out["code"] = codes.get(value)
            elif key == "steps" and isinstance(value, list):
                out["codes"] = [codes.get(step_id) for step_id in value]
        return out

    result = add(data)
    result["codes"] = dict(codes)
    return result


def _percent(share: float) -> str:
    if 0 < share < 0.005:
        return "<1%"
    return f"{share * 100:.0f}%"


def _signed(value: float | None, signed: bool = True) -> str:
    """A level or a difference as the editor shows it: "+2", "0", "−1.5" (a true minus);
    unsigned (`signed` False) for a level of a scale that starts above zero."""
    if value is None:
        return "-"
    if value == int(value):
        text = f"{int(value):+d}" if signed else f"{int(value)}"
    else:
        text = f"{value:+.2f}" if signed else f"{value:.2f}"
        text = text.rstrip("0").rstrip(".")
    if text in ("+0", "-0"):
        return "0"
    return text.replace("-", MINUS)


def report(analysis: Analysis, journey: Journey) -> str:
    """The readable report: one section per part of the analysis."""
    lines: list[str] = []
    add = lines.append
    scale = analysis.scale
    level = partial(_signed, signed=scale.signed)  # levels; differences keep their sign
    add(f"Journey '{terminal_text(journey.title)}' ({journey.id}), {analysis.view.value} state")
    add(f"Emotion scale {scale.code}, neutral {level(scale.neutral)}")
    add("")

    codes = step_codes(journey)

    def name(step_id: str) -> str:
        label = terminal_text(journey.step(step_id).label)
        return f'{codes[step_id]} "{label}"' if label else f"{codes[step_id]} (no label)"

    paths = analysis.paths
    cut = (
        f"cut short at {len(paths)}: more exist (bounds: {_count(paths.max_paths, 'path')}, "
        f"{_count(paths.max_expansions, 'move')})"
        if paths.truncated
        else "all of them"
    )
    add(
        f"Paths: {len(paths)} from {_count(len(analysis.starts), 'start')} to "
        f"{_count(len(analysis.ends), 'end')}, {cut}"
    )
    for path in sorted(paths.paths, key=lambda p: -p.probability)[:PATH_LINES]:
        add(f"  {_percent(path.probability):>4}  " + " -> ".join(codes[s] for s in path.steps))
    if len(paths) > PATH_LINES:
        add(f"  ... {len(paths) - PATH_LINES} more (see --json)")
    add("")
    main = analysis.main_path
    if main is None:
        add("Main path: none (no end step can be reached from a start)")
    else:
        add(f"Main path ({_count(len(main.steps), 'step')}, taken by {_percent(main.probability)}):")
        for i, step_id in enumerate(main.steps, 1):
            step = journey.step(step_id)
            emotion = step.emotion(State.FUTURE if analysis.view is View.FUTURE else State.CURRENT)
            add(
                f"  {i:>3}. {name(step_id)}  emotion {level(emotion)}"
                f"  reach {_percent(analysis.reach[step_id])}"
            )
    add("")
    for view in (View.CURRENT, View.FUTURE):
        lines.extend(_arc_lines(analysis.arcs[view], name, level))
    add("")
    exact = "" if analysis.reach_exact else " (approximate inside large tangles of loops)"
    add(f"Reach: the share of customers who arrive at each step at least once{exact}")
    for step_id in analysis.order[:REACH_LINES]:
        add(f"  {_percent(analysis.reach[step_id]):>4}  {name(step_id)}")
    if len(analysis.order) > REACH_LINES:
        add(f"  ... {len(analysis.order) - REACH_LINES} more (see --json)")
    add("")
    rows = [
        r
        for r in analysis.gaps
        if r.difference.value != "same" or r.moment is not None or r.priority > 0
    ]
    add("Gaps and priorities (moments of truth first, then by priority)")
    add(f"  {PRIORITY_FORMULA}")
    add(
        f"  {'priority':>8}  {'moment':<6}  {'change':<7}  {'now':>3}  {'then':>4}  "
        f"{'gap':>3}  {'reach':>5}  phase  step"
    )
    for row in rows:
        phase = (
            str(row.phase)
            if row.phase is not None
            else (f"({row.suggested_phase})" if row.suggested_phase else "-")
        )
        add(
            f"  {row.priority:>8.1f}  {row.moment or '':<6}  {row.difference.value:<7}  "
            f"{level(row.current):>3}  {level(row.future):>4}  {_signed(row.gap):>3}  "
            f"{_percent(row.reach):>5}  {phase:<5}  {name(row.step_id)}"
        )
    if not rows:
        add("  nothing changes and no step needs attention")
    add("  (a phase in brackets is a suggestion for a step with none)")
    add("")
    add(f"Questions to resolve: {len(analysis.findings)}")
    for finding in analysis.findings:
        add(f"  [{finding.severity.value}] {finding.code}: {terminal_text(finding.message)}")
    return "\n".join(lines)


def _arc_lines(
    arc: Arc, name: Callable[[str], str], level: Callable[[float | None], str] = _signed
) -> list[str]:
    title = f"Emotional arc, {arc.view.value} state (main path of that view)"
    if not arc.points:
        return [f"{title}: no emotions on the path"]
    lines = [f"{title}:"]
    lines.append("  " + " ".join(level(p.emotion) for p in arc.points))
    for word, point in (
        ("lowest", arc.lowest),
        ("highest", arc.highest),
        ("peak", arc.peak),
        ("end", arc.end),
    ):
        assert point is not None
        lines.append(f"  {word:<8}{level(point.emotion):>3} at {name(point.step_id)}")
    lines.append(f"  peak-end score {level(arc.peak_end)} (mean of the peak and the end)")
    if arc.skipped:
        lines.append(f"  {_count(len(arc.skipped), 'step')} with no emotion left out")
    return lines


def _count(number: int, noun: str) -> str:
    """'1 step', '3 steps'."""
    return f"{number:,} {noun}" + ("" if number == 1 else "s")

"""`motdesk info FILE`: what a project holds, in a few lines or as JSON.

Title, journeys, steps per state, moments of truth by code and a summary of
the emotions today and in the future (average, lowest and highest step, moments
of misery and of magic).
"""

from __future__ import annotations

import argparse
import json
from typing import Any

from motdesk.cli.common import load_project, quoted, terminal_text
from motdesk.graph.model import Journey, Project
from motdesk.graph.views import view_emotion, visible
from motdesk.graph.vocabulary import MINUS, EmotionScale, Moment, State, View, emotion_scale


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser(
        "info",
        help="summarise a project file",
        description="Title, journeys, steps per state, moments of truth by code and an "
        "emotion summary of FILE (.motdesk or .json).",
    )
    parser.add_argument("file", metavar="FILE", help="a .motdesk or .json project")
    parser.add_argument("--json", action="store_true", help="print the summary as JSON")
    parser.set_defaults(run=run)


def _point(journey: Journey, step_id: str, emotion: int) -> dict[str, Any]:
    return {"step": step_id, "label": journey.step(step_id).label, "emotion": emotion}


def emotion_summary(journey: Journey, view: View, scale: EmotionScale) -> dict[str, Any]:
    """Emotions of the steps a view shows: how many are rated, the average, the extremes."""
    rated = [
        (s.id, e, s.moment)
        for s in journey.steps()
        if visible(s.state, view) and (e := view_emotion(s, view)) is not None
    ]
    if not rated:
        return {"rated": 0, "average": None, "lowest": None, "highest": None,
                "misery": 0, "magic": 0}  # fmt: skip
    lowest = min(rated, key=lambda r: r[1])
    highest = max(rated, key=lambda r: r[1])
    return {
        "rated": len(rated),
        "average": round(sum(r[1] for r in rated) / len(rated), 2),
        "lowest": _point(journey, lowest[0], lowest[1]),
        "highest": _point(journey, highest[0], highest[1]),
        "misery": sum(1 for _, e, m in rated if m is not None and scale.is_negative(e)),
        "magic": sum(1 for _, e, m in rated if m is not None and scale.is_positive(e)),
    }


def journey_summary(project: Project, journey: Journey) -> dict[str, Any]:
    steps = list(journey.steps())
    by_state = {s.value: sum(1 for step in steps if step.state is s) for s in State}
    moments = {m.value: sum(1 for step in steps if step.moment is m) for m in Moment}
    persona = project.persona(journey.persona).name if journey.persona else None
    return {
        "id": journey.id,
        "title": journey.title,
        "persona": persona,
        "steps": {"total": len(steps), **by_state},
        "transitions": journey.transition_count,
        "moments": {code: n for code, n in moments.items() if n},
        "emotion": {
            view.value: emotion_summary(journey, view, project.scale)
            for view in (View.CURRENT, View.FUTURE)
        },
    }


def summary(project: Project, file: str) -> dict[str, Any]:
    journeys = [journey_summary(project, j) for j in project.journeys]
    return {
        "file": file,
        "title": project.title,
        "organisation": project.organisation,
        "facilitator": project.facilitator,
        "workshop_date": project.workshop_date,
        "emotion_scale": project.emotion_scale,
        "personas": [p.name for p in project.personas],
        "journeys": journeys,
    }


def _level(emotion: int, scale: EmotionScale) -> str:
    """An emotion as a person reads it: its sign (none for 0) and the scale's name for it."""
    return f"{scale.number(emotion)} {scale.name(emotion)}"


def _emotion_line(name: str, info: dict[str, Any], scale: EmotionScale) -> str:
    if not info["rated"]:
        return f"  emotion {name}: no step rated"
    low, high = info["lowest"], info["highest"]
    mean = info["average"]
    if not mean:
        average = "0.00"
    else:  # signed (with a true minus) on a scale around zero, as the levels are
        average = f"{mean:+.2f}" if scale.signed else f"{mean:.2f}"
        average = average.replace("-", MINUS)
    return (
        f"  emotion {name}: average {average} over {info['rated']} steps; "
        f"lowest {_level(low['emotion'], scale)} at {quoted(low['label'])}, "
        f"highest {_level(high['emotion'], scale)} at {quoted(high['label'])}; "
        f"moments of misery {info['misery']}, of magic {info['magic']}"
    )


def lines(data: dict[str, Any]) -> list[str]:
    details = [
        f"organisation {data['organisation']}" if data["organisation"] else "",
        f"facilitator {data['facilitator']}" if data["facilitator"] else "",
        f"workshop {data['workshop_date']}" if data["workshop_date"] else "",
        f"emotion scale {data['emotion_scale']}",
        f"personas: {', '.join(quoted(p) for p in data['personas'])}"
        if data["personas"]
        else "no personas",
    ]
    scale = emotion_scale(data["emotion_scale"])
    out = [terminal_text(data["title"]), "  " + "; ".join(d for d in details if d)]
    for j in data["journeys"]:
        steps = j["steps"]
        persona = f"; persona {quoted(j['persona'])}" if j["persona"] else ""
        moments = ", ".join(f"{code} {n}" for code, n in j["moments"].items()) or "none"
        out += [
            "",
            f"Journey {quoted(j['title'])} (id {terminal_text(j['id'])}{persona})",
            f"  steps: {steps['total']} ({steps['both']} in both states, {steps['current']} "
            f"current only, {steps['future']} future only); transitions: {j['transitions']}",
            f"  moments of truth: {moments}",
            _emotion_line("today", j["emotion"]["current"], scale),
            _emotion_line("in the future", j["emotion"]["future"], scale),
        ]
    return out


def run(args: argparse.Namespace) -> int:
    project = load_project(args.file)
    data = summary(project, args.file)
    if args.json:
        print(json.dumps(data, ensure_ascii=False, indent=2))
    else:
        print("\n".join(lines(data)))
    return 0

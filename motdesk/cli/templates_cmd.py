"""`motdesk templates`: the bundled sample projects, one line each."""

from __future__ import annotations

import argparse

from motdesk.resources import templates


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser("templates", help="list the bundled sample projects")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    rows = []
    for item in templates():
        project = item.load()
        steps = project.step_count
        rows.append((item.name, project.title, steps))
    width = max((len(name) for name, _, _ in rows), default=0)
    for name, title, steps in rows:
        print(f"{name:<{width}}  {title}  ({steps} steps)")
    return 0

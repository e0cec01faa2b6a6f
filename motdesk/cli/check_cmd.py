"""`motdesk check FILE`: exit 0 when the project file is sound, 3 with the reason when not."""

from __future__ import annotations

import argparse

from motdesk.cli.common import load_project
from motdesk.cli.new_cmd import plural


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser(
        "check",
        help="check that a project file is sound",
        description="Open FILE (.motdesk or .json) with every check the editor runs, without "
        "changing it. Exit status 0 when sound, 3 with the reason when not.",
    )
    parser.add_argument("file", metavar="FILE", help="a .motdesk or .json project")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    project = load_project(args.file)
    steps = project.step_count
    transitions = sum(j.transition_count for j in project.journeys)
    print(
        f"{args.file}: sound ({plural(len(project.journeys), 'journey')}, "
        f"{plural(steps, 'step')}, {plural(transitions, 'transition')})."
    )
    return 0

"""`motdesk import IN.json OUT.motdesk`: a JSON project (format v1) as a project file."""

from __future__ import annotations

import argparse
from pathlib import Path

from motdesk.cli.common import load_project
from motdesk.cli.new_cmd import refuse_existing, require_suffix, save_project_file
from motdesk.errors import safe


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser(
        "import",
        help="turn a JSON project into a .motdesk file",
        description="Read a JSON project (motdesk format, version 1), check it and write it "
        "as a .motdesk project file.",
    )
    parser.add_argument("source", metavar="IN.json", help="the JSON project to read")
    parser.add_argument("out", metavar="OUT.motdesk", help="the project file to create")
    parser.add_argument("--force", action="store_true", help="replace OUT if it exists")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    out = Path(args.out)
    require_suffix(out)
    refuse_existing(out, args.force)
    project = load_project(args.source)
    print(f"Imported {safe(args.source)} into {safe(out)} ({save_project_file(project, out)}).")
    return 0

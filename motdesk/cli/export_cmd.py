"""`motdesk export FILE -o OUT`: the project as another file; the format comes from OUT's suffix.

``.json`` is the JSON format (version 1); ``.pdf`` is the workshop handout,
with options for the journey, the state, the paper and the sections.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from motdesk.cli.common import check_output, load_project, named_journey
from motdesk.cli.new_cmd import plural
from motdesk.errors import OutputNotWritten, UsageError, safe
from motdesk.graph.model import Project

PDF_SECTIONS = ("cover", "map", "moments", "gaps", "worksheet")
PDF_OPTIONS = ("journey", "state", "paper", "sections")


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser(
        "export",
        help="write the project as JSON or as a PDF handout",
        description="Write FILE (.motdesk or .json) to OUT; the format follows OUT's suffix: "
        f"{', '.join(FORMATS)}.",
    )
    parser.add_argument("file", metavar="FILE", help="a .motdesk or .json project")
    parser.add_argument("-o", "--output", metavar="OUT", required=True, help="the file to write")
    pdf = parser.add_argument_group("PDF handout")
    pdf.add_argument(
        "--journey",
        metavar="ID",
        help="only this journey: its id (see 'motdesk info') or its exact title, in any case "
        "(default: every one)",
    )
    # words in any case, as --sections takes them ("A4" is how paper is usually named)
    pdf.add_argument(
        "--state", type=str.lower, choices=("current", "future", "compare"), help="default current"
    )
    pdf.add_argument(
        "--paper", type=str.lower, choices=("a4", "a3", "letter", "tabloid"), help="default a4"
    )
    pdf.add_argument(
        "--sections",
        metavar="LIST",
        help=f"comma-separated, from {','.join(PDF_SECTIONS)} (default: all)",
    )
    parser.set_defaults(run=run)


def _json(project: Project, out: Path, args: argparse.Namespace) -> str:
    from motdesk.graph.jsonio import write_project

    try:
        write_project(project, out)
    except OSError as exc:
        raise OutputNotWritten(f"{out} cannot be written: {exc.strerror or exc}") from None
    steps = project.step_count
    return f"{plural(len(project.journeys), 'journey')}, {plural(steps, 'step')}"


def _sections(text: str | None) -> list[str] | None:
    if text is None:
        return None
    names = [name.strip().lower() for name in text.split(",") if name.strip()]
    unknown = [name for name in names if name not in PDF_SECTIONS]
    if unknown or not names:
        raise UsageError(
            f"--sections takes names from {', '.join(PDF_SECTIONS)}"
            + (f", not {unknown[0]!r}" if unknown else "")
        )
    return names


def _pdf(project: Project, out: Path, args: argparse.Namespace) -> str:
    from motdesk.export.handout import export_handout

    journey_id = None
    if args.journey is not None:  # an id or a title, refused here naming the file
        journey_id = named_journey(project, args.journey, args.file).id
    totals: list[int] = []  # progress(done, total): total is the page count plus the end
    warnings = export_handout(
        project,
        out,
        journey_id=journey_id,
        state=args.state or "current",
        paper=args.paper or "a4",
        sections=_sections(args.sections),
        progress=lambda done, total: totals.append(total),
    )
    for warning in warnings or ():
        print(f"motdesk: {safe(warning)}", file=sys.stderr)
    return plural(totals[-1] - 1, "page")


FORMATS = {".json": _json, ".pdf": _pdf}


def run(args: argparse.Namespace) -> int:
    out = Path(args.output)
    if out.is_dir():
        raise OutputNotWritten(f"{out} is a folder; name a file to write in it")
    writer = FORMATS.get(out.suffix.lower())
    if writer is None:
        raise UsageError(f"{out} has no suffix motdesk exports to (known: {', '.join(FORMATS)})")
    if writer is not _pdf:
        given = [f"--{name}" for name in PDF_OPTIONS if getattr(args, name) is not None]
        if given:
            raise UsageError(f"{given[0]} applies to PDF handouts only")
    check_output(out)
    source = Path(args.file)
    if out.exists() and source.exists() and out.samefile(source):
        raise OutputNotWritten(f"{out} is the file being exported; name another output")
    project = load_project(args.file)
    what = writer(project, out, args)
    print(f"Wrote {safe(out)} ({what}).")
    return 0

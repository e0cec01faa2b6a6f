"""`motdesk new OUT.motdesk`: a new project file, empty or from a bundled template."""

from __future__ import annotations

import argparse
import contextlib
import socket
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from motdesk.cli.common import check_output, quoted
from motdesk.errors import InputRefused, OutputNotWritten, UsageError, safe
from motdesk.graph.document import Document
from motdesk.graph.model import Project
from motdesk.graph.validation import DocumentError
from motdesk.resources import template

if TYPE_CHECKING:
    from motdesk.store.sharing import Holder


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser(
        "new",
        help="create a project file",
        description="Create a .motdesk project: by default an empty project with one "
        "service-blueprint journey, or a copy of a bundled template.",
    )
    parser.add_argument("out", metavar="OUT.motdesk", help="the file to create")
    parser.add_argument(
        "--template", metavar="NAME", help="start from a template (see 'motdesk templates')"
    )
    parser.add_argument("--title", metavar="TEXT", help="the project's title")
    parser.add_argument("--force", action="store_true", help="replace OUT if it exists")
    parser.set_defaults(run=run)


def plural(count: int, word: str) -> str:
    return f"{count} {word}" if count == 1 else f"{count} {word}s"


def refuse_existing(out: Path, force: bool) -> None:
    """Never replace a file unless asked to: a project is somebody's work."""
    check_output(out)
    if out.exists() and not force:
        raise OutputNotWritten(f"{out} already exists; add --force to replace it")


@contextlib.contextmanager
def held_for_writing(out: Path) -> Iterator[None]:
    """Hold OUT's lock while the command line writes it: a file open in a running motdesk
    (docs/files.md, "Two motdesks on one file") is somebody's unsaved work, --force or not."""
    from motdesk.store.sharing import Holder, lock_project  # noqa: F811

    try:
        got = lock_project(out)
    except OSError:
        got = None  # no lock can be made there: writing will say why in its own words
    if isinstance(got, Holder):
        raise OutputNotWritten(f"{out} is {_holder(got)}; close it there first")
    try:
        yield
    finally:
        if got is not None:
            got.release()


def _holder(holder: Holder) -> str:
    if holder.pid <= 0:  # a lock file someone else wrote
        return "open in another motdesk"
    where = "" if holder.host == socket.gethostname() else f" on {holder.host}"
    return f"open in another motdesk (pid {holder.pid}{where})"


def require_suffix(out: Path) -> None:
    if out.is_dir():
        check_output(out)  # says it is a folder
    if out.name.lower() == ".motdesk":
        raise UsageError(f"{out} needs a name before its .motdesk suffix")
    if out.suffix.lower() != ".motdesk":
        raise UsageError(f"{out} must end in .motdesk, the suffix of motdesk project files")


def starting_project(name: str | None) -> Project:
    if name is None:
        return Document.new().project
    try:
        item = template(name)
    except (KeyError, FileNotFoundError) as exc:
        raise UsageError(str(exc.args[0])) from None
    try:
        return item.load()
    except (OSError, DocumentError) as exc:
        raise InputRefused(f"the template {name!r} cannot be read: {exc}") from None


def run(args: argparse.Namespace) -> int:
    out = Path(args.out)
    if args.title is not None and not args.title.strip():
        raise UsageError("--title needs some text; leave it out to keep the default title")
    require_suffix(out)
    refuse_existing(out, args.force)
    project = starting_project(args.template)
    if args.title is not None:
        project.title = args.title.strip()
    print(f"Created {safe(out)}: {quoted(project.title)}, {save_project_file(project, out)}.")
    return 0


def save_project_file(project: Project, out: Path) -> str:
    """Write a new `.motdesk` file under its lock; says what it holds ("2 journeys, 44 steps")."""
    from motdesk.store import save_new

    with held_for_writing(out):
        save_new(project, out)
    steps = project.step_count
    return f"{plural(len(project.journeys), 'journey')}, {plural(steps, 'step')}"

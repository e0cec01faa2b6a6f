"""What several sub-commands share: reading a project file and checking where an output goes."""

from __future__ import annotations

import os
from pathlib import Path

from motdesk.errors import InputRefused, OutputNotWritten, UsageError, one_line
from motdesk.graph.jsonio import read_project
from motdesk.graph.model import Journey, Project
from motdesk.graph.validation import DocumentError


def load_project(path: str | Path) -> Project:
    """A project from a `.json` file or a `.motdesk` file; `InputRefused` names file and reason."""
    path = Path(path)
    if path.suffix.lower() == ".json":
        try:
            return read_project(path)
        except FileNotFoundError:
            raise InputRefused(f"{path} does not exist") from None
        except IsADirectoryError:
            raise InputRefused(f"{path} is a folder, not a project file") from None
        except OSError as exc:
            raise InputRefused(f"{path} cannot be read: {exc.strerror or exc}") from None
        except DocumentError as exc:
            raise InputRefused(f"{path} is not a valid motdesk project: {exc}") from None
    from motdesk.store import load

    return load(path)


def named_journey(project: Project, name: str, path: str | Path) -> Journey:
    """The journey `--journey` names: by its id, else by its exact title in any case (as
    `info` prints it: whitespace runs as one space) when only one journey has that title.
    A usage error lists the file's journeys, ids with titles, when none or two match."""
    if not name.strip():
        raise UsageError(
            f"--journey needs a journey's id or title; {path} has {journey_list(project)}"
        )
    for journey in project.journeys:
        if journey.id == name:
            return journey
    titled = [j for j in project.journeys if _title_key(j.title) == _title_key(name)]
    if len(titled) == 1:
        return titled[0]
    if titled:
        ids = ", ".join(terminal_text(j.id) for j in titled)
        raise UsageError(
            f"{len(titled)} journeys in {path} are titled {quoted(name)} ({ids}); "
            "name one by its id"
        )
    raise UsageError(
        f"there is no journey {name!r} in {path}; its journeys are: {journey_list(project)}"
    )


def journey_list(project: Project) -> str:
    """The journeys as `--journey` takes them: `j1 "Title", j2 "Other title"` (or none)."""
    listed = [f"{terminal_text(j.id)} {quoted(j.title)}" for j in project.journeys]
    return ", ".join(listed) or "none"


def _title_key(text: str) -> str:
    return " ".join(text.split()).casefold()


def check_output(out: Path) -> None:
    """Refuse, before any work, an output that cannot be written, in one wording for every
    command and format: ``OUT cannot be written: the folder F does not exist``."""
    if out.is_dir():
        raise OutputNotWritten(f"{out} is a folder; name a file to write in it")
    folder = out.parent
    if not folder.exists():
        raise OutputNotWritten(f"{out} cannot be written: the folder {folder} does not exist")
    if not folder.is_dir():
        raise OutputNotWritten(f"{out} cannot be written: {folder} is a file, not a folder")
    if not folder.stat().st_mode & 0o222 or not os.access(folder, os.W_OK):
        raise OutputNotWritten(f"{out} cannot be written: the folder {folder} is read-only")
    if out.is_file() and (not out.stat().st_mode & 0o222 or not os.access(out, os.W_OK)):
        # replacing it by a rename would succeed, against its owner's choice
        raise OutputNotWritten(f"{out} cannot be written: the file is read-only")


def terminal_text(text: str) -> str:
    """User text for one terminal line, as typed: whitespace runs as one space, and the
    characters a terminal would act on or hide (controls, bidirectional marks) escaped."""
    return one_line(text, limit=None)


def quoted(text: str) -> str:
    """User text in double quotes for a terminal line (see `terminal_text`)."""
    return f'"{terminal_text(text)}"'

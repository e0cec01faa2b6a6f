"""What several sub-commands share: reading a project file and checking where an output goes."""

from __future__ import annotations

import os
from pathlib import Path

from motdesk.errors import InputRefused, OutputNotWritten, UsageError
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


def named_journey(project: Project, journey_id: str, path: str | Path) -> Journey:
    """The journey `--journey ID` names; a usage error listing the file's journeys if none."""
    for journey in project.journeys:
        if journey.id == journey_id:
            return journey
    known = ", ".join(j.id for j in project.journeys) or "none"
    raise UsageError(f"there is no journey {journey_id!r} in {path}; its journeys are: {known}")


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
    text = " ".join(text.split())
    return "".join(c if c.isprintable() else c.encode("unicode_escape").decode() for c in text)


def quoted(text: str) -> str:
    """User text in double quotes for a terminal line (see `terminal_text`)."""
    return f'"{terminal_text(text)}"'

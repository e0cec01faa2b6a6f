"""What several sub-commands share: reading a project file given on the command line."""

from __future__ import annotations

from pathlib import Path

from motdesk.errors import InputRefused
from motdesk.graph.jsonio import read_project
from motdesk.graph.model import Project
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

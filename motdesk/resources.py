"""Where the bundled resources (templates, fonts) live, and the sample templates."""

from __future__ import annotations

import sys
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from motdesk.graph.jsonio import read_project
from motdesk.graph.model import Project


@cache
def resources_dir() -> Path:
    """The `resources/` folder: beside the package in a checkout, else under the prefix."""
    for candidate in (
        Path(__file__).resolve().parent.parent / "resources",
        Path(sys.prefix) / "share" / "motdesk" / "resources",
    ):
        if (candidate / "templates").is_dir():
            return candidate
    raise FileNotFoundError("the motdesk resources folder (templates, fonts) is missing")


@dataclass(frozen=True)
class Template:
    name: str
    path: Path

    def load(self) -> Project:
        return read_project(self.path)


def templates() -> list[Template]:
    """The bundled sample projects, by name (the file name without `.json`)."""
    folder = resources_dir() / "templates"
    return [Template(p.stem, p) for p in sorted(folder.glob("*.json"))]


def template(name: str) -> Template:
    """The template called `name`; KeyError lists the names there are."""
    for item in templates():
        if item.name == name:
            return item
    names = ", ".join(t.name for t in templates())
    raise KeyError(f"there is no template called {name!r} (there are: {names})")

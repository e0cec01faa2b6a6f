"""The layers' arrows: graph, store and export import no Qt; graph imports no sqlite or reportlab."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "motdesk"

FORBIDDEN = {
    "graph": ("PySide6", "shiboken6", "sqlite3", "sqlite_utils", "reportlab", "motdesk.ui",
              "motdesk.store", "motdesk.export", "motdesk.cli"),
    "store": ("PySide6", "shiboken6", "reportlab", "motdesk.ui", "motdesk.export", "motdesk.cli"),
    "export": ("PySide6", "shiboken6", "motdesk.ui", "motdesk.cli"),
}  # fmt: skip


def imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return names


@pytest.mark.parametrize("layer", sorted(FORBIDDEN))
def test_layer_imports_stay_below_it(layer: str) -> None:
    files = sorted((PACKAGE / layer).rglob("*.py"))
    if layer == "graph":
        assert files, "motdesk/graph must exist"
    offending = []
    for path in files:
        for name in imported_modules(path):
            for banned in FORBIDDEN[layer]:
                if name == banned or name.startswith(banned + "."):
                    offending.append(f"{path.relative_to(PACKAGE.parent)} imports {name}")
    assert not offending, "\n".join(offending)


def test_the_graph_package_loads_without_qt_sqlite_or_reportlab() -> None:
    """Importing the document in a fresh interpreter pulls in none of the heavy layers."""
    import subprocess
    import sys

    code = (
        "import sys, motdesk.graph, motdesk.graph.document, motdesk.graph.jsonio;"
        "bad=[m for m in sys.modules if m.split('.')[0] in "
        "('PySide6','sqlite3','sqlite_utils','reportlab')];"
        "print(','.join(bad))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""

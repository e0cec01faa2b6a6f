"""Help: the keyboard shortcuts of the window and the About box."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QMessageBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
)

from motdesk import __version__

if TYPE_CHECKING:
    from motdesk.ui.mainwindow import MainWindow

CANVAS_GESTURES = (
    ("Double-click on the map", "Add a step there; type its label, Enter"),
    ("Double-click a stage or lane header", "Show the stage or lane in the inspector"),
    ("Drag from a card's handle to another card", "Connect the two steps"),
    ("Drag cards", "Move them; they snap into the stage and lane under them"),
    ("Drag on empty map, Ctrl+click", "Select several cards and arrows"),
    ("F2 or double-click a card", "Edit the step's label (Shift+Enter: a line break)"),
    ("Delete or Backspace", "Delete the selected steps and transitions"),
    (
        "A digit on a selected step",
        "Set its emotion: 2 is +2, 0 neutral (on 1..5, 1..10: the value)",
    ),
    ("- then a digit", "Set a negative emotion: - 2 is −2"),
    ("- alone, + or =", "One emotion level down / up"),
    ("M / Shift+M", "Next / previous moment-of-truth code of the selected steps"),
    ("Escape", "Cancel the gesture under way, or clear the selection"),
    ("Space + drag, middle button drag", "Pan the map"),
    ("Ctrl + mouse wheel", "Zoom about the pointer"),
    ("Shift + mouse wheel", "Scroll across the map"),
    ("Enter or F3 in the find bar (Shift: back)", "The next match, centred on the map"),
)


_SPECIAL_KEYS = frozenset(
    [f"F{n}" for n in range(13, 36)]
    + ["Close", "Copy", "Cut", "Paste", "Undo", "Redo", "Open", "Save", "New", "Find"]
)
"""Keys of some keyboards only (X11 knows F20 as Cut and a Copy key): not listed."""


def shortcut_rows(window: MainWindow) -> list[tuple[str, str]]:
    """(keys, what they do) for every action that has a shortcut, then the canvas gestures."""
    rows = []
    seen = set()
    fixed = {window.actions.undo: "Undo", window.actions.redo: "Redo"}  # not the last change
    for action in window.findChildren(type(window.actions.save)):
        keys = ", ".join(
            name
            for name in (
                k.toString(QKeySequence.SequenceFormat.NativeText) for k in action.shortcuts()
            )
            if name not in _SPECIAL_KEYS
        )
        text = fixed.get(action, action.text().replace("&", ""))
        if keys and (keys, text) not in seen:
            seen.add((keys, text))
            rows.append((keys, text))
    rows.sort(key=lambda r: r[1].lower())
    return rows + list(CANVAS_GESTURES)


class ShortcutsDialog(QDialog):
    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.setWindowTitle("Keyboard Shortcuts")
        self.resize(520, 560)
        rows = shortcut_rows(window)
        table = QTableWidget(len(rows), 2)
        table.setHorizontalHeaderLabels(["Keys", "Does"])
        table.verticalHeader().hide()
        table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        for r, (keys, text) in enumerate(rows):
            table.setItem(r, 0, QTableWidgetItem(keys))
            table.setItem(r, 1, QTableWidgetItem(text))
        table.resizeColumnToContents(0)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.accept)
        layout = QVBoxLayout(self)
        layout.addWidget(table)
        layout.addWidget(buttons)


def show_about(window: MainWindow) -> None:
    QMessageBox.about(
        window,
        "About motdesk",
        f"<h3>motdesk {__version__}</h3>"
        "<p>An offline editor for customer-journey maps built around moments of truth: "
        "map today's journey and the one you want, find the moments that decide the "
        "relationship, and hand out the result as a PDF.</p>"
        "<p>Everything the editor shows can also be produced on the command line: "
        "<code>motdesk --help</code>.</p>",
    )

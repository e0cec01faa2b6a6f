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
    ("Double-click on the map", "Add a step there"),
    ("Drag from a card's handle to another card", "Connect the two steps"),
    ("F2 or double-click a card", "Edit the step's label"),
    (
        "A digit on a selected step",
        "Set its emotion: 2 is +2, 0 neutral (on 1..5, 1..10: the value)",
    ),
    ("- then a digit", "Set a negative emotion: - 2 is −2"),
    ("- alone, + or =", "One emotion level down / up"),
    ("Ctrl + mouse wheel", "Zoom"),
)


def shortcut_rows(window: MainWindow) -> list[tuple[str, str]]:
    """(keys, what they do) for every action that has a shortcut, then the canvas gestures."""
    rows = []
    seen = set()
    for action in window.findChildren(type(window.actions.save)):
        keys = action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
        text = action.text().replace("&", "")
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

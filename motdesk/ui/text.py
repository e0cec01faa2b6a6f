"""User text in widgets that read markup into it, shown exactly as it was typed.

Menus, tabs, buttons and dock titles read `&` as the marker of a keyboard
mnemonic ("Claims & repairs" would lose its `&` and underline the space);
labels, tooltips and message boxes guess rich text from a tag in the first line
("Refund <b>form" would turn bold). Journey titles, persona names, step labels,
stage and lane names, file names and the names of commands built from them go
through these before they reach such a widget. Window titles read neither.
"""

from __future__ import annotations

import html

from PySide6 import QtGui
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QWidget


def literal(text: str) -> str:
    """`text` for a menu entry, tab, button or dock title: every `&` shown, none a mnemonic."""
    return text.replace("&", "&&")


def plain(text: str) -> str:
    """`text` for a tooltip or message box: as typed, even when it looks like markup.

    Text Qt would not take for rich text is returned unchanged (and wraps as before);
    text it would is escaped into rich text that shows the same characters."""
    if not QtGui.Qt.mightBeRichText(text):
        return text
    return (
        '<p style="white-space: pre-wrap">'
        + html.escape(text, quote=False).replace("\n", "<br>")
        + "</p>"
    )


def plain_label(text: str = "", parent: QWidget | None = None) -> QLabel:
    """A label that shows its text as typed, never as rich text."""
    label = QLabel(parent)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setText(text)
    return label

"""In-place editing of a card's label, and the card a double-click is about to add.

A text item exists only while the user types: Enter commits, Shift+Enter breaks
the line, Escape cancels, clicking elsewhere commits.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QPainter, QPen, QTextCursor, QTextOption
from PySide6.QtWidgets import QGraphicsItem, QGraphicsTextItem

from motdesk.ui.canvas.grid import CARD_H, CARD_W
from motdesk.ui.canvas.step_item import STRIP_W
from motdesk.ui.canvas.style import CanvasStyle


class LabelEditor(QGraphicsTextItem):
    """Editable label text over a card; calls `on_commit(text)` or `on_cancel()` once."""

    def __init__(
        self,
        text: str,
        style: CanvasStyle,
        on_commit: Callable[[str], None],
        on_cancel: Callable[[], None],
    ) -> None:
        super().__init__()
        self._on_commit = on_commit
        self._on_cancel = on_cancel
        self._done = False
        self.setFont(style.label_font)
        self.setDefaultTextColor(style.palette.card_text)
        self.setPlainText(text)
        self.setTextWidth(CARD_W - STRIP_W - 8)
        option = self.document().defaultTextOption()
        option.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
        self.document().setDefaultTextOption(option)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextEditorInteraction)
        self.setZValue(10)
        self._background = style.palette.card
        self._border = style.palette.selection

    def start(self) -> None:
        """Take the keyboard focus with the whole text selected."""
        self.setFocus(Qt.FocusReason.OtherFocusReason)
        cursor = self.textCursor()
        cursor.select(QTextCursor.SelectionType.Document)
        self.setTextCursor(cursor)

    @property
    def finished(self) -> bool:
        return self._done

    def text(self) -> str:
        return " ".join(self.toPlainText().split("\n")).strip()

    def commit(self) -> None:
        if not self._done:
            self._done = True
            self._on_commit(self.text())

    def cancel(self) -> None:
        if not self._done:
            self._done = True
            self._on_cancel()

    def keyPressEvent(self, event) -> None:
        key = event.key()
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and not (
            event.modifiers() & Qt.KeyboardModifier.ShiftModifier
        ):
            self.commit()
            event.accept()
            return
        if key == Qt.Key.Key_Escape:
            self.cancel()
            event.accept()
            return
        super().keyPressEvent(event)

    def focusOutEvent(self, event) -> None:
        super().focusOutEvent(event)
        if event.reason() != Qt.FocusReason.PopupFocusReason:
            self.commit()

    def paint(self, painter: QPainter, option, widget=None) -> None:
        rect = self.boundingRect()
        painter.fillRect(rect, self._background)
        pen = QPen(self._border, 1.5)
        pen.setCosmetic(True)
        painter.setPen(pen)
        painter.drawRect(rect)
        super().paint(painter, option, widget)


class PendingCard(QGraphicsItem):
    """The outline of the card a double-click is adding, shown while its label is typed."""

    def __init__(self, style: CanvasStyle) -> None:
        super().__init__()
        self._style = style
        self.setZValue(9)

    def boundingRect(self) -> QRectF:
        return QRectF(-2, -2, CARD_W + 4, CARD_H + 4)

    def paint(self, painter: QPainter, option, widget=None) -> None:
        palette = self._style.palette
        pen = QPen(palette.selection, 1.5, Qt.PenStyle.DashLine)
        pen.setCosmetic(True)
        painter.setPen(pen)
        painter.setBrush(palette.card)
        painter.drawRoundedRect(QRectF(0, 0, CARD_W, CARD_H), 5, 5)

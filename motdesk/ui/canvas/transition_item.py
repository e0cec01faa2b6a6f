"""A transition drawn as an arrow between two cards, with its label and share.

The arrow leaves the right edge of its source card and enters the left edge of
its target; it follows the cards while they are dragged (the cards call
`adjust`). Hit-testing uses a widened stroke of the curve.
"""

from __future__ import annotations

import math

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QPainter, QPainterPath, QPainterPathStroker, QPolygonF
from PySide6.QtWidgets import QGraphicsItem, QStyleOptionGraphicsItem

from motdesk.graph.model import Transition
from motdesk.graph.views import visible
from motdesk.graph.vocabulary import State, View
from motdesk.ui.canvas.grid import CARD_H, CARD_W
from motdesk.ui.canvas.style import CanvasStyle

ARROW = 9.0


def format_share(share: float | None) -> str:
    if share is None:
        return ""
    percent = share * 100
    return f"{percent:.0f} %" if abs(percent - round(percent)) < 0.05 else f"{percent:.1f} %"


def arrow_path(a: QPointF, b: QPointF, loop: bool) -> QPainterPath:
    """A smooth curve from the card at `a` to the card at `b` (top-left corners).

    Forward: right edge to left edge. Same column: bottom to top (or top to
    bottom). Backward: right edge round to the left edge. Onto itself: a loop above.
    """
    if loop:
        start = QPointF(a.x() + CARD_W * 0.75, a.y())
        end = QPointF(a.x() + CARD_W * 0.25, a.y())
        path = QPainterPath(start)
        path.cubicTo(start + QPointF(30, -70), end + QPointF(-30, -70), end)
        return path
    if b.x() >= a.x() + CARD_W + 8:
        start = QPointF(a.x() + CARD_W, a.y() + CARD_H / 2)
        end = QPointF(b.x(), b.y() + CARD_H / 2)
        reach = max(20.0, (end.x() - start.x()) / 2)
        path = QPainterPath(start)
        path.cubicTo(start + QPointF(reach, 0), end - QPointF(reach, 0), end)
        return path
    if abs(b.y() - a.y()) >= CARD_H + 8:
        down = b.y() > a.y()
        start = QPointF(a.x() + CARD_W / 2, a.y() + (CARD_H if down else 0))
        end = QPointF(b.x() + CARD_W / 2, b.y() + (0 if down else CARD_H))
        reach = max(20.0, abs(end.y() - start.y()) / 2) * (1 if down else -1)
        path = QPainterPath(start)
        path.cubicTo(start + QPointF(0, reach), end - QPointF(0, reach), end)
        return path
    start = QPointF(a.x() + CARD_W, a.y() + CARD_H / 2)
    end = QPointF(b.x(), b.y() + CARD_H / 2)
    reach = max(80.0, min(240.0, abs(end.x() - start.x()) / 3))
    lift = QPointF(0, -CARD_H * 0.9)
    path = QPainterPath(start)
    path.cubicTo(start + QPointF(reach, 0) + lift, end - QPointF(reach, 0) + lift, end)
    return path


def arrow_head(path: QPainterPath) -> QPolygonF:
    """The filled triangle at the end of the curve, pointing along its last stretch."""
    end = path.pointAtPercent(1.0)
    before = path.pointAtPercent(0.97)
    angle = math.atan2(end.y() - before.y(), end.x() - before.x())
    left = end - QPointF(math.cos(angle - 0.45) * ARROW, math.sin(angle - 0.45) * ARROW)
    right = end - QPointF(math.cos(angle + 0.45) * ARROW, math.sin(angle + 0.45) * ARROW)
    return QPolygonF([end, left, right])


_FLAGS = (
    QGraphicsItem.GraphicsItemFlag.ItemIsSelectable
    | QGraphicsItem.GraphicsItemFlag.ItemHasNoContents
)
_SOLID, _DASH, _DOT = Qt.PenStyle.SolidLine, Qt.PenStyle.DashLine, Qt.PenStyle.DotLine
_NO_PEN, _NO_BRUSH = Qt.PenStyle.NoPen, Qt.BrushStyle.NoBrush


class TransitionItem(QGraphicsItem):
    """One arrow on the canvas, keyed by its transition id."""

    Type = QGraphicsItem.UserType + 2

    def __init__(self, transition: Transition, source, target, style: CanvasStyle) -> None:
        super().__init__()
        self.style = style
        self.transition = transition
        self.source = source
        self.target = target
        self._path = QPainterPath()
        self._shape: QPainterPath | None = None
        self._bounds = QRectF()
        self._text = ""
        self._texts: list[str] = []  # what the label may say, longest first
        self._text_rect = QRectF()
        self._head = QPolygonF()
        self.setFlags(_FLAGS)  # painted by the card layer
        self.setZValue(0)
        self._update_text()
        self.adjust(repaint=False)

    def type(self) -> int:
        return TransitionItem.Type

    @property
    def transition_id(self) -> str:
        return self.transition.id

    def set_transition(self, transition: Transition, source, target) -> None:
        self.transition = transition
        self.source, self.target = source, target
        self._update_text()
        self.adjust()
        self.apply_view()
        self.style.repaint(self._bounds)

    def apply_view(self) -> None:
        shown = visible(self.transition.state, self.style.view)
        self.setVisible(shown and self.source.isVisible() and self.target.isVisible())

    def _update_text(self) -> None:
        t = self.transition
        share = format_share(t.share)
        full = " · ".join(part for part in (t.label, share) if part)
        self._texts = [text for text in dict.fromkeys((full, share)) if text]

    def adjust(self, repaint: bool = True) -> None:
        """Recompute the curve from the cards' current positions."""
        if repaint:
            self.style.repaint(self._bounds)
        self.prepareGeometryChange()
        loop = self.source is self.target
        curve = arrow_path(self.source.pos(), self.target.pos(), loop)
        self._head = arrow_head(curve)
        self._path = QPainterPath(curve)
        # The head as an open V in the same path: one stroke per arrow, no fill.
        self._path.moveTo(self._head[1])
        self._path.lineTo(self._head[0])
        self._path.lineTo(self._head[2])
        self._shape = None
        bounds = self._path.controlPointRect().adjusted(-ARROW, -ARROW, ARROW, ARROW)
        self._text = ""
        if self._texts:
            metrics = self.style.small_metrics
            mid = curve.pointAtPercent(0.5)
            first, last = curve.pointAtPercent(0), curve.pointAtPercent(1)
            h = metrics.height() + 2
            if abs(last.x() - first.x()) >= abs(last.y() - first.y()):
                # along a short arrow only what fits: the whole label, else the share alone
                room = max(abs(last.x() - first.x()) - 6, 40.0)
                fitting = [t for t in self._texts if metrics.horizontalAdvance(t) + 8 <= room]
                self._text = fitting[0] if fitting else self._texts[-1]
                w = metrics.horizontalAdvance(self._text) + 8
                self._text_rect = QRectF(mid.x() - w / 2, mid.y() - h - 1, w, h)
            else:
                self._text = self._texts[0]
                w = metrics.horizontalAdvance(self._text) + 8
                self._text_rect = QRectF(mid.x() + 3, mid.y() - h / 2, w, h)
            bounds = bounds.united(self._text_rect)
        self._bounds = bounds
        if repaint:
            self.style.repaint(bounds)

    def boundingRect(self) -> QRectF:
        return self._bounds

    def shape(self) -> QPainterPath:
        if self._shape is None:
            stroker = QPainterPathStroker()
            stroker.setWidth(10)
            self._shape = stroker.createStroke(self._path)
            if self._text:
                self._shape.addRect(self._text_rect)
        return self._shape

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem, widget=None) -> None:
        """Never called: the item has no contents of its own (see `CardLayer`)."""

    def look(self, selected: bool) -> tuple:
        """Colour, width and line style: arrows that share a look are drawn together."""
        palette = self.style.palette
        state = self.transition.state
        colour, line = palette.arrow, _SOLID
        if self.style.view is View.COMPARE and state is not State.BOTH:
            if state is State.FUTURE:
                colour, line = palette.arrow_added, _DASH
            else:
                colour, line = palette.arrow_removed, _DOT
        if selected:
            return palette.selection, 2.0, line
        return colour, 1.0, line  # 1 px strokes are the fastest

    def tooltip(self) -> str:
        t = self.transition
        parts = [t.label or "Transition"]
        if t.share is not None:
            parts.append(f"{format_share(t.share)} of customers")
        parts.append(f"{self.source.step.label} → {self.target.step.label}")
        return "\n".join(parts)

    @property
    def has_label(self) -> bool:
        return bool(self._text)

    @property
    def path(self) -> QPainterPath:
        return self._path

    def draw(self, painter: QPainter, selected: bool) -> None:
        """Paint the arrow in full, in scene coordinates."""
        colour, width, line = self.look(selected)
        painter.setPen(self.style.pen(colour, width, line))
        painter.setBrush(_NO_BRUSH)
        painter.drawPath(self._path)
        self.draw_label(painter, selected)

    def draw_label(self, painter: QPainter, selected: bool) -> None:
        if not self._text:
            return
        style = self.style
        painter.setPen(_NO_PEN)
        painter.setBrush(style.palette.background)
        painter.drawRect(self._text_rect)
        painter.setPen(style.palette.selection if selected else style.palette.card_subtle)
        painter.setFont(style.small_font)
        painter.drawStaticText(
            self._text_rect.topLeft() + QPointF(4, 1), style.static_text(self._text)
        )

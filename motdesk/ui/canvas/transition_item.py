"""A transition drawn as an arrow between two cards, with its label and share.

The arrow leaves the right edge of its source card and enters the left edge of
its target; it follows the cards while they are dragged (the cards call
`adjust`). Hit-testing uses a widened stroke of the curve.
"""

from __future__ import annotations

import math

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QPainter, QPainterPath, QPainterPathStroker, QPen
from PySide6.QtWidgets import QGraphicsItem, QGraphicsRectItem, QStyleOptionGraphicsItem

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


Curve = tuple[float, float, float, float, float, float, float, float]


def arrow_curve(ax: float, ay: float, bx: float, by: float, loop: bool) -> Curve:
    """The cubic from the card at (ax, ay) to the card at (bx, by) (top-left corners), as
    start, two control points and end.

    Forward: right edge to left edge. Same column: bottom to top (or top to
    bottom). Backward: right edge round to the left edge. Onto itself: a loop above.
    """
    if loop:
        sx, sy, ex, ey = ax + CARD_W * 0.75, ay, ax + CARD_W * 0.25, ay
        return (sx, sy, sx + 30, sy - 70, ex - 30, ey - 70, ex, ey)
    if bx >= ax + CARD_W + 8:
        sx, sy, ex, ey = ax + CARD_W, ay + CARD_H / 2, bx, by + CARD_H / 2
        reach = max(20.0, (ex - sx) / 2)
        return (sx, sy, sx + reach, sy, ex - reach, ey, ex, ey)
    if abs(by - ay) >= CARD_H + 8:
        down = by > ay
        lane = CARD_W / 2 + (-12 if down else 12)  # a pair of opposite arrows stays apart
        sx, sy = ax + lane, ay + (CARD_H if down else 0)
        ex, ey = bx + lane, by + (0 if down else CARD_H)
        reach = max(20.0, abs(ey - sy) / 2) * (1 if down else -1)
        return (sx, sy, sx, sy + reach, ex, ey - reach, ex, ey)
    sx, sy, ex, ey = ax + CARD_W, ay + CARD_H / 2, bx, by + CARD_H / 2
    reach = max(80.0, min(240.0, abs(ex - sx) / 3))
    lift = -CARD_H * 0.9
    return (sx, sy, sx + reach, sy + lift, ex - reach, ey + lift, ex, ey)


def arrow_path(a: QPointF, b: QPointF, loop: bool) -> QPainterPath:
    """The curve of `arrow_curve` with its open head, as one path to stroke."""
    return _stroke(arrow_curve(a.x(), a.y(), b.x(), b.y(), loop))


def _stroke(c: Curve) -> QPainterPath:
    sx, sy, c1x, c1y, c2x, c2y, ex, ey = c
    path = QPainterPath(QPointF(sx, sy))
    path.cubicTo(c1x, c1y, c2x, c2y, ex, ey)
    # the head: an open V along the last stretch (towards the end from the second control)
    dx, dy = ex - c2x, ey - c2y
    if dx == 0 and dy == 0:
        dx, dy = ex - c1x, ey - c1y
    angle = math.atan2(dy, dx)
    path.moveTo(ex - math.cos(angle - 0.45) * ARROW, ey - math.sin(angle - 0.45) * ARROW)
    path.lineTo(ex, ey)
    path.lineTo(ex - math.cos(angle + 0.45) * ARROW, ey - math.sin(angle + 0.45) * ARROW)
    return path


_FLAGS = (
    QGraphicsItem.GraphicsItemFlag.ItemIsSelectable
    | QGraphicsItem.GraphicsItemFlag.ItemHasNoContents
)
_SOLID, _DASH, _DOT = Qt.PenStyle.SolidLine, Qt.PenStyle.DashLine, Qt.PenStyle.DotLine
_NO_PEN, _NO_BRUSH = Qt.PenStyle.NoPen, Qt.BrushStyle.NoBrush


class TransitionItem(QGraphicsRectItem):
    """One arrow on the canvas, keyed by its transition id.

    A rectangle item only for its bounding rectangle (the curve's, with its label),
    which Qt then reads without calling Python; it paints nothing itself.
    """

    Type = QGraphicsItem.UserType + 2
    # [style version, pen, pen when selected], set once the arrow is painted: most of a
    # big journey's arrows never are, and an attribute more per arrow is memory
    _pens: list | None = None

    def __init__(self, transition: Transition, source, target, style: CanvasStyle) -> None:
        super().__init__()
        self.setPen(QPen(Qt.PenStyle.NoPen))  # the bounds are the rectangle, nothing around it
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
        self._middle = QPointF()
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
        self._pens = None
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
        loop = self.source is self.target
        a, b = self.source.pos(), self.target.pos()
        c = arrow_curve(a.x(), a.y(), b.x(), b.y(), loop)
        self._path = _stroke(c)
        self._shape = None
        xs, ys = c[0::2], c[1::2]
        bounds = QRectF(min(xs) - ARROW, min(ys) - ARROW,
                        max(xs) - min(xs) + 2 * ARROW, max(ys) - min(ys) + 2 * ARROW)  # fmt: skip
        self._middle = QPointF((c[0] + 3 * c[2] + 3 * c[4] + c[6]) / 8,
                               (c[1] + 3 * c[3] + 3 * c[5] + c[7]) / 8)  # fmt: skip
        self._text = ""
        if self._texts:
            width = self.style.text_width
            mid_x, mid_y = self._middle.x(), self._middle.y()
            h = self.style.small_metrics.height() + 2
            if abs(c[6] - c[0]) >= abs(c[7] - c[1]):
                # along a short arrow only what fits: the whole label, else the share alone
                room = max(abs(c[6] - c[0]) - 6, 40.0)
                fitting = [t for t in self._texts if width(t) + 8 <= room]
                self._text = fitting[0] if fitting else self._texts[-1]
                w = width(self._text) + 8
                self._text_rect = QRectF(mid_x - w / 2, mid_y - h - 1, w, h)
            else:
                # on the arrow, across it: beside it, a long label ran under the cards of
                # the next column (cards are painted over labels, so a card always reads)
                self._text = self._texts[0]
                w = width(self._text) + 8
                self._text_rect = QRectF(mid_x - w / 2, mid_y - h / 2, w, h)
            bounds = bounds.united(self._text_rect)
        self._bounds = bounds
        self.setRect(bounds)  # tells the scene the geometry changed, if it did
        if repaint:
            self.style.repaint(bounds)

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

    def pen(self, selected: bool) -> QPen:
        """The pen of `look`, worked out once per change of the transition or the style."""
        style = self.style
        pens = self._pens
        if pens is None or pens[0] != style.version:
            pens = self._pens = [style.version, None, None]
        index = 2 if selected else 1
        pen = pens[index]
        if pen is None:
            pen = pens[index] = style.pen(*self.look(selected))
        return pen

    def middle(self) -> QPointF:
        """The point halfway along the curve, in scene coordinates."""
        return QPointF(self._middle)

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
        if self._text:
            draw_labels(painter, [(self, selected)], self.style)


def draw_labels(painter: QPainter, labelled: list, style: CanvasStyle) -> None:
    """The labels of arrows, each on a patch of the background, one after the other;
    `labelled`: (arrow, selected) pairs of arrows with a label."""
    palette = style.palette
    background = palette.background
    painter.setFont(style.small_font)
    ink = None
    for item, selected in labelled:
        painter.fillRect(item._text_rect, background)
        wanted = palette.selection if selected else palette.card_subtle
        if wanted is not ink:
            ink = wanted
            painter.setPen(ink)
        rect = item._text_rect
        painter.drawStaticText(QPointF(rect.x() + 4, rect.y() + 1), style.static_text(item._text))

"""A step drawn as a card: code, label, emotion colour and number, moment badge, channel, state.

The card holds the step record it was last given and paints it; it never changes
the document. Text is drawn in `paint()` (no child text items) and the wrapped
label is computed once per label, on the first detailed paint.
"""

from __future__ import annotations

import math
from functools import lru_cache
from typing import NamedTuple

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import (
    QBrush,
    QColor,
    QPainter,
    QPainterPath,
    QPen,
    QPolygonF,
    QStaticText,
    QTransform,
)
from PySide6.QtWidgets import QGraphicsItem, QGraphicsRectItem, QStyleOptionGraphicsItem

from motdesk.graph.model import Step
from motdesk.graph.views import Difference, step_difference, view_emotion, visible
from motdesk.graph.vocabulary import MOMENT_NAMES, Channel, Moment, View
from motdesk.ui.canvas.grid import CARD_H, CARD_W
from motdesk.ui.canvas.palette import emotion_colour
from motdesk.ui.canvas.style import CanvasStyle

STRIP_W = 26.0
HANDLE_R = 6.0
LABEL_LINES = 3
_CARD = QRectF(0, 0, CARD_W, CARD_H)
_BOUNDS = QRectF(-4, -4, CARD_W + HANDLE_R + 8, CARD_H + 8)
_HANDLE_CENTRE = QPointF(CARD_W, CARD_H / 2)
_STRIP = QRectF(0, 0, STRIP_W, CARD_H)


_DARK_INK = QColor("#111111")
_NO_BRUSH = Qt.BrushStyle.NoBrush
_NO_PEN = QPen(Qt.PenStyle.NoPen)
_ELIDE_RIGHT = Qt.TextElideMode.ElideRight
_LABEL_AT = QPointF(STRIP_W + 7, 24.0)
_CODE_AT = QPointF(STRIP_W + 7, 6.0)
_FOOTER_Y = CARD_H - 17
_FOOTER_AT = QPointF(STRIP_W + 7, _FOOTER_Y)
_LIGHT_INK = QColor("#ffffff")
_IDENTITY = QTransform()
_TARGETED = (Difference.RAISED, Difference.LOWERED)


LINE_BREAK = "\u2028"  # a line break inside one laid-out text


def label_text(label: str, style: CanvasStyle) -> QStaticText:
    """The label wrapped and elided into the card, laid out once as one plain text.

    One text of up to three lines costs one layout and one draw instead of one per line.
    """
    lines = wrap_label(label, style, CARD_W - STRIP_W - 12, LABEL_LINES)
    static = QStaticText(LINE_BREAK.join(lines or ["(no label)"]))
    static.setTextFormat(Qt.TextFormat.PlainText)
    static.prepare(_IDENTITY, style.label_font)
    return static


def wrap_label(text: str, style: CanvasStyle, width: float, max_lines: int) -> list[str]:
    """Greedy word wrap into at most `max_lines` lines, the last one elided.

    Word widths come from the style's cache, so wrapping costs dictionary look-ups.
    """
    words = text.split()
    if not words:
        return []
    measure = style.label_word_width
    space = measure(" ")
    lines: list[tuple[str, float]] = []
    line, line_w = words[0], measure(words[0])
    for index in range(1, len(words)):
        word_w = measure(words[index])
        if line_w + space + word_w <= width:
            line, line_w = f"{line} {words[index]}", line_w + space + word_w
            continue
        lines.append((line, line_w))
        if len(lines) == max_lines - 1:
            rest = words[index:]
            line = " ".join(rest)
            line_w = sum(measure(w) for w in rest) + space * (len(rest) - 1)
            break
        line, line_w = words[index], word_w
    lines.append((line, line_w))
    elide = style.label_metrics.elidedText
    return [elide(line, _ELIDE_RIGHT, width) if line_w > width else line for line, line_w in lines]


def channel_text(channel: Channel | None) -> str:
    if channel is None:
        return ""
    return "in person" if channel is Channel.IN_PERSON else channel.value


def moment_badge_path(moment: Moment, centre: QPointF, r: float) -> QPainterPath:
    """A distinct small shape per moment-of-truth code, so the badge reads without colour."""
    path = QPainterPath()
    x, y = centre.x(), centre.y()
    if moment is Moment.ZMOT:
        path.addEllipse(centre, r, r)
    elif moment is Moment.FMOT:
        path.addRect(QRectF(x - r, y - r, 2 * r, 2 * r))
    elif moment is Moment.SMOT:
        path.addPolygon(QPolygonF([QPointF(x, y - r), QPointF(x + r, y), QPointF(x, y + r),
                                   QPointF(x - r, y)]))  # fmt: skip
    elif moment is Moment.TMOT:
        path.addPolygon(QPolygonF([QPointF(x, y - r), QPointF(x + r, y + r),
                                   QPointF(x - r, y + r)]))  # fmt: skip
    elif moment is Moment.LTZMOT:
        path.addPolygon(QPolygonF([QPointF(x - r, y - r), QPointF(x + r, y - r),
                                   QPointF(x, y + r)]))  # fmt: skip
    elif moment is Moment.UMOT:
        points = []
        for i in range(10):
            angle = -math.pi / 2 + i * math.pi / 5
            radius = r if i % 2 == 0 else r * 0.45
            points.append(QPointF(x + radius * math.cos(angle), y + radius * math.sin(angle)))
        path.addPolygon(QPolygonF(points))
    else:  # service moment of truth: a hexagon
        path.addPolygon(QPolygonF([QPointF(x + r * math.cos(math.pi / 3 * i),
                                           y + r * math.sin(math.pi / 3 * i))
                                   for i in range(6)]))  # fmt: skip
    path.closeSubpath()
    return path


@lru_cache(maxsize=64)
def _badge_shape(moment: Moment, x: float, y: float) -> QPainterPath:
    return moment_badge_path(moment, QPointF(x, y), 4.5)


def badge_shape(moment: Moment, centre: QPointF) -> QPainterPath:
    return _badge_shape(moment, round(centre.x(), 2), round(centre.y(), 2))


_FLAGS = (
    QGraphicsItem.GraphicsItemFlag.ItemIsSelectable
    | QGraphicsItem.GraphicsItemFlag.ItemIsMovable
    | QGraphicsItem.GraphicsItemFlag.ItemHasNoContents
)


class CardLook(NamedTuple):
    """What cards of one emotion, channel, state and difference show, shared by them all."""

    version: int  # the style's, when worked out
    fill: QColor
    strong: QColor  # the emotion strip
    ink: QColor  # the number on the strip
    number: QStaticText
    number_at: QPointF
    channel: QStaticText | None
    state: QStaticText
    state_at: QPointF
    difference: Difference
    misery: bool
    border: QPen


class StepItem(QGraphicsRectItem):
    """One card on the canvas, keyed by its step id.

    A rectangle item only for its bounding rectangle, which Qt then reads without
    calling Python (the scene's index asks for it on every query); it paints nothing.
    """

    Type = QGraphicsItem.UserType + 1

    def __init__(self, step: Step, style: CanvasStyle) -> None:
        super().__init__(_BOUNDS)
        self.setPen(_NO_PEN)  # the bounding rectangle is `_BOUNDS`, no pen width around it
        self.style = style
        self.step = step
        self.transitions: list = []  # TransitionItem, kept by the scene
        # The wrapped label, laid out when the card is made (as a plain text item lays out
        # its text when it is given one): a pan at 100 % then only draws what it brings in.
        self._label: QStaticText | None = label_text(step.label, style)
        self.code = ""  # the step code (S01...) the handout prints; the scene sets it
        self.label_hidden = False  # while its label is typed in place, over the card
        self._look_cache: tuple[int, CardLook] | None = None  # (style version, look)
        self._hovered = False
        self.setPos(step.x, step.y)
        # The card layer paints every card in one pass; the item itself hit-tests.
        self.setFlags(_FLAGS)
        self.setAcceptHoverEvents(True)
        self.setZValue(1)

    def type(self) -> int:
        return StepItem.Type

    @property
    def step_id(self) -> str:
        return self.step.id

    # -- following the document ------------------------------------------------
    def set_step(self, step: Step) -> None:
        if step.label != self.step.label:
            self._label = None
        self.step = step
        self._look_cache = None
        self.repaint()
        if (self.pos().x(), self.pos().y()) != (step.x, step.y):
            self.setPos(step.x, step.y)
            self.follow_transitions()
        self.apply_view()
        self.repaint()

    def set_code(self, code: str) -> None:
        """Show another step code (the steps were renumbered)."""
        if code != self.code:
            self.code = code
            self.repaint()

    def apply_view(self) -> None:
        self.setVisible(visible(self.step.state, self.style.view))

    def follow_transitions(self) -> None:
        scene = self.scene()
        if scene is not None and scene.in_burst():
            scene.adjust_later(self.transitions)
            return
        for transition in self.transitions:
            transition.adjust()

    def repaint(self) -> None:
        """Ask the card layer to paint this card again (not in a burst of changes: the scene
        then repaints its whole layer once)."""
        repaint = self.style.on_repaint
        if repaint is not None:
            repaint(self.sceneBoundingRect())

    # -- geometry and hit-testing ----------------------------------------------
    def shape(self) -> QPainterPath:
        path = QPainterPath()
        path.setFillRule(Qt.FillRule.WindingFill)  # the handle's inner half is no hole
        path.addRect(_CARD)
        path.addEllipse(_HANDLE_CENTRE, HANDLE_R + 2, HANDLE_R + 2)
        return path

    def on_handle(self, local: QPointF) -> bool:
        """Whether a point (in item coordinates) is on the connect handle."""
        delta = local - _HANDLE_CENTRE
        return (delta.x() ** 2 + delta.y() ** 2) <= (HANDLE_R + 3) ** 2

    def handle_scene_pos(self) -> QPointF:
        return self.mapToScene(_HANDLE_CENTRE)

    def hoverEnterEvent(self, event) -> None:
        self._hovered = True
        self.repaint()
        super().hoverEnterEvent(event)

    def hoverLeaveEvent(self, event) -> None:
        self._hovered = False
        self.repaint()
        super().hoverLeaveEvent(event)

    def hoverMoveEvent(self, event) -> None:
        cursor = (
            Qt.CursorShape.CrossCursor
            if self.on_handle(event.pos())
            else Qt.CursorShape.ArrowCursor
        )
        self.setCursor(cursor)
        super().hoverMoveEvent(event)

    # -- what the card says ----------------------------------------------------
    def emotion(self) -> int | None:
        return view_emotion(self.step, self.style.view)

    def is_misery(self) -> bool:
        """A moment of truth with a negative emotion: never to be overlooked."""
        return self.step.moment is not None and self.style.scale.is_negative(self.emotion())

    def tooltip(self) -> str:
        step = self.step
        parts = [step.label or "(no label)"]
        if step.moment is not None:
            parts.append(f"{step.moment.value}: {MOMENT_NAMES[step.moment]}")
        emotion = self.emotion()
        if emotion is not None:
            parts.append(f"Emotion {emotion} ({self.style.scale.name(emotion)})")
        if step.pain_points:
            parts.append("Pain points:")
            parts.extend(f"• {p}" for p in step.pain_points)
        return "\n".join(parts)

    # -- painting (called by the card layer) ------------------------------------
    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem, widget=None) -> None:
        """Never called: the item has no contents of its own (see `CardLayer`)."""

    def overview_colour(self) -> QColor:
        emotion = self.emotion()
        normalized = None if emotion is None else self.style.scale.normalized(emotion)
        return self.style.overview_fill(normalized)

    def _look(self) -> CardLook:
        """What the card shows, worked out once per change of step, view, scale or palette.

        Cards that show the same emotion, channel and state share one look (colours,
        pens and laid-out texts), so a card painted for the first time looks it up.
        """
        cache = self._look_cache
        style = self.style
        if cache is not None and cache[0] == style.version:
            return cache[1]
        step = self.step
        emotion = self.emotion()
        difference = step_difference(step) if style.view is View.COMPARE else Difference.SAME
        target = step.future_emotion if difference in _TARGETED else None
        key = (emotion, step.channel, step.state, difference, target, step.moment is not None)
        looks = style.looks
        look = looks.get(key)
        if look is None:
            look = looks[key] = self._work_out_look(emotion, difference)
        self._look_cache = (style.version, look)
        return look

    def _work_out_look(self, emotion: int | None, difference: Difference) -> CardLook:
        style = self.style
        palette = style.palette
        normalized = None if emotion is None else style.scale.normalized(emotion)
        strong = emotion_colour(normalized)
        channel = channel_text(self.step.channel)
        number = style.static_text(style.scale.number(emotion), "number")
        size = number.size()
        if difference is Difference.ADDED:
            border = style.pen(palette.arrow_added, 1.6, Qt.PenStyle.DashLine)
        else:
            border = style.pen(palette.card_border, 1)
        state = style.static_text(self._state_text(difference))
        return CardLook(
            style.version,
            style.card_fill(normalized),
            strong,
            _DARK_INK if strong.lightnessF() > 0.55 else _LIGHT_INK,
            number,
            QPointF((STRIP_W - size.width()) / 2, (CARD_H - size.height()) / 2),
            style.static_text(channel) if channel else None,
            state,
            QPointF(CARD_W - 7 - state.size().width(), _FOOTER_Y),
            difference,
            self.is_misery(),
            border,
        )

    def draw(self, painter: QPainter, selected: bool) -> None:
        """Paint the card in full, in item coordinates (square corners: crisp at any zoom)."""
        self.draw_body(painter)
        self.draw_marks(painter, selected)

    def label(self) -> QStaticText:
        """The wrapped label, laid out again only after the label changed."""
        if self._label is None:
            self._label = label_text(self.step.label, self.style)
        return self._label

    def body_key(self) -> tuple:
        """What `draw_body` paints depends on: equal keys, equal pictures."""
        return (
            self._look(),
            None if self.label_hidden else self.label(),
            self.code,
            self.step.moment,
            bool(self.step.label),
        )

    def draw_body(self, painter: QPainter, framed: bool = True) -> None:
        """The card without the selection frame and the connect handle (inside its rectangle
        and its border; `framed`: with its border, hatching and frame of misery, else
        `draw_frame` adds them)."""
        style = self.style
        palette = style.palette
        (_, fill, strong, ink, number, number_at, channel, state, state_at, difference, misery,
         pen) = self._look()  # fmt: skip
        painter.fillRect(_CARD, fill)
        painter.fillRect(_STRIP, strong)
        if framed:
            painter.setBrush(_NO_BRUSH)
            painter.setPen(pen)
            painter.drawRect(_CARD)
        painter.setFont(style.number_font)
        painter.setPen(ink)
        painter.drawStaticText(number_at, number)
        if not self.label_hidden:
            painter.setFont(style.label_font)
            painter.setPen(palette.card_text if self.step.label else palette.card_subtle)
            painter.drawStaticText(_LABEL_AT, self.label())
        if self.step.moment is not None:
            self._paint_badge(painter, palette, self.step.moment, misery)
        painter.setFont(style.small_font)
        painter.setPen(palette.card_subtle)
        if self.code:  # one per card: drawn as is, cheaper than laying out a text to keep
            baseline = _CODE_AT.y() + style.small_metrics.ascent()
            painter.drawText(QPointF(_CODE_AT.x(), baseline), self.code)
        if channel is not None:
            painter.drawStaticText(_FOOTER_AT, channel)
        painter.drawStaticText(state_at, state)
        if framed:
            self._paint_over(painter, palette, difference, misery)

    def draw_frame(self, painter: QPainter) -> None:
        """What `draw_body` leaves out when not `framed`: the border and, over everything,
        the hatching of a removed step and the frame of a moment of misery."""
        look = self._look()
        painter.setBrush(_NO_BRUSH)
        painter.setPen(look.border)
        painter.drawRect(_CARD)
        self._paint_over(painter, self.style.palette, look.difference, look.misery)

    def _paint_over(self, painter, palette, difference: Difference, misery: bool) -> None:
        if difference is Difference.REMOVED:
            self._paint_removed(painter, palette)
        if misery:
            self._paint_misery(painter, palette)

    def draw_marks(self, painter: QPainter, selected: bool) -> None:
        """The selection frame and, when selected or under the mouse, the connect handle
        (smooth; the painter is left drawing sharp edges, as the cards after it are)."""
        style = self.style
        palette = style.palette
        if selected:
            painter.setPen(style.pen(palette.selection, 2.5))
            painter.setBrush(_NO_BRUSH)
            painter.drawRect(_CARD.adjusted(-2, -2, 2, 2))
        if selected or self._hovered:
            painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
            painter.setPen(style.pen(palette.card, 1.5))
            painter.setBrush(palette.handle)
            painter.drawEllipse(_HANDLE_CENTRE, HANDLE_R, HANDLE_R)
            painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)

    def _state_text(self, difference: Difference) -> str:
        step = self.step
        if difference is Difference.ADDED:
            return "+ new"
        if difference is Difference.REMOVED:
            return "− removed"
        if difference in (Difference.RAISED, Difference.LOWERED):
            arrow = "▲" if difference is Difference.RAISED else "▼"
            target = self.style.scale.number(step.future_emotion)
            return f"{arrow} target {target}"
        return step.state.value

    def _paint_badge(self, painter, palette, moment: Moment, misery: bool) -> None:
        style = self.style
        text = style.static_text(moment.value, "badge")
        width = text.size().width() + 22
        rect = QRectF(CARD_W - width - 5, 5, width, 16)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(palette.misery if misery else palette.header_text)
        painter.drawRoundedRect(rect, 8, 8)
        painter.setBrush(palette.card)
        painter.drawPath(badge_shape(moment, QPointF(rect.left() + 9, rect.center().y())))
        painter.setPen(palette.card)
        painter.setFont(style.badge_font)
        painter.drawStaticText(
            QPointF(rect.left() + 16, rect.center().y() - text.size().height() / 2), text
        )

    def _paint_removed(self, painter, palette) -> None:
        painter.setOpacity(0.35)
        painter.fillRect(_CARD, QBrush(palette.card_subtle, Qt.BrushStyle.BDiagPattern))
        painter.setOpacity(1.0)

    def _paint_misery(self, painter, palette) -> None:
        painter.setPen(QPen(palette.misery, 3.5))
        painter.setBrush(_NO_BRUSH)
        painter.drawRect(_CARD.adjusted(1.5, 1.5, -1.5, -1.5))
        corner = QPolygonF([QPointF(0, 0), QPointF(22, 0), QPointF(0, 22)])
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(palette.misery)
        painter.drawPolygon(corner)

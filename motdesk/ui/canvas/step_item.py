"""A step drawn as a card: label, emotion colour and number, moment badge, channel, state.

The card holds the step record it was last given and paints it; it never changes
the document. Text is drawn in `paint()` (no child text items) and the wrapped
label is computed once per label, on the first detailed paint.
"""

from __future__ import annotations

import math
from functools import lru_cache

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
from PySide6.QtWidgets import QGraphicsItem, QStyle, QStyleOptionGraphicsItem

from motdesk.graph.model import Step
from motdesk.graph.views import Difference, step_difference, view_emotion, visible
from motdesk.graph.vocabulary import MOMENT_NAMES, Channel, Moment, View
from motdesk.ui.canvas.grid import CARD_H, CARD_W
from motdesk.ui.canvas.palette import emotion_colour
from motdesk.ui.canvas.style import DETAIL_LOD, CanvasStyle

STRIP_W = 26.0
HANDLE_R = 6.0
LABEL_LINES = 3
_CARD = QRectF(0, 0, CARD_W, CARD_H)
_BOUNDS = QRectF(-4, -4, CARD_W + HANDLE_R + 8, CARD_H + 8)
_HANDLE_CENTRE = QPointF(CARD_W, CARD_H / 2)
_STRIP = QRectF(0, 0, STRIP_W, CARD_H)


def _strip_path() -> QPainterPath:
    card, band = QPainterPath(), QPainterPath()
    card.addRoundedRect(_CARD, 5, 5)
    band.addRect(_STRIP)
    return card.intersected(band)


_STRIP_PATH = _strip_path()
_CARD_PATH = QPainterPath()
_CARD_PATH.addRoundedRect(_CARD, 5, 5)
_DARK_INK = QColor("#111111")
_LIGHT_INK = QColor("#ffffff")


def _prepared(text: str, font) -> QStaticText:
    static = QStaticText(text)
    static.setTextFormat(Qt.TextFormat.PlainText)
    static.prepare(QTransform(), font)
    return static


def wrap_label(text: str, metrics, width: float, max_lines: int) -> list[str]:
    """Greedy word wrap into at most `max_lines` lines, the last one elided."""
    words = text.split()
    lines: list[str] = []
    current = ""
    for index, word in enumerate(words):
        candidate = f"{current} {word}" if current else word
        if metrics.horizontalAdvance(candidate) <= width or not current:
            current = candidate
            continue
        lines.append(current)
        current = word
        if len(lines) == max_lines - 1:
            current = " ".join(words[index:])
            break
    if current:
        lines.append(current)
    return [metrics.elidedText(line, Qt.TextElideMode.ElideRight, width) for line in lines]


def channel_text(channel: Channel | None) -> str:
    if channel is None:
        return ""
    return "in person" if channel is Channel.IN_PERSON else channel.value


def format_emotion(value: int | None, signed: bool) -> str:
    if value is None:
        return "–"
    if signed and value > 0:
        return f"+{value}"
    return str(value).replace("-", "−")


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


class StepItem(QGraphicsItem):
    """One card on the canvas, keyed by its step id."""

    Type = QGraphicsItem.UserType + 1

    def __init__(self, step: Step, style: CanvasStyle) -> None:
        super().__init__()
        self.style = style
        self.step = step
        self.transitions: list = []  # TransitionItem, kept by the scene
        self._lines: list[str] | None = None
        self._hovered = False
        self.setFlags(
            QGraphicsItem.GraphicsItemFlag.ItemIsSelectable
            | QGraphicsItem.GraphicsItemFlag.ItemIsMovable
            | QGraphicsItem.GraphicsItemFlag.ItemSendsGeometryChanges
        )
        self.setAcceptHoverEvents(True)
        self.setZValue(1)
        self.setPos(step.x, step.y)

    def type(self) -> int:
        return StepItem.Type

    @property
    def step_id(self) -> str:
        return self.step.id

    # -- following the document ------------------------------------------------
    def set_step(self, step: Step) -> None:
        if step.label != self.step.label:
            self._lines = None
        self.step = step
        if (self.pos().x(), self.pos().y()) != (step.x, step.y):
            self.setPos(step.x, step.y)
        self.apply_view()
        self.update()

    def apply_view(self) -> None:
        self.setVisible(visible(self.step.state, self.style.view))

    def follow_transitions(self) -> None:
        for transition in self.transitions:
            transition.adjust()

    # -- geometry and hit-testing ----------------------------------------------
    def boundingRect(self) -> QRectF:
        return _BOUNDS

    def shape(self) -> QPainterPath:
        path = QPainterPath()
        path.addRect(_CARD)
        path.addEllipse(_HANDLE_CENTRE, HANDLE_R + 2, HANDLE_R + 2)
        return path

    def on_handle(self, local: QPointF) -> bool:
        """Whether a point (in item coordinates) is on the connect handle."""
        delta = local - _HANDLE_CENTRE
        return (delta.x() ** 2 + delta.y() ** 2) <= (HANDLE_R + 3) ** 2

    def handle_scene_pos(self) -> QPointF:
        return self.mapToScene(_HANDLE_CENTRE)

    def itemChange(self, change, value):
        if change == QGraphicsItem.GraphicsItemChange.ItemPositionHasChanged:
            self.follow_transitions()
        return super().itemChange(change, value)

    def hoverEnterEvent(self, event) -> None:
        self._hovered = True
        self.update()
        super().hoverEnterEvent(event)

    def hoverLeaveEvent(self, event) -> None:
        self._hovered = False
        self.update()
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

    # -- painting --------------------------------------------------------------
    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem, widget=None) -> None:
        style = self.style
        palette = style.palette
        emotion = self.emotion()
        normalized = None if emotion is None else style.scale.normalized(emotion)
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        lod = option.levelOfDetailFromTransform(painter.worldTransform())
        misery = self.is_misery()
        if lod < DETAIL_LOD:
            painter.fillRect(_CARD, palette.overview_fill(normalized))
            if misery or selected:
                pen = QPen(palette.selection if selected else palette.misery, 3)
                pen.setCosmetic(True)
                painter.setPen(pen)
                painter.setBrush(Qt.BrushStyle.NoBrush)
                painter.drawRect(_CARD)
            return
        self._paint_card(painter, palette, normalized, emotion, selected, misery)

    def _paint_card(self, painter, palette, normalized, emotion, selected, misery) -> None:
        style = self.style
        step = self.step
        difference = step_difference(step) if style.view is View.COMPARE else Difference.SAME
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        # body
        if difference is Difference.ADDED:
            painter.setPen(style.pen(palette.arrow_added, 1.6, Qt.PenStyle.DashLine))
        else:
            painter.setPen(style.pen(palette.card_border, 1))
        painter.setBrush(palette.card_fill(normalized))
        painter.drawPath(_CARD_PATH)
        # emotion strip with its number
        painter.setPen(Qt.PenStyle.NoPen)
        strong = emotion_colour(normalized)
        painter.setBrush(strong)
        painter.drawPath(_STRIP_PATH)
        number = style.static_text(format_emotion(emotion, style.scale.low < 0), "number")
        size = number.size()
        painter.setFont(style.number_font)
        painter.setPen(_DARK_INK if strong.lightnessF() > 0.55 else _LIGHT_INK)
        painter.drawStaticText(
            QPointF((STRIP_W - size.width()) / 2, (CARD_H - size.height()) / 2), number
        )
        # label
        if self._lines is None:
            width = CARD_W - STRIP_W - 12
            lines = wrap_label(step.label, style.label_metrics, width, LABEL_LINES)
            self._lines = [_prepared(line, style.label_font) for line in lines or ["(no label)"]]
        painter.setFont(style.label_font)
        painter.setPen(palette.card_text if step.label else palette.card_subtle)
        line_h = style.label_metrics.height()
        for i, line in enumerate(self._lines):
            painter.drawStaticText(QPointF(STRIP_W + 7, 26.0 + i * line_h), line)
        # moment badge, top right
        if step.moment is not None:
            self._paint_badge(painter, palette, step.moment, misery)
        # footer: channel left, state right
        painter.setFont(style.small_font)
        painter.setPen(palette.card_subtle)
        baseline = CARD_H - 17
        channel = channel_text(step.channel)
        if channel:
            painter.drawStaticText(QPointF(STRIP_W + 7, baseline), style.static_text(channel))
        state = style.static_text(self._state_text(difference))
        painter.drawStaticText(QPointF(CARD_W - 7 - state.size().width(), baseline), state)
        if difference is Difference.REMOVED:
            self._paint_removed(painter, palette)
        if misery:
            self._paint_misery(painter, palette)
        if selected:
            painter.setPen(style.pen(palette.selection, 2.5))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRoundedRect(_CARD.adjusted(-2, -2, 2, 2), 6, 6)
        if selected or self._hovered:
            painter.setPen(style.pen(palette.card, 1.5))
            painter.setBrush(palette.handle)
            painter.drawEllipse(_HANDLE_CENTRE, HANDLE_R, HANDLE_R)

    def _state_text(self, difference: Difference) -> str:
        step = self.step
        if difference is Difference.ADDED:
            return "+ new"
        if difference is Difference.REMOVED:
            return "− removed"
        if difference in (Difference.RAISED, Difference.LOWERED):
            arrow = "▲" if difference is Difference.RAISED else "▼"
            target = format_emotion(step.future_emotion, self.style.scale.low < 0)
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
        hatch = QBrush(palette.card_subtle, Qt.BrushStyle.BDiagPattern)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(hatch)
        painter.setOpacity(0.35)
        painter.drawRoundedRect(_CARD, 5, 5)
        painter.setOpacity(1.0)

    def _paint_misery(self, painter, palette) -> None:
        pen = QPen(palette.misery, 3.5)
        painter.setPen(pen)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawRoundedRect(_CARD.adjusted(1, 1, -1, -1), 5, 5)
        corner = QPolygonF([QPointF(0, 0), QPointF(22, 0), QPointF(0, 22)])
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(palette.misery)
        painter.drawPolygon(corner)

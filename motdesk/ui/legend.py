"""The legend dock: what the colours, badges, frames and lines of the map mean.

Sections: the project's emotion scale (colour, number, name), each moment-of-truth
code with its badge shape, name and when it happens, the moment of misery, the
compare view's marks and the emotional curve. Every sample is drawn with the
canvas's own palette and shapes, so the legend matches the map in light and dark,
and it is built again when the scale or the palette changes.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QPainter, QPainterPath, QPen, QPixmap
from PySide6.QtWidgets import (
    QDockWidget,
    QGridLayout,
    QLabel,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from motdesk.graph.vocabulary import MOMENT_NAMES, MOMENT_WHEN, EmotionScale, Moment
from motdesk.ui.canvas.palette import CanvasPalette, current_palette, emotion_colour
from motdesk.ui.canvas.step_item import moment_badge_path

SAMPLE_W, SAMPLE_H = 64, 26
_MOMENT_ORDER = (
    Moment.LTZMOT,
    Moment.ZMOT,
    Moment.FMOT,
    Moment.SMOT,
    Moment.TMOT,
    Moment.UMOT,
    Moment.MOT,
)


class LegendDock(QDockWidget):
    """The key to the map, for the project's scale and the current palette."""

    def __init__(self, window) -> None:
        super().__init__("Legend", window)
        self.window = window
        self.setObjectName("legend-dock")
        self._scroll = QScrollArea(self)
        self._scroll.setWidgetResizable(True)
        self._scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        self.setWidget(self._scroll)
        self._scale: EmotionScale | None = None
        self._dark: bool | None = None
        self._headings: dict[str, QLabel] = {}
        self.rows: dict[str, list[str]] = {}  # section -> the texts of its rows (read by tests)
        self.refresh()

    def refresh(self) -> None:
        """Build the legend for the project's scale and the palette now in use."""
        scale = self.window.document.project.scale
        palette = current_palette()
        if scale == self._scale and palette.dark == self._dark and self._scroll.widget():
            return
        self._scale, self._dark = scale, palette.dark
        self.rows = {}
        self._headings = {}
        ratio = max(1.0, self.devicePixelRatioF())
        body = QWidget()
        body.setObjectName("legend-body")
        column = QVBoxLayout(body)
        column.setContentsMargins(10, 8, 10, 8)
        column.setSpacing(4)

        self._section(
            column, "Emotion", "How the customer feels at the step (card strip and number)"
        )
        grid = self._grid(column)
        for row, value in enumerate(reversed(list(scale.levels()))):
            normalized = scale.normalized(value)
            pixmap = _strip_sample(palette, normalized, scale.number(value), ratio)
            self._row(grid, row, "Emotion", pixmap, scale.name(value))
        self._row(
            grid,
            len(scale.levels()),
            "Emotion",
            _strip_sample(palette, None, "–", ratio),
            "not rated",
        )

        self._section(column, "Moments of truth", "Badge shape and code at the card's top right")
        grid = self._grid(column)
        for row, moment in enumerate(_MOMENT_ORDER):
            pixmap = _badge_sample(palette, moment, False, ratio)
            self._row(
                grid, row, "Moments of truth", pixmap, MOMENT_NAMES[moment], MOMENT_WHEN[moment]
            )

        self._section(column, "Moment of misery", "A moment of truth with a negative emotion")
        grid = self._grid(column)
        self._row(
            grid,
            0,
            "Moment of misery",
            _misery_sample(palette, scale, ratio),
            "Thick dark-red frame and corner",
            "Kept when the whole map fits the window; its badge turns red.",
        )

        self._section(column, "Compare view", "What changes from today to the future")
        grid = self._grid(column)
        marks = (
            ("added", "New step (+ new)", "Only in the future state."),
            ("removed", "Removed step (− removed)", "Only in today's state."),
            ("raised", "Emotion raised (▲ target)", "The target emotion is higher."),
            ("lowered", "Emotion lowered (▼ target)", "The target emotion is lower."),
            ("arrow_added", "New transition", "Dashed arrow."),
            ("arrow_removed", "Removed transition", "Dotted arrow."),
        )
        for row, (kind, name, when) in enumerate(marks):
            self._row(grid, row, "Compare view", _compare_sample(palette, kind, ratio), name, when)

        self._section(column, "Emotional curve", "Along the main path, in the band under the lanes")
        grid = self._grid(column)
        curves = (
            ("today", "Today (current state)", "Solid line, round points."),
            ("target", "Target (future state)", "Dashed line, square points."),
            ("moment", "Moment of truth", "A larger point; a red edge for a moment of misery."),
        )
        for row, (kind, name, when) in enumerate(curves):
            self._row(grid, row, "Emotional curve", _curve_sample(palette, kind, ratio), name, when)
        column.addStretch(1)
        old = self._scroll.takeWidget()
        if old is not None:
            old.deleteLater()
        self._scroll.setWidget(body)

    def section_widget(self, title: str) -> QLabel | None:
        """The heading of a section ("Emotion", "Compare view"...)."""
        return self._headings.get(title)

    def scroll_to(self, widget: QWidget) -> None:
        """Scroll so that `widget` (a heading) is at the top."""
        self._scroll.widget().adjustSize()
        self._scroll.verticalScrollBar().setValue(max(0, widget.y() - 4))

    # -- layout helpers -----------------------------------------------------------------
    def _section(self, column: QVBoxLayout, title: str, subtitle: str) -> None:
        heading = QLabel(title)
        font = heading.font()
        font.setWeight(QFont.Weight.Bold)
        heading.setFont(font)
        heading.setContentsMargins(0, 8, 0, 0)
        column.addWidget(heading)
        self._headings[title] = heading
        note = QLabel(subtitle)
        note.setWordWrap(True)
        small = note.font()
        small.setPointSizeF(max(7.0, small.pointSizeF() * 0.9))
        note.setFont(small)
        column.addWidget(note)
        self.rows[title] = []

    def _grid(self, column: QVBoxLayout) -> QGridLayout:
        grid = QGridLayout()
        grid.setHorizontalSpacing(8)
        grid.setVerticalSpacing(6)
        grid.setColumnStretch(1, 1)
        column.addLayout(grid)
        return grid

    def _row(
        self, grid: QGridLayout, row: int, section: str, pixmap: QPixmap, name: str, when: str = ""
    ) -> None:
        sample = QLabel()
        sample.setPixmap(pixmap)
        sample.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignHCenter)
        sample.setAccessibleName(name)
        grid.addWidget(sample, row, 0)
        text = _WrappedLabel(name if not when else f"{name}\n{when}")
        text.setTextFormat(Qt.TextFormat.PlainText)
        text.setWordWrap(True)
        # a name alone beside the middle of its sample; a name and a description from its top
        vertical = Qt.AlignmentFlag.AlignTop if when else Qt.AlignmentFlag.AlignVCenter
        text.setAlignment(vertical | Qt.AlignmentFlag.AlignLeft)
        text.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        text.setMinimumWidth(120)
        grid.addWidget(text, row, 1)
        self.rows[section].append(name)

    def changeEvent(self, event) -> None:  # noqa: N802
        if event.type() in (QEvent.Type.PaletteChange, QEvent.Type.ApplicationPaletteChange):
            self._dark = None
            self.refresh()
        super().changeEvent(event)


class _WrappedLabel(QLabel):
    """A word-wrapped label as tall as its text at the width it has (a plain one asks for
    the height of its text at its narrowest, which left gaps between the rows)."""

    def sizeHint(self) -> QSize:  # noqa: N802
        width = max(self.width(), self.minimumWidth())
        return QSize(self.minimumWidth(), self.heightForWidth(width))

    def resizeEvent(self, event) -> None:  # noqa: N802
        super().resizeEvent(event)
        if event.oldSize().width() != event.size().width():
            self.updateGeometry()  # its height follows its new width


# -- samples --------------------------------------------------------------------------------
def _canvas(ratio: float, width: int = SAMPLE_W, height: int = SAMPLE_H) -> QPixmap:
    pixmap = QPixmap(round(width * ratio), round(height * ratio))
    pixmap.setDevicePixelRatio(ratio)
    pixmap.fill(Qt.GlobalColor.transparent)
    return pixmap


def _painter(pixmap: QPixmap) -> QPainter:
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
    painter.setRenderHint(QPainter.RenderHint.TextAntialiasing, True)
    return painter


def _strip_sample(
    palette: CanvasPalette, normalized: float | None, number: str, ratio: float
) -> QPixmap:
    """The card's emotion strip: the colour with the number on it."""
    pixmap = _canvas(ratio)
    painter = _painter(pixmap)
    strong = emotion_colour(normalized)
    card = QRectF(0.5, 0.5, SAMPLE_W - 1, SAMPLE_H - 1)
    painter.fillRect(card, palette.card_fill(normalized))
    painter.fillRect(QRectF(0.5, 0.5, 26, SAMPLE_H - 1), strong)
    painter.setPen(QPen(palette.card_border, 1))
    painter.setBrush(Qt.BrushStyle.NoBrush)
    painter.drawRect(card)
    font = QFont()
    font.setPointSizeF(9)
    font.setWeight(QFont.Weight.Bold)
    painter.setFont(font)
    painter.setPen(QColor("#111111") if strong.lightnessF() > 0.55 else QColor("#ffffff"))
    painter.drawText(QRectF(0, 0, 27, SAMPLE_H), Qt.AlignmentFlag.AlignCenter, number)
    painter.end()
    return pixmap


def _badge_sample(palette: CanvasPalette, moment: Moment, misery: bool, ratio: float) -> QPixmap:
    """The card's moment badge: a pill with the shape and the code."""
    pixmap = _canvas(ratio)
    painter = _painter(pixmap)
    font = QFont()
    font.setPointSizeF(7)
    font.setWeight(QFont.Weight.Bold)
    painter.setFont(font)
    width = min(SAMPLE_W - 1.0, painter.fontMetrics().horizontalAdvance(moment.value) + 22.0)
    rect = QRectF(0.5, (SAMPLE_H - 16) / 2, width, 16)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(palette.misery if misery else palette.header_text)
    painter.drawRoundedRect(rect, 8, 8)
    painter.setBrush(palette.card)
    painter.drawPath(moment_badge_path(moment, QPointF(rect.left() + 9, rect.center().y()), 4.5))
    painter.setPen(palette.card)
    painter.drawText(rect.adjusted(16, 0, 0, 0), Qt.AlignmentFlag.AlignVCenter, moment.value)
    painter.end()
    return pixmap


def _misery_sample(palette: CanvasPalette, scale: EmotionScale, ratio: float) -> QPixmap:
    pixmap = _canvas(ratio)
    painter = _painter(pixmap)
    card = QRectF(2, 2, SAMPLE_W - 4, SAMPLE_H - 4)
    painter.fillRect(card, palette.card_fill(-1.0))
    painter.fillRect(QRectF(2, 2, 14, SAMPLE_H - 4), emotion_colour(-1.0))
    painter.setPen(QPen(palette.misery, 3))
    painter.setBrush(Qt.BrushStyle.NoBrush)
    painter.drawRect(card)
    corner = QPainterPath()
    corner.moveTo(card.topLeft())
    corner.lineTo(card.left() + 12, card.top())
    corner.lineTo(card.left(), card.top() + 12)
    corner.closeSubpath()
    painter.fillPath(corner, palette.misery)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(palette.misery)
    painter.drawPath(
        moment_badge_path(Moment.MOT, QPointF(card.right() - 10, card.center().y()), 6)
    )
    painter.end()
    return pixmap


def _compare_sample(palette: CanvasPalette, kind: str, ratio: float) -> QPixmap:
    pixmap = _canvas(ratio)
    painter = _painter(pixmap)
    font = QFont()
    font.setPointSizeF(7)
    painter.setFont(font)
    card = QRectF(1, 1, SAMPLE_W - 2, SAMPLE_H - 2)
    if kind.startswith("arrow"):
        added = kind == "arrow_added"
        pen = QPen(
            palette.arrow_added if added else palette.arrow_removed,
            1.6,
            Qt.PenStyle.DashLine if added else Qt.PenStyle.DotLine,
        )
        painter.setPen(pen)
        y = SAMPLE_H / 2
        painter.drawLine(QPointF(4, y), QPointF(SAMPLE_W - 8, y))
        painter.setPen(QPen(pen.color(), 1.6))
        painter.drawLine(QPointF(SAMPLE_W - 8, y), QPointF(SAMPLE_W - 13, y - 4))
        painter.drawLine(QPointF(SAMPLE_W - 8, y), QPointF(SAMPLE_W - 13, y + 4))
        painter.end()
        return pixmap
    painter.fillRect(card, palette.card)
    if kind == "added":
        painter.setPen(QPen(palette.arrow_added, 1.6, Qt.PenStyle.DashLine))
        text = "+ new"
    else:
        painter.setPen(QPen(palette.card_border, 1))
        text = {"removed": "− removed", "raised": "▲ target", "lowered": "▼ target"}[kind]
    painter.drawRect(card)
    if kind == "removed":
        painter.setOpacity(0.35)
        painter.fillRect(card, QBrush(palette.card_subtle, Qt.BrushStyle.BDiagPattern))
        painter.setOpacity(1.0)
    painter.setPen(palette.card_subtle)
    painter.drawText(card.adjusted(4, 0, -4, 0), Qt.AlignmentFlag.AlignCenter, text)
    painter.end()
    return pixmap


def _curve_sample(palette: CanvasPalette, kind: str, ratio: float) -> QPixmap:
    pixmap = _canvas(ratio)
    painter = _painter(pixmap)
    y = SAMPLE_H / 2
    future = kind == "target"
    colour = palette.arrow_added if future else palette.card_text
    if kind != "moment":
        painter.setPen(QPen(colour, 2.2, Qt.PenStyle.DashLine if future else Qt.PenStyle.SolidLine))
        painter.drawLine(QPointF(3, y + 4), QPointF(SAMPLE_W - 3, y - 4))
    painter.setBrush(palette.card)
    if kind == "moment":
        painter.setPen(QPen(palette.card_text, 2.4))
        painter.setBrush(emotion_colour(0.6))
        painter.drawEllipse(QPointF(SAMPLE_W / 2 - 12, y), 6.5, 6.5)
        painter.setPen(QPen(palette.misery, 2.4))
        painter.setBrush(emotion_colour(-1.0))
        painter.drawEllipse(QPointF(SAMPLE_W / 2 + 12, y), 6.5, 6.5)
    elif future:
        painter.setPen(QPen(colour, 1.4))
        painter.drawRect(QRectF(SAMPLE_W / 2 - 4.5, y - 4.5, 9, 9))
    else:
        painter.setPen(QPen(colour, 1.4))
        painter.drawEllipse(QPointF(SAMPLE_W / 2, y), 4.5, 4.5)
    painter.end()
    return pixmap

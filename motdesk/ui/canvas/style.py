"""What every item of one scene paints with: palette, fonts, emotion scale and view.

One mutable object shared by a scene's items, so a change of view or scale is
one assignment and a repaint, not a walk over twenty thousand items.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPainter, QPen, QStaticText, QTransform

from motdesk.graph.vocabulary import DEFAULT_SCALE, EmotionScale, View
from motdesk.ui.canvas.palette import CanvasPalette, current_palette

# Below this many device pixels per scene unit, cards are plain rectangles.
DETAIL_LOD = 0.45


_EVERYWHERE = QRectF(-1e7, -1e7, 2e7, 2e7)


def painted_area(painter: QPainter) -> QRectF:
    """The scene area a painter can reach (rendering a view reports everything as exposed)."""
    inverse, invertible = painter.worldTransform().inverted()
    area = inverse.mapRect(QRectF(painter.viewport())) if invertible else _EVERYWHERE
    if painter.hasClipping():
        area = area.intersected(painter.clipBoundingRect())
    return area


class CanvasStyle:
    def __init__(self, scale: EmotionScale = DEFAULT_SCALE, view: View = View.CURRENT) -> None:
        self.scale = scale
        self.view = view
        self.palette: CanvasPalette = current_palette()
        self.label_font = QFont()
        self.label_font.setPointSizeF(9.5)
        self.label_font.setWeight(QFont.Weight.DemiBold)
        self.small_font = QFont()
        self.small_font.setPointSizeF(7.5)
        self.number_font = QFont()
        self.number_font.setPointSizeF(10)  # "−3" keeps clear of a misery frame in the strip
        self.number_font.setWeight(QFont.Weight.Bold)
        self.badge_font = QFont()
        self.badge_font.setPointSizeF(7)
        self.badge_font.setWeight(QFont.Weight.Bold)
        self.header_font = QFont()
        self.header_font.setPointSizeF(11)
        self.header_font.setWeight(QFont.Weight.DemiBold)
        self.label_metrics = QFontMetricsF(self.label_font)
        self.small_metrics = QFontMetricsF(self.small_font)
        self.badge_metrics = QFontMetricsF(self.badge_font)
        self._fonts = {
            "small": self.small_font,
            "number": self.number_font,
            "badge": self.badge_font,
            "label": self.label_font,
        }
        self._pens: dict[tuple, QPen] = {}
        self._fills: dict[tuple, QColor] = {}
        self._widths: dict[str, float] = {}
        self._word_widths: dict[str, float] = {}
        self._texts: dict[tuple[str, str], QStaticText] = {}
        self.looks: dict[tuple, tuple] = {}  # what cards of one emotion, channel and state show
        self.on_repaint: Callable[[QRectF], None] | None = None
        self.version = 0  # bumped when the view, scale or palette changes what cards show

    def changed(self) -> None:
        """The scale or the palette changed: every look is worked out again."""
        self.version += 1
        self.looks.clear()

    def view_changed(self) -> None:
        """Another view: each card looks up its look again, but the looks stay, since a
        look is keyed by what the card shows (emotion, state, difference), not by the view;
        switching back finds the same looks, and with them the cards' pictures."""
        self.version += 1

    def refresh_palette(self) -> None:
        self.palette = current_palette()
        self._pens.clear()
        self._fills.clear()
        self.changed()

    def repaint(self, rect: QRectF) -> None:
        """Ask for a scene area to be painted again (the scene connects its card layer)."""
        if self.on_repaint is not None:
            self.on_repaint(rect)

    def card_fill(self, normalized: float | None) -> QColor:
        key = ("card", normalized)
        colour = self._fills.get(key)
        if colour is None:
            colour = self._fills[key] = self.palette.card_fill(normalized)
        return colour

    def overview_fill(self, normalized: float | None) -> QColor:
        key = ("overview", normalized)
        colour = self._fills.get(key)
        if colour is None:
            colour = self._fills[key] = self.palette.overview_fill(normalized)
        return colour

    def pen(self, colour: QColor, width: float, line=Qt.PenStyle.SolidLine) -> QPen:
        """A cosmetic pen (the same width at any zoom), made once per colour, width and style."""
        key = (colour.rgba(), width, line)
        pen = self._pens.get(key)
        if pen is None:
            pen = QPen(colour, width, line)
            pen.setCosmetic(True)
            self._pens[key] = pen
        return pen

    def text_width(self, text: str) -> float:
        """The width of a short text in the small font (arrow labels), measured once."""
        width = self._widths.get(text)
        if width is None:
            if len(self._widths) > 4096:
                self._widths.clear()
            width = self._widths[text] = self.small_metrics.horizontalAdvance(text)
        return width

    def label_word_width(self, word: str) -> float:
        """The width of one word of a card label, measured once."""
        width = self._word_widths.get(word)
        if width is None:
            if len(self._word_widths) > 20000:
                self._word_widths.clear()
            width = self._word_widths[word] = self.label_metrics.horizontalAdvance(word)
        return width

    def static_text(self, text: str, font: str = "small") -> QStaticText:
        """A laid-out short text (numbers, codes, channels) shared by every card."""
        key = (text, font)
        static = self._texts.get(key)
        if static is None:
            if len(self._texts) > 512:
                self._texts.clear()
            static = QStaticText(text)
            static.setTextFormat(Qt.TextFormat.PlainText)
            static.prepare(QTransform(), self._fonts[font])
            self._texts[key] = static
        return static

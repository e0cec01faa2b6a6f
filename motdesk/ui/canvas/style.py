"""What every item of one scene paints with: palette, fonts, emotion scale and view.

One mutable object shared by a scene's items, so a change of view or scale is
one assignment and a repaint, not a walk over twenty thousand items.
"""

from __future__ import annotations

from PySide6.QtGui import QFont, QFontMetricsF

from motdesk.graph.vocabulary import DEFAULT_SCALE, EmotionScale, View
from motdesk.ui.canvas.palette import CanvasPalette, current_palette

# Below this many device pixels per scene unit, cards are plain rectangles.
DETAIL_LOD = 0.45


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
        self.number_font.setPointSizeF(11)
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

    def refresh_palette(self) -> None:
        self.palette = current_palette()

"""Colours of the canvas, chosen for light and dark desktops and readable in grey.

Emotion runs from a warm red (misery) through a neutral grey to a cool blue
(magic): a diverging scale that colour-blind readers can tell apart, and every
card also prints its number, so colour is never the only cue.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from PySide6.QtGui import QColor, QGuiApplication, QPalette

# Seven anchors from misery to magic (ColorBrewer RdYlBu, middle made grey).
_EMOTION_ANCHORS = ("#d73027", "#f46d43", "#fdae61", "#d9d9d9", "#abd9e9", "#74add1", "#4575b4")


def _mix(a: QColor, b: QColor, t: float) -> QColor:
    return QColor.fromRgbF(
        a.redF() + (b.redF() - a.redF()) * t,
        a.greenF() + (b.greenF() - a.greenF()) * t,
        a.blueF() + (b.blueF() - a.blueF()) * t,
    )


def emotion_colour(normalized: float | None) -> QColor:
    """The strong colour of an emotion placed on -1..+1 (None: unrated, a plain grey)."""
    if normalized is None:
        return QColor("#9e9e9e")
    position = (max(-1.0, min(1.0, normalized)) + 1) / 2 * (len(_EMOTION_ANCHORS) - 1)
    low = int(position)
    high = min(low + 1, len(_EMOTION_ANCHORS) - 1)
    return _mix(QColor(_EMOTION_ANCHORS[low]), QColor(_EMOTION_ANCHORS[high]), position - low)


@dataclass(frozen=True)
class CanvasPalette:
    """Every colour the canvas paints with, for one light or dark theme."""

    dark: bool
    background: QColor
    stage_band: QColor
    stage_band_alt: QColor
    header: QColor
    header_text: QColor
    grid_line: QColor
    visibility_line: QColor
    card: QColor
    card_border: QColor
    card_text: QColor
    card_subtle: QColor
    selection: QColor
    misery: QColor
    magic: QColor
    arrow: QColor
    arrow_added: QColor
    arrow_removed: QColor
    handle: QColor

    def card_fill(self, normalized: float | None) -> QColor:
        """The card body: a light (or dark) tint of the emotion colour."""
        strong = emotion_colour(normalized)
        return _mix(self.card, strong, 0.28 if self.dark else 0.22)

    def overview_fill(self, normalized: float | None) -> QColor:
        """The card as a plain rectangle when zoomed out: stronger, so the arc still reads."""
        return _mix(self.card, emotion_colour(normalized), 0.75)


LIGHT = CanvasPalette(
    dark=False,
    background=QColor("#fbfbfa"),
    stage_band=QColor("#f4f4f2"),
    stage_band_alt=QColor("#ecedea"),
    header=QColor("#e2e4e0"),
    header_text=QColor("#2b2f33"),
    grid_line=QColor("#cfd2cd"),
    visibility_line=QColor("#5b6168"),
    card=QColor("#ffffff"),
    card_border=QColor("#8a9097"),
    card_text=QColor("#1d2125"),
    card_subtle=QColor("#5d646b"),
    selection=QColor("#1f6fd1"),
    misery=QColor("#7a0a0a"),
    magic=QColor("#0d4f8b"),
    arrow=QColor("#5d646b"),
    arrow_added=QColor("#1f6fd1"),
    arrow_removed=QColor("#a0a4a8"),
    handle=QColor("#1f6fd1"),
)

DARK = CanvasPalette(
    dark=True,
    background=QColor("#1f2124"),
    stage_band=QColor("#25282c"),
    stage_band_alt=QColor("#2b2e33"),
    header=QColor("#363a40"),
    header_text=QColor("#e6e8ea"),
    grid_line=QColor("#41464d"),
    visibility_line=QColor("#b8bec5"),
    card=QColor("#2e3136"),
    card_border=QColor("#7b828a"),
    card_text=QColor("#eceef0"),
    card_subtle=QColor("#aab1b8"),
    selection=QColor("#5aa2ff"),
    misery=QColor("#ff5a4f"),
    magic=QColor("#8cc4ff"),
    arrow=QColor("#a5acb4"),
    arrow_added=QColor("#5aa2ff"),
    arrow_removed=QColor("#6a7077"),
    handle=QColor("#5aa2ff"),
)


@lru_cache(maxsize=1)
def _system_is_dark(window_lightness: int) -> bool:
    return window_lightness < 128


def current_palette() -> CanvasPalette:
    """The light or dark palette, following the application's window colour."""
    app = QGuiApplication.instance()
    if app is None:
        return LIGHT
    window = QGuiApplication.palette().color(QPalette.ColorRole.Window)
    return DARK if _system_is_dark(window.lightness()) else LIGHT

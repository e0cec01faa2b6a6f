"""The handout's design tokens: paper sizes, margins, type scale and a restrained palette.

One place for every size and colour, so all sections share one grid and one
voice. Emotion colours run red -> grey -> green and are always paired with a
shape and a signed number (see `draw.emotion_marker`), so a grey print still
carries the meaning.
"""

from __future__ import annotations

from dataclasses import dataclass

from reportlab.lib.colors import Color, HexColor
from reportlab.lib.units import mm

from motdesk.graph.vocabulary import EmotionScale

PAPERS: dict[str, tuple[float, float]] = {
    "a4": (595.28, 841.89),
    "a3": (841.89, 1190.55),
    "letter": (612.0, 792.0),
    "tabloid": (792.0, 1224.0),
}


@dataclass(frozen=True)
class Sheet:
    """A page size with its margins; `width` x `height` in points."""

    width: float
    height: float
    margin: float
    top: float
    bottom: float

    @property
    def landscape(self) -> bool:
        return self.width > self.height

    @property
    def left(self) -> float:
        return self.margin

    @property
    def right(self) -> float:
        return self.width - self.margin

    @property
    def content_top(self) -> float:
        return self.height - self.top

    @property
    def content_bottom(self) -> float:
        return self.bottom

    @property
    def content_width(self) -> float:
        return self.width - 2 * self.margin

    @property
    def content_height(self) -> float:
        return self.content_top - self.content_bottom

    @property
    def size(self) -> tuple[float, float]:
        return (self.width, self.height)


def portrait(paper: str) -> Sheet:
    width, height = PAPERS[paper]
    scale = width / PAPERS["a4"][0]
    return Sheet(width, height, 18 * mm * scale, 18 * mm * scale, 20 * mm * scale)


def landscape(paper: str) -> Sheet:
    width, height = PAPERS[paper]
    return Sheet(height, width, 12 * mm, 13 * mm, 15 * mm)


class Type:
    """The type scale, in points (a ratio of about 1.25 between steps)."""

    CAPTION = 7.0
    SMALL = 8.0
    BODY = 9.5
    LEAD = 11.0
    H3 = 13.0
    H2 = 17.0
    H1 = 28.0
    LEADING = 1.28


class Ink:
    """The palette: near-black ink, two greys, hairlines, one accent."""

    TEXT = HexColor("#1D232B")
    MUTED = HexColor("#5B6470")
    FAINT = HexColor("#8E96A1")
    RULE = HexColor("#C9CED6")
    HAIRLINE = HexColor("#DFE3E8")
    PAPER = HexColor("#FFFFFF")
    TINT = HexColor("#F4F5F7")
    TINT_ALT = HexColor("#EBEEF2")
    ACCENT = HexColor("#0F4C5C")
    ADDED = HexColor("#1B7837")
    REMOVED = HexColor("#7A7F87")
    MISERY = HexColor("#B2182B")


_RED = (0xB2, 0x18, 0x2B)
_GREY = (0x8C, 0x8F, 0x94)
_GREEN = (0x1B, 0x78, 0x37)


def _mix(a: tuple[int, int, int], b: tuple[int, int, int], t: float) -> tuple[float, ...]:
    return tuple((x + (y - x) * t) / 255 for x, y in zip(a, b, strict=True))


def emotion_color(scale: EmotionScale, value: float | None) -> Color:
    """The strong colour of an emotion: red at misery, grey at the middle, green at magic."""
    if value is None:
        return Ink.FAINT
    n = max(-1.0, min(1.0, scale.normalized(value)))
    rgb = _mix(_GREY, _RED, -n) if n < 0 else _mix(_GREY, _GREEN, n)
    return Color(*rgb)


def tint(color: Color, amount: float = 0.82) -> Color:
    """`color` mixed with white: light fills that keep dark text readable."""
    return Color(*(c + (1 - c) * amount for c in (color.red, color.green, color.blue)))

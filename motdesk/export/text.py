"""Text that never runs out of its box: wrap it, then shrink it, then cut it with an ellipsis.

Every user string is drawn with `drawString` (never as markup), so `<b>`,
`&` or `<img src=...>` print exactly as typed and nothing is ever fetched.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from reportlab.pdfgen.canvas import Canvas

from motdesk.export.fonts import printable, text_width
from motdesk.export.theme import Type

ELLIPSIS = "\u2026"


@dataclass(frozen=True)
class Fitted:
    """Lines ready to draw at `size`; `cut` tells whether text had to be shortened."""

    lines: tuple[str, ...]
    size: float
    leading: float
    cut: bool = False

    @property
    def height(self) -> float:
        return len(self.lines) * self.leading


def _break_word(word: str, font: str, size: float, width: float) -> list[str]:
    """A word wider than the box, cut into pieces that each fit."""
    pieces: list[str] = []
    current = ""
    for char in word:
        if current and text_width(current + char, font, size) > width:
            pieces.append(current)
            current = char
        else:
            current += char
    if current:
        pieces.append(current)
    return pieces


# Where a line may break: any white space but the no-break ones ("15 %", "S 01").
_BREAKS = re.compile(r"[^\S\u00a0\u2007\u202f]+")


def wrap(text: str, font: str, size: float, width: float) -> list[str]:
    """`text` broken into lines no wider than `width` (explicit newlines start a new line)."""
    lines: list[str] = []
    for paragraph in text.split("\n"):
        words = _BREAKS.split(paragraph.strip())
        if words == [""]:
            lines.append("")
            continue
        space = text_width(" ", font, size)
        current = ""
        current_width = 0.0
        for word in words:
            word_width = text_width(word, font, size)
            if word_width > width:
                if current:
                    lines.append(current)
                pieces = _break_word(word, font, size, width)
                lines.extend(pieces[:-1])
                current = pieces[-1]
                current_width = text_width(current, font, size)
            elif not current:
                current, current_width = word, word_width
            elif current_width + space + word_width <= width:
                current += " " + word
                current_width += space + word_width
            else:
                lines.append(current)
                current, current_width = word, word_width
        lines.append(current)
    return lines


def ellipsize(text: str, font: str, size: float, width: float) -> str:
    """`text` cut to fit `width`, ending in an ellipsis when it was cut."""
    if text_width(text, font, size) <= width:
        return text
    low, high = 0, len(text)
    while low < high:  # the longest prefix that fits with the ellipsis
        middle = (low + high + 1) // 2
        if text_width(text[:middle].rstrip() + ELLIPSIS, font, size) <= width:
            low = middle
        else:
            high = middle - 1
    return text[:low].rstrip() + ELLIPSIS if low else ELLIPSIS


def fit(
    text: str | None,
    font: str,
    size: float,
    width: float,
    height: float,
    *,
    min_size: float | None = None,
    max_lines: int | None = None,
    multiline: bool = False,
    leading: float = Type.LEADING,
) -> Fitted:
    """Wrap `text` into `width` x `height`, shrinking down to `min_size`, then cut with an ellipsis."""
    text = printable(text, multiline=multiline)
    min_size = size if min_size is None else min(min_size, size)
    current = size
    while True:
        line_height = current * leading
        room = max(1, int((height + 1e-6) // line_height))
        if max_lines is not None:
            room = min(room, max_lines)
        lines = wrap(text, font, current, width)
        if len(lines) <= room:
            return Fitted(tuple(lines), current, line_height)
        if current <= min_size:
            kept = lines[:room]
            rest = " ".join([kept[-1], *lines[room:]])
            kept[-1] = ellipsize(rest, font, current, width)
            return Fitted(tuple(kept), current, line_height, cut=True)
        current = max(min_size, current - 0.5)


def one_line(text: str | None, font: str, size: float, width: float) -> str:
    """`text` on one line, cut with an ellipsis if it is wider than `width`."""
    return ellipsize(printable(text), font, size, width)


def draw_lines(
    canvas: Canvas,
    fitted: Fitted,
    x: float,
    top: float,
    font: str,
    *,
    align: str = "left",
    width: float = 0.0,
) -> float:
    """Draw fitted lines from `top` down (first baseline one size below); returns the bottom y."""
    canvas.setFont(font, fitted.size)
    y = top - fitted.size
    for line in fitted.lines:
        if align == "center":
            canvas.drawCentredString(x + width / 2, y, line)
        elif align == "right":
            canvas.drawRightString(x + width, y, line)
        else:
            canvas.drawString(x, y, line)
        y -= fitted.leading
    return top - fitted.height

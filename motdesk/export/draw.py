"""Drawing pieces every section shares: emotion markers, moment badges, boxes, rules, footer.

Meaning never rides on colour alone: an emotion is a shape (down triangle below
neutral, circle at neutral, up triangle above) plus its number; a moment of
truth is a dark tag with its code in letters.
"""

from __future__ import annotations

from reportlab.lib.colors import Color, white
from reportlab.pdfgen.canvas import Canvas
from reportlab.pdfgen.pathobject import PDFPathObject

from motdesk.export.fonts import BOLD, REGULAR, printable, text_width
from motdesk.export.text import draw_lines, fit, one_line
from motdesk.export.theme import Ink, Sheet, Type, emotion_color
from motdesk.graph.vocabulary import EmotionScale


def emotion_label(scale: EmotionScale, value: int | None) -> str:
    """``−2 frustrated``: the number and the level's name."""
    if value is None:
        return "not rated"
    return f"{scale.number(value)} {scale.name(value)}"


def shape_path(canvas: Canvas, kind: int, cx: float, cy: float, r: float) -> PDFPathObject:
    """A path for an emotion's shape: -1 down triangle, 0 circle, +1 up triangle."""
    path = canvas.beginPath()
    if kind < 0:
        path.moveTo(cx - r, cy + r * 0.72)
        path.lineTo(cx + r, cy + r * 0.72)
        path.lineTo(cx, cy - r * 0.98)
        path.close()
    elif kind > 0:
        path.moveTo(cx - r, cy - r * 0.72)
        path.lineTo(cx + r, cy - r * 0.72)
        path.lineTo(cx, cy + r * 0.98)
        path.close()
    else:
        path.circle(cx, cy, r * 0.8)
    return path


def emotion_sign(scale: EmotionScale, value: int | None) -> int:
    if scale.is_negative(value):
        return -1
    return 1 if scale.is_positive(value) else 0


def emotion_shape(
    canvas: Canvas, scale: EmotionScale, value: int | None, cx: float, cy: float, r: float
) -> None:
    """The emotion's shape, filled in its colour with a dark outline (a hollow circle if unrated)."""
    canvas.saveState()
    canvas.setLineWidth(max(0.3, r * 0.14))
    if value is None:
        canvas.setStrokeColor(Ink.FAINT)
        canvas.drawPath(shape_path(canvas, 0, cx, cy, r), stroke=1, fill=0)
    else:
        canvas.setFillColor(emotion_color(scale, value))
        canvas.setStrokeColor(Ink.TEXT)
        kind = emotion_sign(scale, value)
        canvas.drawPath(shape_path(canvas, kind, cx, cy, r), stroke=1, fill=1)
    canvas.restoreState()


def emotion_marker(
    canvas: Canvas,
    scale: EmotionScale,
    value: int | None,
    x: float,
    baseline: float,
    size: float,
    *,
    name: bool = False,
    align: str = "left",
) -> float:
    """Shape plus number (and name): drawn from `x` (or ending at `x` if right-aligned).

    Returns the width drawn.
    """
    text = emotion_label(scale, value) if name else scale.number(value)
    r = size * 0.42
    gap = size * 0.3
    font = BOLD
    width = 2 * r + gap + text_width(text, font, size)
    left = x - width if align == "right" else x
    emotion_shape(canvas, scale, value, left + r, baseline + size * 0.34, r)
    canvas.setFillColor(Ink.TEXT)
    canvas.setFont(font, size)
    canvas.drawString(left + 2 * r + gap, baseline, text)
    return width


def moment_badge(
    canvas: Canvas,
    code: str,
    x: float,
    baseline: float,
    size: float,
    *,
    align: str = "left",
    fill: Color = Ink.TEXT,
    text: Color = white,
) -> float:
    """A dark tag with the moment-of-truth code in white capitals; returns its width."""
    pad = size * 0.45
    width = text_width(code, BOLD, size) + 2 * pad
    left = x - width if align == "right" else x
    canvas.saveState()
    canvas.setFillColor(fill)
    canvas.roundRect(
        left, baseline - size * 0.32, width, size * 1.38, size * 0.28, stroke=0, fill=1
    )
    canvas.setFillColor(text)
    canvas.setFont(BOLD, size)
    canvas.drawString(left + pad, baseline, code)
    canvas.restoreState()
    return width


def outline_tag(
    canvas: Canvas, text: str, x: float, baseline: float, size: float, color: Color, *,
    align: str = "left", dashed: bool = False,
) -> float:  # fmt: skip
    """A light tag with a coloured outline and text (compare marks: ADDED, REMOVED...)."""
    pad = size * 0.45
    width = text_width(text, BOLD, size) + 2 * pad
    left = x - width if align == "right" else x
    canvas.saveState()
    canvas.setFillColor(white)
    canvas.setStrokeColor(color)
    canvas.setLineWidth(max(0.4, size * 0.09))
    if dashed:
        canvas.setDash(size * 0.35, size * 0.25)
    canvas.roundRect(
        left, baseline - size * 0.32, width, size * 1.38, size * 0.28, stroke=1, fill=1
    )
    canvas.setFillColor(color)
    canvas.setFont(BOLD, size)
    canvas.drawString(left + pad, baseline, text)
    canvas.restoreState()
    return width


def tick_box(canvas: Canvas, x: float, y: float, size: float) -> None:
    """An empty square to tick, bottom-left at (x, y)."""
    canvas.saveState()
    canvas.setStrokeColor(Ink.TEXT)
    canvas.setLineWidth(0.8)
    canvas.rect(x, y, size, size, stroke=1, fill=0)
    canvas.restoreState()


def ruled_lines(
    canvas: Canvas, x: float, top: float, width: float, count: int, pitch: float
) -> float:
    """`count` hairlines to write on, the first `pitch` below `top`; returns the last line's y."""
    canvas.saveState()
    canvas.setStrokeColor(Ink.RULE)
    canvas.setLineWidth(0.5)
    y = top
    for _ in range(count):
        y -= pitch
        canvas.line(x, y, x + width, y)
    canvas.restoreState()
    return y


def cut_line(canvas: Canvas, x0: float, x1: float, y: float) -> None:
    """A dashed line with scissors, to cut cards apart."""
    canvas.saveState()
    canvas.setStrokeColor(Ink.FAINT)
    canvas.setLineWidth(0.5)
    canvas.setDash(3, 3)
    canvas.line(x0 + 14, y, x1, y)
    canvas.setFillColor(Ink.FAINT)
    canvas.setFont(REGULAR, 10)
    canvas.drawString(x0, y - 3.5, "\u2702")
    canvas.restoreState()


def footer(canvas: Canvas, sheet: Sheet, title: str, where: str, page: int, total: int) -> None:
    """Project title left, what the page shows in the middle, ``page 3 of 12`` right."""
    y = sheet.bottom * 0.5
    canvas.saveState()
    canvas.setStrokeColor(Ink.HAIRLINE)
    canvas.setLineWidth(0.5)
    canvas.line(sheet.left, y + Type.SMALL * 1.5, sheet.right, y + Type.SMALL * 1.5)
    canvas.setFillColor(Ink.MUTED)
    canvas.setFont(REGULAR, Type.SMALL)
    numbers = f"page {page} of {total}"
    numbers_w = text_width(numbers, REGULAR, Type.SMALL)
    title_w, where_w = footer_widths(sheet, title, where, numbers_w)
    title_text = one_line(title, REGULAR, Type.SMALL, title_w)
    canvas.drawString(sheet.left, y, title_text)
    if where:
        where_text = one_line(where, REGULAR, Type.SMALL, where_w)
        shown_w = text_width(where_text, REGULAR, Type.SMALL)
        # Centred when that leaves it clear of both neighbours, else just left of the numbers.
        x = sheet.width / 2 - shown_w / 2
        low = sheet.left + text_width(title_text, REGULAR, Type.SMALL) + FOOTER_GAP
        high = sheet.right - numbers_w - FOOTER_GAP - shown_w
        canvas.drawString(max(low, min(x, high)), y, where_text)
    canvas.drawString(sheet.right - numbers_w, y, numbers)
    canvas.restoreState()


FOOTER_GAP = 14.0


def footer_widths(sheet: Sheet, title: str, where: str, numbers_w: float) -> tuple[float, float]:
    """Room for the title and for what the page shows: whole when both fit, else shared."""
    room = sheet.content_width - numbers_w - (2 if where else 1) * FOOTER_GAP
    want_title = text_width(printable(title), REGULAR, Type.SMALL)
    want_where = text_width(printable(where), REGULAR, Type.SMALL) if where else 0.0
    if want_title + want_where <= room:
        return want_title + 1, want_where + 1
    if want_title <= room / 2:
        return want_title + 1, room - want_title
    if want_where <= room / 2:
        return room - want_where, want_where + 1
    return room / 2, room / 2


def heading(canvas: Canvas, sheet: Sheet, kicker: str, title: str, *, note: str = "") -> float:
    """A section heading: small caps kicker, the title, an optional note; returns the y below."""
    top = sheet.content_top
    canvas.saveState()
    canvas.setFillColor(Ink.ACCENT)
    canvas.setFont(BOLD, Type.SMALL)
    canvas.drawString(sheet.left, top - Type.SMALL, kicker.upper())
    canvas.setFillColor(Ink.TEXT)
    canvas.setFont(BOLD, Type.H2)
    y = top - Type.SMALL - 6 - Type.H2
    canvas.drawString(sheet.left, y, one_line(title, BOLD, Type.H2, sheet.content_width))
    if note:
        canvas.setFillColor(Ink.MUTED)
        canvas.setFont(REGULAR, Type.BODY)
        y -= Type.BODY * 1.7
        canvas.drawString(sheet.left, y, one_line(note, REGULAR, Type.BODY, sheet.content_width))
    canvas.restoreState()
    return y - Type.BODY * 1.6


def paragraph(
    canvas: Canvas,
    text: str | None,
    x: float,
    top: float,
    width: float,
    height: float,
    *,
    font: str = REGULAR,
    size: float = Type.BODY,
    min_size: float | None = None,
    color: Color = Ink.TEXT,
    max_lines: int | None = None,
    multiline: bool = True,
) -> float:
    """User text wrapped into a box (shrunk, then cut with an ellipsis); returns the bottom y."""
    fitted = fit(
        text, font, size, width, height, min_size=min_size, max_lines=max_lines, multiline=multiline
    )
    canvas.setFillColor(color)
    return draw_lines(canvas, fitted, x, top, font)

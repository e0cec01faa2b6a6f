"""The gaps table: what the future state changes, moments of truth first, by priority.

Rows, priorities and suggested phases come from `motdesk.graph.analysis.gap_rows`,
so the handout prints the same figures as `motdesk analyze`. A table longer than
a page repeats its header on every page.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from reportlab.pdfgen.canvas import Canvas

from motdesk.export.draw import emotion_marker, heading, moment_badge, paragraph
from motdesk.export.fonts import BOLD, REGULAR
from motdesk.export.pages import Context, Page
from motdesk.export.text import Fitted, fit
from motdesk.export.theme import Ink, Sheet, Type
from motdesk.graph.analysis import PRIORITY_FORMULA, GapRow, gap_rows
from motdesk.graph.model import Journey
from motdesk.graph.views import Difference

SIZE = Type.SMALL + 0.5
HEADER_H = 26.0
ROW_PAD = 5.0
FIRST_HEAD = 90.0  # the heading, its note and the formula on the first page
NOTE = "that change between today and the future, and every moment of truth"
LEGEND = "Phase in brackets: suggested from the priority."
CHANGE = {
    Difference.ADDED: "+ added",
    Difference.REMOVED: "\u2212 removed",
    Difference.RAISED: "\u25b2 raised",
    Difference.LOWERED: "\u25bc lowered",
    Difference.SAME: "= same",
}


@dataclass(frozen=True)
class Column:
    title: str
    width: float
    align: str = "left"


def columns(width: float) -> list[Column]:
    """The table's columns; the step column takes what the others leave."""
    fixed = [
        Column("MoT", 46),
        Column("Stage", 74),
        Column("Change", 54),
        Column("Today", 34),
        Column("Target", 36),
        Column("Gap", 28, "right"),
        Column("Reach", 36, "right"),
        Column("Priority", 42, "right"),
        Column("Phase", 36, "right"),
    ]
    step = Column("Step", max(100.0, width - sum(c.width for c in fixed)))
    return [fixed[0], step, *fixed[1:]]


@dataclass(frozen=True)
class Row:
    data: GapRow
    code: str
    label: Fitted
    stage: Fitted
    height: float


def plan_gaps(ctx: Context, journey: Journey) -> list[Page]:
    sheet = ctx.portrait
    cols = columns(sheet.content_width)
    codes = ctx.codes(journey)
    rows: list[Row] = []
    for data in gap_rows(ctx.project, journey):
        code = codes.get(data.step_id, "")
        label = fit(
            f"{code}  {data.label}", REGULAR, SIZE, cols[1].width - 8, SIZE * 3.9, max_lines=3
        )
        stage = fit(data.stage, REGULAR, SIZE, cols[2].width - 8, SIZE * 2.6, max_lines=2)
        height = max(label.height, stage.height, SIZE * Type.LEADING) + 2 * ROW_PAD
        rows.append(Row(data, code, label, stage, height))
    where = f"Gaps and phases \u00b7 {journey.title}"
    first_top = sheet.content_top - FIRST_HEAD
    pages: list[list[Row]] = [[]]
    y = first_top - HEADER_H
    for row in rows:
        if y - row.height < sheet.content_bottom and pages[-1]:
            pages.append([])
            y = sheet.content_top - HEADER_H
        pages[-1].append(row)
        y -= row.height
    out = []
    offset = 0
    for number, chunk in enumerate(pages):
        out.append(
            Page(sheet, where, _drawer(ctx, sheet, journey, cols, chunk, number, offset, len(rows)))
        )
        offset += len(chunk)
    return out


def _drawer(
    ctx: Context, sheet: Sheet, journey: Journey, cols: list[Column], rows: Sequence[Row],
    number: int, offset: int, total: int,
) -> Callable[[Canvas], None]:  # fmt: skip
    def draw(canvas: Canvas) -> None:
        top = sheet.content_top
        if number == 0:
            note = f"{total} step{'s' if total != 1 else ''} {NOTE}"
            top = heading(canvas, sheet, "Gaps and phases", journey.title, note=note)
            top = paragraph(
                canvas, f"{LEGEND} {PRIORITY_FORMULA.capitalize()}.", sheet.left, top + 8,
                sheet.content_width, Type.CAPTION * 3.9, size=Type.CAPTION, color=Ink.FAINT,
                max_lines=3, multiline=False,
            ) - 6  # fmt: skip
            if not rows:
                canvas.setFillColor(Ink.MUTED)
                canvas.setFont(REGULAR, Type.BODY)
                canvas.drawString(
                    sheet.left,
                    top - Type.BODY - 8,
                    "Nothing changes between today and the future yet.",
                )
                return
            top = sheet.content_top - FIRST_HEAD
        y = _header(canvas, sheet, cols, top)
        for i, row in enumerate(rows):
            y = _row(canvas, ctx, sheet, cols, row, y, (offset + i) % 2 == 1)

    return draw


def _header(canvas: Canvas, sheet: Sheet, cols: list[Column], top: float) -> float:
    canvas.setFillColor(Ink.ACCENT)
    canvas.rect(sheet.left, top - HEADER_H, sheet.content_width, HEADER_H, stroke=0, fill=1)
    canvas.setFillColor(Ink.PAPER)
    canvas.setFont(BOLD, Type.SMALL)
    x = sheet.left
    baseline = top - HEADER_H / 2 - Type.SMALL * 0.35
    for col in cols:
        if col.align == "right":
            canvas.drawRightString(x + col.width - 4, baseline, col.title)
        else:
            canvas.drawString(x + 4, baseline, col.title)
        x += col.width
    return top - HEADER_H


def _phase(row: GapRow) -> str:
    if row.phase is not None:
        return str(row.phase)
    return f"({row.suggested_phase})" if row.suggested_phase is not None else "\u2013"


def _gap(value: int | None) -> str:
    if value is None:
        return "\u2013"
    return f"+{value}" if value > 0 else ("0" if value == 0 else f"\u2212{-value}")


def _row(
    canvas: Canvas,
    ctx: Context,
    sheet: Sheet,
    cols: list[Column],
    row: Row,
    top: float,
    zebra: bool,
) -> float:
    bottom = top - row.height
    if zebra:
        canvas.setFillColor(Ink.TINT)
        canvas.rect(sheet.left, bottom, sheet.content_width, row.height, stroke=0, fill=1)
    canvas.setStrokeColor(Ink.HAIRLINE)
    canvas.setLineWidth(0.5)
    canvas.line(sheet.left, bottom, sheet.right, bottom)
    data = row.data
    first = top - ROW_PAD - SIZE  # the first baseline
    x = sheet.left
    xs = []
    for col in cols:
        xs.append(x)
        x += col.width
    if data.moment:
        moment_badge(canvas, data.moment, xs[0] + 4, first, Type.CAPTION)
    canvas.setFillColor(Ink.TEXT)
    canvas.setFont(REGULAR, SIZE)
    y = first
    for line in row.label.lines:
        canvas.drawString(xs[1] + 4, y, line)
        y -= row.label.leading
    y = first
    canvas.setFillColor(Ink.MUTED)
    for line in row.stage.lines:
        canvas.drawString(xs[2] + 4, y, line)
        y -= row.stage.leading
    canvas.setFillColor(Ink.TEXT)
    canvas.drawString(xs[3] + 4, first, CHANGE[data.difference])
    scale = ctx.scale
    if data.current is not None:
        emotion_marker(canvas, scale, data.current, xs[4] + 4, first, SIZE)
    if data.future is not None:
        emotion_marker(canvas, scale, data.future, xs[5] + 4, first, SIZE)
    canvas.setFillColor(Ink.TEXT)
    canvas.setFont(BOLD, SIZE)
    canvas.drawRightString(xs[6] + cols[6].width - 4, first, _gap(data.gap))
    canvas.setFont(REGULAR, SIZE)
    canvas.drawRightString(xs[7] + cols[7].width - 4, first, f"{data.reach * 100:.0f}\u202f%")
    canvas.setFont(BOLD, SIZE)
    canvas.drawRightString(xs[8] + cols[8].width - 4, first, f"{data.priority:.1f}")
    canvas.setFont(REGULAR if data.phase is None else BOLD, SIZE)
    canvas.setFillColor(Ink.MUTED if data.phase is None else Ink.TEXT)
    canvas.drawRightString(xs[9] + cols[9].width - 4, first, _phase(data))
    return bottom

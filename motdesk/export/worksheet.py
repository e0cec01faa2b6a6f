"""The participants' worksheet: every step with its code, the emotion scale as boxes to tick,
and a line for a pain point.

Codes come from `motdesk.export.codes.step_codes`, so answers typed back in
(``S07: -2, "queue too long"``) find their step again. Steps are grouped by
stage, in code order.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from reportlab.pdfgen.canvas import Canvas

from motdesk.export.draw import emotion_shape, heading, ruled_lines, tick_box
from motdesk.export.fonts import BOLD, REGULAR, text_width
from motdesk.export.pages import Context, Page
from motdesk.export.text import fit, one_line
from motdesk.export.theme import Ink, Sheet, Type
from motdesk.graph.model import Journey, Step
from motdesk.graph.vocabulary import EmotionScale, State, View

ROW_H = 66.0
STAGE_H = 24.0
FIRST_HEAD = 104.0  # heading, instructions and the name line on the first page
QUESTION = {
    View.CURRENT: "How does the customer feel at this step today? Tick one box, then note a pain point.",
    View.FUTURE: "How should the customer feel here in the future? Tick one box, then note "
    "what stands in the way.",
    View.COMPARE: "Tick how the customer feels at each step today (at a new step: should feel), "
    "then note a pain point.",
}


@dataclass(frozen=True)
class Line:
    """One entry on a worksheet page: a stage header or a step."""

    step: Step | None
    stage: str
    continued: bool = False

    @property
    def height(self) -> float:
        return STAGE_H if self.step is None else ROW_H


def _stage_name(journey: Journey, stage_id: str) -> str:
    for stage in journey.stages:
        if stage.id == stage_id:
            return stage.name
    return "\u2013"


def plan_worksheet(ctx: Context, journey: Journey) -> list[Page]:
    sheet = ctx.portrait
    steps = ctx.steps(journey)
    pages: list[list[Line]] = [[]]
    y = sheet.content_top - FIRST_HEAD
    current_stage: str | None = None
    for step in steps:
        name = _stage_name(journey, step.stage)
        new_stage = step.stage != current_stage
        need = ROW_H + (STAGE_H if new_stage else 0)
        if y - need < sheet.content_bottom and pages[-1]:
            pages.append([])
            y = sheet.content_top
            if not new_stage:  # carry the stage over to the top of the new page
                pages[-1].append(Line(None, name, continued=True))
                y -= STAGE_H
        if new_stage:
            pages[-1].append(Line(None, name))
            y -= STAGE_H
            current_stage = step.stage
        pages[-1].append(Line(step, name))
        y -= ROW_H
    where = f"Worksheet \u00b7 {journey.title}"
    return [
        Page(sheet, where, _drawer(ctx, sheet, journey, lines, number == 0))
        for number, lines in enumerate(pages)
    ]


def _drawer(
    ctx: Context, sheet: Sheet, journey: Journey, lines: Sequence[Line], first: bool
) -> Callable[[Canvas], None]:
    def draw(canvas: Canvas) -> None:
        top = sheet.content_top
        if first:
            y = heading(canvas, sheet, "Worksheet", journey.title, note=QUESTION[ctx.view])
            canvas.setFillColor(Ink.TEXT)
            canvas.setFont(REGULAR, Type.BODY)
            baseline = y - 12
            half = sheet.content_width / 2
            for i, label in enumerate(("Your name", "Table / group")):
                x = sheet.left + i * half
                canvas.drawString(x, baseline, label)
                canvas.setStrokeColor(Ink.RULE)
                canvas.setLineWidth(0.6)
                canvas.line(x + 70, baseline - 2, x + half - 16, baseline - 2)
            top = sheet.content_top - FIRST_HEAD
            if not lines:
                canvas.setFillColor(Ink.MUTED)
                canvas.drawString(sheet.left, top - 20, "This view of the journey has no steps.")
        for line in lines:
            if line.step is None:
                top = _stage_band(canvas, sheet, line, top)
            else:
                top = _step_row(
                    canvas, ctx, sheet, ctx.codes(journey)[line.step.id], line.step, top
                )

    return draw


def _stage_band(canvas: Canvas, sheet: Sheet, line: Line, top: float) -> float:
    canvas.setFillColor(Ink.ACCENT)
    canvas.rect(sheet.left, top - STAGE_H + 4, sheet.content_width, STAGE_H - 4, stroke=0, fill=1)
    canvas.setFillColor(Ink.PAPER)
    canvas.setFont(BOLD, Type.BODY)
    text = f"Stage: {line.stage}" + (" (continued)" if line.continued else "")
    canvas.drawString(
        sheet.left + 8,
        top - STAGE_H + 10,
        one_line(text, BOLD, Type.BODY, sheet.content_width - 16),
    )
    return top - STAGE_H


def scale_width(sheet: Sheet, scale: EmotionScale) -> float:
    """The width of the row of boxes: about 40 pt a level, at most 64 % of the page."""
    return min(sheet.content_width * 0.64, max(280.0, len(scale.levels()) * 40.0))


def names_size(scale: EmotionScale, cell: float) -> float:
    """The size at which every level's name fits its cell (6.5 pt, down to 5 pt)."""
    widest = max(text_width(scale.name(v), REGULAR, 1.0) for v in scale.levels())
    return max(5.0, min(Type.CAPTION - 0.5, (cell - 3) / widest))


def _step_row(
    canvas: Canvas, ctx: Context, sheet: Sheet, code: str, step: Step, top: float
) -> float:
    scale = ctx.scale
    bottom = top - ROW_H
    canvas.setStrokeColor(Ink.HAIRLINE)
    canvas.setLineWidth(0.6)
    canvas.line(sheet.left, bottom, sheet.right, bottom)
    boxes_w = scale_width(sheet, scale)
    label_w = sheet.content_width - boxes_w - 14
    # Code and label.
    canvas.setFillColor(Ink.TEXT)
    canvas.setFont(BOLD, Type.LEAD)
    canvas.drawString(sheet.left, top - 8 - Type.LEAD, code)
    code_w = 44.0
    label = fit(
        step.label,
        BOLD,
        Type.BODY,
        label_w - code_w,
        Type.BODY * 2.6,
        min_size=Type.SMALL,
        max_lines=2,
    )
    y = top - 8 - label.size
    canvas.setFont(BOLD, label.size)
    for text in label.lines:
        canvas.drawString(sheet.left + code_w, y, text)
        y -= label.leading
    marks = [step.moment.value] if step.moment is not None else []
    if ctx.view is View.COMPARE and step.state is not State.BOTH:
        marks.append("new" if step.state is State.FUTURE else "removed")
    canvas.setFillColor(Ink.MUTED)
    canvas.setFont(REGULAR, Type.CAPTION)
    for i, mark in enumerate(marks):
        canvas.drawString(sheet.left, top - 8 - Type.LEAD - (Type.CAPTION + 2) * (i + 1) - 1, mark)
    # The scale: number above, box, name below.
    levels = list(scale.levels())
    cell = boxes_w / len(levels)
    x0 = sheet.right - boxes_w
    box = 11.0
    name_size = names_size(scale, cell)
    for i, value in enumerate(levels):
        cx = x0 + i * cell + cell / 2
        emotion_shape(canvas, scale, value, cx - 7, top - 12, 3.2)
        canvas.setFillColor(Ink.TEXT)
        canvas.setFont(BOLD, Type.SMALL)
        canvas.drawString(cx - 2, top - 15, scale.number(value))
        tick_box(canvas, cx - box / 2, top - 20 - box - 2, box)
        canvas.setFillColor(Ink.MUTED)
        canvas.setFont(REGULAR, name_size)
        canvas.drawCentredString(
            cx, top - 20 - box - 11, one_line(scale.name(value), REGULAR, name_size, cell - 2)
        )
    # A line for the pain point under the label.
    canvas.setFillColor(Ink.MUTED)
    canvas.setFont(REGULAR, Type.SMALL)
    canvas.drawString(sheet.left + code_w, bottom + 9, "Pain point:")
    ruled_lines(
        canvas, sheet.left + code_w + 48, bottom + 23, sheet.content_width - code_w - 48, 1, 15
    )
    return bottom

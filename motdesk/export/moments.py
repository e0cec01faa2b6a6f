"""Moment-of-truth cards: one per moment, several to a page with cut lines between them.

Each card holds what a workshop table needs to discuss the moment: its code and
name, where it sits (stage, lane, step), the emotion today and the target, the
pain points, opportunities and KPIs already known, the owner, and empty ruled
lines for the table's notes.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from reportlab.pdfgen.canvas import Canvas

from motdesk.export.draw import (
    cut_line,
    emotion_marker,
    heading,
    moment_badge,
    ruled_lines,
)
from motdesk.export.fonts import BOLD, REGULAR, printable, text_width
from motdesk.export.mapgrid import Rect
from motdesk.export.pages import Context, Page
from motdesk.export.text import Fitted, ellipsize, fit, one_line, wrap
from motdesk.export.theme import Ink, Sheet, Type
from motdesk.graph.model import Journey, Kpi, Lane, Stage, Step
from motdesk.graph.vocabulary import MOMENT_NAMES, EmotionScale

GUTTER = 22.0  # between cards: room for the cut line
MIN_CARD_H = 320.0
PAD = 12.0


def moment_steps(ctx: Context, journey: Journey) -> list[Step]:
    """The moments of truth the view shows, in code order."""
    return [s for s in ctx.steps(journey) if s.moment is not None]


@dataclass(frozen=True)
class CardGrid:
    """How cards sit on a page: columns, rows on the first page (under the heading) and after."""

    columns: int
    first_rows: int
    rows: int


HEAD = 58.0  # the section heading on the first page


def card_grid(sheet: Sheet) -> CardGrid:
    """Two columns on wide paper; as many rows as fit cards of about `MIN_CARD_H` or more."""
    columns = 2 if sheet.content_width > 600 else 1
    rows = max(1, int((sheet.content_height + GUTTER) // (MIN_CARD_H + GUTTER)))
    first = rows
    while (
        first > 1
        and (sheet.content_height - HEAD - (first - 1) * GUTTER) / first < 0.85 * MIN_CARD_H
    ):
        first -= 1
    return CardGrid(columns, first, rows)


def plan_moments(ctx: Context, journey: Journey) -> list[Page]:
    sheet = ctx.portrait
    steps = moment_steps(ctx, journey)
    grid = card_grid(sheet)
    where = f"Moments of truth \u00b7 {journey.title}"
    if not steps:
        return [Page(sheet, where, lambda c: _draw_none(c, sheet, journey))]
    pages = []
    start, number = 0, 0
    while start < len(steps):
        rows = grid.first_rows if number == 0 else grid.rows
        chunk = steps[start : start + rows * grid.columns]
        pages.append(
            Page(sheet, where, _page_drawer(ctx, sheet, journey, chunk, number, len(steps), rows))
        )
        start += len(chunk)
        number += 1
    return pages


def _draw_none(canvas: Canvas, sheet: Sheet, journey: Journey) -> None:
    heading(
        canvas, sheet, "Moments of truth", journey.title,
        note="No step of this journey is marked as a moment of truth in this view.",
    )  # fmt: skip


def _page_drawer(
    ctx: Context, sheet: Sheet, journey: Journey, steps: Sequence[Step], number: int, total: int,
    rows: int,
) -> Callable[[Canvas], None]:  # fmt: skip
    def draw(canvas: Canvas) -> None:
        columns = card_grid(sheet).columns
        top = sheet.content_top
        if number == 0:
            note = f"{total} moment{'s' if total != 1 else ''} of truth \u00b7 {ctx.view_name}"
            heading(canvas, sheet, "Moments of truth", journey.title, note=note)
            top = sheet.content_top - HEAD
        height = top - sheet.content_bottom
        card_w = (sheet.content_width - (columns - 1) * GUTTER) / columns
        card_h = (height - (rows - 1) * GUTTER) / rows
        for i, step in enumerate(steps):
            r, c = divmod(i, columns)
            x = sheet.left + c * (card_w + GUTTER)
            y = top - r * (card_h + GUTTER)
            _card(canvas, ctx, journey, step, Rect(x, y, card_w, card_h))
        used_rows = -(-len(steps) // columns)
        for r in range(1, used_rows):
            cut_line(canvas, sheet.left, sheet.right, top - r * (card_h + GUTTER) + GUTTER / 2)
        if columns > 1:
            canvas.saveState()
            canvas.setStrokeColor(Ink.FAINT)
            canvas.setLineWidth(0.5)
            canvas.setDash(3, 3)
            for c in range(1, min(columns, len(steps))):
                x = sheet.left + c * (card_w + GUTTER) - GUTTER / 2
                canvas.line(x, top, x, top - used_rows * (card_h + GUTTER) + GUTTER)
            canvas.restoreState()

    return draw


def kpi_text(kpi: Kpi) -> str:
    """``Rebooking rate: 40 % today, target 85 %``."""

    def number(value: float | None) -> str:
        if value is None:
            return "\u2013"
        text = f"{value:g}"
        return f"{text}\u202f{kpi.unit}" if kpi.unit else text

    return f"{kpi.name}: {number(kpi.current)} today, target {number(kpi.target)}"


def _card(canvas: Canvas, ctx: Context, journey: Journey, step: Step, box: Rect) -> None:
    """One card; `box.y` is its top edge (page units, y up)."""
    scale = ctx.scale
    x, top, w = box.x, box.y, box.w
    bottom = top - box.h
    canvas.saveState()
    canvas.setStrokeColor(Ink.RULE)
    canvas.setLineWidth(0.8)
    canvas.roundRect(x, bottom, w, box.h, 6, stroke=1, fill=0)
    inner_x, inner_w = x + PAD, w - 2 * PAD
    assert step.moment is not None
    # Header: badge, moment name, step code.
    y = top - PAD - Type.LEAD
    badge = moment_badge(canvas, step.moment.value, inner_x, y, Type.LEAD)
    code = ctx.codes(journey)[step.id]
    canvas.setFillColor(Ink.MUTED)
    canvas.setFont(REGULAR, Type.BODY)
    canvas.drawRightString(inner_x + inner_w, y, f"Step {code}")
    room = inner_w - badge - 10 - text_width(f"Step {code}", REGULAR, Type.BODY) - 10
    canvas.setFillColor(Ink.TEXT)
    canvas.setFont(BOLD, Type.BODY)
    canvas.drawString(
        inner_x + badge + 8, y + 1, one_line(MOMENT_NAMES[step.moment], BOLD, Type.BODY, room)
    )
    # The step's label, then where it sits.
    y -= 10
    label = fit(step.label, BOLD, Type.H2, inner_w, Type.H2 * 2.6, min_size=Type.H3, max_lines=2)
    canvas.setFillColor(Ink.TEXT)
    y = _lines(canvas, label, inner_x, y, BOLD)
    stage = _name(journey.stages, step.stage)
    lane = _name(journey.lanes, step.lane)
    facts = [f"Stage: {stage}", f"Lane: {lane}"]
    if step.channel is not None:
        facts.append(f"Channel: {step.channel.display_name}")
    canvas.setFillColor(Ink.MUTED)
    canvas.setFont(REGULAR, Type.SMALL)
    y -= 4 + Type.SMALL
    canvas.drawString(inner_x, y, one_line(" \u00b7 ".join(facts), REGULAR, Type.SMALL, inner_w))
    y -= Type.SMALL * 1.5
    canvas.drawString(
        inner_x,
        y,
        one_line(f"Owner: {step.owner or 'not named yet'}", REGULAR, Type.SMALL, inner_w),
    )
    # Emotion today and target.
    y -= 10
    y = _emotions(canvas, ctx, step, scale, inner_x, y, inner_w)
    # Pain points and opportunities side by side, then KPIs, then at least two note lines.
    half = (inner_w - 14) / 2
    room = y - bottom - PAD - _notes_height(MIN_NOTES)
    plan = plan_lists(step, half, inner_w, room)
    used_left = _draw_list(canvas, "Pain points", plan.pains, inner_x, y)
    used_right = _draw_list(canvas, "Opportunities", plan.opportunities, inner_x + half + 14, y)
    y -= max(used_left, used_right) + 6
    if step.kpis:
        y -= _draw_list(canvas, "KPIs and targets", plan.kpis, inner_x, y, bullet=False) + 4
    _small_caps(canvas, "Workshop notes", inner_x, y - Type.SMALL)
    lines = max(MIN_NOTES, int((y - Type.SMALL - 4 - bottom - PAD) // NOTE_PITCH))
    ruled_lines(canvas, inner_x, y - Type.SMALL - 4, inner_w, lines, NOTE_PITCH)
    canvas.restoreState()


NOTE_PITCH = 15.0
MIN_NOTES = 2
LIST_SIZES = (Type.BODY, 9.0, 8.5, Type.SMALL, 7.5, Type.CAPTION)
LIST_GAP = 2.0  # between two items of a list


def _notes_height(lines: int) -> float:
    return Type.SMALL + 4 + lines * NOTE_PITCH + 2


@dataclass(frozen=True)
class ListPlan:
    """A titled list ready to draw: each kept item as wrapped lines, and what did not fit."""

    items: tuple[tuple[str, ...], ...]
    size: float
    more: int = 0  # items left out
    cut: bool = False  # the last kept item lost its end

    @property
    def leading(self) -> float:
        return self.size * Type.LEADING

    @property
    def note(self) -> str:
        if self.more:
            return f"\u2026 (+{self.more} more in the project file)"
        return "\u2026 (cut: the whole text is in the project file)" if self.cut else ""

    @property
    def height(self) -> float:
        """Title, items (``none noted yet`` when empty) and the note on what was left out."""
        rows = sum(len(item) for item in self.items) or 1
        gaps = LIST_GAP * max(0, len(self.items) - 1)
        return Type.CAPTION + 5 + rows * self.leading + gaps + (self.leading if self.note else 0)


@dataclass(frozen=True)
class CardLists:
    pains: ListPlan
    opportunities: ListPlan
    kpis: ListPlan

    def height(self, with_kpis: bool) -> float:
        lists = max(self.pains.height, self.opportunities.height) + 6
        return lists + (self.kpis.height + 4 if with_kpis else 0)


def _wrap_all(items: Sequence[str], size: float, width: float) -> tuple[tuple[str, ...], ...]:
    return tuple(tuple(wrap(printable(item), REGULAR, size, width)) for item in items)


def _cut_list(items: Sequence[str], size: float, width: float, height: float) -> ListPlan:
    """The items that fit whole in `height` (the first one at least partly), with a note."""
    whole = ListPlan(_wrap_all(items, size, width), size)
    if whole.height <= height:
        return whole
    leading = size * Type.LEADING
    budget = height - (Type.CAPTION + 5) - leading  # room for the note saying what is left out
    kept: list[tuple[str, ...]] = []
    used = 0.0
    for item in whole.items:
        need = len(item) * leading + (LIST_GAP if kept else 0)
        if used + need <= budget:
            kept.append(item)
            used += need
            continue
        if not kept:  # not even the first item fits whole: keep its first lines
            rows = max(1, int((budget + 0.01) // leading))
            head = list(item[:rows])
            head[-1] = ellipsize(" ".join(item[rows - 1 :]), REGULAR, size, width)
            return ListPlan((tuple(head),), size, more=len(items) - 1, cut=True)
        break
    return ListPlan(tuple(kept), size, more=len(items) - len(kept))


def plan_lists(step: Step, half: float, full: float, room: float) -> CardLists:
    """Wrap pain points, opportunities and KPIs whole at the largest size that fits `room`.

    Only if they do not fit at the smallest size are they cut, always with a note
    saying how many items were left out.
    """
    kpis = [kpi_text(k) for k in step.kpis]
    with_kpis = bool(kpis)
    for size in LIST_SIZES:
        plan = CardLists(
            ListPlan(_wrap_all(step.pain_points, size, half - 10), size),
            ListPlan(_wrap_all(step.opportunities, size, half - 10), size),
            ListPlan(_wrap_all(kpis, min(size, Type.SMALL), full), min(size, Type.SMALL)),
        )
        if plan.height(with_kpis) <= room:
            return plan
    size = LIST_SIZES[-1]
    kpi_room = min(plan.kpis.height, room / 3) if with_kpis else 0.0
    list_room = room - 6 - (kpi_room + 4 if with_kpis else 0)
    return CardLists(
        _cut_list(step.pain_points, size, half - 10, list_room),
        _cut_list(step.opportunities, size, half - 10, list_room),
        _cut_list(kpis, size, full, kpi_room) if with_kpis else plan.kpis,
    )


def _name(items: Sequence[Stage | Lane], item_id: str) -> str:
    for item in items:
        if item.id == item_id:
            return item.name
    return "\u2013"


def _lines(canvas: Canvas, fitted: Fitted, x: float, top: float, font: str) -> float:
    canvas.setFont(font, fitted.size)
    y = top - fitted.size
    for line in fitted.lines:
        canvas.drawString(x, y, line)
        y -= fitted.leading
    return y + fitted.leading - fitted.size * 0.25


def _small_caps(canvas: Canvas, text: str, x: float, y: float) -> None:
    canvas.setFillColor(Ink.MUTED)
    canvas.setFont(BOLD, Type.CAPTION)
    canvas.drawString(x, y, text.upper())


def _emotions(
    canvas: Canvas,
    ctx: Context,
    step: Step,
    scale: EmotionScale,
    x: float,
    top: float,
    width: float,
) -> float:
    """Today and target emotion in a tinted band; returns the y below it."""
    h = Type.LEAD * 2.9
    canvas.setFillColor(Ink.TINT)
    canvas.roundRect(x, top - h, width, h, 4, stroke=0, fill=1)
    today = step.current_emotion if step.state.has_current else None
    target = step.future_emotion if step.state.has_future else None
    gap_w = max(40.0, text_width("GAP", BOLD, Type.CAPTION), text_width("\u22124", BOLD, Type.LEAD))
    column = (width - 16 - gap_w) / 2
    cells = [
        ("Emotion today", today, not step.state.has_current),
        ("Target", target, not step.state.has_future),
    ]
    for i, (label, value, absent) in enumerate(cells):
        cx = x + 8 + i * column
        _small_caps(canvas, label, cx, top - 6 - Type.CAPTION)
        if absent:
            canvas.setFillColor(Ink.MUTED)
            canvas.setFont(REGULAR, Type.BODY)
            absent_text = "new in the future" if i == 0 else "removed in the future"
            canvas.drawString(
                cx, top - h + 8, one_line(absent_text, REGULAR, Type.BODY, column - 8)
            )
        else:
            emotion_marker(canvas, scale, value, cx, top - h + 8, Type.LEAD, name=True)
    _small_caps(canvas, "Gap", x + width - 8 - gap_w, top - 6 - Type.CAPTION)
    gap = step.gap
    canvas.setFillColor(Ink.TEXT)
    canvas.setFont(BOLD, Type.LEAD)
    text = (
        "\u2013"
        if gap is None
        else (f"+{gap}" if gap > 0 else ("0" if gap == 0 else f"\u2212{-gap}"))
    )
    canvas.drawString(x + width - 8 - gap_w, top - h + 8, text)
    return top - h - 10


def _draw_list(
    canvas: Canvas, title: str, plan: ListPlan, x: float, top: float, *, bullet: bool = True
) -> float:
    """A titled list as planned (``none noted yet`` when empty); returns the height used."""
    _small_caps(canvas, title, x, top - Type.CAPTION)
    y = top - Type.CAPTION - 5
    indent = 10 if bullet else 0
    if not plan.items:
        canvas.setFillColor(Ink.FAINT)
        canvas.setFont(REGULAR, plan.size)
        canvas.drawString(x, y - plan.size, "none noted yet")
        return top - y + plan.leading
    canvas.setFillColor(Ink.TEXT)
    canvas.setFont(REGULAR, plan.size)
    for i, item in enumerate(plan.items):
        if i:
            y -= LIST_GAP
        if bullet:
            canvas.drawString(x, y - plan.size, "\u2022")
        for line in item:
            canvas.drawString(x + indent, y - plan.size, line)
            y -= plan.leading
    if plan.note:
        canvas.setFillColor(Ink.MUTED)
        canvas.drawString(x + indent, y - plan.size, plan.note)  # fits: planned at the list width
        y -= plan.leading
    return top - y

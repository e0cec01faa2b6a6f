"""The cover: who the workshop is for and by whom, the persona, and how to read the handout."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from reportlab.lib.colors import white
from reportlab.pdfgen.canvas import Canvas

from motdesk.export.draw import (
    emotion_shape,
    moment_badge,
    outline_tag,
    paragraph,
)
from motdesk.export.fonts import BOLD, REGULAR, text_width
from motdesk.export.pages import Context, Page
from motdesk.export.text import Fitted, fit, one_line
from motdesk.export.theme import Ink, Sheet, Type, emotion_color, tint
from motdesk.graph.model import Journey, Persona
from motdesk.graph.vocabulary import MOMENT_NAMES, MOMENT_WHEN, Moment, View


def workshop_date(value: str | None) -> str:
    """An ISO date as ``14 March 2024``; anything else as typed."""
    if not value:
        return "\u2013"
    try:
        day = dt.date.fromisoformat(value)
    except ValueError:
        return value
    return f"{day.day} {day.strftime('%B')} {day.year}"


def _personas(ctx: Context, journeys: list[Journey]) -> list[Persona]:
    seen: list[Persona] = []
    for journey in journeys:
        if journey.persona is None:
            continue
        try:
            persona = ctx.project.persona(journey.persona)
        except KeyError:
            continue
        if persona not in seen:
            seen.append(persona)
    return seen


Plan = tuple[int, bool, int]  # journeys listed, with their descriptions, persona text lines
PLANS: tuple[Plan, ...] = (
    (4, True, 8),
    (4, True, 5),
    (4, True, 3),
    (4, True, 2),
    (4, False, 2),
    (3, False, 2),
)


def plan_cover(ctx: Context, journeys: list[Journey]) -> list[Page]:
    """The cover on one page; the legend moves to a second page when both do not fit."""
    sheet = ctx.portrait
    layout = _layout(ctx, sheet, journeys, _legend_height(ctx, sheet.content_width))
    if layout is not None:
        band_h, plan = layout
        return [Page(sheet, "Cover", lambda c: _draw_cover(c, sheet, ctx, journeys, band_h, plan))]
    band_h, plan = _layout(ctx, sheet, journeys, 0.0) or (_band_min(ctx, sheet), PLANS[-1])
    return [
        Page(sheet, "Cover", lambda c: _draw_cover(c, sheet, ctx, journeys, band_h, plan, False)),
        Page(sheet, "Cover \u00b7 how to read this handout", lambda c: _draw_key(c, sheet, ctx)),
    ]


def _label(canvas: Canvas, text: str, x: float, y: float) -> None:
    canvas.setFillColor(Ink.MUTED)
    canvas.setFont(BOLD, Type.CAPTION)
    canvas.drawString(x, y, text.upper())


class _Measure:
    """A canvas that draws nothing: the blocks run on it to learn how tall they are."""

    def __getattr__(self, name: str) -> Callable[..., None]:
        return lambda *args, **kwargs: None


def _title(ctx: Context, sheet: Sheet) -> Fitted:
    grow = sheet.width / 595.28  # a larger sheet gets a larger title
    return fit(
        ctx.project.title, BOLD, Type.H1 * grow, sheet.content_width, Type.H1 * grow * 4,
        min_size=Type.H2, max_lines=3,
    )  # fmt: skip


def _band_min(ctx: Context, sheet: Sheet) -> float:
    """The accent band's height when it holds no more than the title needs."""
    title_h = _title(ctx, sheet).height
    return min(sheet.height * 0.30, sheet.top + Type.SMALL * 3 + title_h + Type.LEAD * 3.4)


def _layout(
    ctx: Context, sheet: Sheet, journeys: list[Journey], legend_h: float
) -> tuple[float, Plan] | None:
    """Band height and plan for a cover with a legend of `legend_h` (None if nothing fits).

    The accent band gives way, down to what the title needs, then persona texts get
    shorter, then journey descriptions go, then fewer journeys are listed.
    """
    band_h = sheet.height * 0.30
    band_min = _band_min(ctx, sheet)
    for plan in PLANS:
        body_h = 10_000 - _body(_Measure(), sheet, ctx, journeys, 10_000, plan)  # type: ignore[arg-type]
        spare = sheet.height - band_h - 30 - body_h - legend_h - sheet.content_bottom - 6
        if band_h + min(0.0, spare) >= band_min:
            return band_h + min(0.0, spare), plan
    return None


def _draw_cover(
    canvas: Canvas,
    sheet: Sheet,
    ctx: Context,
    journeys: list[Journey],
    band_h: float,
    plan: Plan,
    legend: bool = True,
) -> None:
    _band(canvas, sheet, ctx, band_h)
    y = _body(canvas, sheet, ctx, journeys, sheet.height - band_h - 30, plan)
    if legend:
        _legend(canvas, ctx, sheet.left, sheet.content_width, y, sheet.content_bottom + 6)


def _draw_key(canvas: Canvas, sheet: Sheet, ctx: Context) -> None:
    """The legend on a page of its own, for covers too full to hold it."""
    _legend(canvas, ctx, sheet.left, sheet.content_width, sheet.content_top, 0.0)


def _band(canvas: Canvas, sheet: Sheet, ctx: Context, band_h: float) -> None:
    """The accent band with the kicker, the title and the organisation."""
    project = ctx.project
    left, width = sheet.left, sheet.content_width
    canvas.setFillColor(Ink.ACCENT)
    canvas.rect(0, sheet.height - band_h, sheet.width, band_h, stroke=0, fill=1)
    y = sheet.height - sheet.top - Type.SMALL
    canvas.setFillColor(tint(Ink.ACCENT, 0.6))
    canvas.setFont(BOLD, Type.SMALL)
    canvas.drawString(left, y, "WORKSHOP HANDOUT \u00b7 " + ctx.view_name.upper())
    bottom = sheet.height - band_h + Type.LEAD * 3.4
    title = _title(ctx, sheet)
    canvas.setFillColor(white)
    top = bottom + title.height
    canvas.setFont(BOLD, title.size)
    line_y = top - title.size
    for line in title.lines:
        canvas.drawString(left, line_y, line)
        line_y -= title.leading
    if project.organisation:
        canvas.setFillColor(tint(Ink.ACCENT, 0.7))
        canvas.setFont(REGULAR, Type.LEAD)
        canvas.drawString(
            left,
            bottom - Type.LEAD * 1.9,
            one_line(project.organisation, REGULAR, Type.LEAD, width),
        )


def _body(
    canvas: Canvas,
    sheet: Sheet,
    ctx: Context,
    journeys: list[Journey],
    y: float,
    plan: Plan,
) -> float:
    """Details, journeys and personas from `y` down; returns the y below them."""
    project = ctx.project
    left, width = sheet.left, sheet.content_width
    details = [
        ("Organisation", project.organisation or "\u2013"),
        ("Facilitator", project.facilitator or "\u2013"),
        ("Workshop date", workshop_date(project.workshop_date)),
        _journey_count(journeys, project.journeys),
    ]
    column = width / 4
    for i, (label, value) in enumerate(details):
        x = left + i * column
        _label(canvas, label, x, y)
        paragraph(
            canvas, value, x, y - 6, column - 14, Type.LEAD * 2.6, size=Type.LEAD,
            min_size=Type.BODY, max_lines=2, multiline=False,
        )  # fmt: skip
    y -= 6 + Type.LEAD * 2.9
    shown, describe, lines = plan
    y = _journeys_block(canvas, ctx, journeys, left, y, width, shown, describe)
    return _persona_block(canvas, _personas(ctx, journeys), left, y, width, lines)


def _journey_count(printed: list[Journey], in_project: list[Journey]) -> tuple[str, str]:
    """The cover's count: "2" when every journey prints; a single one of several by its
    place in the project ("Journey 2 of 3"); some of several as "2 of the project's 5"."""
    if len(printed) == len(in_project):
        return ("Journey" if len(printed) == 1 else "Journeys"), str(len(printed))
    if len(printed) == 1:
        ids = [j.id for j in in_project]
        place = ids.index(printed[0].id) + 1 if printed[0].id in ids else 1
        return "Journey", f"{place} of {len(in_project)}"
    return "Journeys", f"{len(printed)} of the project's {len(in_project)}"


def _rule(canvas: Canvas, left: float, y: float, width: float) -> None:
    canvas.setStrokeColor(Ink.HAIRLINE)
    canvas.setLineWidth(0.6)
    canvas.line(left, y, left + width, y)


def _journeys_block(
    canvas: Canvas,
    ctx: Context,
    journeys: list[Journey],
    left: float,
    y: float,
    width: float,
    shown: int = 4,
    describe: bool = True,
) -> float:
    if not journeys:
        return y
    _rule(canvas, left, y, width)
    y -= 16
    _label(canvas, "Journey" if len(journeys) == 1 else "Journeys", left, y)
    y -= 6
    for journey in journeys[:shown]:
        canvas.setFillColor(Ink.TEXT)
        canvas.setFont(BOLD, Type.LEAD)
        canvas.drawString(left, y - Type.LEAD, one_line(journey.title, BOLD, Type.LEAD, width))
        y -= Type.LEAD * 1.45
        facts = (
            f"{len(journey.stages)} stages \u00b7 {len(journey.lanes)} lanes \u00b7 "
            f"{journey.step_count} steps"
        )
        if journey.description and describe:
            y = paragraph(
                canvas, journey.description, left, y, width, Type.BODY * 2.6,
                color=Ink.MUTED, max_lines=2, multiline=False,
            )  # fmt: skip
        canvas.setFillColor(Ink.FAINT)
        canvas.setFont(REGULAR, Type.SMALL)
        canvas.drawString(left, y - Type.SMALL - 2, facts)
        y -= Type.SMALL + 12
    if len(journeys) > shown:
        canvas.setFillColor(Ink.MUTED)
        canvas.setFont(REGULAR, Type.SMALL)
        canvas.drawString(left, y - Type.SMALL, f"and {len(journeys) - shown} more")
        y -= Type.SMALL + 8
    return y - 4


def _persona_block(
    canvas: Canvas, personas: list[Persona], left: float, y: float, width: float, lines: int = 3
) -> float:
    if not personas:
        return y
    _rule(canvas, left, y, width)
    y -= 16
    _label(canvas, "Persona" if len(personas) == 1 else "Personas", left, y)
    y -= 6
    shown = personas[:2]
    column = width / len(shown)
    bottom = y
    for i, persona in enumerate(shown):
        x = left + i * column
        inner = column - (14 if len(shown) > 1 else 0)
        top = paragraph(
            canvas, persona.name, x, y, inner, Type.LEAD * 2.6, font=BOLD, size=Type.LEAD,
            max_lines=2, multiline=False,
        )  # fmt: skip
        room = Type.BODY * Type.LEADING * lines + 1
        top = paragraph(canvas, persona.description, x, top - 3, inner, room, max_lines=lines)
        if persona.goals:
            canvas.setFillColor(Ink.MUTED)
            canvas.setFont(BOLD, Type.SMALL)
            canvas.drawString(x, top - Type.SMALL - 5, "Goals")
            top = paragraph(
                canvas, persona.goals, x + 34, top - 5, inner - 34, room,
                color=Ink.MUTED, max_lines=lines,
            )  # fmt: skip
        bottom = min(bottom, top)
    return bottom - 12


def _moment_rows(width: float) -> tuple[float, float, dict[Moment, Fitted], dict[Moment, float]]:
    """The legend's moment rows: code and name column widths, wrapped descriptions, heights."""
    moments = list(Moment)
    code_w = max(text_width(m.value, BOLD, Type.SMALL) for m in moments) + 16
    names_w = max(text_width(MOMENT_NAMES[m], BOLD, Type.BODY) for m in moments)
    when_w = width - code_w - names_w - 14
    whens = {
        m: fit(MOMENT_WHEN[m], REGULAR, Type.SMALL, when_w, Type.SMALL * 2.6, max_lines=2)
        for m in moments
    }
    rows = {m: Type.BODY * 0.75 + max(Type.BODY * 1.3, whens[m].height) for m in moments}
    return code_w, names_w, whens, rows


def _legend_height(ctx: Context, width: float) -> float:
    rows = _moment_rows(width)[3]
    return 16 + 34 + 40 + 20 + sum(rows.values()) + (30 if ctx.view is View.COMPARE else 0)


def _legend(
    canvas: Canvas, ctx: Context, left: float, width: float, top: float, floor: float
) -> None:
    """How to read the handout: the emotion scale, moment-of-truth codes, compare marks."""
    scale = ctx.scale
    moments = list(Moment)
    code_w, names_w, whens, rows = _moment_rows(width)
    needed = _legend_height(ctx, width)
    y = max(top, floor + needed)
    _rule(canvas, left, y, width)
    y -= 16
    canvas.setFillColor(Ink.ACCENT)
    canvas.setFont(BOLD, Type.SMALL)
    canvas.drawString(left, y, "HOW TO READ THIS HANDOUT")
    y -= 18
    _label(canvas, f"Emotion scale ({scale.code})", left, y)
    y -= 8
    levels = list(scale.levels())
    cell = width / len(levels)
    swatch_h = 26
    for i, value in enumerate(levels):
        x = left + i * cell
        canvas.setFillColor(tint(emotion_color(scale, value), 0.78))
        canvas.rect(x + 1, y - swatch_h, cell - 2, swatch_h, stroke=0, fill=1)
        emotion_shape(canvas, scale, value, x + 10, y - swatch_h / 2, 5)
        canvas.setFillColor(Ink.TEXT)
        canvas.setFont(BOLD, Type.LEAD)
        canvas.drawString(x + 19, y - swatch_h / 2 - 4, scale.number(value))
        canvas.setFillColor(Ink.MUTED)
        canvas.setFont(REGULAR, Type.SMALL)
        canvas.drawString(
            x + 2, y - swatch_h - 10, one_line(scale.name(value), REGULAR, Type.SMALL, cell - 4)
        )
    y -= swatch_h + 28
    canvas.setFillColor(Ink.MUTED)
    canvas.setFont(REGULAR, Type.SMALL)
    canvas.drawString(
        left, y + 6,
        "\u25bc below neutral  \u25cf neutral  \u25b2 above neutral: the shape and number "
        "carry the emotion in a black-and-white print.",
    )  # fmt: skip
    y -= 12
    _label(canvas, "Moments of truth", left, y)
    y -= 8
    for moment in moments:
        baseline = y - Type.BODY
        moment_badge(canvas, moment.value, left, baseline, Type.SMALL)
        canvas.setFillColor(Ink.TEXT)
        canvas.setFont(BOLD, Type.BODY)
        name = MOMENT_NAMES[moment]
        canvas.drawString(left + code_w, baseline, name)
        canvas.setFillColor(Ink.MUTED)
        canvas.setFont(REGULAR, Type.SMALL)
        line_y = baseline
        for line in whens[moment].lines:
            canvas.drawString(left + code_w + names_w + 14, line_y, line)
            line_y -= whens[moment].leading
        y -= rows[moment]
    if ctx.view is View.COMPARE:
        y -= 6
        x = left
        for text, color, dashed in (
            ("ADDED", Ink.ADDED, True),
            ("REMOVED", Ink.REMOVED, True),
            ("\u25b2 RAISED", Ink.ADDED, False),
            ("\u25bc LOWERED", Ink.MISERY, False),
        ):
            x += outline_tag(canvas, text, x, y - Type.SMALL, Type.SMALL, color, dashed=dashed)
            x += 8
        canvas.setFillColor(Ink.MUTED)
        canvas.setFont(REGULAR, Type.SMALL)
        canvas.drawString(
            x + 4, y - Type.SMALL, "future-only, today-only, and emotion changed steps"
        )

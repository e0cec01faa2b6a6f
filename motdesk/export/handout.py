"""The PDF workshop handout: cover, map, moments of truth, gaps and a worksheet.

`export_handout` renders from the document (never from the screen), plans every
page first so footers can say "page 3 of 12", reports progress page by page,
and writes through a temporary file renamed into place.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

from reportlab.pdfgen.canvas import Canvas

from motdesk.errors import OutputNotWritten, UsageError
from motdesk.export.draw import footer, heading
from motdesk.export.fonts import (
    PLACEHOLDER,
    REGULAR,
    collect_unprintable,
    register_fonts,
    unprintable_chars,
)
from motdesk.export.pages import Context, Page
from motdesk.export.theme import PAPERS, Type
from motdesk.fileutil import atomic_target
from motdesk.graph.model import Journey, Project
from motdesk.graph.vocabulary import View

SECTIONS: tuple[str, ...] = ("cover", "map", "moments", "gaps", "worksheet")
STATES: tuple[str, ...] = tuple(v.value for v in View)
Progress = Callable[[int, int], None]


def _check_options(
    project: Project, journey_id: str | None, state: str, paper: str, sections: Sequence[str] | None
) -> tuple[list[Journey], View, list[str]]:
    if state not in STATES:
        raise UsageError(f"--state must be one of {', '.join(STATES)}, not {state!r}")
    if paper not in PAPERS:
        raise UsageError(f"--paper must be one of {', '.join(PAPERS)}, not {paper!r}")
    if sections is None:
        chosen = list(SECTIONS)
    else:
        if isinstance(sections, str):
            sections = [s for s in sections.split(",") if s.strip()]
        wanted = [s.strip().lower() for s in sections if s.strip()]
        unknown = [s for s in wanted if s not in SECTIONS]
        if unknown:
            raise UsageError(
                f"unknown handout section {unknown[0]!r}; choose from {', '.join(SECTIONS)}"
            )
        if not wanted:
            raise UsageError(f"name at least one handout section ({', '.join(SECTIONS)})")
        chosen = [s for s in SECTIONS if s in wanted]
    if journey_id is None:
        journeys = list(project.journeys)
    else:
        try:
            journeys = [project.journey(journey_id)]
        except KeyError:
            ids = ", ".join(j.id for j in project.journeys) or "none"
            raise UsageError(
                f"the project has no journey {journey_id!r} (its journeys: {ids})"
            ) from None
    return journeys, View(state), chosen


def plan_handout(ctx: Context, journeys: list[Journey], sections: list[str]) -> list[Page]:
    """Every page of the handout, in order, laid out but not drawn."""
    from motdesk.export.cover import plan_cover
    from motdesk.export.gapsheet import plan_gaps
    from motdesk.export.mapsheet import plan_map
    from motdesk.export.moments import plan_moments
    from motdesk.export.worksheet import plan_worksheet

    planners = {
        "map": plan_map,
        "moments": plan_moments,
        "gaps": plan_gaps,
        "worksheet": plan_worksheet,
    }
    pages: list[Page] = []
    if "cover" in sections:
        pages.extend(plan_cover(ctx, journeys))
    for journey in journeys:
        for name in sections:
            if name in planners:
                pages.extend(planners[name](ctx, journey))
    if not pages:
        pages.append(_empty_page(ctx))
    return pages


def _empty_page(ctx: Context) -> Page:
    sheet = ctx.portrait

    def draw(canvas: Canvas) -> None:
        heading(
            canvas, sheet, "Workshop handout", ctx.project.title,
            note="This project has no journey yet: add one in the editor to print its map.",
        )  # fmt: skip

    return Page(sheet, "", draw)


def render(pages: list[Page], ctx: Context, target: Path, progress: Progress | None) -> None:
    """Draw the planned pages into `target`, one progress report per page."""
    project = ctx.project
    canvas = Canvas(
        str(target),
        pagesize=pages[0].sheet.size,
        invariant=True,
        initialFontName=REGULAR,  # else every page names a Helvetica it never embeds
        initialFontSize=Type.BODY,
    )
    canvas.setTitle(project.title)
    canvas.setAuthor(project.facilitator or project.organisation)
    canvas.setSubject(f"Workshop handout, {ctx.view_name}")
    canvas.setCreator("motdesk")
    total = len(pages)
    for number, page in enumerate(pages, start=1):
        canvas.setPageSize(page.sheet.size)
        page.draw(canvas)
        footer(canvas, page.sheet, project.title, page.where, number, total)
        canvas.showPage()
        if progress is not None:
            progress(number, total + 1)
    canvas.save()


def export_handout(
    project: Project,
    path: str | Path,
    *,
    journey_id: str | None = None,
    state: str = "current",
    paper: str = "a4",
    sections: Sequence[str] | None = None,
    progress: Progress | None = None,
) -> list[str]:
    """Write the workshop handout of `project` to `path` as a PDF; returns warnings.

    `journey_id` None prints every journey; `state` is current, future or
    compare; `paper` a4, a3, letter or tabloid; `sections` a list from cover,
    map, moments, gaps, worksheet (None: all, in that order). `progress` is
    called as ``progress(done, total)`` after each page and once at the end.
    Raises UsageError for a bad option, OutputNotWritten if `path` cannot be written.
    The warnings are sentences for the user, such as characters the bundled font
    cannot print (they show as the replacement character).
    """
    journeys, view, chosen = _check_options(project, journey_id, state, paper, sections)
    register_fonts()
    ctx = Context(project, view, paper)
    pages = plan_handout(ctx, journeys, chosen)
    if progress is not None:
        progress(0, len(pages) + 1)
    target = Path(path)
    if target.is_dir():
        raise OutputNotWritten(f"{target} is a folder, not a file name for the handout")
    if not target.parent.is_dir():
        raise OutputNotWritten(
            f"{target} cannot be written: the folder {target.parent} does not exist"
        )
    try:
        with atomic_target(target, suffix=".pdf.part") as tmp, collect_unprintable() as changed:
            render(pages, ctx, tmp, progress)
    except OSError as exc:
        reason = exc.strerror or str(exc)
        raise OutputNotWritten(f"{target} cannot be written: {reason}") from None
    if progress is not None:
        progress(len(pages) + 1, len(pages) + 1)
    return unprintable_warnings(changed)


def unprintable_warnings(texts: set[str]) -> list[str]:
    """One sentence on the characters of `texts` that print as the replacement character."""
    chars = [char for text in sorted(texts) for char in unprintable_chars(text)]
    if not chars:
        return []
    distinct = list(dict.fromkeys(chars))
    examples = " ".join(distinct[:5]) + (" \u2026" if len(distinct) > 5 else "")
    count = len(chars)
    return [
        f"{count} character{'s' if count != 1 else ''} in labels cannot be printed with the"
        f" bundled font and show as {PLACEHOLDER} ({examples})"
    ]

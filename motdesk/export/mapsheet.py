"""The map section: the journey on one landscape page, or tiled into a poster with an overview.

A map that fits on one sheet at a readable scale prints on one page. A larger
one is cut into tiles (A1, A2... row letter, column number) that overlap by
`OVERLAP` so they can be trimmed and taped; an overview page comes first and
shows where each tile sits.
"""

from __future__ import annotations

import math
from bisect import bisect_left, bisect_right
from collections.abc import Callable
from dataclasses import dataclass

from reportlab.lib.colors import white
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

from motdesk.export.draw import heading
from motdesk.export.fonts import BOLD, REGULAR, text_width
from motdesk.export.mapgrid import STAGE_HEAD, Rect
from motdesk.export.mapscene import Item, Scene, build_scene, curve_y
from motdesk.export.pages import Context, Page
from motdesk.export.text import one_line
from motdesk.export.theme import PAPERS, Ink, Sheet, Type
from motdesk.graph.model import Journey

MIN_SCALE = 0.5  # below this a card's label would print under about 6.5 pt
MAX_SCALE = 0.85
A4_LANDSCAPE_WIDTH = PAPERS["a4"][1]
OVERLAP = 10 * mm
HEAD = 52.0  # room for the heading on the first map page
TILE_HEAD = 26.0  # room for the tile's own label
SIMPLE_OVERVIEW = 150  # above this many steps the overview draws plain boxes


@dataclass(frozen=True)
class Tile:
    row: int
    column: int
    box: Rect  # the part of the map it shows, in map units

    @property
    def label(self) -> str:
        return tile_label(self.row, self.column)


def tile_label(row: int, column: int) -> str:
    """``A1`` for the first row and column; rows past Z go on AA, AB..."""
    letters = ""
    n = row + 1
    while n:
        n, rest = divmod(n - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return f"{letters}{column + 1}"


@dataclass(frozen=True)
class Tiling:
    scale: float
    rows: int
    columns: int
    tiles: tuple[Tile, ...]
    # Where each column and row of tiles starts in the map, and how much of it it shows
    # (the glue strip it shares with the next one included).
    column_x: tuple[float, ...]
    column_w: tuple[float, ...]
    row_y: tuple[float, ...]
    row_h: tuple[float, ...]

    def tile(self, row: int, column: int) -> Tile:
        return self.tiles[row * self.columns + column]


def paper_factor(sheet: Sheet) -> float:
    """How much larger than A4 the sheet is: larger paper prints the map larger, not just wider."""
    return max(1.0, sheet.width / A4_LANDSCAPE_WIDTH)


Span = tuple[float, float]


def tile_map(
    width: float,
    height: float,
    area_w: float,
    area_h: float,
    min_scale: float = MIN_SCALE,
    max_scale: float = MAX_SCALE,
    x_blocks: list[Span] | None = None,
    y_blocks: list[Span] | None = None,
) -> Tiling:
    """Tiles that show a `width` x `height` map at no less than `min_scale`.

    The scale is the one the fewest evenly cut tiles allow; the cuts then move back
    to the nearest gap between `x_blocks` and `y_blocks` (the cards, the curve), so
    that a card prints whole on one tile rather than halved on two. That may take
    one more tile where a stage is crowded.
    """
    columns = max(1, math.ceil((width * min_scale - OVERLAP) / (area_w - OVERLAP)))
    rows = max(1, math.ceil((height * min_scale - OVERLAP) / (area_h - OVERLAP)))
    scale = min(
        max_scale,
        (columns * area_w - (columns - 1) * OVERLAP) / width,
        (rows * area_h - (rows - 1) * OVERLAP) / height,
    )
    across, down = _merged(x_blocks or []), _merged(y_blocks or [])

    def cut(at: float) -> tuple[list[Span], list[Span]]:
        return (
            _cuts(width, area_w / at, OVERLAP / at, across),
            _cuts(height, area_h / at, OVERLAP / at, down),
        )

    # Cutting in gaps shortens tiles; a slightly smaller print often keeps the count.
    # If none does, the even tiles' scale stays, with its extra tile.
    xs, ys = cut(scale)
    for tried in _scales(scale, min_scale)[1:]:
        if len(xs) <= columns and len(ys) <= rows:
            break
        smaller = cut(tried)
        if len(smaller[0]) <= columns and len(smaller[1]) <= rows:
            scale, (xs, ys) = tried, smaller
    tiles = tuple(
        Tile(r, c, Rect(x, y, w, h)) for r, (y, h) in enumerate(ys) for c, (x, w) in enumerate(xs)
    )
    return Tiling(
        scale,
        len(ys),
        len(xs),
        tiles,
        tuple(x for x, _ in xs),
        tuple(w for _, w in xs),
        tuple(y for y, _ in ys),
        tuple(h for _, h in ys),
    )


CUT_MARGIN = 6.0  # map units between a cut and the card it avoids
SCALE_TRIES = 8  # scales tried between the even tiles' scale and 92 % of it


def _scales(scale: float, min_scale: float) -> list[float]:
    """The even tiles' scale, then a few slightly smaller ones, none under `min_scale`."""
    low = max(min_scale, scale * 0.92)
    if low >= scale:
        return [scale]
    return [scale - (scale - low) * i / SCALE_TRIES for i in range(SCALE_TRIES + 1)]


def _merged(blocks: list[Span]) -> list[Span]:
    """The union of the spans, as sorted disjoint spans."""
    out: list[Span] = []
    for start, end in sorted(blocks):
        if out and start <= out[-1][1] + CUT_MARGIN:
            out[-1] = (out[-1][0], max(out[-1][1], end))
        else:
            out.append((start, end))
    return out


def _cuts(length: float, span: float, overlap: float, blocks: list[Span]) -> list[Span]:
    """(start, extent) of each tile along one axis: at most `span` long, each starting
    `overlap` before the previous one's end, ending in a gap between blocks where one
    lies in the second half of its reach."""
    starts = [b[0] for b in blocks]
    out: list[Span] = []
    start = 0.0
    while start + span < length - 1e-6:
        end = start + span
        i = bisect_right(starts, end) - 1
        if i >= 0 and blocks[i][1] + CUT_MARGIN > end:  # the even cut falls in a block
            gap = blocks[i][0] - CUT_MARGIN
            if gap > start + span / 2:
                end = gap
        out.append((start, end - start))
        start = end - overlap
    out.append((start, max(length - start, 0.0)))
    return out


def _blocks(scene: Scene) -> tuple[list[Span], list[Span]]:
    """What a cut should not go through: the cards across; the cards and the curve down."""
    cards = list(scene.grid.cards.values())
    across = [(box.x, box.right) for box in cards]
    down = [(box.y, box.bottom) for box in cards]
    curve = scene.grid.curve
    down.append((curve.y, curve.bottom))
    return across, down


def _buckets(items: list[Item], tiling: Tiling) -> dict[tuple[int, int], list[Item]]:
    """For each tile, the items that fall on it, in drawing order."""
    out: dict[tuple[int, int], list[Item]] = {(t.row, t.column): [] for t in tiling.tiles}
    column_ends = [x + w for x, w in zip(tiling.column_x, tiling.column_w, strict=True)]
    row_ends = [y + h for y, h in zip(tiling.row_y, tiling.row_h, strict=True)]
    for item in items:
        box = item.box
        c0 = bisect_right(column_ends, box.x)
        c1 = min(tiling.columns - 1, bisect_left(tiling.column_x, box.right) - 1)
        r0 = bisect_right(row_ends, box.y)
        r1 = min(tiling.rows - 1, bisect_left(tiling.row_y, box.bottom) - 1)
        for r in range(r0, r1 + 1):
            for c in range(max(c0, 0), c1 + 1):
                out[(r, c)].append(item)
    return out


def _draw_items(
    canvas: Canvas, items: list[Item], left: float, top: float, scale: float, view: Rect, clip: Rect
) -> None:
    """Draw `items` so that map point (view.x, view.y) lands at page point (left, top)."""
    canvas.saveState()
    path = canvas.beginPath()
    path.rect(clip.x, clip.y, clip.w, clip.h)  # page units, y up
    canvas.clipPath(path, stroke=0, fill=0)
    canvas.translate(left - view.x * scale, top + view.y * scale)
    canvas.scale(scale, scale)
    for item in items:
        item.draw(canvas)
    canvas.restoreState()


def plan_map(ctx: Context, journey: Journey) -> list[Page]:
    sheet = ctx.landscape
    scene = build_scene(journey, ctx.view, ctx.scale)
    area_w = sheet.content_width
    area_h = sheet.content_height - HEAD
    fit = min(area_w / scene.width, area_h / scene.height)
    note = f"{ctx.view_name.capitalize()} \u00b7 {scene.step_count} steps in {len(journey.stages)} stages"
    where = f"Journey map \u00b7 {journey.title}"
    factor = paper_factor(sheet)
    min_scale, max_scale = MIN_SCALE * factor, MAX_SCALE * factor
    if fit >= min_scale:
        scale = min(fit, max_scale)
        return [
            Page(sheet, where, lambda c: _draw_single(c, sheet, journey.title, note, scene, scale))
        ]
    across, down = _blocks(scene)
    tiling = tile_map(
        scene.width,
        scene.height,
        area_w,
        sheet.content_height - TILE_HEAD,
        min_scale,
        max_scale,
        across,
        down,
    )
    buckets = _buckets(scene.items, tiling)
    overview = (
        build_scene(journey, ctx.view, ctx.scale, simple=True)
        if scene.step_count > SIMPLE_OVERVIEW
        else scene
    )
    first, last = tiling.tiles[0].label, tiling.tiles[-1].label
    note += (
        f" \u00b7 printed on {len(tiling.tiles)} tiles ({first}\u2013{last}) that overlap by 1 cm:"
        " trim one edge, align and tape"
    )
    pages = [
        Page(
            sheet,
            f"{where} \u00b7 overview",
            lambda c: _draw_overview(c, sheet, journey.title, note, overview, tiling),
        )
    ]
    for tile in tiling.tiles:
        items = buckets[(tile.row, tile.column)]
        pages.append(
            Page(
                sheet,
                f"{where} \u00b7 tile {tile.label}",
                _tile_drawer(sheet, journey, scene, tile, tiling, items),
            )
        )
    return pages


def _draw_single(
    canvas: Canvas, sheet: Sheet, title: str, note: str, scene: Scene, scale: float
) -> None:
    top = heading(canvas, sheet, "Journey map", title, note=note) + Type.BODY * 0.6
    width, height = scene.width * scale, scene.height * scale
    left = sheet.left + (sheet.content_width - width) / 2
    clip = Rect(left, top - height, width, height)
    _draw_items(canvas, scene.items, left, top, scale, Rect(0, 0, scene.width, scene.height), clip)


def _draw_overview(
    canvas: Canvas, sheet: Sheet, title: str, note: str, scene: Scene, tiling: Tiling
) -> None:
    top = heading(canvas, sheet, "Journey map \u00b7 overview", title, note=note) + Type.BODY * 0.6
    # The tiles' labels of the first row stand above the map, where they hide no stage
    # name; the map is scaled to leave them that room.
    area_h = top - sheet.content_bottom - 4
    scale = min(sheet.content_width / scene.width, area_h / scene.height)
    size = max(6.0, min(14.0, STAGE_HEAD * scale * 0.7, min(tiling.column_w) * scale * 0.2))
    above = size * 1.3 + 2
    scale = min(sheet.content_width / scene.width, (area_h - above) / scene.height)
    top -= above
    width, height = scene.width * scale, scene.height * scale
    left = sheet.left + (sheet.content_width - width) / 2
    clip = Rect(left, top - height, width, height)
    _draw_items(canvas, scene.items, left, top, scale, Rect(0, 0, scene.width, scene.height), clip)
    # The tiles over the map, each labelled at its top-left corner: above the map for the
    # first row, inside the tile (over the gap the cut runs through) for the others.
    canvas.saveState()
    for tile in tiling.tiles:
        box = tile.box
        x, y = left + box.x * scale, top - box.y * scale
        w, h = box.w * scale, box.h * scale
        canvas.setStrokeColor(Ink.ACCENT)
        canvas.setLineWidth(1.2)
        canvas.setDash(4, 3)
        canvas.rect(x, y - h, w, h, stroke=1, fill=0)
        canvas.setDash()
        label_w = text_width(tile.label, BOLD, size) + size * 0.6
        inset = OVERLAP * scale / tiling.scale + 2
        canvas.setFillColor(white)
        canvas.setStrokeColor(Ink.ACCENT)
        canvas.setLineWidth(0.8)
        label_top = y + above - 1 if tile.row == 0 else y - 1
        canvas.roundRect(
            x + inset, label_top - size * 1.3, label_w, size * 1.3, size * 0.25, stroke=1, fill=1
        )
        canvas.setFillColor(Ink.ACCENT)
        canvas.setFont(BOLD, size)
        canvas.drawCentredString(x + inset + label_w / 2, label_top - size * 1.0, tile.label)
    canvas.restoreState()


def _tile_drawer(
    sheet: Sheet, journey: Journey, scene: Scene, tile: Tile, tiling: Tiling, items: list[Item]
) -> Callable[[Canvas], None]:
    def draw(canvas: Canvas) -> None:
        top = sheet.content_top - TILE_HEAD
        area_w = sheet.content_width
        area_h = top - sheet.content_bottom
        # only the tile's own part of the map: a card past the cut prints whole on the next
        shown_w = min(area_w, tile.box.w * tiling.scale)
        shown_h = min(area_h, tile.box.h * tiling.scale)
        clip = Rect(sheet.left, top - shown_h, shown_w, shown_h)
        _draw_items(canvas, items, sheet.left, top, tiling.scale, tile.box, clip)
        _signposts(canvas, journey, scene, tile, tiling.scale, clip)
        _tile_marks(canvas, sheet, journey.title, tile, tiling, clip)

    return draw


def _signposts(
    canvas: Canvas, journey: Journey, scene: Scene, tile: Tile, scale: float, clip: Rect
) -> None:
    """Lane names at the left, the emotion axis and stage names of a tile that cuts them off."""
    top = clip.y + clip.h
    size = Type.CAPTION
    glue = OVERLAP / scale  # map units the tile shares with its left or upper neighbour

    def tag(x: float, y: float, text: str, room: float) -> None:
        text = one_line(text, BOLD, size, max(20.0, min(room, 220.0)))
        w = text_width(text, BOLD, size) + 6
        canvas.setFillColor(white)
        canvas.setStrokeColor(Ink.RULE)
        canvas.setLineWidth(0.5)
        canvas.roundRect(x, y - 3, w, size + 5, 2, stroke=1, fill=1)
        canvas.setFillColor(Ink.MUTED)
        canvas.setFont(BOLD, size)
        canvas.drawString(x + 3, y, text)

    canvas.saveState()
    if tile.column > 0:  # lane names turned along the left margin, beside the lane, off the cards
        for lane, box in zip(journey.lanes, scene.grid.lanes, strict=False):
            upper = min(top, top - (box.y - tile.box.y) * scale)
            lower = max(clip.y, top - (box.bottom - tile.box.y) * scale)
            if upper - lower < 24:
                continue
            room = upper - lower - 6
            font = size if text_width(lane.name, BOLD, size) <= room else size * 0.85
            text = one_line(lane.name, BOLD, font, room)
            canvas.saveState()
            canvas.translate(clip.x - 4, (upper + lower) / 2)
            canvas.rotate(90)
            canvas.setFillColor(Ink.MUTED)
            canvas.setFont(BOLD, font)
            canvas.drawCentredString(0, 0, text)
            canvas.restoreState()
        canvas.setFillColor(Ink.MUTED)
        canvas.setFont(BOLD, size)
        for value in scene.scale.levels():  # the emotion axis, by number, in the margin
            y = top - (curve_y(scene.grid, scene.scale, value) - tile.box.y) * scale
            if clip.y < y - size < top:
                canvas.drawRightString(clip.x - 3, y - size * 0.35, scene.scale.number(value))
    header_cut = tile.row == 0 and tile.column > 0
    if tile.row > 0 or header_cut:
        y = top - size - 6 if header_cut else top - OVERLAP - size - 6
        for stage, box in zip(journey.stages, scene.grid.stages, strict=False):
            if header_cut and box.x >= tile.box.x + glue:
                continue  # its own header shows whole
            if box.right <= tile.box.x + glue or box.x >= tile.box.right:
                continue
            x = clip.x + (max(box.x - tile.box.x, glue)) * scale + 4
            room = (box.right - tile.box.x) * scale - (x - clip.x) - 8
            if x < clip.x + clip.w - 40 and room >= 30:
                tag(x, y, stage.name, room)
    canvas.restoreState()


def _tile_marks(
    canvas: Canvas, sheet: Sheet, title: str, tile: Tile, tiling: Tiling, clip: Rect
) -> None:
    """The tile's label and locator above it; glue edges where a neighbour overlaps."""
    baseline = sheet.content_top - Type.H3
    canvas.setFillColor(Ink.ACCENT)
    canvas.setFont(BOLD, Type.H3)
    label = f"Tile {tile.label}"
    canvas.drawString(sheet.left, baseline, label)
    x = sheet.left + text_width(label, BOLD, Type.H3) + 10
    canvas.setFillColor(Ink.MUTED)
    canvas.setFont(REGULAR, Type.SMALL)
    row = tile.label.rstrip("0123456789")
    where = f"row {row} of {tiling.rows}, column {tile.column + 1} of {tiling.columns}"
    glued = []
    if tile.column > 0:
        glued.append(f"left strip under {tile_label(tile.row, tile.column - 1)}")
    if tile.row > 0:
        glued.append(f"top strip under {tile_label(tile.row - 1, tile.column)}")
    if glued:
        where += " \u00b7 glue the " + " and the ".join(glued)
    locator_w = _locator(canvas, sheet.right, baseline - 2, tile, tiling)
    room = sheet.right - locator_w - 12 - x
    canvas.drawString(
        x,
        baseline,
        one_line(f"Journey map \u00b7 {where} \u00b7 {title}", REGULAR, Type.SMALL, room),
    )
    # Glue edges: the strip a neighbour repeats, marked with a dashed line (in a gap
    # between cards, where the cut was made).
    canvas.saveState()
    canvas.setStrokeColor(Ink.ACCENT)
    canvas.setLineWidth(0.6)
    canvas.setDash(2, 3)
    top, bottom = clip.y + clip.h, clip.y
    if tile.column > 0:
        x = clip.x + OVERLAP
        canvas.line(x, bottom, x, top)
    if tile.row > 0:
        y = top - OVERLAP
        canvas.line(clip.x, y, clip.x + clip.w, y)
    canvas.restoreState()


def _locator(canvas: Canvas, right: float, bottom: float, tile: Tile, tiling: Tiling) -> float:
    """A small grid of the tiles with this one filled; returns its width (0 if too many tiles)."""
    cell = 7.0
    if tiling.columns * cell > 160 or tiling.rows * cell > 20:
        return 0.0
    width = tiling.columns * cell
    canvas.saveState()
    canvas.setLineWidth(0.5)
    canvas.setStrokeColor(Ink.FAINT)
    for t in tiling.tiles:
        x = right - width + t.column * cell
        y = bottom + (tiling.rows - 1 - t.row) * cell
        canvas.setFillColor(Ink.ACCENT if t == tile else white)
        canvas.rect(x, y, cell - 1.5, cell - 1.5, stroke=1, fill=1)
    canvas.restoreState()
    return width

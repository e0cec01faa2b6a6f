"""The map section: the journey on one landscape page, or tiled into a poster with an overview.

A map that fits on one sheet at a readable scale prints on one page. A larger
one is cut into tiles (A1, A2... row letter, column number) that overlap by
`OVERLAP` so they can be trimmed and taped; an overview page comes first and
shows where each tile sits.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass

from reportlab.lib.colors import white
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

from motdesk.export.draw import emotion_number, heading
from motdesk.export.fonts import BOLD, REGULAR, text_width
from motdesk.export.mapgrid import Rect
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
    step_x: float  # map units between the left edges of two neighbouring tiles
    step_y: float


def paper_factor(sheet: Sheet) -> float:
    """How much larger than A4 the sheet is: larger paper prints the map larger, not just wider."""
    return max(1.0, sheet.width / A4_LANDSCAPE_WIDTH)


def tile_map(
    width: float,
    height: float,
    area_w: float,
    area_h: float,
    min_scale: float = MIN_SCALE,
    max_scale: float = MAX_SCALE,
) -> Tiling:
    """The fewest tiles that show a `width` x `height` map at no less than `min_scale`."""
    columns = max(1, math.ceil((width * min_scale - OVERLAP) / (area_w - OVERLAP)))
    rows = max(1, math.ceil((height * min_scale - OVERLAP) / (area_h - OVERLAP)))
    scale = min(
        max_scale,
        (columns * area_w - (columns - 1) * OVERLAP) / width,
        (rows * area_h - (rows - 1) * OVERLAP) / height,
    )
    tile_w, tile_h = area_w / scale, area_h / scale
    step_x, step_y = (area_w - OVERLAP) / scale, (area_h - OVERLAP) / scale
    tiles = tuple(
        Tile(r, c, Rect(c * step_x, r * step_y, tile_w, tile_h))
        for r in range(rows)
        for c in range(columns)
    )
    return Tiling(scale, rows, columns, tiles, step_x, step_y)


def _buckets(items: list[Item], tiling: Tiling) -> dict[tuple[int, int], list[Item]]:
    """For each tile, the items that fall on it, in drawing order."""
    out: dict[tuple[int, int], list[Item]] = {(t.row, t.column): [] for t in tiling.tiles}
    tile_w = tiling.tiles[0].box.w
    tile_h = tiling.tiles[0].box.h
    for item in items:
        box = item.box
        c0 = max(0, math.floor((box.x - tile_w) / tiling.step_x))
        c1 = min(tiling.columns - 1, math.floor(box.right / tiling.step_x))
        r0 = max(0, math.floor((box.y - tile_h) / tiling.step_y))
        r1 = min(tiling.rows - 1, math.floor(box.bottom / tiling.step_y))
        for r in range(r0, r1 + 1):
            for c in range(c0, c1 + 1):
                if box.intersects(Rect(c * tiling.step_x, r * tiling.step_y, tile_w, tile_h)):
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
    tiling = tile_map(
        scene.width, scene.height, area_w, sheet.content_height - TILE_HEAD, min_scale, max_scale
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
    area_h = top - sheet.content_bottom - 4
    scale = min(sheet.content_width / scene.width, area_h / scene.height)
    width, height = scene.width * scale, scene.height * scale
    left = sheet.left + (sheet.content_width - width) / 2
    clip = Rect(left, top - height, width, height)
    _draw_items(canvas, scene.items, left, top, scale, Rect(0, 0, scene.width, scene.height), clip)
    # The tiles over the map, each with its label.
    canvas.saveState()
    size = max(6.0, min(22.0, tiling.step_x * scale * 0.28, tiling.step_y * scale * 0.35))
    for tile in tiling.tiles:
        x = left + tile.column * tiling.step_x * scale
        y = top - tile.row * tiling.step_y * scale
        w = min(tile.box.w * scale, left + width - x)
        h = min(tile.box.h * scale, y - (top - height))
        canvas.setStrokeColor(Ink.ACCENT)
        canvas.setLineWidth(1.2)
        canvas.setDash(4, 3)
        canvas.rect(x, y - h, w, h, stroke=1, fill=0)
        canvas.setDash()
        label_w = text_width(tile.label, BOLD, size) + size * 0.6
        cx = x + min(w, tiling.step_x * scale) / 2
        cy = y - min(h, tiling.step_y * scale) / 2
        canvas.setFillColor(white)
        canvas.setStrokeColor(Ink.ACCENT)
        canvas.setLineWidth(0.8)
        canvas.roundRect(
            cx - label_w / 2, cy - size * 0.55, label_w, size * 1.3, size * 0.25, stroke=1, fill=1
        )
        canvas.setFillColor(Ink.ACCENT)
        canvas.setFont(BOLD, size)
        canvas.drawCentredString(cx, cy - size * 0.3, tile.label)
    canvas.restoreState()


def _tile_drawer(
    sheet: Sheet, journey: Journey, scene: Scene, tile: Tile, tiling: Tiling, items: list[Item]
) -> Callable[[Canvas], None]:
    def draw(canvas: Canvas) -> None:
        top = sheet.content_top - TILE_HEAD
        area_w = sheet.content_width
        area_h = top - sheet.content_bottom
        clip = Rect(sheet.left, sheet.content_bottom, area_w, area_h)
        _draw_items(canvas, items, sheet.left, top, tiling.scale, tile.box, clip)
        _signposts(canvas, journey, scene, tile, tiling.scale, clip)
        _tile_marks(canvas, sheet, journey.title, tile, tiling, top, area_w, area_h)

    return draw


def _signposts(
    canvas: Canvas, journey: Journey, scene: Scene, tile: Tile, scale: float, clip: Rect
) -> None:
    """Lane names at the left and stage names at the top of a tile that cuts them off."""
    top = clip.y + clip.h
    size = Type.CAPTION

    def tag(x: float, y: float, text: str) -> None:
        text = one_line(text, BOLD, size, 140)
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
            text = one_line(lane.name, BOLD, size, upper - lower - 6)
            canvas.saveState()
            canvas.translate(clip.x - 4, (upper + lower) / 2)
            canvas.rotate(90)
            canvas.setFillColor(Ink.MUTED)
            canvas.setFont(BOLD, size)
            canvas.drawCentredString(0, 0, text)
            canvas.restoreState()
        canvas.setFillColor(Ink.MUTED)
        canvas.setFont(BOLD, size)
        for value in scene.scale.levels():  # the emotion axis, by number
            y = top - (curve_y(scene.grid, scene.scale, value) - tile.box.y) * scale
            if clip.y < y - size < top:
                canvas.drawRightString(
                    clip.x + OVERLAP - 3, y - size * 0.35, emotion_number(scene.scale, value)
                )
    if tile.row > 0:
        for stage, box in zip(journey.stages, scene.grid.stages, strict=False):
            x = clip.x + (max(box.x, tile.box.x) - tile.box.x) * scale
            if box.right > tile.box.x and box.x < tile.box.right and x < clip.x + clip.w - 40:
                tag(max(x, clip.x + OVERLAP) + 4, top - OVERLAP - size - 6, stage.name)
    canvas.restoreState()


def _tile_marks(
    canvas: Canvas,
    sheet: Sheet,
    title: str,
    tile: Tile,
    tiling: Tiling,
    top: float,
    area_w: float,
    area_h: float,
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
    where = f"row {tile.label.rstrip('0123456789')} of {tiling.rows}, column {tile.column + 1} of {tiling.columns}"
    locator_w = _locator(canvas, sheet.right, baseline - 2, tile, tiling)
    room = sheet.right - locator_w - 12 - x
    canvas.drawString(
        x,
        baseline,
        one_line(f"Journey map \u00b7 {where} \u00b7 {title}", REGULAR, Type.SMALL, room),
    )
    # Glue edges: the strip a neighbour repeats, marked with a dashed line.
    canvas.saveState()
    canvas.setStrokeColor(Ink.ACCENT)
    canvas.setLineWidth(0.6)
    canvas.setDash(2, 3)
    canvas.setFillColor(Ink.ACCENT)
    canvas.setFont(REGULAR, Type.CAPTION)
    bottom = top - area_h
    if tile.column > 0:
        x = sheet.left + OVERLAP
        canvas.line(x, bottom, x, top)
        canvas.drawString(
            x + 3, bottom + 3, f"\u25c0 overlaps {tile_label(tile.row, tile.column - 1)}"
        )
    if tile.row > 0:
        y = top - OVERLAP
        canvas.line(sheet.left, y, sheet.left + area_w, y)
        canvas.drawString(
            sheet.left + area_w - 90,
            y + 3,
            f"\u25b2 overlaps {tile_label(tile.row - 1, tile.column)}",
        )
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

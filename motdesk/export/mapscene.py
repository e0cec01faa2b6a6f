"""The journey map as a scene of drawable items in map units, each with its bounding box.

Items draw themselves on a canvas already scaled to map units, with map y
negated (the map's y grows downwards). Boxes let the tiler draw only what
falls on a tile, so a 5,000-step map costs about one drawing of each item.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass

from reportlab.lib.colors import Color, white
from reportlab.pdfgen.canvas import Canvas

from motdesk.export.codes import step_codes
from motdesk.export.draw import (
    emotion_label,
    emotion_marker,
    emotion_shape,
    moment_badge,
    outline_tag,
)
from motdesk.export.fonts import BOLD, REGULAR, text_width
from motdesk.export.mapgrid import (
    LANE_HEAD,
    STAGE_HEAD,
    MapGrid,
    Rect,
    build_grid,
)
from motdesk.export.text import Fitted, draw_lines, fit, one_line
from motdesk.export.theme import Ink, emotion_color, tint
from motdesk.graph.model import Journey, Step, Transition
from motdesk.graph.paths import flow, main_path
from motdesk.graph.views import Difference, journey_view, step_difference, transition_difference
from motdesk.graph.vocabulary import EmotionScale, LaneKind, State, View

Draw = Callable[[Canvas], None]
ABOVE_LINE = (LaneKind.CUSTOMER, LaneKind.FRONTSTAGE)
BELOW_LINE = (LaneKind.BACKSTAGE, LaneKind.SUPPORT)
CURVE_PAD = 22.0


@dataclass(frozen=True)
class Item:
    """Something to draw, with the box it covers (map units)."""

    box: Rect
    draw: Draw


@dataclass
class Scene:
    """All the items of one map: background first, then arrows, cards and the curve."""

    grid: MapGrid
    items: list[Item]
    view: View
    step_count: int
    scale: EmotionScale

    @property
    def width(self) -> float:
        return self.grid.width

    @property
    def height(self) -> float:
        return self.grid.height


def visibility_line(journey: Journey) -> int | None:
    """The index of the first lane below the line of visibility, if the lanes have one."""
    for i in range(1, len(journey.lanes)):
        if journey.lanes[i - 1].kind in ABOVE_LINE and journey.lanes[i].kind in BELOW_LINE:
            return i
    return None


# -- cards --------------------------------------------------------------------


def _card(
    canvas: Canvas, step: Step, box: Rect, code: str, view: View, scale: EmotionScale
) -> None:
    x, top, w, h = box.x, -box.y, box.w, box.h
    difference = step_difference(step) if view is View.COMPARE else Difference.SAME
    shown = step.future_emotion if view is View.FUTURE else step.current_emotion
    if view is View.COMPARE and not step.state.has_current:
        shown = step.future_emotion
    misery = step.moment is not None and scale.is_negative(shown)
    canvas.saveState()
    canvas.setFillColor(Ink.TINT if difference is Difference.REMOVED else white)
    if misery:
        canvas.setStrokeColor(Ink.MISERY)
        canvas.setLineWidth(3.0)
    elif step.moment is not None:
        canvas.setStrokeColor(Ink.TEXT)
        canvas.setLineWidth(2.2)
    else:
        canvas.setStrokeColor(Ink.RULE)
        canvas.setLineWidth(1.2)
    if difference in (Difference.ADDED, Difference.REMOVED):
        canvas.setStrokeColor(Ink.ADDED if difference is Difference.ADDED else Ink.REMOVED)
        canvas.setLineWidth(2.0)
        canvas.setDash(7, 4)
    canvas.roundRect(x, top - h, w, h, 6, stroke=1, fill=1)
    canvas.setDash()
    # The emotion strip on the left edge, in the emotion's colour.
    canvas.setFillColor(emotion_color(scale, shown))
    canvas.rect(x + 3, top - h + 8, 5, h - 16, stroke=0, fill=1)
    # Top row: code at the left; compare mark and moment badge at the right.
    canvas.setFillColor(Ink.MUTED)
    canvas.setFont(REGULAR, 9)
    canvas.drawString(x + 14, top - 15, code)
    right = x + w - 8
    if step.moment is not None:
        right -= moment_badge(canvas, step.moment.value, right, top - 15, 9, align="right") + 4
    if difference is not Difference.SAME:
        mark, color = {
            Difference.ADDED: ("ADDED", Ink.ADDED),
            Difference.REMOVED: ("REMOVED", Ink.REMOVED),
            Difference.RAISED: ("\u25b2 RAISED", Ink.ADDED),
            Difference.LOWERED: ("\u25bc LOWERED", Ink.MISERY),
        }[difference]
        outline_tag(canvas, mark, right, top - 15, 8, color, align="right")
    # The label: wrapped, then shrunk, then cut.
    label = fit(step.label, BOLD, 13, w - 24, 44, min_size=9)
    canvas.setFillColor(Ink.REMOVED if difference is Difference.REMOVED else Ink.TEXT)
    label_top = top - 23 - max(0.0, (44 - label.height) / 2) * 0.5
    draw_lines(canvas, label, x + 14, label_top, BOLD)
    # Bottom row: channel at the left, emotion at the right.
    baseline = top - h + 10
    right = x + w - 9
    if view is View.COMPARE and step.state is State.BOTH:
        width = emotion_marker(
            canvas, scale, step.future_emotion, right, baseline, 10, align="right"
        )
        canvas.setFillColor(Ink.MUTED)
        canvas.setFont(REGULAR, 10)
        canvas.drawRightString(right - width - 2, baseline, "\u2192")
        arrow_w = text_width("\u2192", REGULAR, 10) + 4
        width += arrow_w + emotion_marker(
            canvas, scale, step.current_emotion, right - width - arrow_w, baseline, 10,
            align="right",
        )  # fmt: skip
    else:
        name = text_width(emotion_label(scale, shown), BOLD, 10) + 16 < w * 0.62
        width = emotion_marker(canvas, scale, shown, right, baseline, 10, name=name, align="right")
    if step.channel is not None:
        room = w - 24 - width - 8
        if room > 20:
            canvas.setFillColor(Ink.MUTED)
            canvas.setFont(REGULAR, 9)
            canvas.drawString(
                x + 14, baseline, one_line(step.channel.display_name, REGULAR, 9, room)
            )
    canvas.restoreState()


def _simple_card(
    canvas: Canvas, box: Rect, value: int | None, scale: EmotionScale, moment: bool
) -> None:
    """A card as a plain box (for overviews of very large maps)."""
    canvas.setFillColor(tint(emotion_color(scale, value), 0.55))
    canvas.setStrokeColor(Ink.TEXT if moment else Ink.FAINT)
    canvas.setLineWidth(3 if moment else 1)
    canvas.rect(box.x, -box.bottom, box.w, box.h, stroke=1, fill=1)


# -- transitions --------------------------------------------------------------


def _curve_points(a: Rect, b: Rect, top: float = STAGE_HEAD) -> tuple[tuple[float, float], ...]:
    """Bezier control points (map units, y down) from card `a` to card `b`."""
    if a == b:  # a step that loops onto itself
        return (
            (a.right, a.cy - 18),
            (a.right + 46, a.cy - 40),
            (a.right + 46, a.cy + 40),
            (a.right, a.cy + 18),
        )
    if b.x >= a.right - 1:
        sx, sy, ex, ey = a.right, a.cy, b.x, b.cy
        dx = max(24.0, (ex - sx) * 0.5)
        return ((sx, sy), (sx + dx, sy), (ex - dx, ey), (ex, ey))
    if b.right > a.x:  # same column: leave from the bottom or the top
        if b.y >= a.bottom:
            sx, sy, ex, ey = a.cx, a.bottom, b.cx, b.y
        else:
            sx, sy, ex, ey = a.cx, a.y, b.cx, b.bottom
        dy = (ey - sy) * 0.45
        return ((sx, sy), (sx, sy + dy), (ex, ey - dy), (ex, ey))
    # Backwards: loop over the top of both cards.
    sx, sy, ex, ey = a.cx + 30, a.y, b.cx - 30, b.y
    lift = max(top + 4, min(a.y, b.y) - 30 - min(60.0, abs(sx - ex) * 0.05))
    return ((sx, sy), (sx, lift), (ex, lift), (ex, ey))


def _bezier_at(p: tuple[tuple[float, float], ...], t: float) -> tuple[float, float]:
    u = 1 - t
    x = u**3 * p[0][0] + 3 * u * u * t * p[1][0] + 3 * u * t * t * p[2][0] + t**3 * p[3][0]
    y = u**3 * p[0][1] + 3 * u * u * t * p[1][1] + 3 * u * t * t * p[2][1] + t**3 * p[3][1]
    return x, y


def share_text(share: float | None) -> str:
    if share is None:
        return ""
    percent = share * 100
    return (
        f"{percent:.0f}\u202f%" if abs(percent - round(percent)) < 0.05 else f"{percent:.1f}\u202f%"
    )


@dataclass(frozen=True)
class ArrowLabel:
    """An arrow's label as fitted lines, centred on (x, y) in map units."""

    text: Fitted
    x: float
    y: float
    width: float
    anchor: tuple[float, float] | None = None
    """The point of the arrow a label placed away from it belongs to (a leader joins them)."""

    @property
    def box(self) -> Rect:
        w, h = self.width + 2 * LABEL_PAD, self.text.height + 4
        return Rect(self.x - w / 2, self.y - h / 2, w, h)


LABEL_SIZE = 11.0  # map units: about 5.5 pt at the smallest map scale
LABEL_PAD = 3.0
LABEL_SPOTS = (0.5, 0.25, 0.75)  # where along an arrow its label may sit


def _arrow(
    canvas: Canvas,
    points: tuple[tuple[float, float], ...],
    transition: Transition,
    view: View,
    lanes: Rect,
) -> None:
    difference = transition_difference(transition) if view is View.COMPARE else Difference.SAME
    color: Color = Ink.MUTED
    canvas.saveState()
    clip = canvas.beginPath()  # arrows stay in the lanes, off the stage headers and the curve
    clip.rect(lanes.x, -lanes.bottom, lanes.w, lanes.h)
    canvas.clipPath(clip, stroke=0, fill=0)
    width = 1.3 if transition.share is None else 0.9 + 2.8 * max(0.0, min(1.0, transition.share))
    if difference is Difference.ADDED:
        color = Ink.ADDED
        canvas.setDash(8, 4)
    elif difference is Difference.REMOVED:
        color = Ink.REMOVED
        canvas.setDash(2, 3)
    canvas.setStrokeColor(color)
    canvas.setFillColor(color)
    canvas.setLineWidth(width)
    (x0, y0), (x1, y1), (x2, y2), (x3, y3) = points
    path = canvas.beginPath()
    path.moveTo(x0, -y0)
    head = 9.0 + width
    # End the line where the arrowhead starts, so a thick line does not poke through its tip.
    angle = math.atan2(-(y3 - y2), x3 - x2) if (x3, y3) != (x2, y2) else 0.0
    back_x, back_y = x3 - head * 0.8 * math.cos(angle), -y3 - head * 0.8 * math.sin(angle)
    path.curveTo(x1, -y1, x2, -y2, back_x, back_y)
    canvas.drawPath(path, stroke=1, fill=0)
    canvas.setDash()
    tip = canvas.beginPath()
    tip.moveTo(x3, -y3)
    tip.lineTo(x3 - head * math.cos(angle - 0.42), -y3 - head * math.sin(angle - 0.42))
    tip.lineTo(x3 - head * math.cos(angle + 0.42), -y3 - head * math.sin(angle + 0.42))
    tip.close()
    canvas.drawPath(tip, stroke=0, fill=1)
    canvas.restoreState()


def _label_box(label: ArrowLabel) -> Rect:
    """Where a label draws: its box and, for a label away from its arrow, the leader."""
    box = label.box
    if label.anchor is None:
        return box
    ax, ay = label.anchor
    x0, y0 = min(box.x, ax - 2), min(box.y, ay - 2)
    return Rect(x0, y0, max(box.right, ax + 2) - x0, max(box.bottom, ay + 2) - y0)


def _arrow_label(canvas: Canvas, label: ArrowLabel, lanes: Rect) -> None:
    """An arrow's label on its white box (drawn after every arrow, so no line runs over it)."""
    canvas.saveState()
    clip = canvas.beginPath()
    clip.rect(lanes.x, -lanes.bottom, lanes.w, lanes.h)
    canvas.clipPath(clip, stroke=0, fill=0)
    if label.text.lines:
        box = label.box
        if label.anchor is not None:  # a label away from its arrow: a leader back to it
            ax, ay = label.anchor
            edge = box.bottom if ay > box.bottom else box.y
            canvas.setStrokeColor(Ink.MUTED)
            canvas.setLineWidth(0.5)
            canvas.setDash(1.5, 1.5)
            canvas.line(ax, -ay, label.x, -edge)
            canvas.setDash()
            canvas.setFillColor(Ink.MUTED)
            canvas.circle(ax, -ay, 1.6, stroke=0, fill=1)
        canvas.setFillColor(white)
        canvas.setStrokeColor(Ink.HAIRLINE)
        canvas.setLineWidth(0.6)
        canvas.roundRect(box.x, -box.bottom, box.w, box.h, 3, stroke=1, fill=1)
        fitted = label.text
        canvas.setFillColor(Ink.TEXT)
        canvas.setFont(REGULAR, fitted.size)
        y = -label.y + fitted.height / 2 - fitted.size * 0.95
        for line in fitted.lines:
            canvas.drawCentredString(label.x, y, line)
            y -= fitted.leading
    canvas.restoreState()


class CardIndex:
    """Cards and placed labels in coarse cells, to ask quickly whether a label would cover one."""

    CELL = 200.0

    def __init__(self, boxes: list[Rect]) -> None:
        self.cells: dict[tuple[int, int], list[Rect]] = defaultdict(list)
        for box in boxes:
            self.add(box)

    def add(self, box: Rect) -> None:
        for key in self._keys(box):
            self.cells[key].append(box)

    def _keys(self, box: Rect) -> list[tuple[int, int]]:
        c = self.CELL
        return [
            (i, j)
            for i in range(int(box.x // c), int(box.right // c) + 1)
            for j in range(int(box.y // c), int(box.bottom // c) + 1)
        ]

    def covers(self, box: Rect) -> bool:
        return any(card.intersects(box) for key in self._keys(box) for card in self.cells[key])


# Offsets from the arrow, in label heights: on it or just beside it anywhere along it,
# then a little farther (between two close cards there is often room only above or below),
# then clear of the cards around it, joined to its arrow by a leader line.
_BESIDE = ((0.0, -0.75, 0.75), (-1.75, 1.75, -2.75, 2.75))
_AWAY = (-4.0, 4.0, -5.5, 5.5, -7.0, 7.0)


def place_label(
    points: tuple[tuple[float, float], ...],
    label: str,
    share: str,
    room: float,
    cards: CardIndex,
    lanes: Rect,
) -> ArrowLabel | None:
    """The arrow's label where it covers no card: at its middle, a quarter or three quarters
    along, on the arrow or just beside it, then up to three label heights away; failing
    that the share alone at the middle."""
    texts = [t for t in (" \u00b7 ".join(p for p in (label, share) if p), share) if t]
    for text in dict.fromkeys(texts):
        fitted = fit(text, REGULAR, LABEL_SIZE, room, LABEL_SIZE * 2.7, max_lines=2)
        width = max(text_width(line, REGULAR, fitted.size) for line in fitted.lines)
        height = fitted.height + 4
        for offsets in _BESIDE:  # near the arrow anywhere along it before farther away
            for t in LABEL_SPOTS:
                x, y = _bezier_at(points, t)
                for dy in offsets:
                    placed = ArrowLabel(fitted, x, y + dy * height, width)
                    box = placed.box
                    if not cards.covers(box) and lanes.y <= box.y and box.bottom <= lanes.bottom:
                        cards.add(box)  # later labels keep off this one too
                        return placed
        for t in LABEL_SPOTS:  # farther off, with a leader back to the arrow
            x, y = _bezier_at(points, t)
            for dy in _AWAY:
                placed = ArrowLabel(fitted, x, y + dy * height, width, anchor=(x, y))
                box = placed.box
                if not cards.covers(box) and lanes.y <= box.y and box.bottom <= lanes.bottom:
                    cards.add(box)
                    return placed
    # Nowhere free: the share alone (short) at the middle; a label without a share is
    # still printed there, so the team's words are never lost.
    text = share or label
    fitted = fit(text, REGULAR, LABEL_SIZE, room, LABEL_SIZE * 2.7, max_lines=2)
    x, y = _bezier_at(points, 0.5)
    return ArrowLabel(fitted, x, y, max(text_width(t, REGULAR, fitted.size) for t in fitted.lines))


def _arrow_box(points: tuple[tuple[float, float], ...], label: ArrowLabel | None) -> Rect:
    xs = [p[0] for p in points]
    ys = [p[1] for p in points]
    if label is not None:
        xs += [label.box.x, label.box.right]
        ys += [label.box.y, label.box.bottom]
    pad = 14
    return Rect(
        min(xs) - pad, min(ys) - pad, max(xs) - min(xs) + 2 * pad, max(ys) - min(ys) + 2 * pad
    )


# -- stages, lanes and the curve band -----------------------------------------


def _stage_column(
    canvas: Canvas,
    journey: Journey,
    index: int,
    grid: MapGrid,
    line: int | None,
    scale: EmotionScale,
) -> None:
    stage_box = grid.stages[index]
    x, w = stage_box.x, stage_box.w
    canvas.saveState()
    canvas.setFillColor(Ink.TINT if index % 2 == 0 else white)
    canvas.rect(x, -stage_box.bottom, w, stage_box.h, stroke=0, fill=1)
    # Stage header: name, and the moment of truth the stage usually holds.
    canvas.setFillColor(Ink.ACCENT)
    canvas.rect(x, -STAGE_HEAD + 6, w, STAGE_HEAD - 6, stroke=0, fill=1)
    canvas.setStrokeColor(white)
    canvas.setLineWidth(2)
    canvas.line(x, -STAGE_HEAD + 6, x, 0)
    if index < len(journey.stages):
        stage = journey.stages[index]
        right = x + w - 12
        badge_w = 0.0
        if stage.moment is not None:
            badge_w = moment_badge(
                canvas, stage.moment.value, right, -STAGE_HEAD / 2 - 2, 10,
                align="right", fill=white, text=Ink.ACCENT,
            )  # fmt: skip
        label = fit(
            stage.name, BOLD, 15, w - 24 - badge_w - 8, STAGE_HEAD - 14, min_size=10, max_lines=2
        )
        canvas.setFillColor(white)
        top = -6 - (STAGE_HEAD - 6 - label.height) / 2 + label.size * 0.1
        draw_lines(canvas, label, x + 12, top, BOLD)
    # Lane separators and the line of visibility.
    canvas.setStrokeColor(Ink.RULE)
    canvas.setLineWidth(0.8)
    for lane in grid.lanes[1:]:
        canvas.line(x, -lane.y, x + w, -lane.y)
    if line is not None:
        _visibility(canvas, x, x + w, grid.lanes[line].y)
    canvas.setStrokeColor(Ink.HAIRLINE)
    canvas.setLineWidth(1)
    canvas.line(x + w, -STAGE_HEAD, x + w, -stage_box.bottom)
    _curve_grid(canvas, grid, scale, x, x + w)
    canvas.restoreState()


def _visibility(canvas: Canvas, x0: float, x1: float, y: float) -> None:
    canvas.setStrokeColor(Ink.ACCENT)
    canvas.setLineWidth(2.0)
    canvas.setDash(10, 5)
    canvas.line(x0, -y, x1, -y)
    canvas.setDash()


def curve_y(grid: MapGrid, scale: EmotionScale, value: float) -> float:
    """Map y of an emotion value inside the curve band (magic at the top)."""
    band = grid.curve
    span = max(1, scale.high - scale.low)
    return band.y + CURVE_PAD + (scale.high - value) / span * (band.h - 2 * CURVE_PAD)


def _curve_grid(canvas: Canvas, grid: MapGrid, scale: EmotionScale, x0: float, x1: float) -> None:
    band = grid.curve
    canvas.setFillColor(white)
    canvas.setStrokeColor(Ink.HAIRLINE)
    canvas.setLineWidth(1)
    canvas.rect(x0, -band.bottom, x1 - x0, band.h, stroke=1, fill=1)
    for value in scale.levels():
        neutral = value == scale.neutral
        canvas.setStrokeColor(Ink.FAINT if neutral else Ink.HAIRLINE)
        canvas.setLineWidth(1.2 if neutral else 0.6)
        y = curve_y(grid, scale, value)
        canvas.line(x0, -y, x1, -y)


def _headers(
    canvas: Canvas,
    journey: Journey,
    grid: MapGrid,
    line: int | None,
    scale: EmotionScale,
    view: View,
) -> None:
    """The left column: lane names, the line-of-visibility label and the curve's axis."""
    canvas.saveState()
    canvas.setFillColor(white)
    canvas.rect(0, -grid.height, LANE_HEAD, grid.height, stroke=0, fill=1)
    canvas.setStrokeColor(Ink.RULE)
    canvas.setLineWidth(0.8)
    for i, lane_box in enumerate(grid.lanes):
        if i:
            canvas.line(0, -lane_box.y, LANE_HEAD, -lane_box.y)
        if i < len(journey.lanes):
            lane = journey.lanes[i]
            label = fit(lane.name, BOLD, 12, LANE_HEAD - 20, min(lane_box.h - 26, 60), min_size=8)
            canvas.setFillColor(Ink.TEXT)
            draw_lines(canvas, label, 8, -lane_box.y - 12, BOLD)
            canvas.setFillColor(Ink.MUTED)
            canvas.setFont(REGULAR, 9)
            canvas.drawString(8, -lane_box.y - 16 - label.height - 4, lane.kind.value)
    if line is not None:
        y = grid.lanes[line].y
        _visibility(canvas, 0, LANE_HEAD, y)
        canvas.setFillColor(Ink.ACCENT)
        canvas.setFont(BOLD, 8.5)
        canvas.drawString(8, -y + 5, "line of visibility")
    band = grid.curve
    canvas.setFillColor(Ink.TEXT)
    canvas.setFont(BOLD, 12)
    canvas.drawString(8, -band.y - 16, "Emotion")
    if view is View.COMPARE:  # the key to the two curves, under the axis
        y = -band.bottom + 8
        canvas.setStrokeColor(Ink.TEXT)
        canvas.setLineWidth(2)
        canvas.line(8, y + 3, 26, y + 3)
        canvas.setStrokeColor(Ink.ACCENT)
        canvas.setDash(5, 3)
        canvas.line(64, y + 3, 82, y + 3)
        canvas.setDash()
        canvas.setFillColor(Ink.MUTED)
        canvas.setFont(REGULAR, 8.5)
        canvas.drawString(29, y, "today")
        canvas.drawString(85, y, "target")
    for value in scale.levels():
        y = curve_y(grid, scale, value)
        canvas.setFillColor(Ink.MUTED)
        canvas.setFont(REGULAR, 8.5)
        canvas.drawRightString(LANE_HEAD - 8, -y - 3, f"{scale.number(value)} {scale.name(value)}")
    canvas.restoreState()


def _series(steps: list[Step], grid: MapGrid, side: State) -> list[tuple[float, float, list[Step]]]:
    """Per map column with a rated step: (x, mean emotion, the rated steps)."""
    columns: dict[int, list[Step]] = defaultdict(list)
    for step in steps:
        if step.emotion(side) is not None and step.id in grid.columns:
            columns[grid.columns[step.id]].append(step)
    out = []
    for column in sorted(columns):
        members = columns[column]
        mean = sum(s.emotion(side) or 0 for s in members) / len(members)
        out.append((grid.column_x[column], mean, members))
    return out


def _path_line(
    journey: Journey, grid: MapGrid, scale: EmotionScale, side: State
) -> list[tuple[float, float]] | None:
    """The curve's line: the main path of the side's view through its rated steps, as on
    the canvas (None when no start reaches an end: the line then joins column means)."""
    view = View.CURRENT if side is State.CURRENT else View.FUTURE
    path = main_path(flow(journey, view))
    if path is None:
        return None
    points = []
    for step_id in path.steps:
        step = journey.step(step_id)
        value = step.emotion(side)
        if value is not None and step_id in grid.columns:
            points.append((grid.column_x[grid.columns[step_id]], curve_y(grid, scale, value)))
    return points


def _curve_items(
    journey: Journey, steps: list[Step], grid: MapGrid, scale: EmotionScale, view: View
) -> list[Item]:
    items: list[Item] = []
    sides = [(State.CURRENT, Ink.TEXT, False), (State.FUTURE, Ink.ACCENT, True)]
    if view is View.CURRENT:
        sides = sides[:1]
    elif view is View.FUTURE:
        sides = [(State.FUTURE, Ink.TEXT, False)]
    band = grid.curve
    for side, color, dashed in sides:
        series = _series(steps, grid, side)
        points = _path_line(journey, grid, scale, side)
        if points is None:
            points = [(x, curve_y(grid, scale, mean)) for x, mean, _ in series]
        for (xa, ya), (xb, yb) in zip(points, points[1:], strict=False):
            box = Rect(min(xa, xb), band.y, abs(xb - xa) + 1, band.h)
            items.append(Item(box, _segment_drawer(xa, ya, xb, yb, color, dashed)))
        for x, _mean, members in series:
            box = Rect(x - 40, band.y, 80, band.h)
            items.append(Item(box, _markers_drawer(x, members, side, grid, scale, dashed)))
    return items


def _segment_drawer(xa: float, ya: float, xb: float, yb: float, color: Color, dashed: bool) -> Draw:
    def draw(canvas: Canvas) -> None:
        canvas.saveState()
        canvas.setStrokeColor(color)
        canvas.setLineWidth(2.4)
        if dashed:
            canvas.setDash(8, 5)
        canvas.line(xa, -ya, xb, -yb)
        canvas.restoreState()

    return draw


def _markers_drawer(
    x: float, members: list[Step], side: State, grid: MapGrid, scale: EmotionScale, hollow: bool
) -> Draw:
    values: dict[int, list[Step]] = defaultdict(list)
    for step in members:
        value = step.emotion(side)
        if value is not None:
            values[value].append(step)

    def draw(canvas: Canvas) -> None:
        # Today's number sits below its point, the target's above, each on white so
        # neither the other curve nor a level line runs through it.
        for value, group in values.items():
            y = curve_y(grid, scale, value)
            emotion_shape(canvas, scale, value, x, -y, 7)
            text = scale.number(value)
            moment = next((s.moment for s in group if s.moment is not None), None)
            if moment is not None and not hollow:
                text = f"{text} {moment.value}"
            baseline = -y + 11 if hollow else -y - 18
            width = text_width(text, BOLD, 9)
            canvas.setFillColor(white)
            canvas.rect(x - width / 2 - 2, baseline - 2.5, width + 4, 11, stroke=0, fill=1)
            canvas.setFillColor(Ink.ACCENT if hollow else Ink.TEXT)
            canvas.setFont(BOLD, 9)
            canvas.drawCentredString(x, baseline, text)

    return draw


# -- the scene ----------------------------------------------------------------


def build_scene(
    journey: Journey, view: View, scale: EmotionScale, *, simple: bool = False
) -> Scene:
    """Lay out the journey as the view shows it; `simple` draws cards as plain boxes, no arrows."""
    shown = journey_view(journey, view)
    steps = list(shown.steps)
    grid = build_grid(journey, steps)
    codes = step_codes(journey)
    line = visibility_line(journey)
    items: list[Item] = [
        Item(Rect(box.x, 0, box.w, grid.height), _bind_stage(journey, i, grid, line, scale))
        for i, box in enumerate(grid.stages)
    ]
    if not simple:
        lanes = Rect(0, STAGE_HEAD, grid.width, grid.curve.y - STAGE_HEAD)
        cards = CardIndex([grid.cards[s.id] for s in steps if s.id in grid.cards])
        labels: list[Item] = []
        for transition in shown.transitions:
            a = grid.cards.get(transition.source)
            b = grid.cards.get(transition.target)
            if a is None or b is None:
                continue
            points = _curve_points(a, b, top=lanes.y)
            label = None
            if transition.label or transition.share is not None:
                room = points[3][0] - points[0][0] - 10 if b.x >= a.right - 1 else 150.0
                label = place_label(
                    points, transition.label, share_text(transition.share),
                    max(110.0, room), cards, lanes,
                )  # fmt: skip
            items.append(Item(_arrow_box(points, None), _bind_arrow(points, transition, view, lanes)))
            if label is not None:
                labels.append(Item(_label_box(label), _bind_label(label, lanes)))
        items.extend(labels)  # over every arrow, under the cards
    for step in steps:
        box = grid.cards[step.id]
        if simple:
            value = step.future_emotion if view is View.FUTURE else step.current_emotion
            if view is View.COMPARE and not step.state.has_current:
                value = step.future_emotion
            items.append(Item(box, _bind_simple(box, value, scale, step.moment is not None)))
        else:
            items.append(Item(box, _bind_card(step, box, codes[step.id], view, scale)))
    items.extend(_curve_items(journey, steps, grid, scale, view))
    items.append(
        Item(Rect(0, 0, LANE_HEAD, grid.height), _bind_headers(journey, grid, line, scale, view))
    )
    return Scene(grid, items, view, len(steps), scale)


def _bind_stage(
    journey: Journey, i: int, grid: MapGrid, line: int | None, scale: EmotionScale
) -> Draw:
    return lambda canvas: _stage_column(canvas, journey, i, grid, line, scale)


def _bind_arrow(
    points: tuple[tuple[float, float], ...], transition: Transition, view: View, lanes: Rect
) -> Draw:
    return lambda canvas: _arrow(canvas, points, transition, view, lanes)


def _bind_label(label: ArrowLabel, lanes: Rect) -> Draw:
    return lambda canvas: _arrow_label(canvas, label, lanes)


def _bind_card(step: Step, box: Rect, code: str, view: View, scale: EmotionScale) -> Draw:
    return lambda canvas: _card(canvas, step, box, code, view, scale)


def _bind_simple(box: Rect, value: int | None, scale: EmotionScale, moment: bool) -> Draw:
    return lambda canvas: _simple_card(canvas, box, value, scale, moment)


def _bind_headers(
    journey: Journey, grid: MapGrid, line: int | None, scale: EmotionScale, view: View
) -> Draw:
    return lambda canvas: _headers(canvas, journey, grid, line, scale, view)

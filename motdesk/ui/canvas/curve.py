"""The emotional curve: how the customer feels along the main path, in a band under the lanes.

Each point stands under its step's card (the card's centre), at the height of the
step's emotion; a zero line marks the scale's neutral middle and the level names
label the band's left edge. The compare view draws today's curve solid with round
points and the target curve dashed with square points, so the two read apart in
grey. The main paths are those of `motdesk.graph.analysis`; they are worked out
again only when something that shapes a path changed (states, kinds, positions,
transitions), after the burst of events is over.
"""

from __future__ import annotations

import contextlib
import itertools
import math
from bisect import bisect_left, bisect_right
from dataclasses import dataclass

from PySide6.QtCore import QPointF, QRectF, Qt, QTimer
from PySide6.QtGui import QColor, QPainter, QPainterPath, QPen, QPolygonF
from PySide6.QtWidgets import QGraphicsObject, QStyleOptionGraphicsItem

from motdesk.graph.analysis import main_path
from motdesk.graph.events import Change
from motdesk.graph.model import Journey
from motdesk.graph.paths import flow, map_order
from motdesk.graph.views import view_emotion
from motdesk.graph.vocabulary import View
from motdesk.ui.canvas.grid import CARD_W
from motdesk.ui.canvas.grid_items import LANE_HEADER_W
from motdesk.ui.canvas.palette import emotion_colour
from motdesk.ui.canvas.style import painted_area

BAND_GAP = 36.0
"""Between the last lane row and the band."""
BAND_H = 220.0
"""The band's height, title line included."""
TITLE_H = 30.0
PLOT_PAD = 16.0
MARKER_R = 4.5
"""A point's radius in device pixels: the same at every zoom."""
MOMENT_R = 6.5
"""A moment of truth's point is larger."""
LABEL_EVERY = 1200.0
"""The level names are repeated along the band this often (scene units)."""
REPEAT_MIN_PX = 160.0
"""The repeated level names are left out when they would come closer than this on screen."""
LEGIBLE_PX = 7.0
"""The key and the repeated level names need their small text at least this high on screen."""
MIN_SPACING = 20.0
"""Points of one stage closer than this (scene units) are spread over their cards' width."""

_DASH_PERIOD = 6.0  # Qt's dash line: 4 pen widths on, 2 off

# Fields of a step that can change which path is the main one (or the map order that breaks
# ties: stage, lane and the order steps were added, never where a card stands, so a drag or an
# auto-layout only moves the points).
_PATH_FIELDS = ("state", "kind", "stage", "lane")
_SIDES = (View.CURRENT, View.FUTURE)


@dataclass(frozen=True)
class CurvePoint:
    """One step of a main path that has an emotion in its view."""

    step_id: str
    x: float
    """Under the card (its centre, or spread within the stage where cards stack)."""
    emotion: int
    moment: bool
    misery: bool


@dataclass(frozen=True)
class CurveTrace:
    """One curve's points in scene units, and what finding the stretch in view needs."""

    points: list[QPointF]
    xs: list[float]
    ordered: bool
    """x never decreases along the path (the usual case): the stretch in view is bisected."""
    lengths: list[float]
    """The line's length (scene units) from its first point to each point."""

    @classmethod
    def of(cls, points: list[QPointF]) -> CurveTrace:
        xs = [p.x() for p in points]
        lengths = [0.0]
        for a, b in itertools.pairwise(points):
            lengths.append(lengths[-1] + math.hypot(b.x() - a.x(), b.y() - a.y()))
        ordered = all(a <= b for a, b in itertools.pairwise(xs))
        return cls(points, xs, ordered, lengths)

    def between(self, left: float, right: float) -> list[int]:
        """The indexes of the points from `left` to `right`."""
        xs = self.xs
        if self.ordered:
            return list(range(bisect_left(xs, left), bisect_right(xs, right)))
        return [i for i, x in enumerate(xs) if left <= x <= right]

    def runs(self, left: float, right: float) -> list[tuple[int, int]]:
        """The stretches of line that cross `left` to `right`, as first and last point index."""
        xs = self.xs
        last = len(xs) - 1
        if last < 1 or left > right:
            return []
        if self.ordered:
            start = max(0, bisect_left(xs, left) - 1)
            end = min(last, bisect_right(xs, right))
            return [(start, end)] if end > start else []
        runs: list[tuple[int, int]] = []
        start = None
        for i in range(last):
            a, b = xs[i], xs[i + 1]
            if min(a, b) <= right and max(a, b) >= left:
                if start is None:
                    start = i
            elif start is not None:
                runs.append((start, i))
                start = None
        if start is not None:
            runs.append((start, last))
        return runs

    def polygon(self, start: int, end: int) -> QPolygonF:
        return QPolygonF(self.points[start : end + 1])


def thinned(points: QPolygonF) -> QPolygonF:
    """The polyline without the points less than a pixel from the last one kept (device units)."""
    kept = [points.at(0)]
    last_x, last_y = kept[0].x(), kept[0].y()
    for point in points:
        x, y = point.x(), point.y()
        if abs(x - last_x) >= 1.0 or abs(y - last_y) >= 1.0:
            kept.append(point)
            last_x, last_y = x, y
    end = points.at(len(points) - 1)
    if kept[-1] != end:
        kept.append(end)
    return QPolygonF(kept)


def main_path_steps(journey: Journey) -> dict[View, tuple[str, ...]]:
    """The main path of the current and of the future view (empty where there is none)."""
    ordered = map_order(journey)
    paths: dict[View, tuple[str, ...]] = {}
    for view in _SIDES:
        path = main_path(flow(journey, view, ordered=ordered))
        paths[view] = path.steps if path is not None else ()
    return paths


def curve_points(journey: Journey, steps: tuple[str, ...], view: View, scale) -> list[CurvePoint]:
    """The points of one curve: the path's steps with an emotion in `view`, in path order.

    A point stands under its card. Where the path stays in one stage but its cards
    do not run left to right (a customer action above the touchpoint it triggers,
    a step back to the left), that stretch is spread evenly over the cards' width
    in path order, so the curve always reads left to right through a stage.
    """
    records = []
    for step_id in steps:
        if not journey.has_step(step_id):
            continue
        step = journey.step(step_id)
        emotion = view_emotion(step, view)
        if emotion is not None:
            records.append((step, emotion))
    xs: list[float] = []
    start = 0
    while start < len(records):
        end = start + 1
        while end < len(records) and records[end][0].stage == records[start][0].stage:
            end += 1
        xs.extend(_left_to_right([r[0].x + CARD_W / 2 for r in records[start:end]]))
        start = end
    points = []
    for (step, emotion), x in zip(records, xs, strict=True):
        moment = step.moment is not None
        points.append(
            CurvePoint(step.id, x, emotion, moment, moment and scale.is_negative(emotion))
        )
    return points


def _left_to_right(centres: list[float]) -> list[float]:
    """Card centres if they run left to right with room between them, else an even spread."""
    if all(b - a >= MIN_SPACING for a, b in itertools.pairwise(centres)):
        return centres
    low, high = min(centres), max(centres)
    if high - low < CARD_W - 2 * MIN_SPACING:  # stacked cards: spread over one card's width
        middle = (low + high) / 2
        low, high = middle - CARD_W / 2 + MIN_SPACING, middle + CARD_W / 2 - MIN_SPACING
    step = (high - low) / (len(centres) - 1)
    return [low + i * step for i in range(len(centres))]


def free_place(xs: list[float], x: float, width: float, gap: float, reach: float) -> float:
    """Where a text `width` wide starting near `x` keeps `gap` clear of every point in the
    sorted `xs`: `x` itself if it can, else just right of the nearest point within `reach`
    that leaves the room (`x` again if none does)."""

    if bisect_right(xs, x + width + gap) == bisect_left(xs, x - gap):
        return x
    low, high = bisect_left(xs, x - reach), bisect_right(xs, x + reach)
    for p in sorted(xs[low:high], key=lambda p: abs(p + gap - x)):
        if bisect_right(xs, p + 2 * gap + width) == bisect_right(xs, p):  # none after p
            return p + gap
    return x


def _unsubscribe(events, listener) -> None:
    with contextlib.suppress(ValueError):
        events.unsubscribe(listener)


class EmotionCurve(QGraphicsObject):
    """The band under the map with the emotional curve of the view (both curves in compare)."""

    def __init__(self, scene) -> None:
        super().__init__()
        self._scene = scene
        self.style = scene.style
        self.document = scene.document
        self.journey_id = scene.journey_id
        self._paths: dict[View, tuple[str, ...]] | None = None
        self._points: dict[View, list[CurvePoint]] | None = None
        self._sorted_xs: tuple | None = None  # (the points, the views, their x sorted)
        self._band = QRectF()
        self._marker_scale = 1.0
        self._polygons: dict[View, CurveTrace] = {}  # each curve's points in scene units
        self._colours: dict[int, QColor] = {}
        self._subscribed = False
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(0)
        self._timer.timeout.connect(self.refresh)
        self.setAcceptedMouseButtons(Qt.MouseButton.NoButton)
        self.setFlag(QGraphicsObject.GraphicsItemFlag.ItemUsesExtendedStyleOption)
        self.setZValue(-90)  # above the map's grid, below the cards
        self.setObjectName("emotion-curve")
        scene.addItem(self)
        scene.map_extras.append(self)
        scene.mapChanged.connect(self._place)
        self.document.events.subscribe(self._on_change)
        self._subscribed = True
        # the scene takes its items with it: stop listening then, whoever deletes it
        events, listener = self.document.events, self._on_change
        scene.destroyed.connect(lambda *_: _unsubscribe(events, listener))
        self._place()

    # -- following ----------------------------------------------------------------------
    def detach(self) -> None:
        """Stop following the document and leave the scene."""
        if self._subscribed:
            _unsubscribe(self.document.events, self._on_change)
            self._subscribed = False
        self._timer.stop()
        scene = self._scene
        if self in scene.map_extras:
            scene.map_extras.remove(self)
        with contextlib.suppress(RuntimeError, TypeError):
            scene.mapChanged.disconnect(self._place)
        if self.scene() is scene:
            scene.removeItem(self)

    def _on_change(self, change: Change) -> None:
        if change.kind == "project":
            if "emotion_scale" in (change.new or {}):
                self._points = None
                self._later()
            return
        if change.journey != self.journey_id:
            return
        if change.kind == "transition" or (
            change.kind == "step"
            and (
                change.action != "changed"
                or any(getattr(change.old, f) != getattr(change.new, f) for f in _PATH_FIELDS)
            )
        ):
            self._paths = None
        if change.kind in ("step", "transition"):
            self._points = None
            self._later()

    def _later(self) -> None:
        if not self._timer.isActive():
            self._timer.start()

    def itemChange(self, change, value):
        if change == QGraphicsObject.GraphicsItemChange.ItemVisibleHasChanged and value:
            self._later()  # it was not kept up to date while hidden
        return super().itemChange(change, value)

    def refresh(self) -> None:
        """Work out the points again (and the paths, if they may have changed), then repaint."""
        self._timer.stop()
        if not self.isVisible() or not self._scene.has_journey():
            return
        journey = self.document.journey(self.journey_id)
        if self._paths is None:
            self._paths = main_path_steps(journey)
            self._points = None
        if self._points is None:
            scale = self.document.project.scale
            self._polygons = {}
            self._colours = {}
            self._points = {
                view: curve_points(journey, self._paths[view], view, scale) for view in _SIDES
            }
        self.update()

    def points(self, view: View) -> list[CurvePoint]:
        """The points the band shows for `view` (current or future), up to date."""
        if self._points is None or self._timer.isActive():
            self.refresh()
        return list((self._points or {}).get(view, []))

    def _point_xs(self) -> list[float]:
        """The x of every point the band draws, sorted (kept until the points change)."""
        views = self.shown_views()
        kept = self._sorted_xs
        if kept is None or kept[0] is not self._points or kept[1] != views:
            points = self._points or {}
            xs = sorted(p.x for view in views for p in points.get(view, ()))
            kept = self._sorted_xs = (self._points, views, xs)
        return kept[2]

    def shown_views(self) -> tuple[View, ...]:
        """The curves the band draws in the canvas's view."""
        view = self.style.view
        return _SIDES if view is View.COMPARE else (view,)

    # -- geometry -----------------------------------------------------------------------
    def _place(self) -> None:
        """Sit under the lane rows, as wide as the map with its lane headers."""
        if not self._scene.has_journey():
            return
        geometry = self._scene.geometry()
        band = QRectF(
            geometry.left - LANE_HEADER_W,
            geometry.top + geometry.height + BAND_GAP,
            geometry.width + LANE_HEADER_W,
            BAND_H,
        )
        if band != self._band:
            self.prepareGeometryChange()
            self._band = band
        self._points = None  # x follows the cards
        self._later()

    def band_rect(self) -> QRectF:
        return QRectF(self._band)

    def boundingRect(self) -> QRectF:
        return self._band.adjusted(-MOMENT_R * 4, -4, MOMENT_R * 4, 4)

    def level_y(self, value: float) -> float:
        """The height of an emotion value in the band (scene units)."""
        scale = self.style.scale
        top = self._band.top() + TITLE_H + PLOT_PAD / 2
        bottom = self._band.bottom() - PLOT_PAD
        span = max(1, scale.high - scale.low)
        return bottom - (value - scale.low) / span * (bottom - top)

    # -- painting -----------------------------------------------------------------------
    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem, widget=None) -> None:
        if self._band.isEmpty():
            return
        if self._points is None:
            self.refresh()
        # points shrink on a map drawn very small (the overview), never below 40 %
        lod = option.levelOfDetailFromTransform(painter.worldTransform())
        self._marker_scale = max(0.4, min(1.0, lod / 0.3))
        style = self.style
        palette = style.palette
        band = self._band
        plot_left = band.left() + LANE_HEADER_W
        painter.fillRect(band, palette.stage_band_alt)
        header = QRectF(band.left(), band.top(), LANE_HEADER_W, band.height())
        painter.fillRect(header.adjusted(1, 1, -3, -1), palette.header)
        painter.setPen(palette.header_text)
        painter.setFont(style.header_font)
        painter.drawText(
            QRectF(plot_left + 10, band.top(), band.width() - LANE_HEADER_W - 20, TITLE_H),
            Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft,
            "Emotional curve along the main path",
        )
        area = option.exposedRect.intersected(painted_area(painter)).intersected(band)
        self._paint_levels(painter, band, plot_left, area)
        self._paint_key(painter, band)
        shown = self.shown_views()
        points = {view: (self._points or {}).get(view, []) for view in shown}
        if not any(points.values()):
            painter.setFont(style.small_font)
            painter.setPen(palette.card_subtle)
            if any(self._paths.values() if self._paths else ()):
                why = "No emotions on the main path yet"
            elif not self._scene.step_items:
                why = "The curve follows the main path once the journey has steps"
            else:
                why = "No main path: no end can be reached from a start"
            painter.drawText(
                QRectF(plot_left, band.top() + TITLE_H, band.width() - LANE_HEADER_W, 60),
                Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap,
                why,
            )
            return
        offset = 3.0 if len(shown) > 1 else 0.0
        for view in shown:
            shift = -offset if view is View.CURRENT else offset
            self._paint_curve(painter, points[view], view, shift, area)

    def _paint_levels(
        self, painter: QPainter, band: QRectF, plot_left: float, area: QRectF
    ) -> None:
        style = self.style
        palette = style.palette
        scale = style.scale
        levels = list(scale.levels())
        room = abs(self.level_y(scale.low) - self.level_y(scale.low + 1))
        named = set(levels) if room >= 14 else {scale.low, scale.high}
        painter.setFont(style.small_font)
        grid = style.pen(palette.grid_line, 1)
        for value in levels:
            y = self.level_y(value)
            painter.setPen(grid)
            painter.drawLine(QPointF(plot_left, y), QPointF(band.right(), y))
            if value in named:
                painter.setPen(palette.header_text)
                text = f"{scale.number(value)}  {scale.name(value)}"
                painter.drawText(
                    QRectF(band.left() + 8, y - 9, LANE_HEADER_W - 16, 18),
                    Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft,
                    text,
                )
        zero = self.level_y(scale.neutral)
        painter.setPen(style.pen(palette.visibility_line, 1.5))
        painter.drawLine(QPointF(plot_left, zero), QPointF(band.right(), zero))
        if scale.neutral not in levels:  # a scale with an even number of levels
            painter.setPen(palette.visibility_line)
            painter.drawText(QPointF(band.left() + 8, zero + 4), "neutral")
        # the level names again every so often, so the band reads wherever the map is scrolled
        # (not where they would run into each other: a map of thousands of steps zoomed out)
        if LABEL_EVERY * painter.worldTransform().m11() < REPEAT_MIN_PX or not self._legible(
            painter
        ):
            return
        painter.setPen(palette.card_subtle)
        texts = {value: f"{scale.number(value)} {scale.name(value)}" for value in named}
        metrics = style.small_metrics
        width = max(metrics.horizontalAdvance(t) for t in texts.values()) + 6
        zoom = painter.worldTransform().m11()
        xs = self._point_xs()
        first = int(max(1.0, (area.left() - plot_left) // LABEL_EVERY))
        x = plot_left + first * LABEL_EVERY
        while x < min(area.right(), band.right() - 100):
            # not over the curve's points: beside them, where the names stay readable
            at = free_place(xs, x, width, (MOMENT_R + 3) / zoom, LABEL_EVERY / 3)
            painter.drawText(QPointF(at + 6, band.top() + TITLE_H / 2 + 4), "Emotional curve")
            for value, text in texts.items():
                painter.drawText(QPointF(at + 6, self.level_y(value) - 3), text)
            x += LABEL_EVERY

    def _legible(self, painter: QPainter) -> bool:
        """Small text would be at least `LEGIBLE_PX` high on the device (else it is noise)."""
        return self.style.small_metrics.height() * painter.worldTransform().m11() >= LEGIBLE_PX

    def _paint_key(self, painter: QPainter, band: QRectF) -> None:
        """What the lines and points mean, at the top right of the band (device-sized marks);
        not on a map zoomed out past reading its words."""
        if not self._legible(painter):
            return
        style = self.style
        shown = self.shown_views()
        painter.setFont(style.small_font)
        metrics = style.small_metrics
        x = band.right() - 12
        y = band.top() + TITLE_H / 2
        for view in reversed(shown):
            text = "today" if view is View.CURRENT else "target"
            width = metrics.horizontalAdvance(text)
            x -= width
            painter.setPen(style.palette.header_text)
            painter.drawText(QPointF(x, y + metrics.ascent() / 2 - 1), text)
            x -= 6
            end = QPointF(x, y)
            start = QPointF(x - 34, y)
            self._paint_curve_line(painter, view, [start, end])
            self._paint_marker(painter, view, QPointF(x - 17, y), False, None)
            x -= 52

    def _paint_curve(
        self, painter: QPainter, points: list[CurvePoint], view: View, shift: float, area: QRectF
    ) -> None:
        """The line through every point, and the points that lie in `area` (scene units).

        Drawn in device pixels, so lines and points keep their size at any zoom;
        where the points crowd closer than their size only moments of truth keep
        theirs, so a long path zoomed out stays a readable line.
        """
        if not points:
            return
        trace = self._polygons.get(view)
        if trace is None:
            trace = self._polygons[view] = CurveTrace.of(
                [QPointF(p.x, self.level_y(p.emotion)) for p in points]
            )
        transform = painter.worldTransform()
        left, right = area.left() - MOMENT_R * 4, area.right() + MOMENT_R * 4
        shown = trace.between(left, right)
        room = max(1.0, area.width() * transform.m11())
        crowded = len(shown) * (MARKER_R * 2 + 2) * self._marker_scale > room
        painter.save()
        painter.resetTransform()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        # only the stretches of line in view: stroking a path of thousands of points
        # mostly outside the window costs more than the whole frame
        for start, end in trace.runs(left, right):
            device = transform.map(trace.polygon(start, end))
            if len(device) > 64:  # where points crowd, one per pixel draws the same line
                device = thinned(device)
            device.translate(shift, 0)
            self._paint_curve_line(painter, view, device, trace.lengths[start] * transform.m11())
        scale = self.style.scale
        colours = self._colours
        for i in shown:
            point = points[i]
            if crowded and not point.moment:
                continue
            colour = colours.get(point.emotion)
            if colour is None:
                colour = colours[point.emotion] = emotion_colour(scale.normalized(point.emotion))
            at = transform.map(trace.points[i]) + QPointF(shift, 0)
            self._paint_marker(painter, view, at, point.moment, colour, point.misery)
        painter.restore()

    def _paint_curve_line(self, painter: QPainter, view: View, points, before: float = 0.0) -> None:
        """A curve's line; `before`: how long (device pixels) the line is before `points`
        start, so a dashed stretch keeps the dashes where the whole line has them."""
        palette = self.style.palette
        colour = palette.card_text if view is View.CURRENT else palette.arrow_added
        line = Qt.PenStyle.SolidLine if view is View.CURRENT else Qt.PenStyle.DashLine
        pen = self.style.pen(colour, 2.2, line)
        if before and line is not Qt.PenStyle.SolidLine:
            pen = QPen(pen)
            pen.setDashOffset((before / pen.widthF()) % _DASH_PERIOD)
        painter.setPen(pen)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        if len(points) > 1:
            painter.drawPolyline(points if isinstance(points, QPolygonF) else QPolygonF(points))

    def _paint_marker(
        self,
        painter: QPainter,
        view: View,
        at: QPointF,
        moment: bool,
        fill: QColor | None,
        misery: bool = False,
    ) -> None:
        """A round point for today, a square one for the target; larger on a moment of truth."""
        palette = self.style.palette
        scale_factor = 1.0
        if not painter.worldTransform().isIdentity():
            # the key is drawn in scene units: keep its marks the size of the curve's
            scale_factor = 1.0 / max(1e-6, painter.worldTransform().m11())
        r = (MOMENT_R if moment else MARKER_R) * scale_factor * self._marker_scale
        edge = palette.misery if misery else (
            palette.card_text if view is View.CURRENT else palette.arrow_added
        )  # fmt: skip
        painter.setPen(self.style.pen(edge, 2.4 if moment else 1.4))
        painter.setBrush(fill if fill is not None else palette.card)
        path = QPainterPath()
        if view is View.CURRENT:
            path.addEllipse(at, r, r)
        else:
            path.addRect(QRectF(at.x() - r, at.y() - r, 2 * r, 2 * r))
        painter.drawPath(path)

"""The map behind the cards: stage columns, lane rows, their headers, the line of visibility."""

from __future__ import annotations

import math

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFont,
    QFontMetricsF,
    QPainter,
    QPixmap,
    QStaticText,
    QTextOption,
    QTransform,
)
from PySide6.QtWidgets import QGraphicsItem, QStyleOptionGraphicsItem

from motdesk.graph.model import Lane, Stage
from motdesk.graph.vocabulary import LaneKind
from motdesk.ui.canvas.grid import MapGeometry
from motdesk.ui.canvas.style import CanvasStyle, painted_area

HEADER_H = 44.0
LANE_HEADER_W = 150.0
_TAG_MARGIN = 6.0  # between a pinned name tag and the window's edge or its band's
_TAG_PAD_X, _TAG_PAD_Y = 8.0, 3.0
_TAG_MAX_W = 220.0  # a longer name is elided in its tag
_DASH_PERIOD, _DASH_ON = 10, 6  # the line of visibility's dashes, in device pixels
_LEFT_MIDDLE = Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft
_VISIBLE_SIDE = (LaneKind.CUSTOMER, LaneKind.FRONTSTAGE)
_HIDDEN_SIDE = (LaneKind.BACKSTAGE, LaneKind.SUPPORT)


def visibility_boundaries(lanes: list[Lane]) -> list[int]:
    """Indexes i where the line of visibility runs between lane i-1 and lane i."""
    return [
        i
        for i in range(1, len(lanes))
        if lanes[i - 1].kind in _VISIBLE_SIDE and lanes[i].kind in _HIDDEN_SIDE
    ]


class MapBackground(QGraphicsItem):
    """Paints the grid of the map; never takes the mouse, so rubber-band selection starts on it."""

    def __init__(self, style: CanvasStyle) -> None:
        super().__init__()
        self.style = style
        self.geometry: MapGeometry | None = None
        self.stages: list[Stage] = []
        self.lanes: list[Lane] = []
        self._bounds = QRectF()
        self._stage_by_id: dict[str, Stage] = {}
        self._lane_by_id: dict[str, Lane] = {}
        self._boundaries: list[int] = []
        self._texts: dict = {}  # laid-out header texts, by stage or lane and width
        self._tags: dict = {}  # pictures of pinned name tags, by text and screen
        self._dash: tuple | None = None  # (colour, brush) of the line of visibility
        self._places: tuple | None = None  # (window and map, stage tags, lane tags)
        self._reach: tuple[int, int] | None = None
        self.setAcceptedMouseButtons(Qt.MouseButton.NoButton)
        self.setZValue(-100)

    def set_map(self, geometry: MapGeometry, stages: list[Stage], lanes: list[Lane]) -> None:
        self.prepareGeometryChange()
        self.geometry, self.stages, self.lanes = geometry, list(stages), list(lanes)
        self._stage_by_id = {s.id: s for s in self.stages}  # looked up per paint, made once
        self._lane_by_id = {lane.id: lane for lane in self.lanes}
        self._boundaries = visibility_boundaries(self.lanes)
        self._texts.clear()
        self._places = None
        self._bounds = QRectF(
            geometry.left - LANE_HEADER_W,
            geometry.top - HEADER_H,
            geometry.width + LANE_HEADER_W,
            geometry.height + HEADER_H,
        )
        self.update()

    def map_rect(self) -> QRectF:
        """The map with its headers, in scene coordinates."""
        return QRectF(self._bounds)

    def boundingRect(self) -> QRectF:
        return self._bounds

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem, widget=None) -> None:
        geometry = self.geometry
        if geometry is None:
            return
        palette = self.style.palette
        top, left = geometry.top, geometry.left
        right, bottom = left + geometry.width, top + geometry.height
        area = painted_area(painter).intersected(self._bounds)
        if area.isEmpty():
            return
        # Every pixel of the map is filled once, here: the view fills only around it
        # (`fill_around`), so a frame does not fill the window and then the bands over it.
        ground = palette.stage_band
        bounds = self._bounds
        for strip in (
            QRectF(bounds.left(), bounds.top(), bounds.width(), HEADER_H),  # above the columns
            QRectF(bounds.left(), top, LANE_HEADER_W, geometry.height),  # the lane headers
        ):
            strip = strip.intersected(area)
            if not strip.isEmpty():
                painter.fillRect(strip, ground)
        # lines only across the part in view: a dashed line the width of a big map is costly
        x0, x1 = max(left - LANE_HEADER_W, area.left()), min(right, area.right())
        y0, y1 = max(top, area.top()), min(bottom, area.bottom())
        painter.setFont(self.style.header_font)
        for i, band in enumerate(geometry.stages):
            if band.end < area.left() or band.start > area.right():
                continue
            if y1 > y0:
                start, end = max(band.start, area.left()), min(band.end, area.right())
                column = QRectF(start, y0, end - start, y1 - y0)
                painter.fillRect(column, palette.stage_band_alt if i % 2 else ground)
            if top - 3 >= area.top():
                self._stage_header(painter, band, top)
        grid = self.style.pen(palette.grid_line, 1)
        for band in geometry.lanes:
            if band.end < area.top() or band.start > area.bottom():
                continue
            if left - LANE_HEADER_W < area.right() and left > area.left():
                self._lane_header(painter, band, left)
            painter.setPen(grid)
            painter.drawLine(QPointF(max(left, x0), band.end), QPointF(x1, band.end))
        self._paint_visibility(painter, geometry, x0, x1)

    def _stage_header(self, painter: QPainter, band, top: float) -> None:
        """A stage's header above the map's `top` (the painter's font is the header font)."""
        palette = self.style.palette
        header = QRectF(band.start, top - HEADER_H, band.end - band.start, HEADER_H)
        painter.fillRect(header.adjusted(1, 1, -1, -3), palette.header)
        stage = self._stage_by_id.get(band.id)
        if stage is not None:
            painter.setPen(palette.header_text)
            text = self._stage_text(stage, header.width() - 16)
            height = text.size().height()
            at = QPointF(header.left() + 8, header.top() + (HEADER_H - 3 - height) / 2)
            painter.drawStaticText(at, text)

    def _lane_header(self, painter: QPainter, band, left: float) -> None:
        """A lane's header left of the map's `left`."""
        palette = self.style.palette
        row = QRectF(left - LANE_HEADER_W, band.start, LANE_HEADER_W, band.end - band.start)
        painter.fillRect(row.adjusted(1, 1, -3, -1), palette.header)
        lane = self._lane_by_id.get(band.id)
        if lane is not None:
            painter.setPen(palette.header_text)
            self._draw_lane_name(painter, lane, row.adjusted(10, 6, -10, -6))

    def paint_pinned(
        self, painter: QPainter, shown: QRectF, lanes: bool = True, stages: bool = True
    ) -> None:
        """Name tags of the stages and lanes whose headers are scrolled out of view, pinned
        to the top and left edges of `shown` (the scene area in the window), over the
        cards: on a big map at 100 % a lane or stage never loses its name. A tag is a small
        picture of the name at the screen's own size, kept per name, and where the tags go
        is kept while the window does not move (a drag repaints it often), so a frame
        copies a few pictures. Nothing where the real headers are in view; only the
        `lanes` or the `stages` tags if the others need no repaint."""
        if self.geometry is None or self._bounds.isEmpty():
            return
        transform = painter.worldTransform()
        ratio = painter.device().devicePixelRatio()
        key = (
            shown.left(), shown.top(), shown.width(), shown.height(), transform.m11(),
            transform.dx(), transform.dy(), ratio, id(self.geometry), self.style.version,
        )  # fmt: skip
        if self._places is None or self._places[0] != key:
            self._places = (key, *self._tag_places(shown, transform, ratio))
        _, stage_tags, lane_tags = self._places
        if not (stages and stage_tags or lanes and lane_tags):
            return
        painter.save()
        painter.resetTransform()  # tags are drawn in device pixels: crisp at any zoom
        for at, tag in stage_tags if stages else ():
            painter.drawPixmap(at, tag)
        for at, tag in lane_tags if lanes else ():
            painter.drawPixmap(at, tag)
        painter.restore()

    def _tag_places(self, shown: QRectF, transform: QTransform, ratio: float) -> tuple:
        """Where the pinned tags go (device pixels), stages' and lanes': [(point, picture)].
        (The view only scales and moves the map: a scene x is `x * zoom + dx`.)"""
        geometry = self.geometry
        assert geometry is not None
        zoom, dx, dy = transform.m11(), transform.dx(), transform.dy()
        top, left = geometry.top, geometry.left
        bottom, right = top + geometry.height, left + geometry.width
        s_left, s_top, s_right, s_bottom = shown.left(), shown.top(), shown.right(), shown.bottom()
        pin_top = top - HEADER_H + 1 < s_top < bottom - HEADER_H
        pin_left = left - LANE_HEADER_W + 1 < s_left < right - LANE_HEADER_W
        stage_tags: list = []
        lane_tags: list = []
        corner_x, corner_y = s_left * zoom + dx, s_top * zoom + dy
        first_lane = corner_y + _TAG_MARGIN
        stages, lanes = self._stage_by_id, self._lane_by_id
        if pin_top:
            # flush with the window's top while part of the header row still shows, so the
            # tags cover what is left of its names
            row = corner_y + (0 if s_top < top else _TAG_MARGIN)
            first_lane = row + self._tag("Stage", ratio).height() / ratio + _TAG_MARGIN
            for band in geometry.stages:
                stage = stages.get(band.id)
                if stage is None or band.end <= s_left or band.start >= s_right:
                    continue
                tag = self._tag(self._stage_name(stage), ratio)
                cut = band.start < s_left  # its column starts left of the window
                x = max(band.start, s_left) * zoom + dx + (0 if cut else _TAG_MARGIN)
                if (
                    x + tag.width() / ratio <= min(band.end, s_right) * zoom + dx - _TAG_MARGIN
                ):  # fits
                    stage_tags.append((QPointF(round(x), round(row)), tag))
        elif top - HEADER_H < s_bottom:  # the header row in view: a name it cuts
            band = next((b for b in geometry.stages if b.start + 8 < s_left < b.end), None)
            stage = stages.get(band.id) if band is not None else None
            if band is not None and stage is not None:
                tag = self._tag(self._stage_name(stage), ratio)
                x = corner_x + 1  # over what is left of the name, from the window's edge
                y = (top - HEADER_H / 2 - 1.5) * zoom + dy - tag.height() / ratio / 2
                if x + tag.width() / ratio <= band.end * zoom + dx - _TAG_MARGIN:
                    stage_tags.append((QPointF(round(x), round(y)), tag))
        if pin_left:
            x = corner_x + (0 if s_left < left else _TAG_MARGIN)  # as for the stage row
            for band in geometry.lanes:
                lane = lanes.get(band.id)
                if lane is None or band.end <= s_top or band.start >= s_bottom:
                    continue
                tag = self._tag(lane.name or "(unnamed lane)", ratio)
                y = max(band.start * zoom + dy + _TAG_MARGIN, first_lane)
                if y + tag.height() / ratio <= band.end * zoom + dy - _TAG_MARGIN:  # fits its row
                    lane_tags.append((QPointF(round(x), round(y)), tag))
        elif left - LANE_HEADER_W < s_right:  # the header column in view: a name it cuts
            band = next((b for b in geometry.lanes if b.middle - 12 < s_top < b.end - 30), None)
            lane = lanes.get(band.id) if band is not None else None
            if band is not None and lane is not None:
                tag = self._tag(lane.name or "(unnamed lane)", ratio)
                x = (left - LANE_HEADER_W) * zoom + dx + _TAG_MARGIN
                y = corner_y + _TAG_MARGIN
                if y + tag.height() / ratio <= band.end * zoom + dy - _TAG_MARGIN:
                    lane_tags.append((QPointF(round(x), round(y)), tag))
        return stage_tags, lane_tags

    def pinned_reach(self) -> tuple[int, int]:
        """How far (device pixels) pinned tags may reach into the window from its left
        edge and from its top: what a scroll, which moves the window's pixels, must paint
        again there."""
        if self._reach is None:
            height = QFontMetricsF(self.style.header_font).height() + 2 * _TAG_PAD_Y
            self._reach = (
                math.ceil(_TAG_MARGIN + _TAG_MAX_W + 2 * _TAG_PAD_X) + 2,
                math.ceil(_TAG_MARGIN + height) + 2,
            )
        return self._reach

    def _stage_name(self, stage: Stage) -> str:
        return (stage.name or "(unnamed stage)") + (
            f"  ·  {stage.moment.value}" if stage.moment else ""
        )

    def _tag(self, text: str, ratio: float) -> QPixmap:
        """The picture of a pinned name tag (header colours, a thin border), made once."""
        key = (text, ratio, id(self.style.palette))  # a new palette is a new object
        tag = self._tags.get(key)
        if tag is None:
            if len(self._tags) > 256:
                self._tags.clear()
            font = self.style.header_font
            metrics = QFontMetricsF(font)
            shown = metrics.elidedText(text, Qt.TextElideMode.ElideRight, _TAG_MAX_W)
            width = math.ceil(metrics.horizontalAdvance(shown)) + 2 * _TAG_PAD_X
            height = math.ceil(metrics.height()) + 2 * _TAG_PAD_Y
            tag = QPixmap(math.ceil(width * ratio), math.ceil(height * ratio))
            tag.setDevicePixelRatio(ratio)
            palette = self.style.palette
            tag.fill(palette.header)
            painter = QPainter(tag)
            painter.setRenderHint(QPainter.RenderHint.TextAntialiasing, True)
            painter.setPen(self.style.pen(palette.grid_line, 1))
            painter.drawRect(QRectF(0, 0, width - 1, height - 1))
            painter.setFont(font)
            painter.setPen(palette.header_text)
            painter.drawText(QPointF(_TAG_PAD_X, _TAG_PAD_Y + metrics.ascent()), shown)
            painter.end()
            self._tags[key] = tag
        return tag

    def fill_around(self, painter: QPainter, rect: QRectF) -> None:
        """Fill the parts of `rect` outside the map with the map's ground colour (the map
        fills its own pixels when it paints)."""
        ground = self.style.palette.stage_band
        inner = rect.intersected(self._bounds) if self.geometry is not None else QRectF()
        if inner.isEmpty():
            painter.fillRect(rect, ground)
            return
        left, right = rect.left(), rect.right()
        if inner.top() > rect.top():
            painter.fillRect(QRectF(left, rect.top(), rect.width(), inner.top() - rect.top()),
                             ground)  # fmt: skip
        if inner.bottom() < rect.bottom():
            painter.fillRect(QRectF(left, inner.bottom(), rect.width(),
                                    rect.bottom() - inner.bottom()), ground)  # fmt: skip
        if inner.left() > left:
            painter.fillRect(QRectF(left, inner.top(), inner.left() - left, inner.height()),
                             ground)  # fmt: skip
        if inner.right() < right:
            painter.fillRect(QRectF(inner.right(), inner.top(), right - inner.right(),
                                    inner.height()), ground)  # fmt: skip

    def _stage_text(self, stage: Stage, width: float) -> QStaticText:
        """A stage's header (its name and moment of truth), elided to the column, laid out once."""
        key = (stage, width)
        text = self._texts.get(key)
        if text is None:
            full = self._stage_name(stage)
            elided = QFontMetricsF(self.style.header_font).elidedText(
                full, Qt.TextElideMode.ElideRight, max(0.0, width)
            )
            text = self._texts[key] = self._static(elided, self.style.header_font)
        return text

    def _draw_lane_name(self, painter: QPainter, lane: Lane, rect: QRectF) -> None:
        """A lane's name wrapped in its header, centred on the row, cut at the header's edge."""
        key = (lane, rect.width())
        text = self._texts.get(key)
        if text is None:
            text = self._static(lane.name, self.style.header_font, rect.width())
            self._texts[key] = text
        size = text.size()
        at = QPointF(rect.left(), rect.top() + (rect.height() - size.height()) / 2)
        if size.height() <= rect.height() and size.width() <= rect.width():
            painter.drawStaticText(at, text)
            return
        painter.save()
        painter.setClipRect(rect, Qt.ClipOperation.IntersectClip)
        painter.drawStaticText(QPointF(rect.left(), max(at.y(), rect.top())), text)
        painter.restore()

    def _static(self, text: str, font: QFont, width: float = -1.0) -> QStaticText:
        if len(self._texts) > 2048:
            self._texts.clear()
        static = QStaticText(text)
        static.setTextFormat(Qt.TextFormat.PlainText)
        if width > 0:
            static.setTextWidth(width)
            static.setTextOption(QTextOption(Qt.AlignmentFlag.AlignLeft))
        static.prepare(QTransform(), font)
        return static

    def _paint_visibility(self, painter: QPainter, geometry: MapGeometry, left, right) -> None:
        """The dashed line of visibility across the part in view (`left` to `right`), and its
        name at the map's left edge. The dashes are a tiled picture laid in device pixels,
        as a cosmetic pen's would be (a dashed pen cost five times as much a frame)."""
        palette = self.style.palette
        transform = painter.worldTransform()
        zoom, dx, dy = transform.m11(), transform.dx(), transform.dy()
        brush = self._dashes(palette.visibility_line)
        name = self._visibility_name()
        for index in self._boundaries:
            if index >= len(geometry.lanes):
                continue
            y = geometry.lanes[index].start
            painter.save()
            painter.resetTransform()
            painter.setBrushOrigin(QPointF(round(dx), 0))
            x0, x1 = left * zoom + dx, right * zoom + dx
            painter.fillRect(QRectF(round(x0), round(y * zoom + dy) - 1, x1 - x0, 2), brush)
            painter.restore()
            painter.setPen(palette.visibility_line)
            painter.setFont(self.style.small_font)
            at = QPointF(geometry.left + 6, y - 4 - name.size().height())
            painter.drawStaticText(at, name)

    def _dashes(self, colour: QColor) -> QBrush:
        """A brush of dashes 6 pixels long, 4 apart, two high, in `colour`."""
        if self._dash is None or self._dash[0] != colour.rgba():
            tile = QPixmap(_DASH_PERIOD, 2)
            tile.fill(Qt.GlobalColor.transparent)
            tiler = QPainter(tile)
            tiler.fillRect(0, 0, _DASH_ON, 2, colour)
            tiler.end()
            self._dash = (colour.rgba(), QBrush(tile))
        return self._dash[1]

    def _visibility_name(self) -> QStaticText:
        name = self._texts.get("line of visibility")
        if name is None:
            name = self._static("line of visibility", self.style.small_font)
            self._texts["line of visibility"] = name
        return name

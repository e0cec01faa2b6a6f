"""The map behind the cards: stage columns, lane rows, their headers, the line of visibility."""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QFont, QFontMetricsF, QPainter, QStaticText, QTextOption, QTransform
from PySide6.QtWidgets import QGraphicsItem, QStyleOptionGraphicsItem

from motdesk.graph.model import Lane, Stage
from motdesk.graph.vocabulary import LaneKind
from motdesk.ui.canvas.grid import MapGeometry
from motdesk.ui.canvas.style import CanvasStyle, painted_area

HEADER_H = 44.0
LANE_HEADER_W = 150.0
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
        self.setAcceptedMouseButtons(Qt.MouseButton.NoButton)
        self.setZValue(-100)

    def set_map(self, geometry: MapGeometry, stages: list[Stage], lanes: list[Lane]) -> None:
        self.prepareGeometryChange()
        self.geometry, self.stages, self.lanes = geometry, list(stages), list(lanes)
        self._stage_by_id = {s.id: s for s in self.stages}  # looked up per paint, made once
        self._lane_by_id = {lane.id: lane for lane in self.lanes}
        self._boundaries = visibility_boundaries(self.lanes)
        self._texts.clear()
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
        stages = self._stage_by_id
        for i, band in enumerate(geometry.stages):
            if band.end < area.left() or band.start > area.right():
                continue
            if y1 > y0:
                start, end = max(band.start, area.left()), min(band.end, area.right())
                column = QRectF(start, y0, end - start, y1 - y0)
                painter.fillRect(column, palette.stage_band_alt if i % 2 else ground)
            header = QRectF(band.start, top - HEADER_H, band.end - band.start, HEADER_H)
            if header.bottom() - 3 < area.top():
                continue
            painter.fillRect(header.adjusted(1, 1, -1, -3), palette.header)
            stage = stages.get(band.id)
            if stage is not None:
                painter.setPen(palette.header_text)
                text = self._stage_text(stage, header.width() - 16)
                height = text.size().height()
                at = QPointF(header.left() + 8, header.top() + (HEADER_H - 3 - height) / 2)
                painter.drawStaticText(at, text)
        grid = self.style.pen(palette.grid_line, 1)
        lanes = self._lane_by_id
        for band in geometry.lanes:
            if band.end < area.top() or band.start > area.bottom():
                continue
            row = QRectF(left - LANE_HEADER_W, band.start, LANE_HEADER_W, band.end - band.start)
            if row.intersects(area):
                painter.fillRect(row.adjusted(1, 1, -3, -1), palette.header)
                lane = lanes.get(band.id)
                if lane is not None:
                    painter.setPen(palette.header_text)
                    self._draw_lane_name(painter, lane, row.adjusted(10, 6, -10, -6))
            painter.setPen(grid)
            painter.drawLine(QPointF(max(left, x0), band.end), QPointF(x1, band.end))
        self._paint_visibility(painter, geometry, x0, x1)

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
            full = stage.name + (f"  ·  {stage.moment.value}" if stage.moment else "")
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
        palette = self.style.palette
        for index in self._boundaries:
            if index >= len(geometry.lanes):
                continue
            y = geometry.lanes[index].start
            painter.setPen(self.style.pen(palette.visibility_line, 1.6, Qt.PenStyle.DashLine))
            painter.drawLine(QPointF(left, y), QPointF(right, y))
            painter.setFont(self.style.small_font)
            painter.setPen(palette.visibility_line)
            painter.drawText(QPointF(left + 6, y - 4), "line of visibility")

"""The map behind the cards: stage columns, lane rows, their headers, the line of visibility."""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QFontMetricsF, QPainter
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
        self._elided_cache: dict = {}
        self.setAcceptedMouseButtons(Qt.MouseButton.NoButton)
        self.setZValue(-100)

    def set_map(self, geometry: MapGeometry, stages: list[Stage], lanes: list[Lane]) -> None:
        self.prepareGeometryChange()
        self.geometry, self.stages, self.lanes = geometry, list(stages), list(lanes)
        self._stage_by_id = {s.id: s for s in self.stages}  # looked up per paint, made once
        self._lane_by_id = {lane.id: lane for lane in self.lanes}
        self._boundaries = visibility_boundaries(self.lanes)
        self._elided_cache.clear()
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
        right = left + geometry.width
        area = painted_area(painter).intersected(self._bounds)
        if area.isEmpty():
            return
        # lines only across the part in view: a dashed line the width of a big map is costly
        x0, x1 = max(left - LANE_HEADER_W, area.left()), min(right, area.right())
        painter.setFont(self.style.header_font)
        stages = self._stage_by_id
        for i, band in enumerate(geometry.stages):
            if band.end < area.left() or band.start > area.right():
                continue
            if i % 2:  # the others show the view's background, which is the band colour
                column = QRectF(band.start, top, band.end - band.start, geometry.height)
                painter.fillRect(column, palette.stage_band_alt)
            header = QRectF(band.start, top - HEADER_H, band.end - band.start, HEADER_H)
            painter.fillRect(header.adjusted(1, 1, -1, -3), palette.header)
            stage = stages.get(band.id)
            if stage is not None:
                painter.setPen(palette.header_text)
                painter.drawText(header.adjusted(8, 0, -8, -3), _LEFT_MIDDLE,
                                 self._elided(stage, header.width() - 16))  # fmt: skip
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
                    painter.drawText(row.adjusted(10, 6, -10, -6),
                                     _LEFT_MIDDLE | Qt.TextFlag.TextWordWrap, lane.name)  # fmt: skip
            painter.setPen(grid)
            painter.drawLine(QPointF(max(left, x0), band.end), QPointF(x1, band.end))
        self._paint_visibility(painter, geometry, x0, x1)

    def _elided(self, stage: Stage, width: float) -> str:
        key = (stage, width)
        text = self._elided_cache.get(key)
        if text is None:
            full = stage.name + (f"  ·  {stage.moment.value}" if stage.moment else "")
            text = QFontMetricsF(self.style.header_font).elidedText(
                full, Qt.TextElideMode.ElideRight, max(0.0, width)
            )
            self._elided_cache[key] = text
        return text

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

"""The map behind the cards: stage columns, lane rows, their headers, the line of visibility."""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QPainter, QPen
from PySide6.QtWidgets import QGraphicsItem, QStyleOptionGraphicsItem

from motdesk.graph.model import Lane, Stage
from motdesk.graph.vocabulary import LaneKind
from motdesk.ui.canvas.grid import MapGeometry
from motdesk.ui.canvas.style import CanvasStyle

HEADER_H = 44.0
LANE_HEADER_W = 150.0
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
        self.setAcceptedMouseButtons(Qt.MouseButton.NoButton)
        self.setZValue(-100)

    def set_map(self, geometry: MapGeometry, stages: list[Stage], lanes: list[Lane]) -> None:
        self.prepareGeometryChange()
        self.geometry, self.stages, self.lanes = geometry, list(stages), list(lanes)
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
        bottom = top + geometry.height
        right = left + geometry.width
        exposed = option.exposedRect
        names = {s.id: s for s in self.stages}
        painter.setFont(self.style.header_font)
        for i, band in enumerate(geometry.stages):
            column = QRectF(band.start, top, band.end - band.start, geometry.height)
            if not column.intersects(exposed) and not exposed.isEmpty():
                continue
            painter.fillRect(column, palette.stage_band if i % 2 == 0 else palette.stage_band_alt)
            header = QRectF(band.start, top - HEADER_H, band.end - band.start, HEADER_H)
            painter.fillRect(header.adjusted(1, 1, -1, -3), palette.header)
            stage = names.get(band.id)
            if stage is not None:
                painter.setPen(palette.header_text)
                text = stage.name + (f"  ·  {stage.moment.value}" if stage.moment else "")
                text = self.style_metrics_elide(text, header.width() - 16)
                painter.drawText(header.adjusted(8, 0, -8, -3),
                                 Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft,
                                 text)  # fmt: skip
        grid = QPen(palette.grid_line, 1)
        grid.setCosmetic(True)
        lanes = {lane.id: lane for lane in self.lanes}
        for band in geometry.lanes:
            row = QRectF(left - LANE_HEADER_W, band.start, LANE_HEADER_W, band.end - band.start)
            painter.fillRect(row.adjusted(1, 1, -3, -1), palette.header)
            painter.setPen(palette.header_text)
            lane = lanes.get(band.id)
            if lane is not None:
                painter.drawText(row.adjusted(10, 6, -10, -6),
                                 Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft
                                 | Qt.TextFlag.TextWordWrap, lane.name)  # fmt: skip
            painter.setPen(grid)
            painter.drawLine(QPointF(left, band.end), QPointF(right, band.end))
        self._paint_visibility(painter, geometry, left, right)
        painter.setPen(grid)
        painter.drawLine(QPointF(left, top), QPointF(left, bottom))

    def style_metrics_elide(self, text: str, width: float) -> str:
        from PySide6.QtGui import QFontMetricsF

        return QFontMetricsF(self.style.header_font).elidedText(
            text, Qt.TextElideMode.ElideRight, max(0.0, width)
        )

    def _paint_visibility(self, painter: QPainter, geometry: MapGeometry, left, right) -> None:
        palette = self.style.palette
        for index in visibility_boundaries(self.lanes):
            if index >= len(geometry.lanes):
                continue
            y = geometry.lanes[index].start
            pen = QPen(palette.visibility_line, 1.6, Qt.PenStyle.DashLine)
            pen.setCosmetic(True)
            painter.setPen(pen)
            painter.drawLine(QPointF(left - LANE_HEADER_W, y), QPointF(right, y))
            painter.setFont(self.style.small_font)
            painter.setPen(palette.visibility_line)
            painter.drawText(QPointF(left + 6, y - 4), "line of visibility")

"""The overview dock: the whole journey small, with the part the canvas shows as a rectangle.

The map is rendered once into a picture (the canvas's own zoomed-out drawing:
plain coloured cards, moments of truth and misery marked), and rendered again
only after the journey, the view, the selection or the palette changed, once the
burst of changes is over. Moving the canvas only repaints the rectangle, so the
overview costs nothing while panning however large the journey. Clicking or
dragging in it centres the canvas there.
"""

from __future__ import annotations

import contextlib

from PySide6.QtCore import QEvent, QPointF, QRectF, QSize, Qt, QTimer
from PySide6.QtGui import QColor, QPainter, QPen, QPixmap
from PySide6.QtWidgets import QDockWidget, QSizePolicy, QStyleOptionGraphicsItem, QWidget

from motdesk.ui.canvas.palette import current_palette

RENDER_DELAY_MS = 120
"""The picture is drawn again this long after the last change (a burst costs one render)."""


class OverviewMap(QWidget):
    """The small map; `view` is the canvas it follows and moves."""

    def __init__(self, view, parent=None) -> None:
        super().__init__(parent)
        self.view = view
        self.setObjectName("overview-map")
        self.setAccessibleName("Overview of the journey")
        self.setMinimumSize(QSize(160, 90))
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self._picture: QPixmap | None = None
        self._source = QRectF()  # the scene area the picture shows
        self._target = QRectF()  # where the picture lies in the widget
        self._scene = None
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(RENDER_DELAY_MS)
        self._timer.timeout.connect(self.render_now)
        view.horizontalScrollBar().valueChanged.connect(self.update)
        view.verticalScrollBar().valueChanged.connect(self.update)
        view.zoomChanged.connect(self.update)
        view.sceneReplaced.connect(self._scene_replaced)
        view.viewModeChanged.connect(self.stale)
        self._scene_replaced()

    def sizeHint(self) -> QSize:  # noqa: N802
        return QSize(260, 150)

    def _scene_replaced(self) -> None:
        old, self._scene = self._scene, self.view.journey_scene()
        if old is not None:
            for signal in (old.mapChanged, old.selectionChanged):
                with contextlib.suppress(RuntimeError, TypeError):
                    signal.disconnect(self.stale)
        if self._scene is not None:
            self._scene.mapChanged.connect(self.stale)
            self._scene.selectionChanged.connect(self.stale)
        self._picture = None
        self.stale()

    def stale(self, *_args) -> None:
        """The journey, view, selection or palette changed: draw the picture again soon."""
        if not self._timer.isActive():
            self._timer.start()

    def document_changed(self) -> None:
        self.stale()

    def render_now(self) -> None:
        """Draw the map into the picture at the widget's size."""
        self._timer.stop()
        scene = self._scene
        if scene is None or not self.isVisible() or self.width() < 2 or self.height() < 2:
            self._picture = None
            self.update()
            return
        source = scene.map_rect()
        if source.isEmpty():
            self._picture = None
            self.update()
            return
        ratio = max(1.0, self.devicePixelRatioF())
        pixmap = QPixmap(round(self.width() * ratio), round(self.height() * ratio))
        pixmap.setDevicePixelRatio(ratio)
        pixmap.fill(scene.style.palette.stage_band)
        factor = min(self.width() / source.width(), self.height() / source.height())
        width, height = source.width() * factor, source.height() * factor
        target = QRectF((self.width() - width) / 2, (self.height() - height) / 2, width, height)
        painter = QPainter(pixmap)
        painter.translate(target.left(), target.top())
        painter.scale(factor, factor)
        painter.translate(-source.left(), -source.top())
        painter.setClipRect(source)
        # only the map, the card layer and the curve paint anything: drawing them directly
        # skips walking the scene's thousands of cards and arrows, which have no contents
        option = QStyleOptionGraphicsItem()
        option.exposedRect = source
        for item in (scene.background, scene.layer, *scene.map_extras):
            if item.isVisible():
                painter.save()
                item.paint(painter, option, None)
                painter.restore()
        painter.end()
        self._picture, self._source, self._target = pixmap, source, target
        self.update()

    # -- mapping ------------------------------------------------------------------------
    def to_scene(self, point: QPointF) -> QPointF:
        if self._source.isEmpty() or self._target.isEmpty():
            return QPointF()
        factor = self._source.width() / self._target.width()
        return QPointF(
            self._source.left() + (point.x() - self._target.left()) * factor,
            self._source.top() + (point.y() - self._target.top()) * factor,
        )

    def to_widget(self, rect: QRectF) -> QRectF:
        if self._source.isEmpty():
            return QRectF()
        factor = self._target.width() / self._source.width()
        return QRectF(
            self._target.left() + (rect.left() - self._source.left()) * factor,
            self._target.top() + (rect.top() - self._source.top()) * factor,
            rect.width() * factor,
            rect.height() * factor,
        )

    def visible_area(self) -> QRectF:
        """The part of the map the canvas shows, in scene coordinates."""
        port = self.view.viewport().rect()
        return self.view.mapToScene(port).boundingRect()

    # -- painting and gestures ------------------------------------------------------------
    def paintEvent(self, event) -> None:  # noqa: N802
        painter = QPainter(self)
        palette = current_palette()
        if self._picture is None:
            painter.fillRect(self.rect(), palette.stage_band)
            if self._scene is not None:
                self.stale()
            painter.end()
            return
        painter.drawPixmap(0, 0, self._picture)
        area = self.to_widget(self.visible_area()).intersected(QRectF(self.rect()))
        if not area.isEmpty():
            shade = QColor(palette.selection)
            shade.setAlpha(40)
            painter.fillRect(area, shade)
            painter.setPen(QPen(palette.selection, 2))
            painter.drawRect(area.adjusted(1, 1, -1, -1))
        painter.end()

    def resizeEvent(self, event) -> None:  # noqa: N802
        super().resizeEvent(event)
        self.render_now()

    def showEvent(self, event) -> None:  # noqa: N802
        super().showEvent(event)
        self.stale()

    def changeEvent(self, event) -> None:  # noqa: N802
        if event.type() in (QEvent.Type.PaletteChange, QEvent.Type.ApplicationPaletteChange):
            self.stale()
        super().changeEvent(event)

    def mousePressEvent(self, event) -> None:  # noqa: N802
        if event.button() == Qt.MouseButton.LeftButton:
            self._centre_at(event.position())
            event.accept()
            return
        super().mousePressEvent(event)

    def mouseMoveEvent(self, event) -> None:  # noqa: N802
        if event.buttons() & Qt.MouseButton.LeftButton:
            self._centre_at(event.position())
            event.accept()
            return
        super().mouseMoveEvent(event)

    def _centre_at(self, point: QPointF) -> None:
        if self._picture is None:
            return
        self.view.centerOn(self.to_scene(point))
        self.update()


class OverviewDock(QDockWidget):
    def __init__(self, window) -> None:
        super().__init__("Overview", window)
        self.setObjectName("overview-dock")
        self.map = OverviewMap(window.view, self)
        self.setWidget(self.map)

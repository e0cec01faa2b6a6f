"""The widget that shows a journey scene: zoom, pan, keys, and selection by id.

Zoom with Ctrl+wheel or Ctrl+plus/minus/0; plain wheel scrolls; pan by dragging
with the middle button or with Space held. Keys act on the selection: Delete,
F2, digits (emotion values), -/+ (one level down/up, or - then a digit for a
negative value), M (moment of truth).
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QPointF, QRect, QRectF, Qt, QTimer, Signal
from PySide6.QtGui import QPainter, QPalette, QRegion, QTransform
from PySide6.QtWidgets import QGraphicsView

from motdesk.graph.vocabulary import EmotionScale, View
from motdesk.ui.canvas.scene import JourneyScene
from motdesk.ui.canvas.style import DETAIL_LOD

ZOOM_STEP = 1.25
MIN_ZOOM = 0.01
MAX_ZOOM = 4.0
READABLE_ZOOM = 0.55  # below this a card's label is too small to read
NO_JOURNEY_HINT = "This project has no journey. Journey > New Journey adds one."
FRAME_MARGIN = 8  # pixels between the viewport's edge and the map on a first look
FIT_SLACK = 4  # pixels a fitted map leaves free, so no scroll bar appears for a rounding

_DIGITS = {getattr(Qt.Key, f"Key_{d}"): d for d in range(10)}
_MODIFIER_KEYS = (Qt.Key.Key_Shift, Qt.Key.Key_Control, Qt.Key.Key_Alt, Qt.Key.Key_Meta)
MINUS_WAIT_MS = 1500  # how long "-" waits for a digit before it lowers by one level
DIGIT_HINT = "Digits set the emotion: 2 is +2, - then 2 is −2, 0 is neutral; + and - step by one."


def is_signed(scale: EmotionScale) -> bool:
    """A scale with negative values (-3..3, -2..2): digits there mean +d, "-" then d means −d."""
    return scale.low < 0


def digit_value(digit: int, scale: EmotionScale, negative: bool = False) -> int | None:
    """The emotion a digit key sets on `scale` (None: beyond the scale).

    On a signed scale digit d is +d, or −d after "-"; on 1..5 and 1..10 it is
    the value itself, 0 being 10.
    """
    if is_signed(scale):
        value = -digit if negative else digit
    elif negative:
        return None
    else:
        value = 10 if digit == 0 else digit
    return value if scale.contains(value) else None


class JourneyView(QGraphicsView):
    """A view of one `JourneyScene` (or none)."""

    zoomChanged = Signal(float)
    selectionChangedIds = Signal()
    notice = Signal(str)
    sceneReplaced = Signal()  # another journey scene (or none) is shown
    viewModeChanged = Signal(object)  # the View now shown

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._view_mode = View.CURRENT
        self._fitted = False  # Fit Journey: the map alone, centred, refitted on resizes
        self._exposed: QRegion | None = None  # the region a paint event repaints
        self._pan_from: QPointF | None = None
        self._space_down = False
        self._digits_explained = False
        self._minus_timer = QTimer(self)
        self._minus_timer.setSingleShot(True)
        self._minus_timer.setInterval(MINUS_WAIT_MS)
        self._minus_timer.timeout.connect(self.flush_minus)
        self.setRenderHint(QPainter.RenderHint.TextAntialiasing, True)
        self.setDragMode(QGraphicsView.DragMode.RubberBandDrag)
        self.setRubberBandSelectionMode(Qt.ItemSelectionMode.IntersectsItemShape)
        self.setTransformationAnchor(QGraphicsView.ViewportAnchor.AnchorUnderMouse)
        # a find bar or a dock that opens keeps the map's top left where it was, and a map
        # smaller than the window sits at the top left, not in the middle of a band
        self.setResizeAnchor(QGraphicsView.ViewportAnchor.NoAnchor)
        self.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self.setViewportUpdateMode(QGraphicsView.ViewportUpdateMode.MinimalViewportUpdate)
        self.setOptimizationFlag(QGraphicsView.OptimizationFlag.DontAdjustForAntialiasing, True)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setMouseTracking(True)
        self._fills_itself(True)  # no journey yet

    # -- scene -------------------------------------------------------------------------
    def _fills_itself(self, fills: bool) -> None:
        """With a journey every pixel is painted by `drawBackground` and the map, so the
        viewport does not fill itself first; with none, Qt paints nothing at all (no
        scene, no background), so the viewport fills itself or shows old pixels."""
        self.viewport().setAutoFillBackground(fills)
        self.viewport().setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent, not fills)

    def journey_scene(self) -> JourneyScene | None:
        scene = self.scene()
        return scene if isinstance(scene, JourneyScene) else None

    def set_scene(self, scene: JourneyScene | None) -> None:
        """Show another scene (None: nothing); the view mode carries over."""
        self.flush_minus()
        self._leave_fit()
        old = self.journey_scene()
        if old is not None:
            old.selectionChanged.disconnect(self.flush_minus)
            old.selectionChanged.disconnect(self.selectionChangedIds)
            old.notice.disconnect(self.notice)
            old.mapChanged.disconnect(self._map_changed)
        self.setScene(scene)
        self._fills_itself(scene is None)
        self.viewport().update()
        if scene is not None:
            self._follow_palette(scene)
            scene.set_view_mode(self._view_mode)
            scene.selectionChanged.connect(self.flush_minus)
            scene.selectionChanged.connect(self.selectionChangedIds)
            scene.notice.connect(self.notice)
            scene.mapChanged.connect(self._map_changed)
        self.sceneReplaced.emit()
        self.selectionChangedIds.emit()

    def _follow_palette(self, scene: JourneyScene) -> None:
        """The viewport's own background is the map's band colour: no second fill per frame."""
        palette = self.viewport().palette()
        palette.setColor(QPalette.ColorRole.Base, scene.style.palette.stage_band)
        self.viewport().setPalette(palette)

    def drawBackground(self, painter: QPainter, rect: QRectF) -> None:
        """Fill around the map, which fills its own pixels: each pixel is filled once a frame
        (the viewport does not fill itself first, see `__init__`)."""
        scene = self.journey_scene()
        if scene is None:
            painter.fillRect(rect, self.viewport().palette().base())
        else:
            scene.background.fill_around(painter, rect)

    def drawForeground(self, painter: QPainter, rect: QRectF) -> None:  # noqa: N802
        """Headers scrolled out of view stay pinned to the window's top and left edges."""
        scene = self.journey_scene()
        if scene is None or self.zoom_factor() < DETAIL_LOD:
            return
        shown = self.mapToScene(self.viewport().rect()).boundingRect()
        wide, high = scene.background.pinned_reach()  # device pixels
        port = self.viewport().rect()
        left_edge, top_edge = QRect(0, 0, wide, port.height()), QRect(0, 0, port.width(), high)
        exposed = self._exposed
        if exposed is not None:  # on screen: only the edges the repainted region meets
            lanes, stages = exposed.intersects(left_edge), exposed.intersects(top_edge)
        else:
            device = painter.worldTransform().mapRect(rect).toAlignedRect()
            lanes, stages = device.intersects(left_edge), device.intersects(top_edge)
        if lanes or stages:
            scene.background.paint_pinned(painter, shown, lanes=lanes, stages=stages)

    def paintEvent(self, event) -> None:  # noqa: N802
        if self.scene() is None:  # no journey: say how to get one
            super().paintEvent(event)
            painter = QPainter(self.viewport())
            painter.setPen(self.palette().color(QPalette.ColorRole.PlaceholderText))
            painter.drawText(
                self.viewport().rect(),
                Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap,
                NO_JOURNEY_HINT,
            )
            painter.end()
            return
        self._exposed = event.region()  # what `drawForeground` may leave alone
        try:
            super().paintEvent(event)
        finally:
            self._exposed = None

    def scrollContentsBy(self, dx: int, dy: int) -> None:  # noqa: N802
        super().scrollContentsBy(dx, dy)
        scene = self.journey_scene()
        if scene is None:
            return
        # the window's pixels moved with the map, pinned tags too: paint the edges where
        # tags stand again
        port = self.viewport().rect()
        wide, high = scene.background.pinned_reach()
        self.viewport().update(QRect(0, 0, wide + abs(dx), port.height()))
        self.viewport().update(QRect(0, 0, port.width(), high + abs(dy)))

    def refresh_palette(self) -> None:
        """Follow a change of the desktop's light or dark theme."""
        scene = self.journey_scene()
        if scene is not None:
            scene.refresh_palette()
            self._follow_palette(scene)

    @property
    def journey_id(self) -> str | None:
        scene = self.journey_scene()
        return scene.journey_id if scene is not None else None

    # -- view mode ---------------------------------------------------------------------
    def view_mode(self) -> View:
        return self._view_mode

    def set_view_mode(self, view: View) -> None:
        """Current, future or compare; keeps the selection and the zoom."""
        self.flush_minus()
        self._view_mode = View(view)
        scene = self.journey_scene()
        if scene is not None:
            scene.set_view_mode(self._view_mode)
        self.viewModeChanged.emit(self._view_mode)

    # -- selection ---------------------------------------------------------------------
    def selected_step_ids(self) -> list[str]:
        scene = self.journey_scene()
        return scene.selected_step_ids() if scene is not None else []

    def selected_transition_ids(self) -> list[str]:
        scene = self.journey_scene()
        return scene.selected_transition_ids() if scene is not None else []

    def select_ids(self, step_ids, transition_ids=()) -> None:
        scene = self.journey_scene()
        if scene is not None:
            scene.select_ids(list(step_ids), list(transition_ids))

    def center_on_step(self, step_id: str) -> None:
        scene = self.journey_scene()
        item = scene.step_item(step_id) if scene is not None else None
        if item is not None:
            self.centerOn(item.sceneBoundingRect().center())

    def edit_label(self, step_id: str) -> None:
        """Start editing a step's label in place, scrolling it into view."""
        scene = self.journey_scene()
        item = scene.step_item(step_id) if scene is not None else None
        if item is None:
            return
        self.ensureVisible(item.sceneBoundingRect(), 40, 40)
        self.setFocus()
        scene.edit_label(step_id)

    # -- zoom --------------------------------------------------------------------------
    def zoom_factor(self) -> float:
        return self.transform().m11()

    def _set_zoom(self, factor: float) -> None:
        self._leave_fit(centred=True)
        factor = max(MIN_ZOOM, min(MAX_ZOOM, factor))
        current = self.zoom_factor()
        if abs(factor - current) > 1e-9:
            self.scale(factor / current, factor / current)
        self.zoomChanged.emit(self.zoom_factor())

    def zoom_in(self) -> None:
        self._zoom_about_middle(self.zoom_factor() * ZOOM_STEP)

    def zoom_out(self) -> None:
        self._zoom_about_middle(self.zoom_factor() / ZOOM_STEP)

    def zoom_reset(self) -> None:
        """100 %."""
        self._zoom_about_middle(1.0)

    def _zoom_about_middle(self, factor: float) -> None:
        """A zoom from a key or a menu keeps the middle of the window where it is (Ctrl+wheel
        zooms about the pointer; a key would otherwise zoom about wherever the pointer
        was last seen, perhaps far off the map)."""
        self.setTransformationAnchor(QGraphicsView.ViewportAnchor.AnchorViewCenter)
        try:
            self._set_zoom(factor)
        finally:
            self.setTransformationAnchor(QGraphicsView.ViewportAnchor.AnchorUnderMouse)

    def zoom_fit(self) -> None:
        """The whole map in the window, in its middle, with no scroll bars; it stays fitted
        as the window changes size (presentation, a panel closed) or the map grows, until
        the next zoom."""
        scene = self.journey_scene()
        if scene is None:
            return
        rect = scene.map_rect()
        if rect.isEmpty():
            return
        self._fitted = True
        self.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self._fit(rect, cap=MAX_ZOOM, slack=FIT_SLACK)
        self.setSceneRect(rect)  # not the room kept right of and below the map for dragging
        self.centerOn(rect.center())

    def look(self) -> tuple[float, QPointF, bool]:
        """Where the view looks: zoom, the scene point in the middle, fitted or not."""
        return self.zoom_factor(), self.mapToScene(self.viewport().rect().center()), self._fitted

    def restore_look(self, look: tuple[float, QPointF, bool]) -> None:
        """Look again as `look` says (a journey shown again where it was left)."""
        zoom, centre, fitted = look
        if fitted:
            self.zoom_fit()
            return
        self._leave_fit()
        self.setTransform(QTransform.fromScale(zoom, zoom))
        self.centerOn(centre)
        self.zoomChanged.emit(self.zoom_factor())

    def is_fitted(self) -> bool:
        """Whether the view shows the whole map since the last Fit Journey."""
        return self._fitted

    def _leave_fit(self, centred: bool = False) -> None:
        """Back to the scene's own extent (with room to drag into) where the view is now.

        `centred` (a zoom after Fit Journey): a map smaller than the window stays in its
        middle, as the fit showed it, instead of going to the top left; it is kept so until
        the view shows another journey or its first look."""
        if not self._fitted:
            if not centred:
                self.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
            return
        self._fitted = False
        centre = self.mapToScene(self.viewport().rect().center())
        self.setSceneRect(QRectF())
        if not centred:
            self.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self.centerOn(centre)

    def _map_changed(self) -> None:
        if self._fitted:
            self.zoom_fit()

    def resizeEvent(self, event) -> None:  # noqa: N802
        super().resizeEvent(event)
        if self._fitted:
            self.zoom_fit()

    def zoom_readable(self) -> None:
        """A first look at the map: 100 % if its height fits (else the height fitted, but
        never below `READABLE_ZOOM`), from its top left corner."""
        scene = self.journey_scene()
        if scene is None:
            return
        self._leave_fit()
        rect = scene.map_rect()
        if rect.isEmpty():
            return
        height = self.viewport().height() - 2 * FRAME_MARGIN
        factor = max(READABLE_ZOOM, min(1.0, height / rect.height()))
        self.setTransform(QTransform.fromScale(factor, factor))
        self.show_top_left(rect)
        self.zoomChanged.emit(self.zoom_factor())

    def show_top_left(self, rect: QRectF) -> None:
        """Scroll so that `rect`'s top left corner is near the viewport's top left."""
        factor = self.zoom_factor()
        port = self.viewport().rect()
        margin = FRAME_MARGIN / factor
        self.centerOn(
            rect.left() - margin + port.width() / factor / 2,
            rect.top() - margin + port.height() / factor / 2,
        )

    def reveal(self, step_ids: list[str]) -> None:
        """Select the cards of these steps that the view shows and scroll them into view."""
        scene = self.journey_scene()
        if scene is None:
            return
        shown = [s for s in dict.fromkeys(step_ids) if s in scene.step_items
                 and scene.step_items[s].isVisible()]  # fmt: skip
        if not shown:
            return
        self.select_ids(shown)
        area = QRectF()
        for step_id in shown:
            area = area.united(scene.step_items[step_id].sceneBoundingRect())
        if not self._fitted:  # a fitted view shows every card already
            self.ensureVisible(area, 40, 40)

    def zoom_to_selection(self) -> None:
        scene = self.journey_scene()
        if scene is None:
            return
        self._leave_fit()
        rect = QRectF()
        for item in scene.selectedItems():
            rect = rect.united(item.sceneBoundingRect())
        if not rect.isEmpty():
            self._fit(rect.adjusted(-40, -40, 40, 40), cap=1.5)

    def _fit(self, rect: QRectF, cap: float, slack: float | None = None) -> None:
        """`slack`: fit into the viewport as it is with no scroll bars, less `slack` pixels."""
        if rect.isEmpty():
            return
        if slack is None:
            port = self.viewport().rect()
            width, height = port.width(), port.height()
        else:
            most = self.maximumViewportSize()
            width, height = most.width() - slack, most.height() - slack
        factor = min(width / rect.width(), height / rect.height())
        factor = max(MIN_ZOOM, min(cap, factor))
        self.setTransform(QTransform.fromScale(factor, factor))
        self.centerOn(rect.center())
        self.zoomChanged.emit(self.zoom_factor())

    # -- events ------------------------------------------------------------------------
    def changeEvent(self, event) -> None:
        if event.type() in (QEvent.Type.PaletteChange, QEvent.Type.ApplicationPaletteChange):
            self.refresh_palette()  # the desktop switched between light and dark
        super().changeEvent(event)

    def wheelEvent(self, event) -> None:
        modifiers = event.modifiers()
        if modifiers & Qt.KeyboardModifier.ControlModifier:
            steps = event.angleDelta().y() / 120
            if steps:
                self._set_zoom(self.zoom_factor() * (1.15**steps))
            event.accept()
            return
        if modifiers & Qt.KeyboardModifier.ShiftModifier and event.angleDelta().x() == 0:
            # Shift+wheel scrolls across, as in most desktop programs (a map is wide)
            bar = self.horizontalScrollBar()
            bar.setValue(bar.value() - round(event.angleDelta().y() / 120 * bar.singleStep() * 3))
            event.accept()
            return
        super().wheelEvent(event)

    def mousePressEvent(self, event) -> None:
        if event.button() == Qt.MouseButton.MiddleButton:
            self._pan_from = event.position()
            self.viewport().setCursor(Qt.CursorShape.ClosedHandCursor)
            event.accept()
            return
        super().mousePressEvent(event)

    def mouseMoveEvent(self, event) -> None:
        if self._pan_from is not None:
            delta = event.position() - self._pan_from
            self._pan_from = event.position()
            bar_x, bar_y = self.horizontalScrollBar(), self.verticalScrollBar()
            bar_x.setValue(bar_x.value() - round(delta.x()))
            bar_y.setValue(bar_y.value() - round(delta.y()))
            event.accept()
            return
        super().mouseMoveEvent(event)

    def mouseReleaseEvent(self, event) -> None:
        if event.button() == Qt.MouseButton.MiddleButton and self._pan_from is not None:
            self._pan_from = None
            self.viewport().unsetCursor()
            event.accept()
            return
        super().mouseReleaseEvent(event)

    # -- emotion keys ------------------------------------------------------------------
    def minus_pending(self) -> bool:
        """A "-" waits for a digit (on a signed scale) and has changed nothing yet."""
        return self._minus_timer.isActive()

    def flush_minus(self) -> None:
        """No digit followed the "-": it lowers the selection by one level after all."""
        if not self._minus_timer.isActive():
            return
        self._minus_timer.stop()
        scene = self.journey_scene()
        if scene is not None:
            scene.nudge_emotion(-1)

    def _explain_digits(self) -> None:
        if not self._digits_explained:
            self._digits_explained = True
            self.notice.emit(DIGIT_HINT)

    def _digit(self, scene: JourneyScene, digit: int) -> None:
        negative = self._minus_timer.isActive()
        self._minus_timer.stop()
        value = digit_value(digit, scene.style.scale, negative)
        if value is not None:
            scene.set_emotion_value(value)
        self._explain_digits()

    def _minus(self, scene: JourneyScene) -> None:
        self.flush_minus()  # "- -": the first one lowers now
        if is_signed(scene.style.scale) and scene.selected_step_ids():
            self._minus_timer.start()
        else:
            scene.nudge_emotion(-1)

    def focusOutEvent(self, event) -> None:
        self.flush_minus()
        super().focusOutEvent(event)

    def keyPressEvent(self, event) -> None:
        scene = self.journey_scene()
        if scene is None or scene.is_editing():
            super().keyPressEvent(event)
            return
        if self.minus_pending() and not (event.key() in _DIGITS or event.key() in _MODIFIER_KEYS):
            self.flush_minus()
        if self._handle_key(scene, event):
            event.accept()
            return
        super().keyPressEvent(event)

    def _handle_key(self, scene: JourneyScene, event) -> bool:
        key = event.key()
        mods = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        ctrl = bool(mods & Qt.KeyboardModifier.ControlModifier)
        if ctrl:
            if key in (Qt.Key.Key_Plus, Qt.Key.Key_Equal):
                self.zoom_in()
            elif key == Qt.Key.Key_Minus:
                self.zoom_out()
            elif key == Qt.Key.Key_0:
                self.zoom_reset()
            else:
                return False
            return True
        if mods & Qt.KeyboardModifier.AltModifier:
            return False
        if key in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace):
            scene.delete_selection()
        elif key == Qt.Key.Key_F2:
            steps = scene.selected_step_ids()
            if steps:
                self.edit_label(steps[0])
        elif key in _DIGITS:
            self._digit(scene, _DIGITS[key])
        elif key in (Qt.Key.Key_Minus, Qt.Key.Key_Underscore):
            self._minus(scene)
        elif key in (Qt.Key.Key_Plus, Qt.Key.Key_Equal):
            scene.nudge_emotion(+1)
        elif key == Qt.Key.Key_M:
            scene.cycle_moment(backwards=bool(mods & Qt.KeyboardModifier.ShiftModifier))
        elif key == Qt.Key.Key_Escape:
            scene.cancel_gestures()
            scene.clearSelection()
        elif key == Qt.Key.Key_Space and not event.isAutoRepeat():
            self._space_down = True
            self.setDragMode(QGraphicsView.DragMode.ScrollHandDrag)
            self.setInteractive(False)
        else:
            return False
        return True

    def keyReleaseEvent(self, event) -> None:
        if event.key() == Qt.Key.Key_Space and self._space_down and not event.isAutoRepeat():
            self._space_down = False
            self.setInteractive(True)
            self.setDragMode(QGraphicsView.DragMode.RubberBandDrag)
            event.accept()
            return
        super().keyReleaseEvent(event)

"""One item that paints every card and arrow of the scene in a single pass.

Cards and arrows are items for hit-testing, selection and dragging, but they
have no contents of their own: a Python `paint()` per item costs more than the
drawing itself. The layer asks the scene's index which items lie in the exposed
area and draws them. Zoomed out (level of detail below `DETAIL_LOD`) it replays
a recorded picture of plain coloured rectangles and straight lines instead,
one per view, rebuilt only after the journey changed; moments of truth keep
their badge shape there and moments of misery a thick frame. A card whose
opacity a filter lowered is painted faded.
"""

from __future__ import annotations

from PySide6.QtCore import QLineF, QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPainterPath, QPicture
from PySide6.QtWidgets import QGraphicsItem, QStyleOptionGraphicsItem

from motdesk.graph.views import view_emotion, visible
from motdesk.graph.vocabulary import State, View
from motdesk.ui.canvas.grid import CARD_H, CARD_W
from motdesk.ui.canvas.step_item import StepItem, moment_badge_path
from motdesk.ui.canvas.style import DETAIL_LOD, CanvasStyle, painted_area
from motdesk.ui.canvas.transition_item import TransitionItem

SMOOTH_ARROWS = 150  # at most this many arrows in view are antialiased
_EVERYWHERE = QRectF(-1e7, -1e7, 2e7, 2e7)
_CARD = QRectF(0, 0, CARD_W, CARD_H)
_MARK_R = 16.0  # a moment of truth's badge shape on a zoomed-out card, in scene units


class CardLayer(QGraphicsItem):
    """Paints the cards and arrows of its scene; takes no mouse and holds no data."""

    def __init__(self, style: CanvasStyle) -> None:
        super().__init__()
        self.style = style
        self._overviews: dict[View, QPicture] = {}  # per view, until the journey changes
        self.setAcceptedMouseButtons(Qt.MouseButton.NoButton)
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemUsesExtendedStyleOption)
        self.setZValue(-50)

    def boundingRect(self) -> QRectF:
        return _EVERYWHERE

    def invalidate_overview(self) -> None:
        """The zoomed-out pictures no longer match the journey (positions, states, fading)."""
        self._overviews.clear()

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem, widget=None) -> None:
        scene = self.scene()
        if scene is None:
            return
        lod = option.levelOfDetailFromTransform(painter.worldTransform())
        if lod < DETAIL_LOD:
            self._paint_overview(painter, scene)
            return
        exposed = option.exposedRect.intersected(painted_area(painter))
        items = scene.items(
            exposed, Qt.ItemSelectionMode.IntersectsItemBoundingRect, Qt.SortOrder.AscendingOrder
        )
        cards = []
        arrows: dict[tuple, list[TransitionItem]] = {}
        labelled = []
        for item in items:
            if not item.isVisible():
                continue
            if isinstance(item, StepItem):
                cards.append(item)
            elif isinstance(item, TransitionItem):
                selected = item.isSelected()
                colour, width, line = item.look(selected)
                arrows.setdefault((colour.rgba(), width, line), []).append(item)
                if item.has_label:
                    labelled.append((item, selected))
        self._paint_arrows(painter, arrows)
        for item, selected in labelled:  # under the cards: a card always reads
            item.draw_label(painter, selected)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)
        for card in cards:
            pos = card.pos()
            painter.translate(pos)
            dimmed = card.opacity() < 1.0  # a filter (find, only moments of truth) set it
            if dimmed:
                painter.setOpacity(card.opacity())
            card.draw(painter, card.isSelected())
            if dimmed:
                painter.setOpacity(1.0)
            painter.translate(-pos)

    def _paint_arrows(self, painter: QPainter, arrows: dict) -> None:
        """Arrows grouped by look: one pen change per group, not per arrow.

        Where many arrows cross the window they are drawn without antialiasing,
        which halves their cost; a sparse map keeps the smooth curves.
        """
        count = sum(len(group) for group in arrows.values())
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, count <= SMOOTH_ARROWS)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        for (rgba, width, line), group in arrows.items():
            painter.setPen(self.style.pen(QColor.fromRgba(rgba), width, line))
            for item in group:
                painter.drawPath(item.path)

    # -- zoomed out ----------------------------------------------------------------------
    def _paint_overview(self, painter: QPainter, scene) -> None:
        picture = self._overviews.get(self.style.view)
        if picture is None:  # switching back to a view shows the picture it had
            picture = self._overviews[self.style.view] = self._record_overview(scene)
        painter.drawPicture(0, 0, picture)
        selected = [i for i in scene.selectedItems() if i.isVisible()]
        if selected:
            painter.setPen(self.style.pen(self.style.palette.selection, 2.5))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            for item in selected:
                if isinstance(item, StepItem):
                    painter.drawRect(_CARD.translated(item.pos()))
                elif isinstance(item, TransitionItem):
                    painter.drawLine(_straight(item))

    def _record_overview(self, scene) -> QPicture:
        """Plain cards and straight arrows, read from the document's records in one pass each
        (a Python loop over 20,000 items is the cost here, so it does little per item)."""
        style = self.style
        palette = style.palette
        view = style.view
        scale = style.scale
        picture = QPicture()
        painter = QPainter(picture)
        places: dict[str, tuple[float, float]] = {}
        fills: dict[tuple, list[QRectF]] = {}
        misery: dict[int, list[QRectF]] = {}
        badges: dict[int, QPainterPath] = {}
        for step_id, item in scene.step_items.items():
            if not item.isVisible():
                continue
            pos = item.pos()
            x, y = pos.x(), pos.y()
            places[step_id] = (x, y)
            step = item.step
            emotion = view_emotion(step, view)
            opacity = item.opacity()
            rect = QRectF(x, y, CARD_W, CARD_H)
            fills.setdefault((emotion, opacity), []).append(rect)
            if step.moment is None:
                continue
            is_misery = scale.is_negative(emotion)
            ink = QColor(palette.misery if is_misery else palette.header_text)
            ink.setAlphaF(opacity)
            if is_misery:
                misery.setdefault(ink.rgba(), []).append(rect.adjusted(-8, -8, 8, 8))
            centre = QPointF(x + CARD_W - _MARK_R - 6, y + _MARK_R + 6)
            path = badges.setdefault(ink.rgba(), QPainterPath())
            path.addPath(moment_badge_path(step.moment, centre, _MARK_R))
        compare = view is View.COMPARE
        looks = {
            State.BOTH: (palette.arrow, Qt.PenStyle.SolidLine),
            State.FUTURE: (palette.arrow_added, Qt.PenStyle.DashLine)
            if compare
            else (palette.arrow, Qt.PenStyle.SolidLine),
            State.CURRENT: (palette.arrow_removed, Qt.PenStyle.DotLine)
            if compare
            else (palette.arrow, Qt.PenStyle.SolidLine),
        }
        lines: dict[State, list[QLineF]] = {}
        half = CARD_H / 2
        for item in scene.transition_items.values():
            transition = item.transition
            source = places.get(transition.source)
            target = places.get(transition.target)
            if source is None or target is None or not visible(transition.state, view):
                continue
            lines.setdefault(transition.state, []).append(
                QLineF(source[0] + CARD_W, source[1] + half, target[0], target[1] + half)
            )
        for state, batch in lines.items():
            colour, line_style = looks[state]
            painter.setPen(style.pen(colour, 1, line_style))
            painter.drawLines(batch)
        painter.setPen(Qt.PenStyle.NoPen)
        for (emotion, opacity), rects in fills.items():
            colour = style.overview_fill(None if emotion is None else scale.normalized(emotion))
            if opacity < 1.0:
                colour = QColor(colour)
                colour.setAlphaF(opacity)
            painter.setBrush(colour)
            painter.drawRects(rects)
        # Moments of truth keep their badge shape and moments of misery a thick frame
        # around the card, so both still read when the whole map fits the window.
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        for rgba, path in badges.items():
            painter.setPen(style.pen(palette.card, 1))
            painter.setBrush(QColor.fromRgba(rgba))
            painter.drawPath(path)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        for rgba, rects in misery.items():
            painter.setPen(style.pen(QColor.fromRgba(rgba), 4))
            painter.drawRects(rects)
        painter.end()
        return picture


def _straight(item: TransitionItem) -> QLineF:
    a, b = item.source.pos(), item.target.pos()
    return QLineF(QPointF(a.x() + CARD_W, a.y() + CARD_H / 2), QPointF(b.x(), b.y() + CARD_H / 2))

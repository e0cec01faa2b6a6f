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

import math
from collections import OrderedDict

from PySide6.QtCore import QLineF, QPointF, QRectF, QSizeF, Qt
from PySide6.QtGui import QColor, QPainter, QPainterPath, QPicture, QPixmap, QTransform
from PySide6.QtWidgets import QGraphicsItem, QStyleOptionGraphicsItem

from motdesk.graph.views import view_emotion, visible
from motdesk.graph.vocabulary import State, View
from motdesk.ui.canvas.grid import CARD_H, CARD_W
from motdesk.ui.canvas.step_item import StepItem, moment_badge_path
from motdesk.ui.canvas.style import DETAIL_LOD, CanvasStyle, painted_area
from motdesk.ui.canvas.transition_item import TransitionItem, draw_labels

SMOOTH_ARROWS = 150  # at most this many arrows in view are antialiased
_EVERYWHERE = QRectF(-1e7, -1e7, 2e7, 2e7)
_CARD = QRectF(0, 0, CARD_W, CARD_H)
_MARK_R = 16.0  # a moment of truth's badge shape on a zoomed-out card, in scene units
_BODY_MARGIN = 2.0  # around a card body's picture: the border's outer half
_NO_BRUSH = Qt.BrushStyle.NoBrush
_WHOLE = (QTransform.TransformationType.TxNone, QTransform.TransformationType.TxTranslate)


class CardBodies:
    """Pictures of card bodies painted at whole device pixels, for cards painted again.

    A card is drawn in full the first time it is painted (its label was laid out
    when the card was made; most cards a pan brings into view are never painted
    twice); painted a second time with nothing changed, its body becomes a picture,
    and later frames (a drag, the hover, a selection) copy it. Only the most recent
    `LIMIT` are kept (fewer on a screen with more device pixels per point: the same
    memory).
    """

    LIMIT = 400

    def __init__(self) -> None:
        # (card, look, label, code, ratio) -> (key, card, pixmap, framed: with its border,
        # hatching and frames); a card painted in several looks (views) has several
        self._kept: OrderedDict[tuple, tuple] = OrderedDict()
        self._seen: dict[tuple, tuple] = {}  # the same -> (key, card) painted once so far

    def draw(self, painter: QPainter, card: StepItem, x: float, y: float, frame: tuple) -> bool:
        """Paint the card at (x, y) from its picture; False if it must be drawn (first paint,
        not on whole device pixels). `frame` is `frame_of` the painter, worked out once a frame.

        Qt draws the corner of a border cut by the window's edge a pixel differently
        than a whole one, so a card wholly inside the window is copied with its border
        (and the hatching and frame of misery over it), and a card the edge cuts is copied
        without them and they are drawn afresh over the picture, where the card is now."""
        dx, dy, ratio, right, bottom = frame
        left, top = dx + x, dy + y
        if ratio == 1.0:
            if abs(left - round(left)) > 1e-6 or abs(top - round(top)) > 1e-6:
                return False
        elif abs(left * ratio - round(left * ratio)) > 1e-6 or abs(
            top * ratio - round(top * ratio)
        ) > 1e-6:
            return False
        inside = _BODY_MARGIN <= left <= right and _BODY_MARGIN <= top <= bottom
        key = card.body_key()
        # a card keeps a picture per look (a view switch and back copies both)
        slot = (id(card), id(key[0]), id(key[1]), key[2], ratio)
        kept = self._kept.get(slot)
        if kept is not None and kept[1] is card and kept[0] == key and (inside or not kept[3]):
            self._kept.move_to_end(slot)
            pixmap, framed = kept[2], kept[3]
        else:
            if kept is None or kept[1] is not card or kept[0] != key:
                seen = self._seen.get(slot)  # not a cut framed one: never copied yet
                if seen is None or seen[1] is not card or seen[0] != key:
                    if len(self._seen) > 4 * self.LIMIT:
                        self._seen.clear()
                    self._seen[slot] = (key, card)
                    return False
            pixmap, framed = self._picture(card, ratio, inside), inside
            self._kept[slot] = (key, card, pixmap, framed)
            self._kept.move_to_end(slot)
            while len(self._kept) > self.LIMIT / max(1.0, ratio * ratio):  # ~30 MB at most
                self._kept.popitem(last=False)
        painter.drawPixmap(QPointF(x - _BODY_MARGIN, y - _BODY_MARGIN), pixmap)
        if not framed:  # the border, hatching and frame afresh, where the card is now
            painter.translate(x, y)
            card.draw_frame(painter)
            painter.translate(-x, -y)
        return True

    @staticmethod
    def frame_of(painter: QPainter, ratio: float) -> tuple:
        """What `draw` needs of the painter, the same for every card of a frame: the
        translation, the device pixel ratio, and the last left and top a card may have
        to lie wholly inside the device."""
        transform = painter.worldTransform()
        device = painter.device()
        return (
            transform.dx(),
            transform.dy(),
            ratio,
            device.width() - CARD_W - _BODY_MARGIN,
            device.height() - CARD_H - _BODY_MARGIN,
        )

    def clear(self) -> None:
        self._kept.clear()
        self._seen.clear()

    @staticmethod
    def _picture(card: StepItem, ratio: float, framed: bool) -> QPixmap:
        size = QSizeF(CARD_W + 2 * _BODY_MARGIN, CARD_H + 2 * _BODY_MARGIN) * ratio
        pixmap = QPixmap(math.ceil(size.width()), math.ceil(size.height()))
        pixmap.setDevicePixelRatio(ratio)
        pixmap.fill(Qt.GlobalColor.transparent)
        painter = QPainter(pixmap)
        painter.setRenderHint(QPainter.RenderHint.TextAntialiasing, True)
        painter.translate(_BODY_MARGIN, _BODY_MARGIN)
        card.draw_body(painter, framed)
        painter.end()
        return pixmap


class CardLayer(QGraphicsItem):
    """Paints the cards and arrows of its scene; takes no mouse and holds no data."""

    def __init__(self, style: CanvasStyle) -> None:
        super().__init__()
        self.style = style
        self._overviews: dict[View, QPicture] = {}  # per view, until the journey changes
        self._bodies = CardBodies()
        self.setAcceptedMouseButtons(Qt.MouseButton.NoButton)
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemUsesExtendedStyleOption)
        self.setZValue(-50)

    def boundingRect(self) -> QRectF:
        return _EVERYWHERE

    def invalidate_overview(self) -> None:
        """The zoomed-out pictures no longer match the journey (positions, states, fading)."""
        self._overviews.clear()

    def forget_bodies(self) -> None:
        """Drop the pictures of card bodies (the palette or the fonts changed)."""
        self._bodies.clear()

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
        arrows: dict[int, list] = {}  # id of a pen -> [pen, arrows drawn with it...]
        labelled = []
        for item in items:
            kind = type(item)
            if kind is TransitionItem:
                if not item.isVisible():
                    continue
                selected = item.isSelected()
                pen = item.pen(selected)
                group = arrows.get(id(pen))
                if group is None:
                    group = arrows[id(pen)] = [pen]
                group.append(item)
                if item.has_label:
                    labelled.append((item, selected))
            elif kind is StepItem and item.isVisible():
                cards.append(item)
        self._paint_arrows(painter, arrows, scene.is_dragging())
        if labelled:  # under the cards: a card always reads
            draw_labels(painter, labelled, self.style)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)
        bodies = self._bodies
        transform = painter.worldTransform()
        whole = transform.type() in _WHOLE  # no scaling: pictures of bodies fit the pixels
        if whole:
            frame = bodies.frame_of(painter, painter.device().devicePixelRatio())
        for card in cards:
            pos = card.pos()
            x, y = pos.x(), pos.y()
            dimmed = card.opacity() < 1.0  # a filter (find, only moments of truth) set it
            if whole and not dimmed and bodies.draw(painter, card, x, y, frame):
                selected = card.isSelected()
                if selected or card._hovered:  # what `draw_marks` paints: a frame or the handle
                    painter.translate(x, y)
                    card.draw_marks(painter, selected)
                    painter.translate(-x, -y)
                continue
            painter.translate(x, y)
            if dimmed:
                painter.setOpacity(card.opacity())
            card.draw(painter, card.isSelected())
            if dimmed:
                painter.setOpacity(1.0)
            painter.translate(-x, -y)

    def _paint_arrows(self, painter: QPainter, arrows: dict, dragging: bool = False) -> None:
        """Arrows grouped by look: one pen change per group, not per arrow.

        Where many arrows cross the window, and while cards are dragged (each mouse-move
        repaints them), they are drawn without antialiasing, which halves their cost; a
        sparse map at rest keeps the smooth curves.
        """
        count = sum(len(group) - 1 for group in arrows.values())
        smooth = count <= SMOOTH_ARROWS and not dragging
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, smooth)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        for group in arrows.values():
            painter.setPen(group[0])
            for index in range(1, len(group)):
                painter.drawPath(group[index].path)

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

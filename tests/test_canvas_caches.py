"""What the canvas keeps between frames never shows a stale picture: arrows and their labels
after a change of view or of the transition."""

from __future__ import annotations

from PySide6.QtCore import QPointF
from PySide6.QtGui import QImage, QPainter

from motdesk.graph.document import Document
from motdesk.graph.vocabulary import State, View
from motdesk.resources import template
from motdesk.ui.canvas import JourneyScene, JourneyView


def frame(view: JourneyView) -> QImage:
    image = QImage(view.viewport().size(), QImage.Format.Format_ARGB32_Premultiplied)
    painter = QPainter(image)
    view.render(painter)
    painter.end()
    return image


def open_view(qtbot, document: Document, mode: View, centre: QPointF) -> tuple:
    scene = JourneyScene(document, document.project.journeys[0].id)
    view = JourneyView()
    qtbot.addWidget(view)
    view.resize(900, 600)
    view.set_scene(scene)
    view.set_view_mode(mode)
    view.show()
    qtbot.waitExposed(view)
    view.zoom_reset()
    view.centerOn(centre)
    return scene, view


def close(scene: JourneyScene, view: JourneyView) -> None:
    view.set_scene(None)
    scene.detach()


def shown_arrow(scene: JourneyScene, view: JourneyView):
    shown = view.mapToScene(view.viewport().rect()).boundingRect()
    return next(
        item
        for item in scene.transition_items.values()
        if item.isVisible() and shown.contains(item.middle()) and item.has_label
    )


def test_arrows_follow_a_change_of_view_and_of_their_transition(qtbot):
    document = Document(template("airline").load())
    journey = document.project.journeys[0]
    centre = QPointF(900, 300)
    scene, view = open_view(qtbot, document, View.CURRENT, centre)
    arrow = shown_arrow(scene, view)
    arrow.setSelected(True)
    for _ in range(2):
        frame(view)  # the arrows' pens are worked out and kept
    view.set_view_mode(View.COMPARE)
    arrow.setSelected(False)
    frame(view)
    fresh_scene, fresh_view = open_view(qtbot, document, View.COMPARE, centre)
    assert frame(view) == frame(fresh_view)
    document.update_transition(journey.id, arrow.transition_id, state=State.FUTURE, share=0.25)
    assert frame(view) == frame(fresh_view)
    assert arrow.pen(False).color() == scene.style.palette.arrow_added  # drawn as added
    close(scene, view)
    close(fresh_scene, fresh_view)

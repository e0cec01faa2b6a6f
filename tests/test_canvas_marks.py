"""A selected card or one under the mouse shows its marks, and the cards painted after it
look just as they do when nothing is selected (the smooth handle does not blur them)."""

from __future__ import annotations

from PySide6.QtCore import QPointF

from motdesk.graph.document import Document
from motdesk.graph.vocabulary import View
from motdesk.resources import template
from motdesk.ui.canvas import JourneyScene, JourneyView
from tests.canvas_frames import frame


def test_cards_after_a_selected_one_look_as_when_nothing_is_selected(qtbot):
    document = Document(template("airline").load())
    scene = JourneyScene(document, document.project.journeys[0].id)
    view = JourneyView()
    qtbot.addWidget(view)
    view.resize(900, 600)
    view.set_scene(scene)
    view.set_view_mode(View.COMPARE)
    view.show()
    qtbot.waitExposed(view)
    for zoom in (0.8, 1.0):  # drawn in full; drawn, then copied from pictures
        view.resetTransform()
        view.scale(zoom, zoom)
        view.centerOn(QPointF(900, 300))
        window = view.viewport().rect()
        shown = [
            card
            for card in scene.step_items.values()  # in the order they are painted
            if window.contains(view.mapFromScene(card.sceneBoundingRect()).boundingRect())
        ]
        assert len(shown) > 3
        plain = [frame(view) for _ in range(3)]
        shown[0].setSelected(True)
        marked = [frame(view) for _ in range(3)]
        assert marked[0] != plain[0]  # the selected card shows its frame and handle
        for card in shown[1:]:
            area = view.mapFromScene(card.sceneBoundingRect()).boundingRect()
            for before, after in zip(plain, marked, strict=True):
                assert before.copy(area) == after.copy(area), card.step.label
        shown[0].setSelected(False)
    view.set_scene(None)
    scene.detach()

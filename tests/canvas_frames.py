"""A journey canvas opened on its own and its frames, for tests that compare what it paints."""

from __future__ import annotations

from PySide6.QtCore import QPointF
from PySide6.QtGui import QImage, QPainter

from motdesk.graph.document import Document
from motdesk.graph.vocabulary import View
from motdesk.ui.canvas import JourneyScene, JourneyView


def frame(view: JourneyView) -> QImage:
    """One frame of the view, pixel for pixel, as the screen would show it."""
    image = QImage(view.viewport().size(), QImage.Format.Format_ARGB32_Premultiplied)
    painter = QPainter(image)
    view.render(painter)
    painter.end()
    return image


def open_view(
    qtbot, document: Document, mode: View, centre: QPointF | None = None
) -> tuple[JourneyScene, JourneyView]:
    """The first journey of `document` in a 900x600 view at 100 %, centred on `centre`
    (900, 300 if not given)."""
    scene = JourneyScene(document, document.project.journeys[0].id)
    view = JourneyView()
    qtbot.addWidget(view)
    view.resize(900, 600)
    view.set_scene(scene)
    view.set_view_mode(mode)
    view.show()
    qtbot.waitExposed(view)
    view.zoom_reset()
    view.centerOn(centre if centre is not None else QPointF(900, 300))
    return scene, view


def close(scene: JourneyScene, view: JourneyView) -> None:
    """Let the scene stop following the document."""
    view.set_scene(None)
    scene.detach()

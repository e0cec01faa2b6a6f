"""Cards look the same however they are painted: drawn in full, or copied from the picture of
their body a later frame keeps, before and after an edit."""

from __future__ import annotations

from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QImage, QPainter

from motdesk.graph.document import Document
from motdesk.graph.vocabulary import View
from motdesk.resources import template
from tests.canvas_frames import close, frame, open_view


def test_cards_copied_from_their_pictures_look_as_drawn_in_every_view(qtbot):
    document = Document(template("airline").load())
    for mode in View:
        scene, view = open_view(qtbot, document, mode)
        step_id = next(iter(scene.step_items))
        scene.step_items[step_id].setSelected(True)
        for centre in (QPointF(900, 300), QPointF(1013, 377), QPointF(1460, 250)):
            view.centerOn(centre)  # cards cut by the window's edges at other places
            drawn = frame(view)
            assert frame(view) == drawn  # the second frame makes the pictures
            assert frame(view) == drawn  # later frames copy them
        assert scene.layer._bodies._kept  # (some cards were copied, not drawn)
        close(scene, view)


def test_an_edited_card_is_drawn_anew_not_copied_from_its_old_picture(qtbot):
    document = Document(template("airline").load())
    scene, view = open_view(qtbot, document, View.CURRENT)
    for _ in range(3):
        frame(view)
    journey = document.project.journeys[0]
    shown = view.mapToScene(view.viewport().rect()).boundingRect()
    step = next(s for s in journey.steps() if shown.contains(scene.step_items[s.id].pos()))
    document.update_step(journey.id, step.id, label="A new label", current_emotion=-3)
    edited = frame(view)
    fresh_scene, fresh_view = open_view(qtbot, document, View.CURRENT)
    assert edited == frame(fresh_view)
    close(scene, view)
    close(fresh_scene, fresh_view)


def _frame_over(view, colour) -> QImage:
    image = QImage(view.viewport().size(), QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(colour)
    painter = QPainter(image)
    view.render(painter)
    painter.end()
    return image


def test_a_frame_paints_every_pixel_of_the_window_in_and_around_the_map(qtbot):
    """The viewport does not fill itself before a frame (the map fills its own pixels and the
    view the rest): a pixel left out would show what the window held before."""
    document = Document(template("airline").load())
    scene, view = open_view(qtbot, document, View.COMPARE)
    map_rect = scene.map_rect()
    places = (map_rect.topLeft(), map_rect.center(), map_rect.bottomRight(), QPointF(-2000, -900))
    for centre in places:  # the map's corners, its middle, and far outside it
        view.centerOn(centre)
        assert _frame_over(view, Qt.GlobalColor.magenta) == _frame_over(view, Qt.GlobalColor.cyan)
    view.zoom_fit()  # the map smaller than the window, ground around it
    assert _frame_over(view, Qt.GlobalColor.magenta) == _frame_over(view, Qt.GlobalColor.cyan)
    close(scene, view)

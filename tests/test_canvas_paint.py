"""Cards look the same however they are painted: drawn in full, or copied from the picture of
their body a later frame keeps, before and after an edit."""

from __future__ import annotations

from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QImage, QPainter, QRegion

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


def test_after_a_burst_of_changes_the_canvas_shows_what_a_fresh_one_shows(qtbot):
    """Select All and a digit, or an auto-layout, changes hundreds of cards in one burst, in
    which cards and arrows stop asking to be painted one by one: the window is painted
    again once, and shows every card as it now is, with its new code."""
    from PySide6.QtWidgets import QApplication

    from benchmarks.generate import generate_project
    from motdesk.graph.layout import apply_layout
    from motdesk.graph.vocabulary import State

    document = Document(generate_project(600, seed=3))
    journey = document.project.journeys[0]
    scene, view = open_view(qtbot, document, View.CURRENT)
    shown = view.mapToScene(view.viewport().rect()).boundingRect()
    for change in (
        lambda: document.set_emotion(journey.id, [s.id for s in journey.steps()], State.CURRENT, -3),
        lambda: apply_layout(document, journey.id),
    ):
        for _ in range(2):
            frame(view)  # pictures of the cards in view, made stale by the burst
        painted: list = []
        scene.changed.connect(painted.extend)  # what the scene asks its views to paint
        change()
        for _ in range(3):
            QApplication.processEvents()
        scene.changed.disconnect(painted.extend)
        asked = QRegion()
        for rect in painted:
            asked = asked.united(rect.toAlignedRect())
        missed = QRegion(shown.toAlignedRect()).subtracted(asked)
        assert missed.isEmpty()  # the window is painted again, not only some cards
        assert {item.code for item in scene.step_items.values()} == set(scene.codes.values())
        fresh_scene, fresh_view = open_view(qtbot, document, View.CURRENT)
        assert frame(view) == frame(fresh_view)
        close(fresh_scene, fresh_view)
    close(scene, view)


def test_names_of_headers_scrolled_out_of_view_stay_pinned_to_the_window(qtbot):
    """At 100 % in the middle of a big map the stage and lane headers are out of view; their
    names are pinned as tags to the window's top and left edges, and only then."""
    document = Document(template("retail_bank").load())
    journey = document.project.journeys[0]
    scene, view = open_view(qtbot, document, View.CURRENT)
    background = scene.background
    view.show_top_left(scene.map_rect())  # the real headers in view: no tags
    frame(view)
    assert not background._tags
    bar = view.horizontalScrollBar()
    bar.setValue(bar.value() + 300)  # the first stage's name cut by the window's edge
    frame(view)
    first = journey.stages[0].name
    assert any(key[0].startswith(first) for key in background._tags)
    map_rect = scene.map_rect()
    view.centerOn(QPointF(map_rect.center().x(), map_rect.top() + 420))
    frame(view)
    pinned = {key[0] for key in background._tags}
    shown = view.mapToScene(view.viewport().rect()).boundingRect()
    geometry = scene.geometry()
    lanes = {
        lane.name
        for lane, band in zip(journey.lanes, geometry.lanes, strict=True)
        if band.start < shown.bottom() and band.end > shown.top() + 120
    }
    assert lanes and lanes <= pinned
    assert any(stage.name in text for stage in journey.stages for text in pinned)
    close(scene, view)

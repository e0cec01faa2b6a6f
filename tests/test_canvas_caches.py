"""What the canvas keeps between frames never shows a stale picture: arrows and their labels
after a change of view or of the transition, and cards copied from their pictures wherever
the window's edge cuts them."""

from __future__ import annotations

from PySide6.QtCore import QPointF

from motdesk.graph.document import Document
from motdesk.graph.views import Difference
from motdesk.graph.vocabulary import State, View
from motdesk.resources import template
from motdesk.ui.canvas import JourneyScene, JourneyView
from tests.canvas_frames import close, frame, open_view


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


def cut_views(view: JourneyView, card) -> list[QPointF]:
    """Centres of the view that put the card wholly inside the window, then its left,
    right, top and bottom edge 40 pixels outside it."""
    w, h = view.viewport().width(), view.viewport().height()
    x, y = card.pos().x(), card.pos().y()
    middle = QPointF(x + 80, y + 50)
    return [
        middle,
        QPointF(x + 40 + w / 2, y + 50),
        QPointF(x + 120 - w / 2, y + 50),
        QPointF(x + 80, y + 40 + h / 2),
        QPointF(x + 80, y + 60 - h / 2),
    ]


def test_a_card_of_misery_or_a_removed_one_cut_by_the_window_is_copied_as_drawn(qtbot):
    document = Document(template("airline").load())
    scene, view = open_view(qtbot, document, View.COMPARE, QPointF(900, 300))
    fresh_scene, fresh_view = open_view(qtbot, document, View.COMPARE, QPointF(900, 300))
    framed = [
        item
        for item in scene.step_items.values()
        if item.isVisible() and (item.is_misery() or item._look().difference is Difference.REMOVED)
    ]
    assert any(item.is_misery() for item in framed)
    assert any(not item.is_misery() for item in framed)
    cut = 0
    for card in framed:
        for centre in cut_views(view, card):
            view.centerOn(centre)
            corner = view.mapFromScene(card.pos())
            inside = (
                view.viewport()
                .rect()
                .contains(view.mapFromScene(card.sceneBoundingRect()).boundingRect())
            )
            cut += not inside and corner.x() > -160 and corner.y() > -100
            for _ in range(3):  # drawn in full or copied, its picture made, copied
                shown = frame(view)
                fresh_scene.layer.forget_bodies()
                fresh_view.centerOn(centre)
                assert shown == frame(fresh_view)  # as a card drawn in full looks there
    assert cut > 4
    assert scene.layer._bodies._kept  # (cards were copied)
    close(scene, view)
    close(fresh_scene, fresh_view)


def test_switching_views_back_and_forth_shows_each_view_as_a_fresh_canvas_would(qtbot):
    """Looks and card pictures are kept across view switches (switching back copies what
    was painted before); every frame still matches a canvas opened in that view."""
    document = Document(template("airline").load())
    journey = document.project.journeys[0]
    changed = next(
        s for s in journey.steps()
        if s.state is State.BOTH and s.future_emotion not in (None, s.current_emotion)
    )  # fmt: skip
    centre = QPointF(changed.x + 90, changed.y + 45)
    scene, view = open_view(qtbot, document, View.CURRENT, centre)
    frames = {}
    for mode in (View.CURRENT, View.FUTURE, View.COMPARE, View.CURRENT, View.FUTURE):
        view.set_view_mode(mode)
        frame(view)  # painted once, then again: the second copies the pictures
        frames.setdefault(mode, []).append(frame(view))
    card = scene.step_item(changed.id)
    assert card.emotion() == changed.future_emotion  # the future view's emotion
    close(scene, view)
    for mode, seen in frames.items():
        fresh_scene, fresh_view = open_view(qtbot, document, mode, centre)
        frame(fresh_view)
        expected = frame(fresh_view)
        close(fresh_scene, fresh_view)
        for image in seen:
            assert image == expected, mode


def test_a_palette_or_scale_change_works_every_look_out_again(qtbot):
    document = Document(template("airline").load())
    scene, view = open_view(qtbot, document, View.CURRENT, QPointF(900, 300))
    card = next(iter(scene.step_items.values()))
    before = card._look()
    view.set_view_mode(View.FUTURE)
    view.set_view_mode(View.CURRENT)
    assert card._look() is before  # a view switch keeps the looks
    view.refresh_palette()  # the desktop went dark, or the other way
    assert card._look() is not before
    close(scene, view)

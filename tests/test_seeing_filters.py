"""What the map draws for a reader: the emotional curve, the moments-only filter, moments of
misery zoomed out, badge shapes, the legend, the overview and the colour scheme."""

from __future__ import annotations

import itertools

import pytest
from PySide6.QtCore import QEvent, QPointF, QRectF, QSettings, Qt
from PySide6.QtGui import QColor, QGuiApplication, QHelpEvent, QImage, QPainter, QPalette
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QToolTip

from motdesk.graph.analysis import analyze
from motdesk.graph.vocabulary import MOMENT_NAMES, Moment, State, View
from motdesk.ui.canvas.grid import CARD_H, CARD_W
from motdesk.ui.canvas.step_item import moment_badge_path
from motdesk.ui.seeing import CURVE_KEY
from motdesk.ui.theme import ColourScheme
from tests.test_seeing import open_windows, settle


@pytest.fixture
def window(qtbot, monkeypatch):
    yield from open_windows(qtbot, monkeypatch)


def render(scene, source: QRectF, width: int = 600) -> QImage:
    height = max(1, round(width * source.height() / source.width()))
    image = QImage(width, height, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(QColor("white"))
    painter = QPainter(image)
    scene.render(painter, QRectF(0, 0, width, height), source)
    painter.end()
    return image


# -- emotional curve -----------------------------------------------------------------------
def test_curve_follows_the_main_path_and_its_toggle_is_remembered(window):
    win = window("retail_bank.json")
    seeing = win.seeing
    curve = seeing.curve
    seeing.curve_action.setChecked(True)
    settle()
    arc = analyze(win.document.project, win.journey_id, View.CURRENT).arc
    points = curve.points(View.CURRENT)
    assert [p.step_id for p in points] == [p.step_id for p in arc.points]
    assert [p.emotion for p in points] == [p.emotion for p in arc.points]
    journey = win.journey()
    geometry = win.scene.geometry()
    for a, b in itertools.pairwise(points):  # left to right through each stage
        step_a, step_b = journey.step(a.step_id), journey.step(b.step_id)
        if step_a.stage == step_b.stage:
            assert a.x < b.x
    for point in points:  # under the cards of its stage
        step = journey.step(point.step_id)
        band = geometry.stage(step.stage)
        assert band.start < point.x < band.end
        same_stage = [
            journey.step(p.step_id) for p in points if journey.step(p.step_id).stage == step.stage
        ]
        assert min(s.x for s in same_stage) <= point.x <= max(s.x for s in same_stage) + CARD_W
    band = curve.band_rect()
    assert band.top() > win.scene.background.map_rect().bottom()
    assert win.scene.map_rect().contains(band)  # fit-to-window shows it
    drawn = render(win.scene, band)
    seeing.curve_action.trigger()  # View > Emotional Curve off
    settle()
    assert not curve.isVisible()
    assert QSettings().value(CURVE_KEY, type=bool) is False
    assert not win.scene.map_rect().contains(band)
    assert render(win.scene, band) != drawn
    seeing.curve_action.trigger()
    settle()
    assert curve.isVisible() and QSettings().value(CURVE_KEY, type=bool) is True


def test_a_zoomed_out_curve_leaves_out_its_key_and_repeated_names_but_not_at_100(window):
    """Text too small to read is noise on a projected map: the key ("today" and its mark)
    and the level names repeated along the band only show where they can be read."""
    from motdesk.ui.canvas.curve import TITLE_H

    win = window("retail_bank.json")
    win.seeing.curve_action.setChecked(True)
    settle()
    band = win.seeing.curve.band_rect()
    key = QRectF(band.right() - 140, band.top(), 140, TITLE_H)  # the top right of the band
    middle = QRectF(band.left() + 1300, band.top(), 400, band.height())  # a repeat's place

    def inked(source: QRectF, zoom: float) -> int:
        image = render(win.scene, source, max(1, round(source.width() * zoom)))
        background = image.pixelColor(0, image.height() - 1)
        return sum(
            image.pixelColor(x, y) != background
            for x in range(image.width())
            for y in range(image.height())
            if image.pixelColor(x, y).lightness() < 140
        )

    assert inked(key, 1.0) > 20 and inked(key, 0.24) == 0
    assert inked(middle.adjusted(0, 0, 0, -band.height() + TITLE_H), 1.0) > 20
    assert inked(middle.adjusted(0, 0, 0, -band.height() + TITLE_H), 0.24) == 0


def test_curve_updates_when_an_emotion_changes_and_compare_draws_both(window):
    win = window("retail_bank.json")
    curve = win.seeing.curve
    win.seeing.curve_action.setChecked(True)
    settle()
    point = curve.points(View.CURRENT)[0]
    scale = win.document.project.scale
    new = scale.high if point.emotion != scale.high else scale.low
    win.document.set_emotion(win.journey_id, [point.step_id], State.CURRENT, new)
    settle()
    assert curve.points(View.CURRENT)[0].emotion == new
    assert curve.shown_views() == (View.CURRENT,)
    band = curve.band_rect()
    current_only = render(win.scene, band)
    win.actions.views[View.COMPARE].trigger()
    settle()
    assert curve.shown_views() == (View.CURRENT, View.FUTURE)
    assert curve.points(View.FUTURE)  # the sample has target emotions
    assert render(win.scene, band) != current_only


def test_curve_leaves_with_its_journey_and_a_new_one_follows_the_next(window):
    win = window("retail_bank.json")
    old = win.seeing.curve
    second = win.document.project.journeys[1]
    win.show_journey(second.id)
    settle()
    assert win.seeing.curve is not old and win.seeing.curve.journey_id == second.id
    assert old.scene() is None


# -- moments of truth -----------------------------------------------------------------------
def test_every_moment_of_truth_code_has_its_own_badge_shape():
    shapes = {}
    for moment in Moment:
        path = moment_badge_path(moment, QPointF(0, 0), 10)
        polygon = path.toFillPolygon()
        shapes[moment] = (path.elementCount(), round(path.boundingRect().height(), 1), polygon)
    for a, b in itertools.combinations(Moment, 2):
        same = shapes[a][:2] == shapes[b][:2] and shapes[a][2] == shapes[b][2]
        assert not same, f"{a} and {b} share a badge shape"


def test_only_moments_of_truth_fades_the_other_steps(window):
    win = window("airline.json")
    journey = win.journey()
    ordinary = next(s for s in journey.steps() if s.moment is None and s.state.has_current)
    moment = next(s for s in journey.steps() if s.moment is not None and s.state.has_current)
    rect = win.scene.step_item(ordinary.id).sceneBoundingRect()
    before = render(win.scene, rect, 180)
    action = win.seeing.moments_only
    assert action in win.menus["panels"].actions()
    action.trigger()
    settle()
    for step in journey.steps():
        expected = 1.0 if step.moment is not None else pytest.approx(0.22)
        assert win.scene.step_item(step.id).opacity() == expected
    assert render(win.scene, rect, 180) != before
    # a step that becomes a moment of truth stops being faded
    win.document.set_moment(journey.id, [ordinary.id], Moment.SMOT)
    settle()
    assert win.scene.step_item(ordinary.id).opacity() == 1.0
    action.trigger()
    settle()
    assert win.scene.step_item(moment.id).opacity() == 1.0
    assert all(item.opacity() == 1.0 for item in win.scene.step_items.values())


def test_moments_of_misery_stand_out_when_the_whole_map_fits_the_window(window):
    win = window("retail_bank.json")
    win.view.zoom_fit()
    settle()
    assert win.view.zoom_factor() < 0.45  # the zoomed-out drawing
    scene = win.scene
    misery = [i for i in scene.step_items.values() if i.isVisible() and i.is_misery()]
    calm = [
        i
        for i in scene.step_items.values()
        if i.isVisible()
        and i.step.moment is None
        and all((i.pos() - m.pos()).manhattanLength() > 400 for m in misery)  # no frame nearby
    ]
    assert misery and calm
    source = scene.map_rect()
    image = render(scene, source, round(source.width() * win.view.zoom_factor()))
    factor = image.width() / source.width()
    colour = scene.style.palette.misery

    def frame_pixels(item) -> int:
        """Pixels of the misery colour on a ring just outside the card."""
        pos = item.pos()
        ring = QRectF(pos.x() - 8, pos.y() - 8, CARD_W + 16, CARD_H + 16)
        left, top = (ring.left() - source.left()) * factor, (ring.top() - source.top()) * factor
        right, bottom = left + ring.width() * factor, top + ring.height() * factor
        count = 0
        for x in range(int(left) - 2, int(right) + 3):
            for y in (int(top), int(top) + 1, int(bottom), int(bottom) - 1):
                if 0 <= x < image.width() and 0 <= y < image.height():
                    pixel = image.pixelColor(x, y)
                    if abs(pixel.red() - colour.red()) + abs(pixel.green() - colour.green()) < 60:
                        count += 1
        return count

    for item in misery:
        assert frame_pixels(item) > 10
    assert max(frame_pixels(item) for item in calm) < 5


# -- legend --------------------------------------------------------------------------------
def test_legend_lists_the_scale_every_moment_and_the_compare_marks(window):
    win = window("retail_bank.json")
    legend = win.seeing.legend
    scale = win.document.project.scale
    assert legend.rows["Emotion"] == [scale.name(v) for v in reversed(scale.levels())] + [
        "not rated"
    ]
    assert set(legend.rows["Moments of truth"]) == set(MOMENT_NAMES.values())
    assert len(legend.rows["Compare view"]) == 6
    win.document.set_emotion_scale("1..5")
    settle()
    assert legend.rows["Emotion"][:5] == ["magic", "happy", "mediocrity", "unhappy", "misery"]


def test_legend_rows_are_as_tall_as_their_text_with_the_text_beside_its_sample(window):
    """No gap under a moment's description and no description sinking below its badge."""
    from PySide6.QtWidgets import QLabel

    win = window("retail_bank.json")
    legend = win.seeing.legend
    legend.show()
    legend.raise_()
    settle()
    body = legend._scroll.widget()
    texts = [
        label
        for label in body.findChildren(QLabel)
        if label.text().split("\n")[0] in set(MOMENT_NAMES.values())
    ]
    assert len(texts) == len(MOMENT_NAMES)
    for label in texts:
        assert label.height() <= label.heightForWidth(label.width()) + 2, label.text()
        assert label.alignment() & Qt.AlignmentFlag.AlignTop


# -- overview ------------------------------------------------------------------------------
def test_overview_shows_where_the_canvas_is_and_a_click_moves_it(window):
    win = window("airline.json")
    overview = win.seeing.overview
    overview.show()
    overview.raise_()
    settle()
    minimap = overview.map
    minimap.render_now()
    assert minimap._picture is not None
    win.view.zoom_reset()
    rect = win.scene.map_rect()
    target = QPointF(rect.right() - 300, rect.center().y())
    at = minimap.to_widget(QRectF(target, target)).topLeft().toPoint()
    QTest.mouseClick(minimap, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, at)
    settle()
    centre = win.view.mapToScene(win.view.viewport().rect().center())
    step = 1 / minimap.to_widget(QRectF(0, 0, 1, 1)).width()  # scene units per overview pixel
    assert abs(centre.x() - target.x()) < 2 * step + 2
    shown = minimap.to_widget(minimap.visible_area())
    assert shown.contains(QPointF(at))


def test_zoom_to_selection_fits_the_selected_steps(window):
    win = window("airline.json")
    journey = win.journey()
    steps = [s.id for s in journey.steps() if s.state.has_current][:2]
    win.view.select_ids(steps)
    win.seeing.zoom_selection.trigger()
    settle()
    area = win.view.mapToScene(win.view.viewport().rect()).boundingRect()
    for step_id in steps:
        assert area.contains(win.scene.step_item(step_id).sceneBoundingRect())


# -- tooltips ------------------------------------------------------------------------------
def test_hovering_a_card_shows_its_full_label_and_pain_points(window, qtbot):
    win = window("airline.json")
    journey = win.journey()
    step = max(
        (s for s in journey.steps() if s.pain_points and s.state.has_current),
        key=lambda s: len(s.label),
    )
    win.view.center_on_step(step.id)
    settle()
    centre = win.scene.step_item(step.id).sceneBoundingRect().center()
    at = win.view.mapFromScene(centre)
    event = QHelpEvent(QEvent.Type.ToolTip, at, win.view.viewport().mapToGlobal(at))
    QApplication.sendEvent(win.view.viewport(), event)
    qtbot.waitUntil(lambda: QToolTip.isVisible() and QToolTip.text() != "")
    text = QToolTip.text()
    assert text.splitlines()[0] == step.label  # never elided, unlike the card
    for pain in step.pain_points:
        assert pain in text
    QToolTip.hideText()


# -- colour scheme ---------------------------------------------------------------------------
def test_colour_scheme_override_repaints_the_canvas_and_the_docks_and_is_remembered(window):
    win = window("airline.json")
    seeing = win.seeing
    try:
        seeing.scheme_actions[ColourScheme.DARK].trigger()
        settle()
        window_colour = QGuiApplication.palette().color(QPalette.ColorRole.Window)
        assert window_colour.lightness() < 128
        assert win.scene.style.palette.dark
        assert seeing.legend.palette().color(QPalette.ColorRole.Window).lightness() < 128
        assert QSettings().value("view/colour_scheme") == "dark"
        seeing.scheme_actions[ColourScheme.LIGHT].trigger()
        settle()
        assert not win.scene.style.palette.dark
        assert QSettings().value("view/colour_scheme") == "light"
    finally:
        seeing.scheme_actions[ColourScheme.SYSTEM].trigger()
        settle()
    assert QSettings().value("view/colour_scheme") == "system"
    assert not win.scene.style.palette.dark  # the offscreen platform is light

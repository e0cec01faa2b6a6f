"""What a new user sees first: readable cards from the map's top left, and no empty band above
the map after the find bar opens or the view switches."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from motdesk.graph.vocabulary import View
from motdesk.ui.canvas.scene import LEAD
from motdesk.ui.canvas.view import READABLE_ZOOM
from tests.test_seeing import open_windows
from tests.ui_driver import settle


@pytest.fixture
def window(qtbot, monkeypatch):
    yield from open_windows(qtbot, monkeypatch)


def shown(win):
    return win.view.mapToScene(win.view.viewport().rect()).boundingRect()


def assert_map_starts_the_view(win) -> None:
    """The map's top left corner is at the view's top left, not below an empty band."""
    area, top_left = shown(win), win.scene.background.map_rect().topLeft()
    assert area.contains(top_left)
    slack = LEAD + 30  # the curve's moment markers may reach a little past the lane headers
    assert top_left.y() - area.top() <= slack
    assert top_left.x() - area.left() <= slack


@pytest.mark.parametrize("template", ["airline.json", "retail_bank.json"])
def test_a_journey_opens_readable_from_its_top_left(window, template):
    win = window(template)
    win.initial_zoom()
    settle()
    zoom = win.view.zoom_factor()
    fits = win.view.viewport().height() >= win.scene.map_rect().height()
    assert zoom == pytest.approx(1.0) if fits else READABLE_ZOOM <= zoom <= 1.0
    assert_map_starts_the_view(win)


def test_find_and_compare_keep_the_map_at_the_top(window):
    win = window("airline.json")
    win.initial_zoom()
    settle()
    win.view.setFocus()
    QTest.keyClick(win.view, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    settle()
    assert win.seeing.find_bar.is_open()
    assert_map_starts_the_view(win)
    win.actions.views[View.COMPARE].trigger()
    settle()
    assert_map_starts_the_view(win)
    win.view.zoom_out()
    win.view.zoom_out()
    win.view.zoom_out()  # the whole map is smaller than the window: it stays at the top left
    settle()
    assert_map_starts_the_view(win)

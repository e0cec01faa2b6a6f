"""Presentation mode: the map alone, full screen, and back to the window as it was."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QDockWidget

from tests.test_seeing import open_windows
from tests.ui_driver import settle


@pytest.fixture
def window(qtbot, monkeypatch):
    yield from open_windows(qtbot, monkeypatch)


def chrome(win) -> dict[str, bool]:
    """Which parts of the window around the map are shown."""
    parts = {dock.objectName(): dock.isVisible() for dock in win.findChildren(QDockWidget)}
    parts.update(
        menu=win.menuBar().isVisible(),
        toolbar=win.toolbar.isVisible(),
        status=win.statusBar().isVisible(),
        tabs=win.tabs.isVisible(),
    )
    return parts


def test_f11_shows_the_map_alone_and_escape_brings_the_window_back(window):
    win = window("airline.json")
    win.inspector.show()
    settle()
    before = chrome(win)
    assert before["menu"] and before["toolbar"] and any(before.values())
    win.view.setFocus()
    QTest.keyClick(win.view, Qt.Key.Key_F11)
    settle()
    assert win.presentation.is_active() and win.actions.presentation.isChecked()
    assert not any(chrome(win).values())  # no dock, bar or tab: the canvas only
    assert win.view.isVisible() and win.isFullScreen()
    QTest.keyClick(win.view, Qt.Key.Key_Escape)
    settle()
    assert not win.presentation.is_active() and not win.actions.presentation.isChecked()
    assert chrome(win) == before
    assert not win.isFullScreen()


def test_escape_outside_presentation_still_clears_the_selection(window):
    win = window("airline.json")
    step_id = next(iter(win.journey().steps())).id
    win.view.select_ids([step_id])
    win.view.setFocus()
    QTest.keyClick(win.view, Qt.Key.Key_Escape)
    settle()
    assert win.view.selected_step_ids() == []
    assert chrome(win)["menu"]


def test_the_menu_entry_toggles_presentation(window):
    win = window("airline.json")
    win.actions.presentation.trigger()
    settle()
    assert win.presentation.is_active() and not win.menuBar().isVisible()
    win.actions.presentation.trigger()  # F11 again
    settle()
    assert not win.presentation.is_active() and win.menuBar().isVisible()


def test_leaving_presentation_puts_the_front_tab_back_in_front(window):
    win = window("airline.json")
    legend = win.seeing.legend

    def in_front(dock) -> bool:  # a tab behind another paints nothing
        return dock.isVisible() and not dock.visibleRegion().isEmpty()

    legend.show()
    legend.raise_()  # the legend's tab in front of the inspector's
    settle()
    assert in_front(legend) and not in_front(win.inspector)
    win.presentation.set_active(True)
    settle()
    win.presentation.set_active(False)
    settle()
    assert in_front(legend) and not in_front(win.inspector)


def test_shortcuts_work_while_presenting_with_no_menu_bar_or_toolbar(window):
    """A facilitator fits the map, shows the future state and undoes a slip while the map
    fills the screen (an action answers its keys only while it sits in a visible widget)."""
    win = window("airline.json")
    step = next(iter(win.journey().steps()))
    win.view.setFocus()
    QTest.keyClick(win.view, Qt.Key.Key_F11)
    settle()
    assert win.presentation.is_active()
    QTest.keyClick(win.view, Qt.Key.Key_9, Qt.KeyboardModifier.ControlModifier)
    settle()
    assert win.view.is_fitted()  # Ctrl+9: Fit Journey
    QTest.keyClick(win.view, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)
    settle()
    assert win.view_mode.value == "future"  # Ctrl+2: the future view
    before = win.journey().step(step.id).future_emotion
    win.document.update_step(win.journey_id, step.id, future_emotion=3 if before != 3 else 2)
    QTest.keyClick(win.view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    settle()
    assert win.journey().step(step.id).future_emotion == before  # Ctrl+Z undid the slip

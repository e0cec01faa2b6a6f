"""The Analysis dock's Priorities table: its Step column is readable from the first show."""

from __future__ import annotations

import pytest

from motdesk.resources import template
from motdesk.ui.session import Session
from tests.ui_driver import settle

READABLE = 140  # a label's first words, not a sliver


pytestmark = pytest.mark.usefixtures("answers")  # modal boxes answered, windows closed


def open_priorities(qtbot):
    """retail_bank in a window of a laptop's size, then View > Analysis, Priorities tab."""
    from motdesk.ui.app import configure_names
    from motdesk.ui.mainwindow import MainWindow

    configure_names()
    window = MainWindow(Session.new(template("retail_bank").load()))
    window.resize(1440, 900)
    window.show()
    qtbot.waitExposed(window)
    settle()
    dock = window.analysis
    dock.show()  # View > Analysis (shown already if the last window left it open)
    qtbot.waitUntil(lambda: dock.result is not None)
    settle()
    dock.tabs.setCurrentWidget(dock.priorities)
    settle()
    return window, dock.priorities


def widths(table) -> list[int]:
    return [table.columnWidth(c) for c in range(table.columnCount())]


def test_the_step_column_is_readable_when_the_priorities_tab_first_shows(qtbot):
    window, table = open_priorities(qtbot)
    assert table.rowCount() > 0
    step = table.columnWidth(1)
    assert step >= min(READABLE, table.sizeHintForColumn(1)), widths(table)
    # a narrower window keeps the column readable: the table scrolls instead
    window.resize(1200, 900)
    settle()
    assert table.columnWidth(1) >= min(READABLE, table.sizeHintForColumn(1)), widths(table)


def test_spare_width_goes_to_the_step_column(qtbot):
    window, table = open_priorities(qtbot)
    window.resize(2400, 900)
    settle()
    assert table.viewport().width() > sum(widths(table)) - table.columnWidth(1) + READABLE
    assert sum(widths(table)) >= table.viewport().width(), widths(table)

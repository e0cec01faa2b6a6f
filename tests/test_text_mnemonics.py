"""User text in tabs, menus and dock titles shows as typed: an `&` in it is no mnemonic."""

from __future__ import annotations

import re

import pytest
from PySide6.QtGui import QKeySequence

from motdesk.ui.text import literal
from tests.ui_driver import make_window, settle

TRICKY = "Journey <b>&amp;</b> &lt;x&gt;"


pytestmark = pytest.mark.usefixtures("answers")  # modal boxes answered, windows closed


def shown(text: str) -> str:
    """What a menu, tab or dock title shows of `text`: `&x` shows x (underlined), `&&` one &."""
    return re.sub(r"&(.)", r"\1", text)


def mnemonic(text: str) -> str:
    return QKeySequence.mnemonic(text).toString()


def test_literal_text_shows_every_ampersand_and_makes_no_mnemonic():
    for text in ("Claims & repairs", TRICKY, "R&D", "&", "a && b", ""):
        assert shown(literal(text)) == text
        assert mnemonic(literal(text)) == ""


def test_journey_tabs_show_titles_as_typed(qtbot):
    window = make_window(qtbot)
    document = window.document
    document.update_journey(window.journey_id, title="Claims & repairs")
    other = document.add_journey(TRICKY)
    settle()
    tabs = window.tabs
    texts = [tabs.tabText(i) for i in range(tabs.count())]
    assert [shown(t) for t in texts] == ["Claims & repairs", TRICKY]
    assert all(mnemonic(t) == "" for t in texts)
    assert other.id in tabs._ids


def test_analysis_dock_title_and_its_toggle_show_the_journey_title(qtbot):
    window = make_window(qtbot)
    window.document.update_journey(window.journey_id, title=TRICKY)
    dock = window.analysis
    dock.show()
    dock.refresh()
    assert shown(dock.windowTitle()) == f"Analysis: {TRICKY} (current)"
    assert mnemonic(dock.windowTitle()) == ""
    toggle = dock.toggleViewAction().text()
    assert shown(toggle) == f"Analysis: {TRICKY} (current)"
    assert mnemonic(toggle) == ""


def test_edit_stage_and_lane_menus_show_names_as_typed(qtbot):
    window = make_window(qtbot)
    document = window.document
    document.add_stage(window.journey_id, "Q&A")
    document.add_lane(window.journey_id, "Sales & service")
    settle()
    window.editing.rebuild_stage_menus()
    stages = [a.text() for a in window.menus["stages"].actions()]
    lanes = [a.text() for a in window.menus["lanes"].actions()]
    assert "Q&A" in [shown(t) for t in stages]
    assert "Sales & service" in [shown(t) for t in lanes]
    assert all(mnemonic(t) == "" for t in stages + lanes)


def test_open_recent_names_files_as_typed_and_keeps_the_digit_mnemonic(qtbot, tmp_path):
    window = make_window(qtbot)
    path = tmp_path / "R&D plan.motdesk"
    window.settings.clear_recent()
    window.settings.add_recent(path)
    window.files.fill_recent_menu()
    first = window.menus["recent"].actions()[0].text()
    assert shown(first) == "1 R&D plan.motdesk"
    assert mnemonic(first) == "Alt+1"


def test_undo_and_redo_name_a_step_label_as_typed(qtbot):
    window = make_window(qtbot)
    document = window.document
    document.add_step(window.journey_id, label="Refund form <b>&amp; test")
    actions = window.actions  # the window follows the history itself
    undo = actions.undo.text()
    assert shown(undo) == "Undo Add step 'Refund form <b>&amp; test'"
    assert mnemonic(undo) == "Alt+U"
    document.history.undo()
    redo = actions.redo.text()
    assert shown(redo) == "Redo Add step 'Refund form <b>&amp; test'"
    assert mnemonic(redo) == "Alt+R"
    assert not actions.undo.isEnabled() or shown(actions.undo.text()).startswith("Undo")

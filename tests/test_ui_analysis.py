"""The analysis dock: findings and priorities of the journey shown; a click selects the step."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from motdesk.graph.analysis import analyze
from motdesk.graph.codes import step_codes
from motdesk.graph.vocabulary import View
from motdesk.resources import template
from motdesk.ui.session import Session
from tests.ui_driver import make_window, settle

pytestmark = pytest.mark.usefixtures("answers")  # modal boxes answered, windows closed


def test_findings_and_priorities_follow_the_journey_and_select_steps(qtbot):
    window = make_window(qtbot, Session.new(template("airline").load()))
    dock = window.analysis
    dock.show()
    dock.refresh()
    expected = analyze(window.document.project, window.journey_id, View.CURRENT)
    assert dock.findings.count() == len(expected.findings) > 0
    assert dock.priorities.rowCount() == len(expected.gaps)

    finding = next(f for f in expected.findings if f.step_ids)
    row = list(expected.findings).index(finding)
    item = dock.findings.item(row)
    QTest.mouseClick(
        dock.findings.viewport(),
        Qt.MouseButton.LeftButton,
        pos=dock.findings.visualItemRect(item).center(),
    )
    settle()
    assert window.selected_step_ids() == list(finding.step_ids)

    top = max(expected.gaps, key=lambda r: r.priority)
    dock.priorities.cellClicked.emit(0, 0)
    settle()
    assert window.selected_step_ids() == [top.step_id]

    # a change to the document shows after the refresh it schedules
    step_id = top.step_id
    window.document.update_step(window.journey_id, step_id, label="Renamed step")
    dock.refresh()
    labels = [dock.priorities.item(r, 1).text() for r in range(dock.priorities.rowCount())]
    assert "Renamed step" in labels
    codes = step_codes(window.journey())
    row = labels.index("Renamed step")
    assert dock.priorities.item(row, 0).text() == codes[step_id]  # as on the handout

    window.set_view_mode(View.FUTURE)
    qtbot.waitUntil(lambda: dock.result is not None and dock.result.view is View.FUTURE)
    assert dock.chart.analysis is dock.result
    assert dock.findings.count() == len(
        analyze(window.document.project, window.journey_id, View.FUTURE).findings
    )


def test_compare_reads_todays_analysis_without_analysing_again(qtbot):
    window = make_window(qtbot, Session.new(template("airline").load()))
    dock = window.analysis
    dock.show()
    dock.refresh()
    today = dock.result
    assert today is not None and today.view is View.CURRENT
    window.set_view_mode(View.COMPARE)
    settle()
    assert not dock.timer.isActive() and not dock.busy
    assert dock.result is today


def test_an_edit_during_a_background_analysis_ends_in_the_edited_journeys_analysis(qtbot):
    window = make_window(qtbot, Session.new(template("airline").load()))
    dock = window.analysis
    dock.show()
    dock.refresh()
    window.set_view_mode(View.FUTURE)
    qtbot.waitUntil(lambda: dock.busy, timeout=3000)
    # an edit while the worker analyses the old journey: what stays shown is the new one
    journey = window.journey()
    step = max(journey.steps(), key=lambda s: s.future_emotion or 0)
    window.document.update_step(journey.id, step.id, label="Edited while analysing")
    qtbot.waitUntil(
        lambda: (
            not dock.busy
            and not dock.timer.isActive()
            and dock.result is not None
            and dock.result.view is View.FUTURE
        ),
        timeout=10000,
    )
    labels = [dock.priorities.item(r, 1).text() for r in range(dock.priorities.rowCount())]
    expected = analyze(window.document.project, journey.id, View.FUTURE)
    assert labels == [r.label for r in sorted(expected.gaps, key=lambda r: -r.priority)]
    assert "Edited while analysing" in labels

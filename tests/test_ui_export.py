"""File > Export: the handout dialog writes a PDF in a worker; refusals show their sentence."""

from __future__ import annotations

import pytest
from pypdf import PdfReader

from motdesk.resources import template
from motdesk.ui.dialogs.export import ExportHandoutDialog
from motdesk.ui.session import Session
from tests.ui_driver import make_window

pytestmark = pytest.mark.usefixtures("answers")  # modal boxes answered, windows closed


def test_handout_dialog_writes_the_chosen_sections(qtbot, tmp_path, answers):
    window = make_window(qtbot, Session.new(template("retail_bank").load()))
    dialog = ExportHandoutDialog(window)
    qtbot.addWidget(dialog)
    target = tmp_path / "handout.pdf"
    dialog.target.setText(str(target))
    dialog.sections["worksheet"].setChecked(False)
    dialog.state.setCurrentIndex(dialog.state.findData("compare"))
    with qtbot.waitSignal(dialog.finished_export, timeout=60_000) as signal:
        dialog.start_export()
    assert signal.args == [True]
    assert answers.seen == []
    assert target.read_bytes().startswith(b"%PDF")
    assert len(PdfReader(target).pages) >= 3


def test_handout_into_a_missing_folder_says_why(qtbot, tmp_path, answers):
    window = make_window(qtbot, Session.new(template("hotel").load()))
    dialog = ExportHandoutDialog(window)
    qtbot.addWidget(dialog)
    target = tmp_path / "no such folder" / "handout.pdf"
    dialog.target.setText(str(target))
    with qtbot.waitSignal(dialog.finished_export, timeout=60_000) as signal:
        dialog.start_export()
    assert signal.args == [False]
    kind, text = answers.seen[-1]
    assert kind == "critical" and "does not exist" in text
    assert not target.parent.exists()

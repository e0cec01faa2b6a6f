"""Labels, tooltips and message boxes show user text as typed, never as markup."""

from __future__ import annotations

import pytest
from PySide6 import QtGui
from PySide6.QtCore import Qt
from PySide6.QtGui import QTextDocument

from motdesk.ui.text import plain, plain_label
from tests.ui_driver import make_window, settle

LABEL = "Refund form <b>&amp; test"
TITLE = "Journey <b>&amp;</b> &lt;x&gt;"


pytestmark = pytest.mark.usefixtures("answers")  # modal boxes answered, windows closed


def rendered(text: str) -> str:
    """What a tooltip or message box shows of `text`: Qt reads it as rich text when
    it looks like rich text."""
    if not QtGui.Qt.mightBeRichText(text):
        return text
    document = QTextDocument()
    document.setHtml(text)
    return document.toPlainText()


def label_shows(label) -> str:
    """What a QLabel shows: its text, read as rich text under AutoText when it looks so."""
    if label.textFormat() == Qt.TextFormat.PlainText:
        return label.text()
    if label.textFormat() == Qt.TextFormat.RichText:
        return rendered(f"<p>{label.text()}</p>")
    return rendered(label.text())


def test_plain_keeps_ordinary_text_and_escapes_what_looks_like_markup():
    assert plain("Claims & repairs") == "Claims & repairs"
    for text in (LABEL, TITLE, "<b>bold</b>\nsecond line", "a &lt; b"):
        assert rendered(plain(text)) == text
    assert label_shows(plain_label(LABEL)) == LABEL


def test_inspector_heading_shows_a_step_label_as_typed(qtbot):
    window = make_window(qtbot)
    step = window.document.add_step(window.journey_id, label=LABEL)
    settle()
    window.view.select_ids([step.id])
    settle()
    heading = window.inspector.step_form.heading
    assert label_shows(heading) == f"Step: {LABEL}"


def test_transition_page_names_its_ends_as_typed(qtbot):
    window = make_window(qtbot)
    document = window.document
    a = document.add_step(window.journey_id, label=LABEL)
    b = document.add_step(window.journey_id, label="<i>Done</i>")
    transition = document.connect(window.journey_id, a.id, b.id)
    settle()
    form = window.inspector.transition_form
    form.show_item(window.journey_id, transition.id)
    assert label_shows(form.ends) == f"From {LABEL!r} to {'<i>Done</i>'!r}"


def test_inspector_refusal_shows_user_text_as_typed(qtbot):
    window = make_window(qtbot)
    window.inspector.refused("the label <b>x</b> is taken")
    assert label_shows(window.inspector.message) == "the label <b>x</b> is taken."


def test_journey_tab_tooltip_shows_the_title_as_typed(qtbot):
    window = make_window(qtbot)
    window.document.update_journey(window.journey_id, title=TITLE)
    settle()
    assert rendered(window.tabs.tabToolTip(0)) == TITLE


def test_delete_journey_question_names_the_journey_as_typed(qtbot, answers):
    window = make_window(qtbot)
    window.document.update_journey(window.journey_id, title=TITLE)
    window.editing.delete_journey()
    kind, text = answers.seen[-1]
    assert kind == "question"
    assert rendered(text).startswith(f"Delete the journey {TITLE!r} and its ")

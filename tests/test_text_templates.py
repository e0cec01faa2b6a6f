"""File > New from Template names each sample project by its title and size, as
`motdesk templates` does, and opens the one chosen."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QInputDialog

from motdesk.resources import templates
from tests.ui_driver import make_window, settle

pytestmark = pytest.mark.usefixtures("answers")  # modal boxes answered, windows closed


def listed() -> list[str]:
    """The lines of `motdesk templates` without the name column: title and step count."""
    lines = []
    for item in templates():
        project = item.load()
        steps = sum(j.step_count for j in project.journeys)
        lines.append(f"{project.title}  ({steps} steps)")
    return lines


def test_new_from_template_lists_titles_and_step_counts_and_opens_the_choice(qtbot, monkeypatch):
    asked: list[list[str]] = []

    def choose(parent, title, label, items, current=0, editable=True, *args, **kwargs):
        asked.append(list(items))
        bank = next(i for i in items if i.startswith("Harbour & Vale Bank"))
        return bank, True

    monkeypatch.setattr(QInputDialog, "getItem", staticmethod(choose))
    window = make_window(qtbot)
    window.actions.new_from_template.trigger()
    settle()
    assert asked == [listed()]
    assert "Harbour & Vale Bank – lost card and account opening  (44 steps)" in asked[0]
    assert not any("_" in item or item in ("airline", "retail bank") for item in asked[0])
    assert window.document.project.title.startswith("Harbour & Vale Bank")


def test_a_template_that_cannot_be_read_is_listed_and_refused_in_a_sentence(
    qtbot, monkeypatch, tmp_path, answers
):
    from motdesk import resources

    broken = tmp_path / "broken_sample.json"
    broken.write_text("{not json", encoding="utf-8")
    good = templates()[0]
    monkeypatch.setattr(
        resources, "templates", lambda: [good, resources.Template("broken_sample", broken)]
    )
    monkeypatch.setattr(
        QInputDialog,
        "getItem",
        staticmethod(lambda parent, title, label, items, *a, **k: (items[-1], True)),
    )
    window = make_window(qtbot)
    before = window.document.project.title
    window.actions.new_from_template.trigger()
    settle()
    kind, text = answers.seen[-1]
    assert kind == "critical" and "\n" not in text and "Traceback" not in text
    assert window.document.project.title == before

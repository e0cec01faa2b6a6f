"""User-facing sentences: a full stop always, and never a change of case (a sentence may start
with a file name)."""

from __future__ import annotations

import pytest

from motdesk.cli import main
from motdesk.errors import sentence


@pytest.mark.parametrize(
    "text",
    [
        "x has no suffix motdesk exports to",
        "bank.motdesk does not exist",
        "/tmp/x.json is a folder",
        "journeys[0].steps[3].emotion.current: 9 is outside -3..3",
        "there is no journey to analyse in a.json",
        "README is a folder",
    ],
)
def test_only_a_full_stop_is_added_and_the_case_is_kept(text: str) -> None:
    assert sentence(text) == text + "."
    assert sentence(f"  {text}\n") == text + "."


def test_existing_end_punctuation_is_kept() -> None:
    assert sentence("  Saved? ") == "Saved?"
    assert sentence("done.") == "done."
    assert sentence("") == ""


def test_a_lowercase_file_name_is_printed_as_typed(tmp_path, capsys, monkeypatch) -> None:  # noqa: ANN001
    monkeypatch.chdir(tmp_path)
    (tmp_path / "bank.json").write_text("{}", encoding="utf-8")
    assert main(["export", "bank.json", "-o", "x"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("motdesk: x ") and err.endswith(".\n") and err.count("\n") == 1

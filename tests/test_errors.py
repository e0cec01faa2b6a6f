"""User-facing sentences: a full stop always, a capital only where it cannot change a name."""

from __future__ import annotations

from motdesk.errors import sentence


def test_a_plain_first_word_gets_a_capital_and_a_full_stop() -> None:
    assert sentence("the file is locked") == "The file is locked."


def test_a_file_name_or_id_at_the_start_keeps_its_case() -> None:
    assert sentence("bank.motdesk does not exist") == "bank.motdesk does not exist."
    assert sentence("/tmp/x.json is a folder") == "/tmp/x.json is a folder."
    assert sentence("journeys[0].steps[3].emotion.current: 9 is outside -3..3").startswith("journeys[0]")


def test_existing_end_punctuation_is_kept() -> None:
    assert sentence("  Saved? ") == "Saved?"
    assert sentence("") == ""

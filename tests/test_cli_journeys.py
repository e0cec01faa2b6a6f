"""Naming a journey on the command line: `info` shows each id beside its title, `--journey`
takes the id or the exact title (any case), and a name that fits none lists ids with titles."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from motdesk.cli import main
from motdesk.graph.jsonio import read_project, write_project
from motdesk.resources import template
from tests.test_handout_cli import pages


@pytest.fixture
def bank(tmp_path: Path) -> Path:
    """Two journeys: j1 "Lost card and a suspicious payment", j2 "Opening a salary account"."""
    project = read_project(template("retail_bank").path)
    assert [j.id for j in project.journeys] == ["j1", "j2"]
    path = tmp_path / "bank.json"
    write_project(project, path)
    return path


def test_info_shows_each_journey_id_beside_its_title(bank: Path, capsys) -> None:  # noqa: ANN001
    assert main(["info", str(bank)]) == 0
    heads = [line for line in capsys.readouterr().out.splitlines() if line.startswith("Journey")]
    assert [h.split("; persona")[0] for h in heads] == [
        'Journey "Lost card and a suspicious payment" (id j1',
        'Journey "Opening a salary account" (id j2',
    ]
    assert heads[0].endswith('persona "Tomasz Nowak, everyday current-account customer")')


@pytest.mark.parametrize("command", [["analyze"], ["export", "-o", "out.pdf"]])
def test_an_unknown_journey_lists_the_ids_with_their_titles(
    command: list[str],
    bank: Path,
    capsys,  # noqa: ANN001
    tmp_path: Path,
    monkeypatch,  # noqa: ANN001
) -> None:
    monkeypatch.chdir(tmp_path)
    assert main([command[0], str(bank), *command[1:], "--journey", "salary"]) == 2
    assert capsys.readouterr().err == (
        f"motdesk: there is no journey 'salary' in {bank}; its journeys are: "
        'j1 "Lost card and a suspicious payment", j2 "Opening a salary account".\n'
    )
    assert not (tmp_path / "out.pdf").exists()


def test_titles_in_the_list_are_quoted_with_controls_escaped(tmp_path: Path, capsys) -> None:  # noqa: ANN001
    project = read_project(template("hotel").path)
    project.journeys[0].title = "Stay\x1b[2J  at the\u202eseaside"
    path = tmp_path / "odd.json"
    write_project(project, path)
    assert main(["analyze", str(path), "--journey", "nope"]) == 2
    err = capsys.readouterr().err
    assert f'{project.journeys[0].id} "Stay\\x1b[2J at the\\u202eseaside"' in err
    assert "\x1b" not in err and "\u202e" not in err


def test_analyze_takes_a_journey_exact_title_in_any_case(bank: Path, capsys) -> None:  # noqa: ANN001
    assert main(["analyze", str(bank), "--journey", "opening a SALARY account", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["journey"]["id"] == "j2"
    assert main(["analyze", str(bank), "--journey", "  Opening a   salary account "]) == 0
    assert capsys.readouterr().out.startswith("Journey 'Opening a salary account' (j2)")


def test_export_takes_a_journey_title_too(bank: Path, tmp_path: Path) -> None:
    out = tmp_path / "salary.pdf"
    argv = ["export", str(bank), "-o", str(out), "--sections", "cover"]
    assert main([*argv, "--journey", "OPENING A SALARY ACCOUNT"]) == 0
    text = " ".join(t for _, _, t in pages(out))
    assert "salary account" in text and "Lost card" not in text


def test_a_title_is_not_a_substring_match(bank: Path, capsys) -> None:  # noqa: ANN001
    assert main(["analyze", str(bank), "--journey", "Opening a salary"]) == 2
    assert "there is no journey 'Opening a salary'" in capsys.readouterr().err


def test_an_id_wins_over_another_journey_titled_like_it(tmp_path: Path, capsys) -> None:  # noqa: ANN001
    project = read_project(template("retail_bank").path)
    project.journeys[1].title = "J1"
    path = tmp_path / "clash.json"
    write_project(project, path)
    assert main(["analyze", str(path), "--journey", "j1", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["journey"]["id"] == "j1"


def test_two_journeys_with_one_title_are_refused_naming_their_ids(tmp_path: Path, capsys) -> None:  # noqa: ANN001
    project = read_project(template("retail_bank").path)
    project.journeys[1].title = project.journeys[0].title
    path = tmp_path / "twins.json"
    write_project(project, path)
    assert main(["analyze", str(path), "--journey", "lost card and a suspicious payment"]) == 2
    assert capsys.readouterr().err == (
        f'motdesk: 2 journeys in {path} are titled "lost card and a suspicious payment" '
        "(j1, j2); name one by its id.\n"
    )


def test_an_empty_journey_name_is_a_usage_error(bank: Path, capsys) -> None:  # noqa: ANN001
    assert main(["analyze", str(bank), "--journey", " "]) == 2
    err = capsys.readouterr().err
    assert err.startswith("motdesk: --journey needs a journey's id or title;")
    assert 'j2 "Opening a salary account"' in err

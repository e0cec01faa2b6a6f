"""Every command that writes a file words its refusals alike and says what it wrote."""

from __future__ import annotations

import os
import re
from dataclasses import replace
from pathlib import Path

import pytest

from motdesk.cli import main
from motdesk.graph.jsonio import read_project, write_project
from motdesk.resources import template
from motdesk.store import load


@pytest.fixture
def source(tmp_path: Path) -> Path:
    path = tmp_path / "bank.json"
    write_project(read_project(template("retail_bank").path), path)
    return path


def commands(source: Path, out: str) -> list[list[str]]:
    """Each way of writing OUT (the suffix follows what the command writes)."""
    return [
        ["export", str(source), "-o", f"{out}.json"],
        ["export", str(source), "-o", f"{out}.pdf"],
        ["new", f"{out}.motdesk"],
        ["import", str(source), f"{out}.motdesk"],
    ]


def refusal(argv: list[str], capsys) -> str:  # noqa: ANN001
    assert main(argv) == 4
    err = capsys.readouterr().err
    assert err.startswith("motdesk: ") and err.count("\n") == 1
    return err.removeprefix("motdesk: ").rstrip("\n")


def test_a_missing_folder_is_worded_alike_for_every_output(source: Path, capsys) -> None:  # noqa: ANN001
    folder = source.parent / "nodir"
    for argv in commands(source, str(folder / "x")):
        out = argv[-1]
        assert refusal(argv, capsys) == (
            f"{out} cannot be written: the folder {folder} does not exist."
        )


def test_a_read_only_folder_is_named_as_the_folder(
    source: Path,
    capsys,
    monkeypatch,  # noqa: ANN001
) -> None:
    folder = source.parent / "locked"
    folder.mkdir()
    real = os.access
    # root may write anywhere, so the folder's refusal is what the system would answer
    monkeypatch.setattr(os, "access", lambda p, mode: False if Path(p) == folder else real(p, mode))
    for argv in commands(source, str(folder / "x")):
        out = argv[-1]
        assert (
            refusal(argv, capsys) == f"{out} cannot be written: the folder {folder} is read-only."
        )
    assert list(folder.iterdir()) == []


def test_a_folder_given_as_output_is_called_a_folder(source: Path, capsys) -> None:  # noqa: ANN001
    folder = source.parent / "existing"
    folder.mkdir()
    for argv in (
        ["export", str(source), "-o", str(folder)],
        ["new", str(folder)],
        ["import", str(source), str(folder)],
    ):
        assert refusal(argv, capsys) == f"{folder} is a folder; name a file to write in it."


def test_export_says_what_it_wrote_as_new_and_import_do(source: Path, capsys) -> None:  # noqa: ANN001
    pdf = source.parent / "handout.pdf"
    assert main(["export", str(source), "-o", str(pdf)]) == 0
    out = capsys.readouterr().out
    pages = len(re.findall(rb"/Type\s*/Page(?![A-Za-z])", pdf.read_bytes()))
    assert pages > 1 and out == f"Wrote {pdf} ({pages} pages).\n"
    one = source.parent / "cover.pdf"
    assert main(["export", str(source), "-o", str(one), "--sections", "cover"]) == 0
    assert capsys.readouterr().out == f"Wrote {one} (1 page).\n"
    data = source.parent / "copy.json"
    assert main(["export", str(source), "-o", str(data)]) == 0
    project = read_project(data)
    steps = sum(j.step_count for j in project.journeys)
    assert capsys.readouterr().out == (
        f"Wrote {data} ({len(project.journeys)} journeys, {steps} steps).\n"
    )


def test_info_prints_zero_without_a_sign_and_names_the_level(tmp_path: Path, capsys) -> None:  # noqa: ANN001
    project = read_project(template("retail_bank").path)
    journey = project.journeys[0]
    for step in list(journey.steps()):
        emotion = None if step.current_emotion is None else min(step.current_emotion, 0)
        journey._put_step(replace(step, current_emotion=emotion))
    path = tmp_path / "flat.json"
    write_project(project, path)
    assert main(["info", str(path)]) == 0
    today = next(line for line in capsys.readouterr().out.splitlines() if "emotion today" in line)
    zero = project.scale.name(0)
    assert f"highest 0 {zero} at " in today and "+0" not in today
    lowest = min(s.current_emotion for s in journey.steps() if s.current_emotion is not None)
    assert f"lowest \u2212{-lowest} {project.scale.name(lowest)} at " in today  # a true minus
    assert "average \u2212" in today and "-" not in today.split(" at ")[0]


@pytest.mark.parametrize("title", ["", "   ", "\t\n"])
def test_new_refuses_an_empty_title(title: str, tmp_path: Path, capsys) -> None:  # noqa: ANN001
    out = tmp_path / "t.motdesk"
    assert main(["new", str(out), "--title", title]) == 2
    assert "--title needs some text" in capsys.readouterr().err
    assert not out.exists()


def test_new_keeps_a_title_without_the_spaces_around_it(tmp_path: Path, capsys) -> None:  # noqa: ANN001
    out = tmp_path / "t.motdesk"
    assert main(["new", str(out), "--title", "  Our trip  "]) == 0
    assert load(out).title == "Our trip"


def test_a_read_only_file_is_not_replaced_even_when_forced(source: Path, capsys) -> None:  # noqa: ANN001
    for argv in commands(source, str(source.parent / "kept")):
        out = Path(argv[-1])
        out.write_bytes(b"the owner's copy")
        out.chmod(0o444)
        if argv[0] in ("new", "import"):
            argv = [*argv, "--force"]
        assert refusal(argv, capsys) == f"{out} cannot be written: the file is read-only."
        assert out.read_bytes() == b"the owner's copy"


def test_export_refuses_to_write_over_the_file_it_reads(source: Path, capsys) -> None:  # noqa: ANN001
    before = source.read_bytes()
    same = source.parent / "." / source.name
    assert refusal(["export", str(source), "-o", str(same)], capsys) == (
        f"{same} is the file being exported; name another output."
    )
    assert source.read_bytes() == before


@pytest.mark.parametrize("argv", [["info", ""], ["export", "", "-o", "x.pdf"], ["new", ""]])
def test_an_empty_file_name_is_a_usage_error(argv: list[str], capsys) -> None:  # noqa: ANN001
    assert main(argv) == 2
    assert capsys.readouterr().err == "motdesk: a file name is empty; name the file.\n"


def test_new_refuses_a_name_that_is_only_the_suffix(tmp_path: Path, capsys) -> None:  # noqa: ANN001
    out = tmp_path / ".motdesk"
    assert main(["new", str(out)]) == 2
    assert capsys.readouterr().err == f"motdesk: {out} needs a name before its .motdesk suffix.\n"
    assert not out.exists()


def test_info_prints_user_text_as_typed_in_double_quotes(tmp_path: Path, capsys) -> None:  # noqa: ANN001
    project = read_project(template("retail_bank").path)
    journey = project.journeys[0]
    journey.title = "Anna's trip \\ C:\\temp"
    path = tmp_path / "typed.json"
    write_project(project, path)
    assert main(["info", str(path)]) == 0
    out = capsys.readouterr().out
    assert 'Journey "Anna\'s trip \\ C:\\temp"' in out
    persona = project.persona(journey.persona).name if journey.persona else None
    if persona:
        assert f'personas: "{persona}"' in out


def test_an_export_through_a_link_writes_the_file_it_points_to(source: Path, capsys) -> None:  # noqa: ANN001
    real = source.parent / "shared" / "handout.pdf"
    real.parent.mkdir()
    real.write_bytes(b"old")
    link = source.parent / "handout.pdf"
    link.symlink_to(real)
    assert main(["export", str(source), "-o", str(link), "--sections", "cover"]) == 0
    assert link.is_symlink() and link.resolve() == real.resolve()  # the link stays
    assert real.read_bytes().startswith(b"%PDF")


def test_paper_and_state_are_taken_in_any_case(source: Path, capsys) -> None:  # noqa: ANN001
    pdf = source.parent / "upper.pdf"
    argv = ["export", str(source), "-o", str(pdf), "--paper", "A4", "--state", "Compare"]
    assert main([*argv, "--sections", "cover"]) == 0
    assert pdf.read_bytes().startswith(b"%PDF")

"""The file commands with no display: new, info, check, import, export, with their exit codes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from motdesk.cli import main
from motdesk.graph.jsonio import dumps, read_project
from motdesk.graph.vocabulary import LaneKind, State
from motdesk.resources import template
from motdesk.store import load, save_new


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def one_sentence(err: str) -> None:
    assert err.startswith("motdesk: ") and err.endswith(".\n") and err.count("\n") == 1
    assert "Traceback" not in err


def test_new_makes_an_empty_blueprint_project(tmp_path: Path, capsys) -> None:
    out = tmp_path / "plan.motdesk"
    code, stdout, _ = run(capsys, "new", str(out))
    assert code == 0 and str(out) in stdout
    project = load(out)
    (journey,) = project.journeys
    assert journey.step_count == 0
    assert [lane.kind for lane in journey.lanes][:4] == [
        LaneKind.CUSTOMER, LaneKind.FRONTSTAGE, LaneKind.BACKSTAGE, LaneKind.SUPPORT,
    ]  # fmt: skip


def test_new_from_a_template_with_a_title(tmp_path: Path, capsys) -> None:
    out = tmp_path / "air.motdesk"
    assert run(capsys, "new", str(out), "--template", "airline", "--title", "Our <trip>")[0] == 0
    project = load(out)
    expected = template("airline").load()
    expected.title = "Our <trip>"
    assert dumps(project) == dumps(expected)


def test_new_never_replaces_a_file_unless_forced(tmp_path: Path, capsys) -> None:
    out = tmp_path / "plan.motdesk"
    run(capsys, "new", str(out), "--title", "Mine")
    before = out.read_bytes()
    code, _, err = run(capsys, "new", str(out))
    assert code == 4 and str(out) in err and "--force" in err
    one_sentence(err)
    assert out.read_bytes() == before
    assert run(capsys, "new", str(out), "--force", "--title", "Theirs")[0] == 0
    assert load(out).title == "Theirs"


def test_new_with_an_unknown_template_or_suffix_is_a_usage_error(tmp_path: Path, capsys) -> None:
    code, _, err = run(capsys, "new", str(tmp_path / "x.motdesk"), "--template", "spaceship")
    assert code == 2 and "airline" in err
    one_sentence(err)
    code, _, err = run(capsys, "new", str(tmp_path / "x.json"))
    assert code == 2 and ".motdesk" in err
    assert not list(tmp_path.iterdir())


def test_info_summarises_as_text_and_json(tmp_path: Path, capsys) -> None:
    out = tmp_path / "air.motdesk"
    project = template("airline").load()
    save_new(project, out)
    code, text, _ = run(capsys, "info", str(out))
    assert code == 0 and project.title in text and "moments of truth:" in text
    code, raw, _ = run(capsys, "info", str(out), "--json")
    data = json.loads(raw)
    assert data["title"] == project.title
    (journey,) = project.journeys
    summary = data["journeys"][0]
    steps = list(journey.steps())
    assert summary["steps"] == {
        "total": len(steps),
        **{s.value: sum(1 for step in steps if step.state is s) for s in State},
    }
    moments = {}
    for step in steps:
        if step.moment is not None:
            moments[step.moment.value] = moments.get(step.moment.value, 0) + 1
    assert summary["moments"] == moments
    today = [s.current_emotion for s in steps if s.current_emotion is not None]
    assert summary["emotion"]["current"]["rated"] == len(today)
    assert summary["emotion"]["current"]["lowest"]["emotion"] == min(today)
    assert summary["emotion"]["current"]["average"] == round(sum(today) / len(today), 2)
    misery = [
        s for s in steps if s.moment and s.current_emotion is not None and s.current_emotion < 0
    ]
    assert summary["emotion"]["current"]["misery"] == len(misery)


def test_info_reads_json_projects_too(tmp_path: Path, capsys) -> None:
    code, raw, _ = run(capsys, "info", str(template("hotel").path), "--json")
    assert code == 0 and json.loads(raw)["title"] == template("hotel").load().title


def test_check_passes_sound_files_and_refuses_others(tmp_path: Path, capsys) -> None:
    good = tmp_path / "good.motdesk"
    save_new(template("retail_bank").load(), good)
    code, out, _ = run(capsys, "check", str(good))
    assert code == 0 and "sound" in out
    bad = tmp_path / "bad.motdesk"
    bad.write_bytes(b"\x89PNG\r\n\x1a\n" + b"\x00" * 200)
    code, out, err = run(capsys, "check", str(bad))
    assert code == 3 and out == "" and str(bad) in err and "PNG" in err
    one_sentence(err)
    assert run(capsys, "check", str(tmp_path / "missing.motdesk"))[0] == 3


def test_import_then_export_gives_back_the_same_json(tmp_path: Path, capsys) -> None:
    source = template("insurer_claim").path
    out = tmp_path / "claim.motdesk"
    assert run(capsys, "import", str(source), str(out))[0] == 0
    back = tmp_path / "back.json"
    assert run(capsys, "export", str(out), "-o", str(back))[0] == 0
    assert back.read_text(encoding="utf-8") == dumps(read_project(source))


def test_import_refuses_a_bad_json_file_and_writes_nothing(tmp_path: Path, capsys) -> None:
    source = tmp_path / "broken.json"
    source.write_text('{"format": "motdesk-project", "version": 1, "journeys": [{}]}')
    out = tmp_path / "x.motdesk"
    code, _, err = run(capsys, "import", str(source), str(out))
    assert code == 3 and str(source) in err and "journeys[0]" in err
    one_sentence(err)
    assert not out.exists()


def test_export_names_the_formats_it_knows(tmp_path: Path, capsys) -> None:
    code, _, err = run(capsys, "export", str(template("hotel").path), "-o", str(tmp_path / "x.xls"))
    assert code == 2 and ".json" in err and ".pdf" in err
    one_sentence(err)
    code, _, err = run(
        capsys,
        "export",
        str(template("hotel").path),
        "-o",
        str(tmp_path / "x.json"),
        "--paper",
        "a3",
    )
    assert code == 2 and "--paper" in err
    code, _, err = run(
        capsys, "export", str(template("hotel").path), "-o", str(tmp_path / "no" / "x.json")
    )
    assert code == 4 and "x.json" in err
    assert not list(tmp_path.iterdir())


def test_export_a_pdf_handout_with_options(tmp_path: Path, capsys) -> None:
    source = tmp_path / "air.motdesk"
    project = template("airline").load()
    save_new(project, source)
    out = tmp_path / "handout.pdf"
    journey = project.journeys[0].id
    code, _, err = run(
        capsys, "export", str(source), "-o", str(out), "--journey", journey,
        "--state", "compare", "--paper", "letter", "--sections", "cover,moments",
    )  # fmt: skip
    assert code == 0, err
    assert out.read_bytes().startswith(b"%PDF")
    code, _, err = run(capsys, "export", str(source), "-o", str(out), "--sections", "cover,menu")
    assert code == 2 and "'menu'" in err


@pytest.mark.parametrize("command", ["info", "check", "export"])
def test_file_commands_refuse_a_damaged_project_with_exit_3(tmp_path: Path, capsys, command):
    bad = tmp_path / "cut.motdesk"
    save_new(template("hotel").load(), bad)
    bad.write_bytes(bad.read_bytes()[:5000])
    extra = ["-o", str(tmp_path / "x.json")] if command == "export" else []
    code, _, err = run(capsys, command, str(bad), *extra)
    assert code == 3 and str(bad) in err and "cut short" in err
    one_sentence(err)

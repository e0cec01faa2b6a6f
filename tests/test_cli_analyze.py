"""`motdesk analyze`: the readable report, the JSON structure, and one sentence for bad input."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest

from motdesk.cli import main
from motdesk.graph.jsonio import write_project
from motdesk.graph.model import Journey, Lane, Project, Stage
from tests.test_analysis import worked_example


@pytest.fixture
def project_file(tmp_path: Path) -> Path:
    project = worked_example()
    second = Journey(
        "j2", "Second journey", stages=[Stage("s9", "Only")], lanes=[Lane("l9", "Row")]
    )
    project.journeys.append(second)
    path = tmp_path / "worked.json"
    write_project(project, path)
    return path


def test_report_shows_each_part_of_the_analysis(project_file: Path, capsys) -> None:  # noqa: ANN001
    assert main(["analyze", str(project_file)]) == 0
    out = capsys.readouterr().out
    assert "Journey 'Worked example' (j1), current state" in out
    assert "Paths: 5 from 1 start to 2 ends, all of them" in out
    assert "Main path (4 steps, taken by 30%):" in out
    assert '1. S01 "Needs a loan"  emotion 0  reach 100%' in out
    assert "peak-end score \u22120.5" in out and "peak-end score +2" in out
    assert '64%  S02 "Reads offers"' in out
    assert "priority = 100 x reach x weight x (gain + misery) / 2" in out
    assert "55.6  FMOT    raised" in out
    assert "Questions to resolve: 10" in out
    assert '[high] misery-without-opportunity: Moment of truth S04 "Loan page" is' in out
    assert "(c)" not in out  # the ids the facilitator never sees stay in --json


def test_report_numbers_steps_as_the_handout_does(project_file: Path, capsys) -> None:  # noqa: ANN001
    from motdesk.graph.codes import step_codes

    codes = step_codes(worked_example().journeys[0])
    assert main(["analyze", str(project_file)]) == 0
    out = capsys.readouterr().out
    main_path = out.split("Main path")[1].split("\n\n")[0]
    assert [line.split()[1] for line in main_path.splitlines()[1:]] == [
        codes[step_id] for step_id in ("a", "b", "c", "f")
    ]
    assert "  30%  " + " -> ".join(codes[step_id] for step_id in "abcf") in out


def test_json_is_the_documented_structure(project_file: Path, capsys) -> None:  # noqa: ANN001
    assert main(["analyze", str(project_file), "--json", "--state", "future"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["view"] == "future"
    assert set(data) == {
        "format", "version", "journey", "view", "scale", "starts", "ends", "paths",
        "main_path", "reach", "reach_exact", "arcs", "priority_formula", "gaps", "findings",
        "codes",
    }  # fmt: skip
    assert data["main_path"]["steps"] == ["a", "b", "c", "f"]
    assert data["main_path"]["codes"] == [data["codes"][s] for s in "abcf"]
    assert data["reach"]["g"] == pytest.approx(5 / 12, abs=1e-6)
    assert "e" not in data["reach"]


def test_json_puts_the_step_code_beside_every_step_id(project_file: Path, capsys) -> None:  # noqa: ANN001
    from motdesk.graph.codes import step_codes

    codes = step_codes(worked_example().journeys[0])
    assert main(["analyze", str(project_file), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["codes"] == codes
    assert all(row["code"] == codes[row["step"]] for row in data["gaps"])
    for arc in data["arcs"].values():
        assert all(p["code"] == codes[p["step"]] for p in arc["emotions"])
        assert arc["lowest"]["code"] == codes[arc["lowest"]["step"]]
    for item in data["paths"]["items"]:
        assert item["codes"] == [codes[s] for s in item["steps"]]
    for finding in data["findings"]:
        assert finding["codes"] == [codes[s] for s in finding["steps"]]
        assert all(codes[s] in finding["message"] for s in finding["steps"])


def test_journey_option_picks_a_journey(project_file: Path, capsys) -> None:  # noqa: ANN001
    assert main(["analyze", str(project_file), "--journey", "j2"]) == 0
    out = capsys.readouterr().out
    assert "Journey 'Second journey' (j2)" in out
    assert "Main path: none" in out


def test_max_paths_cuts_the_list_and_says_so(project_file: Path, capsys) -> None:  # noqa: ANN001
    assert main(["analyze", str(project_file), "--max-paths", "2", "--json"]) == 0
    paths = json.loads(capsys.readouterr().out)["paths"]
    assert paths["count"] == 2 and paths["truncated"] is True and paths["max_paths"] == 2


def test_unknown_journey_is_a_usage_error_naming_the_journeys(
    project_file: Path,
    capsys,  # noqa: ANN001
) -> None:
    assert main(["analyze", str(project_file), "--journey", "nope"]) == 2
    err = capsys.readouterr().err
    assert (
        f"motdesk: there is no journey 'nope' in {project_file}; its journeys are: "
        'j1 "Worked example", j2 "Second journey".' in err
    )
    assert "Traceback" not in err and err.count("\n") == 1


def test_bad_state_and_bad_files_get_one_sentence(tmp_path: Path, capsys) -> None:  # noqa: ANN001
    assert main(["analyze", str(tmp_path / "missing.json")]) == 3
    assert "missing.json does not exist" in capsys.readouterr().err
    broken = tmp_path / "broken.json"
    broken.write_text("{not json", encoding="utf-8")
    assert main(["analyze", str(broken)]) == 3
    err = capsys.readouterr().err
    assert "broken.json" in err and "Traceback" not in err
    assert main(["analyze", str(broken), "--state", "compare"]) == 2
    assert main(["analyze", str(broken), "--max-paths", "0"]) == 2


def test_user_text_prints_as_typed_on_one_line(tmp_path: Path, capsys) -> None:  # noqa: ANN001
    project = worked_example()
    journey = project.journeys[0]
    journey._put_step(replace(journey.step("c"), label="Loan <b>page</b> & co\n\tnow \x1b[31mred"))
    path = tmp_path / "odd.json"
    write_project(project, path)
    assert main(["analyze", str(path)]) == 0
    out = capsys.readouterr().out
    assert "\x1b" not in out
    assert 'S04 "Loan <b>page</b> & co now \\x1b[31mred"' in out
    assert 'Moment of truth S04 "Loan <b>page</b> & co now \\x1b[31mred" is' in out


def test_a_project_without_journeys_has_nothing_to_analyse(tmp_path: Path, capsys) -> None:  # noqa: ANN001
    path = tmp_path / "empty.json"
    write_project(Project(title="Empty"), path)
    assert main(["analyze", str(path)]) == 3
    assert f"motdesk: {path} has no journey to analyze." in capsys.readouterr().err


def test_levels_of_a_scale_from_one_print_without_a_sign(tmp_path: Path, capsys) -> None:  # noqa: ANN001
    from motdesk.graph.jsonio import project_from_dict, project_to_dict

    data = project_to_dict(worked_example())
    data["emotion_scale"] = "1..5"
    for journey in data["journeys"]:
        for step in journey["steps"]:  # -3..3 moved onto 1..5
            for when, value in step["emotion"].items():
                if value is not None:
                    step["emotion"][when] = max(1, min(5, value + 3))
    path = tmp_path / "one.json"
    write_project(project_from_dict(data), path)
    assert main(["analyze", str(path)]) == 0
    out = capsys.readouterr().out
    assert "Emotion scale 1..5, neutral 3" in out
    assert "emotion +" not in out and "peak-end score +" not in out
    assert main(["info", str(path)]) == 0
    info = capsys.readouterr().out
    assert "lowest +" not in info and "highest +" not in info

"""`motdesk export FILE -o OUT.pdf`: the handout from the command line, with its options and errors."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
from pypdf import PdfReader

from motdesk.cli import main
from motdesk.resources import template

AIRLINE = template("airline").path


def pages(path: Path) -> list[tuple[float, float, str]]:
    return [
        (float(p.mediabox.width), float(p.mediabox.height), p.extract_text() or "")
        for p in PdfReader(str(path)).pages
    ]


def test_export_writes_the_full_handout(tmp_path: Path) -> None:
    out = tmp_path / "handout.pdf"
    assert main(["export", str(AIRLINE), "-o", str(out)]) == 0
    found = pages(out)
    text = " ".join(t for _, _, t in found)
    for words in ("Cover", "Journey map", "Moments of truth", "Gaps and phases", "Worksheet"):
        assert words in text
    assert f"page {len(found)} of {len(found)}" in found[-1][2]


def test_options_choose_the_journey_state_paper_and_sections(tmp_path: Path) -> None:
    bank = template("retail_bank")
    journey = bank.load().journeys[1]
    out = tmp_path / "bank.pdf"
    code = main(
        [
            "export", str(bank.path), "-o", str(out), "--journey", journey.id,
            "--state", "compare", "--paper", "letter", "--sections", "cover,map",
        ]
    )  # fmt: skip
    assert code == 0
    found = pages(out)
    assert (found[0][0], found[0][1]) == (612, 792)  # letter, portrait cover
    assert all(w > h for w, h, _ in found[1:])  # the map in landscape
    text = " ".join(t for _, _, t in found)
    assert "CURRENT AND FUTURE COMPARED" in text
    assert journey.title.split()[0] in text
    assert "Worksheet" not in text and "Gaps and phases" not in text


def test_the_command_runs_with_no_display(tmp_path: Path) -> None:
    out = tmp_path / "nodisplay.pdf"
    env = {"PATH": "/usr/bin:/bin", "HOME": str(tmp_path)}
    done = subprocess.run(
        [sys.executable, "-m", "motdesk", "export", str(AIRLINE), "-o", str(out),
         "--sections", "worksheet"],
        capture_output=True, text=True, env=env, timeout=120,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert out.read_bytes().startswith(b"%PDF-")


@pytest.mark.parametrize(
    ("extra", "code"),
    [
        (["--sections", "map,index"], 2),
        (["--journey", "nope"], 2),
        (["--paper", "a5"], 2),
    ],
)
def test_bad_options_exit_2_with_one_sentence(
    extra: list[str], code: int, tmp_path: Path, capsys
) -> None:
    out = tmp_path / "x.pdf"
    assert main(["export", str(AIRLINE), "-o", str(out), *extra]) == code
    err = capsys.readouterr().err.strip()
    assert err.startswith("motdesk: ") and err.count("\n") == 0 and "Traceback" not in err
    assert not out.exists()


def test_an_unwritable_target_exits_4_naming_it(tmp_path: Path, capsys) -> None:
    out = tmp_path / "no-such-folder" / "h.pdf"
    assert main(["export", str(AIRLINE), "-o", str(out)]) == 4
    err = capsys.readouterr().err.strip()
    assert str(out) in err and err.count("\n") == 0
    assert re.match(r"motdesk: .+\.$", err)

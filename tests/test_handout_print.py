"""What the printed file promises: embedded fonts only, whole footers, and a word about unprintable text."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from pypdf import PdfReader

from motdesk.cli import main
from motdesk.export.draw import FOOTER_GAP
from motdesk.export.fonts import PLACEHOLDER, REGULAR, text_width
from motdesk.export.handout import export_handout
from motdesk.export.text import ELLIPSIS
from motdesk.export.theme import Type, portrait
from motdesk.graph.jsonio import write_project
from motdesk.graph.model import Project
from motdesk.resources import template, templates


def with_label(project: Project, label: str) -> Project:
    """A copy of `project` whose first step carries `label`."""
    project = project.copy()
    journey = project.journeys[0]
    journey._put_step(replace(next(journey.steps()), label=label))
    return project


@pytest.mark.parametrize("paper", ["a4", "a3"])
def test_every_font_on_every_page_is_embedded(paper: str, tmp_path: Path) -> None:
    out = tmp_path / "h.pdf"
    export_handout(template("airline").load(), out, state="compare", paper=paper)
    for number, page in enumerate(PdfReader(str(out)).pages, start=1):
        fonts = page["/Resources"]["/Font"]
        assert fonts, number
        for font in fonts.values():
            font = font.get_object()
            descendant = font["/DescendantFonts"][0] if "/DescendantFonts" in font else font
            descriptor = descendant.get_object().get("/FontDescriptor")
            assert descriptor is not None, (number, font.get("/BaseFont"))
            descriptor = descriptor.get_object()
            embedded = any(k in descriptor for k in ("/FontFile", "/FontFile2", "/FontFile3"))
            assert embedded, (number, font.get("/BaseFont"))
            assert "DejaVu" in str(font["/BaseFont"])


@pytest.mark.parametrize("paper", ["a4", "a3"])
@pytest.mark.parametrize("item", templates(), ids=lambda t: t.name)
def test_the_footer_prints_the_title_and_the_section_whole_when_there_is_room(
    item, paper: str, tmp_path: Path
) -> None:
    project = item.load()
    out = tmp_path / "h.pdf"
    export_handout(project, out, paper=paper, sections=["moments", "gaps"])
    room = portrait(paper).content_width - 2 * FOOTER_GAP
    for page in PdfReader(str(out)).pages:
        lines = (page.extract_text() or "").strip().splitlines()
        tail = " ".join(lines[-3:])
        journey = next(j for j in project.journeys if j.title[:12] in tail)
        where = next(w for w in ("Moments of truth", "Gaps and phases") if w in tail)
        wanted = [project.title, f"{where} \u00b7 {journey.title}", lines[-1]]
        if sum(text_width(t, REGULAR, Type.SMALL) for t in wanted) <= room:
            assert project.title in tail and wanted[1] in tail
        else:  # cut, but only as much as needed: the cut title fills its share of the line
            assert ELLIPSIS in tail
            assert text_width(tail, REGULAR, Type.SMALL) > room * 0.9


def test_characters_the_font_cannot_print_are_reported(tmp_path: Path) -> None:
    project = with_label(template("airline").load(), "Bucht 中文 und \U0001f642 ab")
    out = tmp_path / "h.pdf"
    warnings = export_handout(project, out)
    assert warnings == [
        f"3 characters in labels cannot be printed with the bundled font and show as"
        f" {PLACEHOLDER} (中 文 \U0001f642)"
    ]
    assert "Bucht \ufffd\ufffd und \ufffd ab" in " ".join(
        (p.extract_text() or "") for p in PdfReader(str(out)).pages
    )


@pytest.mark.parametrize("item", templates(), ids=lambda t: t.name)
def test_a_project_the_font_covers_exports_without_warnings(item, tmp_path: Path) -> None:
    assert export_handout(item.load(), tmp_path / "h.pdf", state="compare") == []


def test_the_command_line_says_in_one_line_what_cannot_be_printed(tmp_path: Path, capsys) -> None:
    source = tmp_path / "p.json"
    write_project(with_label(template("hotel").load(), "Check-in 東京"), source)
    assert main(["export", str(source), "-o", str(tmp_path / "h.pdf")]) == 0
    err = capsys.readouterr().err.strip().splitlines()
    assert err == [
        "motdesk: 2 characters in labels cannot be printed with the bundled font and show as"
        f" {PLACEHOLDER} (東 京)"
    ]

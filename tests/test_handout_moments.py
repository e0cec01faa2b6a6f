"""Moment-of-truth cards print the team's own words whole, and say so when a card is too full."""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path

import pytest
from pypdf import PdfReader

from motdesk.export.codes import step_codes
from motdesk.export.handout import export_handout
from motdesk.export.mapscene import share_text
from motdesk.export.moments import kpi_text
from motdesk.graph.model import Project
from motdesk.resources import template, templates


def squeezed(text: str) -> str:
    """Text with all whitespace removed, so words wrapped onto several lines join up again."""
    return re.sub(r"\s+", "", text)


def pages_text(path: Path) -> list[str]:
    return [page.extract_text() or "" for page in PdfReader(str(path)).pages]


@pytest.mark.parametrize("paper", ["a4", "a3", "letter", "tabloid"])
@pytest.mark.parametrize("item", templates(), ids=lambda t: t.name)
def test_every_pain_point_opportunity_and_kpi_of_a_moment_prints_whole(
    item, paper: str, tmp_path: Path
) -> None:
    project = item.load()
    out = tmp_path / "m.pdf"
    export_handout(project, out, state="compare", paper=paper, sections=["moments"])
    pages = pages_text(out)
    for journey in project.journeys:
        codes = step_codes(journey)
        for step in journey.steps():
            if step.moment is None:
                continue
            card = next(squeezed(t) for t in pages if f"Step {codes[step.id]}" in t)
            for words in (*step.pain_points, *step.opportunities, *map(kpi_text, step.kpis)):
                assert squeezed(words) in card, (item.name, paper, codes[step.id], words)


def overfull(project: Project, pains: int) -> tuple[Project, str]:
    """The project with one moment given `pains` long pain points; returns its step id."""
    project = project.copy()
    journey = project.journeys[0]
    step = next(s for s in journey.steps() if s.moment is not None)
    long = "the customer waits on hold while nobody tells her how long it will take"
    journey._put_step(replace(step, pain_points=tuple(f"P{i} {long}" for i in range(pains))))
    return project, step.id


@pytest.mark.parametrize("paper", ["a4", "a3"])
def test_a_card_too_full_for_its_text_says_how_many_items_it_left_out(
    paper: str, tmp_path: Path
) -> None:
    project, step_id = overfull(template("airline").load(), 40)
    out = tmp_path / "m.pdf"
    export_handout(project, out, paper=paper, sections=["moments"])
    code = step_codes(project.journeys[0])[step_id]
    card = next(t for t in pages_text(out) if f"Step {code}" in t)
    shown = [i for i in range(40) if re.search(rf"\bP{i}\b", card)]
    assert shown == list(range(len(shown))) and 0 < len(shown) < 40
    flat = re.sub(r"\s+", " ", card)
    assert f"(+{40 - len(shown)} more in the project file)" in flat


def test_a_few_more_lines_of_text_leave_at_least_two_note_lines(tmp_path: Path) -> None:
    """Text that nearly fills the card still prints whole, shrunk, above the note lines."""
    project, step_id = overfull(template("airline").load(), 4)
    out = tmp_path / "m.pdf"
    export_handout(project, out, paper="a3", sections=["moments"])
    code = step_codes(project.journeys[0])[step_id]
    card = next(t for t in pages_text(out) if f"Step {code}" in t)
    for i in range(4):
        assert re.search(rf"\bP{i}\b", card)
    assert "WORKSHOP NOTES" in card


def map_runs(path: Path) -> list[tuple[float, str]]:
    """(size in points, text) of every run of text on the map pages, except the overview."""
    runs: list[tuple[float, str]] = []
    for page in PdfReader(str(path)).pages:
        found: list[tuple[float, str]] = []

        def visit(text: str, cm: list, tm: list, font: dict, size: float, found=found) -> None:
            if text.strip():
                found.append((abs(size * tm[0] * cm[0]), text.strip()))

        page.extract_text(visitor_text=visit)
        if not any("overview" in t.lower() for _, t in found):
            runs.extend(found)
    return runs


@pytest.mark.parametrize("item", templates(), ids=lambda t: t.name)
def test_arrow_labels_print_at_a_readable_size_and_whole(item, tmp_path: Path) -> None:
    project = item.load()
    out = tmp_path / "map.pdf"
    export_handout(project, out, state="compare", paper="a4", sections=["map"])
    runs = map_runs(out)
    text = squeezed(" ".join(t for _, t in runs))
    for journey in project.journeys:
        for transition in journey.transitions():
            share = share_text(transition.share)
            label = transition.label
            if not label and not share:
                continue
            # Each arrow shows its label and share, or at least its share when the label
            # would cover a card wherever it went.
            assert squeezed(label) in text or (share and squeezed(share) in text), label
            whole = " \u00b7 ".join(p for p in (label, share) if p)
            sizes = [
                size
                for size, t in runs
                if squeezed(t) in squeezed(whole) and ("%" in t or len(t) >= 8)
            ]
            assert sizes and min(sizes) >= 5.4, (whole, sizes)


@pytest.mark.parametrize("paper", ["a3", "tabloid"])
def test_larger_paper_prints_the_map_larger(paper: str, tmp_path: Path) -> None:
    """Card titles print at 8 pt or more on large paper, not just on fewer tiles."""
    project = template("insurer_claim").load()
    small, large = tmp_path / "a4.pdf", tmp_path / "large.pdf"
    export_handout(project, small, state="compare", paper="a4", sections=["map"])
    export_handout(project, large, state="compare", paper=paper, sections=["map"])
    label = next(s.label for s in project.journeys[0].steps())
    first_word = label.split()[0]

    def size_of(path: Path) -> float:
        return max(s for s, t in map_runs(path) if t.startswith(first_word))

    assert size_of(large) >= 8.0
    assert size_of(large) > size_of(small) * 1.2

"""The PDF workshop handout, read back with pypdf: sections, text, tiling, compare marks, errors."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from pypdf import PageObject, PdfReader

from benchmarks.generate import generate_project
from motdesk.errors import OutputNotWritten, UsageError
from motdesk.export.codes import step_codes
from motdesk.export.fonts import BOLD, PLACEHOLDER, REGULAR, text_width
from motdesk.export.handout import SECTIONS, export_handout
from motdesk.export.theme import PAPERS, portrait
from motdesk.graph.analysis import gap_rows
from motdesk.graph.model import Journey, Lane, Project, Stage, Step, Transition
from motdesk.graph.vocabulary import LaneKind, Moment, State
from motdesk.resources import template, templates
from tests.strategies import projects

FOOTER_NAMES = {
    "cover": "Cover",
    "map": "Journey map",
    "moments": "Moments of truth",
    "gaps": "Gaps and phases",
    "worksheet": "Worksheet",
}
LANDSCAPE_SECTIONS = {"map"}


def flat(text: str) -> str:
    """Extracted text with every run of whitespace made one space (wrapped lines join up)."""
    return re.sub(r"\s+", " ", text)


def read(path: Path) -> list[tuple[float, float, str]]:
    """(width, height, text) of every page."""
    reader = PdfReader(str(path))
    return [
        (float(p.mediabox.width), float(p.mediabox.height), p.extract_text() or "")
        for p in reader.pages
    ]


def section_of(text: str) -> str:
    """Which section a page belongs to, from the middle of its footer."""
    tail = text.strip().splitlines()[-3:]
    for name, words in FOOTER_NAMES.items():
        if any(line.startswith(words) for line in tail):
            return name
    raise AssertionError(f"no section in the footer: {tail!r}")


def check_with_qpdf(path: Path) -> None:
    """qpdf finds no damage in the file (when qpdf is installed; pypdf checks run regardless)."""
    if shutil.which("qpdf"):
        done = subprocess.run(["qpdf", "--check", str(path)], capture_output=True, text=True)
        assert done.returncode == 0, done.stdout + done.stderr


@pytest.fixture(scope="module")
def airline() -> Project:
    return template("airline").load()


@pytest.mark.parametrize("paper", sorted(PAPERS))
def test_every_section_is_there_on_the_right_paper_and_orientation(
    airline: Project, paper: str, tmp_path: Path
) -> None:
    out = tmp_path / "handout.pdf"
    export_handout(airline, out, paper=paper)
    pages = read(out)
    check_with_qpdf(out)
    short, long = PAPERS[paper]
    seen = []
    for number, (width, height, text) in enumerate(pages, start=1):
        section = section_of(text)
        if not seen or seen[-1] != section:
            seen.append(section)
        expected = (long, short) if section in LANDSCAPE_SECTIONS else (short, long)
        assert (width, height) == pytest.approx(expected, abs=0.01), (number, section)
        assert f"page {number} of {len(pages)}" in text
        assert airline.title.split()[0] in text  # the project title in every footer
    assert seen == list(SECTIONS)


def test_a_chosen_subset_of_sections_prints_in_the_standard_order(
    airline: Project, tmp_path: Path
) -> None:
    out = tmp_path / "h.pdf"
    export_handout(airline, out, sections=["worksheet", "cover"])
    names = []
    for _, _, text in read(out):
        if not names or names[-1] != section_of(text):
            names.append(section_of(text))
    assert names == ["cover", "worksheet"]


@pytest.mark.parametrize("item", templates(), ids=lambda t: t.name)
def test_every_step_label_stage_and_moment_code_of_a_template_is_in_the_text(
    item, tmp_path: Path
) -> None:
    project = item.load()
    out = tmp_path / f"{item.name}.pdf"
    export_handout(project, out, state="compare")
    text = flat(" ".join(t for _, _, t in read(out)))
    for journey in project.journeys:
        codes = step_codes(journey)
        for stage in journey.stages:
            assert flat(stage.name) in text
        for step in journey.steps():
            assert flat(step.label) in text, step.label
            assert codes[step.id] in text
            if step.moment is not None:
                assert step.moment.value in text


@pytest.mark.parametrize("paper", ["a4", "letter", "a3"])
@pytest.mark.parametrize("item", templates(), ids=lambda t: t.name)
def test_each_section_holds_every_item_it_lists(item, paper: str, tmp_path: Path) -> None:
    """Moment cards, gap rows and worksheet lines are all there, none dropped by paging."""
    project = item.load()
    out = tmp_path / "s.pdf"
    export_handout(
        project, out, state="compare", paper=paper, sections=["moments", "gaps", "worksheet"]
    )
    by_section: dict[str, str] = {}
    for _, _, text in read(out):
        section = section_of(text)
        by_section[section] = by_section.get(section, "") + " " + text
    texts = {name: flat(text) for name, text in by_section.items()}
    for journey in project.journeys:
        codes = step_codes(journey)
        for step in journey.steps():
            assert f"{codes[step.id]} {flat(step.label)}" in texts["worksheet"]
            if step.moment is not None:
                assert f"Step {codes[step.id]}" in texts["moments"]
                assert flat(step.label) in texts["moments"]
        for row in gap_rows(project, journey):
            assert f"{codes[row.step_id]} {flat(row.label)}" in texts["gaps"]


def text_runs(page: PageObject) -> list[tuple[float, float, float, str]]:
    """(x, baseline, right edge, text) of every run of text drawn on a page."""
    runs = []

    def visit(text: str, cm: list, tm: list, font: dict, size: float) -> None:
        text = text.rstrip("\n")
        if not text.strip():
            return
        x = tm[4] * cm[0] + tm[5] * cm[2] + cm[4]
        y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
        name = BOLD if "Bold" in str(font.get("/BaseFont", "")) else REGULAR
        runs.append((x, y, x + text_width(text, name, size * tm[0] * cm[0]), text))

    page.extract_text(visitor_text=visit)
    return runs


@pytest.mark.parametrize("paper", ["a4", "letter"])
@pytest.mark.parametrize("item", templates(), ids=lambda t: t.name)
def test_portrait_pages_keep_text_inside_the_margins_and_above_the_footer(
    item, paper: str, tmp_path: Path
) -> None:
    out = tmp_path / "m.pdf"
    export_handout(item.load(), out, state="compare", paper=paper)
    sheet = portrait(paper)
    for number, page in enumerate(PdfReader(str(out)).pages, start=1):
        if float(page.mediabox.width) > float(page.mediabox.height):
            continue  # map tiles are clipped to their area on purpose
        runs = text_runs(page)
        body, foot = runs[:-3], runs[-3:]
        assert foot[-1][3].startswith("page "), number
        for x, y, right, text in body:
            where = f"page {number}: {text!r} at ({x:.0f}, {y:.0f})"
            assert sheet.left - 0.5 <= x and right <= sheet.right + 0.5, where
            assert sheet.content_bottom - 3 <= y <= sheet.height, where


def tiny_project(*labels: str, states: tuple[State, ...] | None = None) -> Project:
    """A one-journey project with one step per label on the customer lane, in a row."""
    journey = Journey(
        "j1",
        "Tiny journey",
        stages=[Stage("s1", "Discover", Moment.ZMOT), Stage("s2", "Buy", None)],
        lanes=[
            Lane("l1", "Customer actions", LaneKind.CUSTOMER),
            Lane("l2", "Frontstage", LaneKind.FRONTSTAGE),
            Lane("l3", "Backstage", LaneKind.BACKSTAGE),
        ],
    )
    states = states or tuple(State.BOTH for _ in labels)
    for i, (label, state) in enumerate(zip(labels, states, strict=True)):
        journey._put_step(
            Step(
                f"n{i}", label, "s1" if i < 2 else "s2", "l1",
                state=state, moment=Moment.FMOT if i == 0 else None,
                current_emotion=-2 if state.has_current else None,
                future_emotion=1 if state.has_future else None,
                pain_points=(label,), x=200.0 * i, y=30.0,
            )
        )  # fmt: skip
    for i in range(len(labels) - 1):
        a, b = journey.step(f"n{i}"), journey.step(f"n{i + 1}")
        state = State.BOTH
        if not (a.state.has_current and b.state.has_current):
            state = State.FUTURE
        elif not (a.state.has_future and b.state.has_future):
            state = State.CURRENT
        journey._put_transition(Transition(f"t{i}", a.id, b.id, "then", 0.4, state))
    return Project(title="Tiny <b>project</b>", journeys=[journey])


MARKUP = [
    "<b>bold</b> & co",
    '<img src="http://example.invalid/x.png"/>',
    "<font color=red>red</font>",
    "Ωμέγα и Привет, Grüße",
]


def test_markup_and_non_latin_labels_print_exactly_as_typed(tmp_path: Path) -> None:
    out = tmp_path / "markup.pdf"
    project = tiny_project(*MARKUP, "中文 label")
    export_handout(project, out)
    pages = read(out)
    check_with_qpdf(out)
    text = flat(" ".join(t for _, _, t in pages))
    squeezed = re.sub(r"\s+", "", text)  # a long word may be broken over two lines of a card
    for label in MARKUP:
        assert re.sub(r"\s+", "", label) in squeezed
    assert "<b>bold</b> & co" in text
    assert "Tiny <b>project</b>" in text
    # Han characters are not in the bundled fonts: they show as a visible placeholder.
    assert f"{PLACEHOLDER}{PLACEHOLDER} label" in text
    reader = PdfReader(str(out))
    for page in reader.pages:  # nothing fetched or linked: no images, no link annotations
        assert "/Annots" not in page
        resources = page["/Resources"]
        xobjects = resources.get("/XObject", {}) if resources else {}
        assert all(xobjects[k].get("/Subtype") != "/Image" for k in xobjects)


def test_a_thousand_step_journey_is_tiled_with_an_overview(tmp_path: Path) -> None:
    out = tmp_path / "big.pdf"
    project = generate_project(1000, seed=0)
    export_handout(project, out, sections=["map"])
    pages = read(out)
    check_with_qpdf(out)
    assert len(pages) > 3
    overview = pages[0][2]
    assert "overview" in overview
    tiles = [re.search(r"Tile ([A-Z]+\d+)", text).group(1) for _, _, text in pages[1:]]
    assert tiles[0] == "A1" and len(set(tiles)) == len(tiles) == len(pages) - 1
    for label in tiles:  # the overview shows where each tile sits
        assert label in overview
    assert {"A1", "A2", "B1"} <= set(tiles)
    for width, height, _ in pages:
        assert width > height


def test_a_long_gaps_table_repeats_its_header_on_every_page(tmp_path: Path) -> None:
    project = generate_project(300, seed=1)
    out = tmp_path / "gaps.pdf"
    export_handout(project, out, sections=["gaps"])
    pages = read(out)
    assert len(pages) > 2
    header = "MoT Step Stage Change Today Target Gap Reach Priority Phase"
    for _, _, text in pages:
        assert header in flat(text)
    rows = gap_rows(project, project.journeys[0])
    codes = step_codes(project.journeys[0])
    text = flat(" ".join(t for _, _, t in pages))
    assert all(f"{codes[r.step_id]} {r.label}" in text for r in rows)


def test_compare_marks_added_and_removed_steps(tmp_path: Path) -> None:
    project = tiny_project(
        "Reads the leaflet", "Posts a paper form", "Taps apply in the app",
        states=(State.BOTH, State.CURRENT, State.FUTURE),
    )  # fmt: skip
    texts = {}
    for state in ("compare", "current", "future"):
        out = tmp_path / f"{state}.pdf"
        export_handout(project, out, state=state, sections=["map"])
        texts[state] = flat(" ".join(t for _, _, t in read(out)))
    compare = texts["compare"]
    # Each mark is printed on its step's card, just before the label.
    assert re.search(r"REMOVED Posts a paper form", compare)
    assert re.search(r"ADDED Taps apply in the app", compare)
    assert not re.search(r"(ADDED|REMOVED) Reads the leaflet", compare)
    assert "ADDED" not in texts["current"] and "REMOVED" not in texts["current"]
    assert "Taps apply in the app" not in texts["current"]
    assert "Posts a paper form" not in texts["future"]


@pytest.mark.parametrize("item", templates(), ids=lambda t: t.name)
@pytest.mark.parametrize("state", ["current", "future", "compare"])
def test_every_template_exports_in_every_state(item, state: str, tmp_path: Path) -> None:
    out = tmp_path / "t.pdf"
    export_handout(item.load(), out, state=state, paper="letter")
    pages = read(out)
    check_with_qpdf(out)
    assert len(pages) >= len(SECTIONS)
    assert pages[-1][2].strip().endswith(f"page {len(pages)} of {len(pages)}")


def test_progress_counts_up_to_the_total(airline: Project, tmp_path: Path) -> None:
    calls: list[tuple[int, int]] = []
    export_handout(
        airline, tmp_path / "p.pdf", progress=lambda done, total: calls.append((done, total))
    )
    totals = {total for _, total in calls}
    assert len(totals) == 1
    total = totals.pop()
    done = [d for d, _ in calls]
    assert done[0] == 0 and done[-1] == total
    assert done == sorted(done) and len(done) == total + 1
    assert total == len(read(tmp_path / "p.pdf")) + 1


def test_an_exception_from_progress_cancels_and_keeps_the_old_file(
    airline: Project, tmp_path: Path
) -> None:
    out = tmp_path / "h.pdf"
    out.write_bytes(b"the handout printed yesterday")

    class Cancelled(Exception):
        pass

    def cancel_at_three(done: int, total: int) -> None:
        if done == 3:
            raise Cancelled

    with pytest.raises(Cancelled):
        export_handout(airline, out, progress=cancel_at_three)
    assert out.read_bytes() == b"the handout printed yesterday"
    assert [p.name for p in tmp_path.iterdir()] == ["h.pdf"]


def test_one_journey_by_id(tmp_path: Path) -> None:
    project = template("retail_bank").load()
    assert len(project.journeys) > 1
    first, second = project.journeys[:2]
    out = tmp_path / "one.pdf"
    export_handout(project, out, journey_id=second.id, sections=["worksheet"])
    text = flat(" ".join(t for _, _, t in read(out)))
    assert all(flat(s.label) in text for s in second.steps() if s.state.has_current)
    assert not any(flat(s.label) in text for s in first.steps())


@pytest.mark.parametrize(
    ("options", "words"),
    [
        ({"state": "later"}, "--state"),
        ({"paper": "a5"}, "--paper"),
        ({"sections": ["map", "index"]}, "'index'"),
        ({"sections": []}, "at least one"),
        ({"journey_id": "nope"}, "'nope'"),
    ],
)
def test_bad_options_are_one_sentence_usage_errors(
    airline: Project, tmp_path: Path, options: dict, words: str
) -> None:
    out = tmp_path / "x.pdf"
    with pytest.raises(UsageError) as caught:
        export_handout(airline, out, **options)
    assert words in str(caught.value)
    assert "\n" not in str(caught.value)
    assert not out.exists()


def test_an_unwritable_target_is_output_not_written_and_leaves_nothing(
    airline: Project, tmp_path: Path
) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    for target in (tmp_path / "missing" / "h.pdf", blocker / "h.pdf", tmp_path):
        with pytest.raises(OutputNotWritten) as caught:
            export_handout(airline, target, sections=["cover"])
        message = str(caught.value)
        assert str(target) in message and "\n" not in message
        assert caught.value.exit_code == 4
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a-file"]


def test_a_failed_write_keeps_the_old_file(airline: Project, tmp_path: Path, monkeypatch) -> None:
    out = tmp_path / "kept.pdf"
    out.write_bytes(b"old handout")
    import motdesk.export.handout as handout

    def full_disk(*args: object, **kwargs: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(handout, "render", full_disk)
    with pytest.raises(OutputNotWritten, match="No space left on device"):
        export_handout(airline, out, sections=["cover"])
    assert out.read_bytes() == b"old handout"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["kept.pdf"]


def test_a_project_without_journeys_still_prints_a_page(tmp_path: Path) -> None:
    out = tmp_path / "empty.pdf"
    export_handout(Project(title="Blank"), out, sections=["map", "gaps"])
    pages = read(out)
    assert len(pages) == 1 and "no journey yet" in flat(pages[0][2])


@settings(
    max_examples=12,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(project=projects(max_steps=6))
def test_any_valid_project_exports_every_section_in_compare(
    project: Project, tmp_path: Path
) -> None:
    out = tmp_path / "any.pdf"
    export_handout(project, out, state="compare")
    pages = read(out)
    assert pages and all(f"of {len(pages)}" in text for _, _, text in pages)


def test_the_overview_labels_its_first_row_of_tiles_above_the_map_not_over_stage_names(
    tmp_path: Path,
) -> None:
    out = tmp_path / "bank.pdf"
    project = template("retail_bank").load()
    journey = project.journeys[0]
    export_handout(project, out, sections=["map"], journey_id=journey.id)
    overview = next(p for p in PdfReader(str(out)).pages if "overview" in p.extract_text())
    seen: list[tuple[str, float]] = []
    overview.extract_text(
        visitor_text=lambda text, cm, tm, *_: seen.append((text.strip(), tm[5] * cm[3] + cm[5]))
    )
    labels = [y for text, y in seen if re.fullmatch(r"A\d+", text)]
    stage_names = [y for text, y in seen if text in {s.name for s in journey.stages}]
    assert len(labels) >= 2 and stage_names
    assert min(labels) > max(stage_names)  # above every stage header, hiding none


def test_the_cover_says_when_the_handout_prints_only_some_of_the_journeys(
    tmp_path: Path,
) -> None:
    project = template("retail_bank").load()
    assert len(project.journeys) == 2
    one, both = tmp_path / "one.pdf", tmp_path / "both.pdf"
    export_handout(project, one, sections=["cover"], journey_id=project.journeys[1].id)
    export_handout(project, both, sections=["cover"])
    squeeze = lambda text: re.sub(r"\s+", " ", text)  # noqa: E731
    assert "2 of 2" in squeeze(read(one)[0][2])  # which journey of the project it is
    assert "of 2" not in squeeze(read(both)[0][2])

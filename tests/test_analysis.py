"""Journey analysis on a small journey worked out by hand: paths, reach, arcs, gaps, priorities,
suggested phases and every kind of finding."""

from __future__ import annotations

import itertools
import json

import pytest

from motdesk.graph.analysis import (
    PRIORITY_FORMULA,
    analyze,
    emotional_arc,
    gap_rows,
    priority,
    suggested_phases,
)
from motdesk.graph.findings import FINDING_KINDS, Severity
from motdesk.graph.model import Journey, Lane, Project, Stage, Step, Transition
from motdesk.graph.paths import (
    EXACT_LOOP_LIMIT,
    effective_shares,
    enumerate_paths,
    flow,
    main_path,
    reach,
)
from motdesk.graph.validation import check_project
from motdesk.graph.views import Difference
from motdesk.graph.vocabulary import (
    EMOTION_SCALES,
    Evidence,
    LaneKind,
    Moment,
    State,
    StepKind,
    View,
)

STAGES = [Stage("s1", "Discover"), Stage("s2", "Buy"), Stage("s3", "Get help")]
LANES = [
    Lane("l1", "Customer actions", LaneKind.CUSTOMER),
    Lane("l2", "Frontstage", LaneKind.FRONTSTAGE),
    Lane("l3", "Backstage", LaneKind.BACKSTAGE),
]


def build(steps: list[Step], transitions: list[Transition], scale: str = "-3..3") -> Project:
    """A valid one-journey project (checked, so the tests never analyse what a file cannot hold)."""
    journey = Journey("j1", "Worked example", stages=list(STAGES), lanes=list(LANES))
    for step in steps:
        journey._put_step(step)
    for transition in transitions:
        journey._put_transition(transition)
    project = Project(title="Analysis", emotion_scale=scale, journeys=[journey])
    check_project(project)
    return project


def worked_example() -> Project:
    """Branches (a, c, d), a loop back to an earlier stage (e -> b), a dead end no start
    reaches (h), missing shares, shares adding up to more than 1 (d), a removed step (e)
    and an added one (g)."""
    steps = [
        Step("a", "Needs a loan", "s1", "l1", kind=StepKind.START, current_emotion=0,
             future_emotion=1),
        Step("b", "Reads offers", "s1", "l1", x=200, moment=Moment.ZMOT, current_emotion=-1,
             future_emotion=1, pain_points=("confusing",), opportunities=("compare tool",)),
        Step("c", "Loan page", "s2", "l2", moment=Moment.FMOT, current_emotion=-2,
             future_emotion=2),
        Step("d", "Asks a friend", "s2", "l1", current_emotion=1, future_emotion=2, phase=1),
        Step("e", "Calls the hotline", "s3", "l1", state=State.CURRENT, moment=Moment.MOT,
             evidence=Evidence.ASSUMED, current_emotion=-3, pain_points=("waits",),
             opportunities=("call-back",)),
        Step("f", "Signs", "s3", "l1", x=200, kind=StepKind.END, current_emotion=1,
             future_emotion=2),
        Step("g", "Chat assistant", "s3", "l2", state=State.FUTURE, owner="Digital", phase=2),
        Step("h", "Credit check", "s2", "l3", owner="Risk"),
    ]  # fmt: skip
    transitions = [
        Transition("t1", "a", "b"),
        Transition("t2", "a", "d", share=0.4),
        Transition("t3", "b", "c"),
        Transition("t4", "c", "e", share=0.5, state=State.CURRENT),
        Transition("t5", "c", "f"),
        Transition("t6", "c", "g", state=State.FUTURE),
        Transition("t7", "d", "c", share=0.7),
        Transition("t8", "d", "f", share=0.5),
        Transition("t9", "e", "b", "calls again", share=0.3, state=State.CURRENT),
        Transition("t10", "e", "f", state=State.CURRENT),
        Transition("t11", "g", "f", state=State.FUTURE),
    ]
    return build(steps, transitions)


@pytest.fixture
def project() -> Project:
    return worked_example()


def journey(project: Project) -> Journey:
    return project.journeys[0]


# -- shares, starts and ends -----------------------------------------------------------------


def test_missing_shares_split_what_is_left_and_shares_over_one_are_scaled_down() -> None:
    t = [Transition("x", "a", "b", share=0.4), Transition("y", "a", "c"), Transition("z", "a", "d")]
    assert effective_shares(t) == pytest.approx([0.4, 0.3, 0.3])
    over = [Transition("x", "a", "b", share=0.7), Transition("y", "a", "c", share=0.5)]
    assert effective_shares(over) == pytest.approx([0.7 / 1.2, 0.5 / 1.2])
    short = [Transition("x", "a", "b", share=0.8)]
    assert effective_shares(short) == pytest.approx([0.8])  # the other 20 % leave here
    assert effective_shares(short, others_hidden=True) == pytest.approx([1.0])


def test_starts_are_start_steps_and_ends_are_end_steps_or_steps_with_no_way_out(
    project: Project,
) -> None:
    current = flow(journey(project), View.CURRENT)
    assert current.starts == ("a",)
    assert current.ends == ("h", "f")  # map order: stage s2 before s3
    assert "g" not in current.order and "e" in current.order
    future = flow(journey(project), View.FUTURE)
    assert "e" not in future.order and "g" in future.order


def test_without_start_steps_the_steps_nothing_leads_to_start() -> None:
    project = build(
        [Step("a", "A", "s1", "l1"), Step("b", "B", "s1", "l1", x=200), Step("c", "C", "s2", "l1")],
        [Transition("t1", "a", "c"), Transition("t2", "b", "c")],
    )
    assert flow(journey(project), View.CURRENT).starts == ("a", "b")
    # customers enter evenly at the two starts
    assert reach(flow(journey(project), View.CURRENT)).shares == {"a": 0.5, "b": 0.5, "c": 1.0}


def test_compare_view_is_refused_for_paths() -> None:
    with pytest.raises(ValueError, match="compare"):
        flow(journey(worked_example()), View.COMPARE)


# -- paths and main path ---------------------------------------------------------------------


def test_paths_are_listed_likeliest_branch_first_without_going_round_the_loop(
    project: Project,
) -> None:
    paths = enumerate_paths(flow(journey(project), View.CURRENT))
    assert not paths.truncated
    assert [p.steps for p in paths.paths] == [
        ("a", "b", "c", "e", "f"),
        ("a", "b", "c", "f"),
        ("a", "d", "c", "e", "f"),
        ("a", "d", "c", "f"),
        ("a", "d", "f"),
    ]
    d_to_c, d_to_f = 0.7 / 1.2, 0.5 / 1.2
    assert [p.probability for p in paths.paths] == pytest.approx(
        [0.6 * 0.5 * 0.7, 0.6 * 0.5, 0.4 * d_to_c * 0.5 * 0.7, 0.4 * d_to_c * 0.5, 0.4 * d_to_f]
    )


def test_path_listing_stops_at_its_bound_and_says_so(project: Project) -> None:
    current = flow(journey(project), View.CURRENT)
    cut = enumerate_paths(current, max_paths=2)
    assert cut.truncated and len(cut) == 2
    exactly = enumerate_paths(current, max_paths=5)
    assert not exactly.truncated and len(exactly) == 5
    few_moves = enumerate_paths(current, max_expansions=3)
    assert few_moves.truncated and [p.steps for p in few_moves.paths] == []


def test_main_path_is_the_likeliest_and_the_shorter_on_a_tie(project: Project) -> None:
    current = main_path(flow(journey(project), View.CURRENT))
    assert current is not None
    assert current.steps == ("a", "b", "c", "f")
    assert current.probability == pytest.approx(0.3)
    future = main_path(flow(journey(project), View.FUTURE))
    assert future is not None
    # a-b-c-f and a-b-c-g-f are both 0.3: the shorter wins
    assert future.steps == ("a", "b", "c", "f")
    assert future.probability == pytest.approx(0.3)


def test_main_path_is_none_when_no_end_can_be_reached() -> None:
    project = build(
        [Step("a", "A", "s1", "l1", kind=StepKind.START), Step("b", "B", "s1", "l1", x=200)],
        [Transition("t1", "a", "b"), Transition("t2", "b", "a")],
    )
    assert main_path(flow(journey(project), View.CURRENT)) is None
    assert len(enumerate_paths(flow(journey(project), View.CURRENT))) == 0


def test_an_end_step_stops_the_flow_even_where_it_links_back() -> None:
    project = build(
        [
            Step("a", "A", "s1", "l1", kind=StepKind.START),
            Step("b", "B", "s2", "l1", kind=StepKind.END),
        ],
        [Transition("t1", "a", "b"), Transition("t2", "b", "a")],
    )
    current = flow(journey(project), View.CURRENT)
    assert [p.steps for p in enumerate_paths(current).paths] == [("a", "b")]
    assert reach(current).shares == {"a": 1.0, "b": 1.0}


# -- reach -----------------------------------------------------------------------------------


def test_reach_counts_a_customer_who_loops_back_once(project: Project) -> None:
    result = reach(flow(journey(project), View.CURRENT))
    assert result.exact
    # c: 0.6 via b plus 0.4 x 0.7/1.2 via d; e: half of c; b: 0.6 plus those who call again
    assert result.shares == pytest.approx(
        {"a": 1.0, "b": 0.635, "c": 5 / 6, "d": 0.4, "e": 5 / 12, "f": 1.0, "h": 0.0}
    )


def test_reach_in_the_future_view(project: Project) -> None:
    result = reach(flow(journey(project), View.FUTURE))
    assert result.shares == pytest.approx(
        {"a": 1.0, "b": 0.6, "c": 5 / 6, "d": 0.4, "f": 1.0, "g": 5 / 12, "h": 0.0}
    )


def test_reach_of_a_loop_nobody_leaves_is_everyone_who_enters_it() -> None:
    project = build(
        [
            Step("a", "A", "s1", "l1", kind=StepKind.START),
            Step("b", "B", "s1", "l1", x=200),
            Step("c", "C", "s2", "l1"),
            Step("d", "D", "s2", "l1", x=200),
        ],
        [
            Transition("t1", "a", "b", share=0.5),
            Transition("t2", "a", "c", share=0.5),
            Transition("t3", "c", "d"),
            Transition("t4", "d", "c"),
        ],
    )
    assert reach(flow(journey(project), View.CURRENT)).shares == pytest.approx(
        {"a": 1.0, "b": 0.5, "c": 0.5, "d": 0.5}, abs=1e-6
    )


# -- emotional arc ---------------------------------------------------------------------------


def test_arc_of_the_main_path(project: Project) -> None:
    result = analyze(project)
    arc = result.arc
    assert [(p.step_id, p.emotion) for p in arc.points] == [("a", 0), ("b", -1), ("c", -2),
                                                            ("f", 1)]  # fmt: skip
    assert (arc.lowest.step_id, arc.lowest.emotion) == ("c", -2)  # type: ignore[union-attr]
    assert (arc.highest.step_id, arc.highest.emotion) == ("f", 1)  # type: ignore[union-attr]
    assert arc.peak.step_id == "c"  # type: ignore[union-attr]
    assert arc.end.step_id == "f"  # type: ignore[union-attr]
    assert arc.peak_end == -0.5
    assert arc.peak_end_normalized == pytest.approx(-0.5 / 3)
    future = result.arcs[View.FUTURE]
    assert [p.emotion for p in future.points] == [1, 1, 2, 2]
    assert future.lowest.step_id == "a" and future.highest.step_id == "c"  # type: ignore[union-attr]
    assert future.peak.step_id == "c" and future.peak_end == 2.0  # type: ignore[union-attr]


def test_arc_skips_steps_with_no_emotion_and_measures_intensity_from_the_neutral_point() -> None:
    scale = EMOTION_SCALES["1..5"]
    project = build(
        [
            Step("a", "A", "s1", "l1", current_emotion=2),
            Step("b", "B", "s1", "l1", current_emotion=None),
            Step("c", "C", "s2", "l1", current_emotion=4),
            Step("d", "D", "s3", "l1", current_emotion=3),
        ],
        [Transition("t1", "a", "b"), Transition("t2", "b", "c"), Transition("t3", "c", "d")],
        scale="1..5",
    )
    arc = emotional_arc(journey(project), ("a", "b", "c", "d"), View.CURRENT, scale)
    assert arc.skipped == ("b",)
    assert [p.step_id for p in arc.points] == ["a", "c", "d"]
    # 2 and 4 are equally far from the neutral 3: the earlier one is the peak
    assert arc.peak.step_id == "a"  # type: ignore[union-attr]
    assert arc.peak_end == 2.5
    assert arc.peak_end_normalized == pytest.approx(-0.25)


def test_arc_of_a_path_with_no_emotions_is_empty() -> None:
    project = build([Step("a", "A", "s1", "l1")], [])
    arc = emotional_arc(journey(project), ("a",), View.CURRENT, project.scale)
    assert arc.points == () and arc.skipped == ("a",)
    assert arc.peak_end is None and arc.lowest is None


# -- gaps, priorities, phases ----------------------------------------------------------------


def test_priority_formula_terms() -> None:
    scale = EMOTION_SCALES["-3..3"]
    moment = Step("x", "X", "s1", "l1", moment=Moment.MOT, current_emotion=-3, future_emotion=3)
    top = priority(moment, 1.0, scale)
    assert (top.gain, top.misery, top.weight, top.score) == (1.0, 1.0, 1.0, 100.0)
    plain = Step("y", "Y", "s1", "l1", current_emotion=0, future_emotion=3)
    assert priority(plain, 0.5, scale).score == pytest.approx(100 * 0.5 * 0.5 * 0.5 / 2)
    lowered = Step("z", "Z", "s1", "l1", current_emotion=2, future_emotion=1)
    assert priority(lowered, 1.0, scale).score == 0.0
    assert "priority = 100 x reach x weight x (gain + misery) / 2" in PRIORITY_FORMULA


def test_gap_rows_put_moments_of_truth_first_then_priority(project: Project) -> None:
    rows = gap_rows(project, journey(project))
    assert [r.step_id for r in rows] == ["c", "e", "b", "a", "f", "d", "g"]  # h: nothing to say
    by_id = {r.step_id: r for r in rows}
    assert by_id["c"].difference is Difference.RAISED and by_id["c"].gap == 4
    assert by_id["e"].difference is Difference.REMOVED and by_id["e"].gap is None
    assert by_id["g"].difference is Difference.ADDED and by_id["g"].future is None
    assert by_id["c"].moment == "FMOT" and by_id["c"].stage == "Buy"
    # 100 x reach x weight x (gain + misery) / 2 on -3..3 (span 6, neutral 0)
    assert by_id["c"].priority == pytest.approx(100 * 5 / 6 * 1 * (4 / 6 + 2 / 3) / 2, abs=0.05)
    assert by_id["e"].priority == pytest.approx(100 * 5 / 12 * 1 * (3 / 6 + 1) / 2, abs=0.05)
    assert by_id["b"].priority == pytest.approx(100 * 0.635 * (2 / 6 + 1 / 3) / 2, abs=0.05)
    assert by_id["a"].priority == pytest.approx(100 * 1 * 0.5 * (1 / 6) / 2, abs=0.05)
    assert by_id["d"].priority == pytest.approx(100 * 0.4 * 0.5 * (1 / 6) / 2, abs=0.05)
    assert by_id["g"].priority == 0.0
    every = gap_rows(project, "j1", every_step=True)
    assert {r.step_id for r in every} == {"a", "b", "c", "d", "e", "f", "g", "h"}


def test_suggested_phases_rank_priorities_and_keep_the_users_phases(project: Project) -> None:
    rows = {r.step_id: r for r in gap_rows(project, journey(project))}
    # ranked c, e, b, a, f, d over 3 phases; d and g keep the phase the user chose
    assert {s: r.suggested_phase for s, r in rows.items()} == {
        "c": 1, "e": 1, "b": 2, "a": 2, "f": 3, "d": None, "g": None
    }  # fmt: skip
    assert rows["d"].phase == 1 and rows["g"].phase == 2


def test_suggested_phases_spread_over_the_users_phases_when_there_are_more() -> None:
    scores = {"a": 9.0, "b": 8.0, "c": 7.0, "d": 6.0, "e": 0.0}
    phases = {"a": None, "b": None, "c": None, "d": 4, "e": None}
    assert suggested_phases(scores, phases, list(scores)) == {"a": 1, "b": 2, "c": 3}


# -- findings --------------------------------------------------------------------------------


def codes(found) -> set[tuple[str, tuple[str, ...]]]:  # noqa: ANN001
    return {(f.code, f.step_ids) for f in found}


def test_every_kind_of_finding_is_raised_where_it_belongs(project: Project) -> None:
    found = analyze(project).findings
    assert codes(found) == {
        ("misery-without-opportunity", ("c",)),
        ("dip-without-pain-point", ("c",)),
        ("no-owner", ("c",)),
        ("assumed-moment", ("e",)),
        ("unreachable", ("h",)),
        ("dead-end", ("h",)),
        ("shares-over-one", ("d",)),
        ("no-target-emotion", ("g",)),
        ("no-target-emotion", ("h",)),
        ("repeat-contact", ("e", "b")),
    }
    assert {f.code for f in found} == set(FINDING_KINDS)
    over = next(f for f in found if f.code == "shares-over-one")
    assert over.transition_ids == ("t7", "t8") and "1.20" in over.message
    loop = next(f for f in found if f.code == "repeat-contact")
    assert loop.transition_ids == ("t9",) and '"calls again"' in loop.message
    misery = next(f for f in found if f.code == "misery-without-opportunity")
    # messages name a step as the handout does (code and label); the id is in step_ids
    assert misery.message.startswith('Moment of truth S04 "Loan page" is')
    assert misery.step_ids == ("c",) and "(c)" not in misery.message
    assert [f.severity for f in found] == sorted((f.severity for f in found), key=lambda s: s.rank)
    assert found[0].severity is Severity.HIGH


def test_findings_follow_the_view(project: Project) -> None:
    found = codes(analyze(project, view=View.FUTURE).findings)
    # in the future the loan page is a moment of magic and the hotline with its loop is gone
    assert ("misery-without-opportunity", ("c",)) not in found
    assert ("assumed-moment", ("e",)) not in found
    assert not any(code == "repeat-contact" for code, _ in found)
    assert ("unreachable", ("h",)) in found


def test_a_loop_inside_one_stage_is_a_repeat_contact_but_umot_to_zmot_is_not() -> None:
    project = build(
        [
            Step("a", "A", "s1", "l1", kind=StepKind.START, moment=Moment.ZMOT),
            Step("b", "Call", "s2", "l1"),
            Step("c", "Not solved", "s2", "l1", x=200),
            Step("d", "Review", "s3", "l1", kind=StepKind.END, moment=Moment.UMOT),
        ],
        [
            Transition("t1", "a", "b"),
            Transition("t2", "b", "c"),
            Transition("t3", "c", "b", "calls back"),
            Transition("t4", "c", "d"),
            Transition("t5", "d", "a", "next shopper"),
        ],
    )
    loops = [f for f in analyze(project).findings if f.code == "repeat-contact"]
    assert [f.transition_ids for f in loops] == [("t3",)]
    assert "same stage" in loops[0].message


def test_a_rated_step_below_a_lower_one_is_no_dip() -> None:
    project = build(
        [
            Step("a", "A", "s1", "l1", kind=StepKind.START, current_emotion=-2,
                 pain_points=("p",)),
            Step("b", "B", "s2", "l1", kind=StepKind.END, current_emotion=-1),
        ],
        [Transition("t1", "a", "b")],
    )  # fmt: skip
    assert not [f for f in analyze(project).findings if f.code == "dip-without-pain-point"]


# -- analyze and its JSON --------------------------------------------------------------------


def test_analyze_gathers_everything_and_its_json_is_stable(project: Project) -> None:
    result = analyze(project, "j1", "current")
    data = json.loads(json.dumps(result.to_dict()))
    assert data["format"] == "motdesk-analysis" and data["version"] == 1
    assert data["journey"] == {"id": "j1", "title": "Worked example"}
    assert data["view"] == "current"
    assert data["starts"] == ["a"] and data["ends"] == ["h", "f"]
    assert data["main_path"] == {"steps": ["a", "b", "c", "f"], "probability": 0.3}
    assert data["paths"]["count"] == 5 and data["paths"]["truncated"] is False
    assert data["reach"] == {
        "a": 1.0, "b": 0.635, "d": 0.4, "c": 0.833333, "h": 0.0, "e": 0.416667, "f": 1.0
    }  # fmt: skip
    assert list(data["reach"]) == list(result.order)
    assert data["arcs"]["current"]["peak_end"] == -0.5
    assert data["arcs"]["future"]["peak_end"] == 2.0
    assert [g["step"] for g in data["gaps"]][:3] == ["c", "e", "b"]
    assert set(data["gaps"][0]) == {
        "step", "label", "stage", "moment", "difference", "current", "future", "gap", "reach",
        "priority", "phase", "suggested_phase",
    }  # fmt: skip
    assert data["priority_formula"] == PRIORITY_FORMULA
    assert {f["code"] for f in data["findings"]} == set(FINDING_KINDS)
    assert set(data["findings"][0]) == {"code", "severity", "message", "steps", "transitions"}


def test_analyze_names_what_it_cannot_do(project: Project) -> None:
    with pytest.raises(KeyError, match="nope"):
        analyze(project, "nope")
    with pytest.raises(ValueError, match="compare"):
        analyze(project, view=View.COMPARE)
    with pytest.raises(KeyError, match="no journey"):
        analyze(Project())


def test_a_loop_larger_than_the_exact_limit_is_approximated_and_says_so() -> None:
    ring = [Step(f"r{i}", f"R{i}", "s1", "l1", x=i) for i in range(EXACT_LOOP_LIMIT + 20)]
    ring[0] = Step("r0", "R0", "s1", "l1", kind=StepKind.START)
    end = Step("z", "Z", "s2", "l1", kind=StepKind.END)
    transitions = [
        Transition(f"t{i}", a.id, b.id) for i, (a, b) in enumerate(itertools.pairwise(ring))
    ]
    transitions += [
        Transition("back", ring[-1].id, "r0", share=0.5),
        Transition("out", ring[-1].id, "z", share=0.5),
    ]
    project = build([*ring, end], transitions)
    result = reach(flow(journey(project), View.CURRENT))
    assert not result.exact
    # everybody goes round at least once and leaves at the end: capped arrivals are exact here
    assert list(result.shares.values()) == pytest.approx([1.0] * (len(ring) + 1))
    assert analyze(project).to_dict()["reach_exact"] is False

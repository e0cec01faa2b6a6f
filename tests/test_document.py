"""Every document command: what it changes, what it refuses, and that undo puts it back."""

from __future__ import annotations

import pytest

from motdesk.graph.document import Document
from motdesk.graph.jsonio import project_to_dict
from motdesk.graph.model import Kpi
from motdesk.graph.validation import ValidationError
from motdesk.graph.vocabulary import LaneKind, Moment, State


@pytest.fixture
def doc() -> Document:
    return Document.new("Test project")


def jid(doc: Document) -> str:
    return doc.project.journeys[0].id


def snapshot(doc: Document) -> dict:
    return project_to_dict(doc.project)


def undo_all(doc: Document) -> None:
    while doc.history.can_undo:
        doc.history.undo()


def test_new_document_has_a_blueprint_journey_and_nothing_to_undo(doc: Document) -> None:
    journey = doc.project.journeys[0]
    assert [lane.kind for lane in journey.lanes] == [
        LaneKind.CUSTOMER, LaneKind.FRONTSTAGE, LaneKind.BACKSTAGE, LaneKind.SUPPORT
    ]  # fmt: skip
    assert [s.name for s in journey.stages][:2] == ["Discover", "Buy"]
    assert not doc.history.can_undo and doc.history.is_clean


def test_add_step_defaults_to_first_stage_and_lane_and_undoes(doc: Document) -> None:
    before = snapshot(doc)
    step = doc.add_step(jid(doc), label="Search flights")
    journey = doc.project.journeys[0]
    assert journey.step(step.id).stage == journey.stages[0].id
    assert journey.step(step.id).lane == journey.lanes[0].id
    assert doc.history.undo_text == "Add step 'Search flights'"
    doc.history.undo()
    assert snapshot(doc) == before
    doc.history.redo()
    assert journey.step(step.id).label == "Search flights"


def test_add_step_refuses_an_unknown_stage_naming_the_field(doc: Document) -> None:
    with pytest.raises(ValidationError, match=r"\.stage: 'nope' is not a stage"):
        doc.add_step(jid(doc), stage="nope")
    assert not doc.history.can_undo


def test_emotion_outside_the_scale_names_field_and_value(doc: Document) -> None:
    step = doc.add_step(jid(doc), label="Pay")
    with pytest.raises(ValidationError, match=r"emotion\.current: 9 is outside -3\.\.3"):
        doc.update_step(jid(doc), step.id, current_emotion=9)
    assert doc.project.journeys[0].step(step.id).current_emotion is None


def test_typing_merges_into_one_undo_step_per_field(doc: Document) -> None:
    step = doc.add_step(jid(doc), label="")
    for text in ("C", "Ch", "Che", "Check in"):
        doc.update_step(jid(doc), step.id, label=text, merge=True)
    doc.update_step(jid(doc), step.id, owner="Ground staff", merge=True)
    assert doc.history.depth == 3  # add, label run, owner
    doc.history.undo()
    doc.history.undo()
    assert doc.project.journeys[0].step(step.id).label == ""


def test_typing_does_not_merge_across_a_save(doc: Document) -> None:
    step = doc.add_step(jid(doc), label="")
    doc.update_step(jid(doc), step.id, label="Che", merge=True)
    doc.history.mark_clean()
    doc.update_step(jid(doc), step.id, label="Check", merge=True)
    assert not doc.history.is_clean
    doc.history.undo()
    assert doc.history.is_clean
    assert doc.project.journeys[0].step(step.id).label == "Che"


def test_removing_a_step_removes_its_transitions_in_one_unit(doc: Document) -> None:
    j = jid(doc)
    a, b, c = (doc.add_step(j, label=x) for x in "abc")
    doc.connect(j, a.id, b.id)
    doc.connect(j, b.id, c.id, share=0.5)
    before = snapshot(doc)
    doc.remove_steps(j, [b.id])
    journey = doc.project.journeys[0]
    assert journey.transition_count == 0 and journey.step_count == 2
    doc.history.undo()
    assert snapshot(doc)["journeys"][0]["transitions"] == before["journeys"][0]["transitions"]
    assert doc.project == Document(doc.project).project
    assert {s["id"] for s in snapshot(doc)["journeys"][0]["steps"]} == {a.id, b.id, c.id}


def test_connect_refuses_a_missing_step_and_never_creates_one(doc: Document) -> None:
    j = jid(doc)
    a = doc.add_step(j, label="a")
    with pytest.raises(ValidationError, match="'ghost' is not a step"):
        doc.connect(j, a.id, "ghost")
    assert doc.project.journeys[0].step_count == 1


def test_connect_refuses_a_duplicate_and_a_self_loop(doc: Document) -> None:
    j = jid(doc)
    a, b = doc.add_step(j, label="a"), doc.add_step(j, label="b")
    doc.connect(j, a.id, b.id)
    with pytest.raises(ValidationError, match="already connected"):
        doc.connect(j, a.id, b.id)
    with pytest.raises(ValidationError, match="itself"):
        doc.connect(j, a.id, a.id)


def test_share_must_lie_between_zero_and_one(doc: Document) -> None:
    j = jid(doc)
    a, b = doc.add_step(j, label="a"), doc.add_step(j, label="b")
    with pytest.raises(ValidationError, match=r"share: 1\.5 is outside 0\.\.1"):
        doc.connect(j, a.id, b.id, share=1.5)


def test_transition_state_defaults_to_what_its_ends_allow(doc: Document) -> None:
    j = jid(doc)
    today = doc.add_step(j, label="old", state=State.CURRENT)
    both = doc.add_step(j, label="both")
    new = doc.add_step(j, label="new", state=State.FUTURE)
    assert doc.connect(j, today.id, both.id).state is State.CURRENT
    assert doc.connect(j, both.id, new.id).state is State.FUTURE
    with pytest.raises(ValidationError, match="current-only step cannot lead to a future-only"):
        doc.connect(j, today.id, new.id)


def test_setting_state_clears_the_lost_emotion_and_narrows_transitions(doc: Document) -> None:
    j = jid(doc)
    a = doc.add_step(j, label="a", current_emotion=-2, future_emotion=2)
    b = doc.add_step(j, label="b")
    t = doc.connect(j, a.id, b.id)
    before = snapshot(doc)
    doc.set_state(j, [a.id], State.CURRENT)
    journey = doc.project.journeys[0]
    assert journey.step(a.id).future_emotion is None
    assert journey.step(a.id).current_emotion == -2
    assert journey.transition(t.id).state is State.CURRENT
    doc.history.undo()
    assert snapshot(doc) == before


def test_a_step_cannot_carry_an_emotion_for_a_side_it_lacks(doc: Document) -> None:
    j = jid(doc)
    step = doc.add_step(j, label="new", state=State.FUTURE)
    with pytest.raises(ValidationError, match="exists only in the future"):
        doc.update_step(j, step.id, current_emotion=1)


def test_set_emotion_skips_steps_without_that_side(doc: Document) -> None:
    j = jid(doc)
    a = doc.add_step(j, label="a")
    b = doc.add_step(j, label="b", state=State.FUTURE)
    doc.set_emotion(j, [a.id, b.id], State.CURRENT, -3)
    journey = doc.project.journeys[0]
    assert journey.step(a.id).current_emotion == -3
    assert journey.step(b.id).current_emotion is None
    assert doc.history.depth == 3


def test_set_moment_on_several_steps_is_one_unit(doc: Document) -> None:
    j = jid(doc)
    ids = [doc.add_step(j, label=x).id for x in "ab"]
    doc.set_moment(j, ids, Moment.MOT)
    assert {doc.project.journeys[0].step(i).moment for i in ids} == {Moment.MOT}
    assert doc.history.undo_text == "Mark as MOT"
    doc.history.undo()
    assert {doc.project.journeys[0].step(i).moment for i in ids} == {None}


def test_move_of_many_steps_is_one_undo_step(doc: Document) -> None:
    j = jid(doc)
    journey = doc.project.journeys[0]
    ids = [doc.add_step(j, label=str(i)).id for i in range(200)]
    depth = doc.history.depth
    lane = journey.lanes[1].id
    doc.move_steps(j, {i: {"x": 10.0, "y": 200.0, "lane": lane} for i in ids})
    assert doc.history.depth == depth + 1
    assert doc.history.undo_text == "Move 200 steps"
    assert all(journey.step(i).lane == lane for i in ids)
    doc.history.undo()
    assert all(journey.step(i).lane == journey.lanes[0].id for i in ids)


def test_move_refuses_fields_that_are_not_positions(doc: Document) -> None:
    step = doc.add_step(jid(doc), label="a")
    with pytest.raises(ValidationError, match="not a position field"):
        doc.move_steps(jid(doc), {step.id: {"label": "b"}})


def test_lists_and_kpis_round_trip_through_update(doc: Document) -> None:
    j = jid(doc)
    step = doc.add_step(j, label="Claim call")
    doc.update_step(
        j,
        step.id,
        pain_points=["On hold 25 min"],
        opportunities=["Call back"],
        kpis=[Kpi("Wait", 25, 5, "min")],
    )
    stored = doc.project.journeys[0].step(step.id)
    assert stored.pain_points == ("On hold 25 min",)
    assert stored.kpis[0].target == 5


def test_stage_add_rename_reorder_remove_with_steps(doc: Document) -> None:
    j = jid(doc)
    journey = doc.project.journeys[0]
    before = snapshot(doc)
    stage = doc.add_stage(j, "Onboard", index=1, moment=Moment.SMOT)
    assert journey.stages[1] == stage
    doc.update_stage(j, stage.id, name="Onboarding")
    doc.move_stage(j, stage.id, 0)
    assert journey.stages[0].name == "Onboarding"
    step = doc.add_step(j, stage=stage.id, label="Welcome call")
    doc.remove_stage(j, stage.id)
    assert not journey.has_step(step.id)
    assert all(s.id != stage.id for s in journey.stages)
    doc.history.undo()
    assert journey.step(step.id).stage == stage.id
    undo_all(doc)
    assert snapshot(doc) == before


def test_lane_add_rename_reorder_remove(doc: Document) -> None:
    j = jid(doc)
    journey = doc.project.journeys[0]
    lane = doc.add_lane(j, "Partners", kind=LaneKind.SUPPORT)
    assert journey.lanes[-1].kind is LaneKind.SUPPORT
    doc.update_lane(j, lane.id, name="Partner network")
    doc.move_lane(j, lane.id, 0)
    assert journey.lanes[0].name == "Partner network"
    doc.remove_lane(j, lane.id)
    assert len(journey.lanes) == 4
    doc.history.undo()
    assert journey.lanes[0].id == lane.id


def test_removing_a_persona_clears_it_from_journeys_in_one_unit(doc: Document) -> None:
    persona = doc.add_persona("Frequent flyer", goals="Fly on time")
    doc.update_journey(jid(doc), persona=persona.id)
    doc.remove_persona(persona.id)
    assert doc.project.journeys[0].persona is None and not doc.project.personas
    doc.history.undo()
    assert doc.project.journeys[0].persona == persona.id


def test_journey_persona_must_exist(doc: Document) -> None:
    with pytest.raises(KeyError):
        doc.update_journey(jid(doc), persona="nobody")


def test_duplicate_journey_gets_fresh_ids_and_same_content(doc: Document) -> None:
    j = jid(doc)
    a, b = doc.add_step(j, label="a"), doc.add_step(j, label="b")
    doc.connect(j, a.id, b.id, label="then", share=0.7)
    twin = doc.duplicate_journey(j)
    source = doc.project.journeys[0]
    assert doc.project.journeys[1] is twin
    assert not (twin.ids() & source.ids())
    assert sorted(s.label for s in twin.steps()) == ["a", "b"]
    (t,) = twin.transitions()
    assert (twin.step(t.source).label, twin.step(t.target).label, t.share) == ("a", "b", 0.7)
    doc.history.undo()
    assert len(doc.project.journeys) == 1


def test_journeys_add_rename_move_remove(doc: Document) -> None:
    second = doc.add_journey("Get help")
    doc.update_journey(second.id, title="Get help fast")
    doc.move_journey(second.id, 0)
    assert [j.title for j in doc.project.journeys] == ["Get help fast", "Journey"]
    doc.remove_journey(second.id)
    assert len(doc.project.journeys) == 1
    undo_all(doc)
    assert [j.title for j in doc.project.journeys] == ["Journey"]


def test_project_fields_are_validated(doc: Document) -> None:
    doc.update_project(title="Northwind Air", workshop_date="2026-11-23")
    assert doc.project.workshop_date == "2026-11-23"
    with pytest.raises(ValidationError, match="workshop_date: '23/11/2026' is not a date"):
        doc.update_project(workshop_date="23/11/2026")
    with pytest.raises(ValidationError, match="emotion_scale"):
        doc.update_project(emotion_scale="1..5")


def test_changing_the_scale_converts_every_emotion_and_undoes_exactly(doc: Document) -> None:
    j = jid(doc)
    a = doc.add_step(j, label="a", current_emotion=-3, future_emotion=3)
    b = doc.add_step(j, label="b", current_emotion=0, future_emotion=1)
    before = snapshot(doc)
    doc.set_emotion_scale("1..5")
    journey = doc.project.journeys[0]
    assert (journey.step(a.id).current_emotion, journey.step(a.id).future_emotion) == (1, 5)
    assert journey.step(b.id).current_emotion == 3
    assert doc.project.emotion_scale == "1..5"
    doc.history.undo()
    assert snapshot(doc) == before


def test_remove_mixed_selection_is_one_unit(doc: Document) -> None:
    j = jid(doc)
    a, b, c = (doc.add_step(j, label=x) for x in "abc")
    t1 = doc.connect(j, a.id, b.id)
    doc.connect(j, b.id, c.id)
    depth = doc.history.depth
    doc.remove(j, [c.id], [t1.id])
    assert doc.history.depth == depth + 1
    journey = doc.project.journeys[0]
    assert journey.transition_count == 0 and journey.step_count == 2


def test_a_failed_group_leaves_no_trace(doc: Document) -> None:
    j = jid(doc)
    before = snapshot(doc)
    with pytest.raises(ValidationError), doc.history.group("Paste"):
        doc.add_step(j, label="first")
        doc.add_step(j, label="bad", current_emotion=99)
    assert snapshot(doc) == before and not doc.history.can_undo


def test_events_carry_old_and_new_values(doc: Document) -> None:
    seen = []
    doc.events.subscribe(seen.append)
    step = doc.add_step(jid(doc), label="a")
    doc.update_step(jid(doc), step.id, label="b")
    doc.history.undo()
    assert [(c.kind, c.action) for c in seen] == [
        ("step", "added"),
        ("step", "changed"),
        ("step", "changed"),
    ]
    assert (seen[1].old.label, seen[1].new.label) == ("a", "b")
    assert (seen[2].old.label, seen[2].new.label) == ("b", "a")


def test_new_command_after_undo_past_save_is_never_clean(doc: Document) -> None:
    j = jid(doc)
    doc.add_step(j, label="a")
    doc.history.mark_clean()
    doc.history.undo()
    doc.add_step(j, label="b")
    assert not doc.history.is_clean
    doc.history.undo()
    assert not doc.history.is_clean


def test_placing_steps_is_the_move_of_x_and_y_as_one_unit_and_refuses_what_is_no_number() -> None:
    from dataclasses import replace

    doc = Document.new()
    jid = doc.project.journeys[0].id
    a = doc.add_step(jid, label="a", pain_points=["queue"], current_emotion=-2)
    b = doc.add_step(jid, label="b", x=300)
    assert a.at(10.5, -4) == replace(a, x=10.5, y=-4)
    twin = Document(doc.project.copy())
    doc.place_steps(jid, {a.id: (10.5, -4), b.id: (300, 0)}, name="Auto-layout")
    twin.move_steps(jid, {a.id: {"x": 10.5, "y": -4}, b.id: {"x": 300, "y": 0}})
    assert project_to_dict(doc.project) == project_to_dict(twin.project)
    assert doc.history.undo_text == "Auto-layout 2 steps"
    before = project_to_dict(doc.project)
    for bad in (float("nan"), float("inf"), True, "1"):
        with pytest.raises(ValidationError, match=r"step .* 'a'.*\.x"):
            doc.place_steps(jid, {a.id: (bad, 0)})
    assert project_to_dict(doc.project) == before
    doc.history.undo()
    assert doc.journey(jid).step(a.id) == a

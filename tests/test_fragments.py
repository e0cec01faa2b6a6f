"""Copy and paste of steps as fragments: fresh ids, placement, emotion scales, one undo unit."""

from __future__ import annotations

import contextlib
import json
from dataclasses import replace

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from motdesk.graph.document import Document
from motdesk.graph.fragments import fragment_from, fragment_text, paste_fragment
from motdesk.graph.geometry import CARD_H, CARD_W, MapGeometry
from motdesk.graph.jsonio import FormatError, project_to_dict
from motdesk.graph.validation import DocumentError
from motdesk.graph.vocabulary import Moment, State
from tests.maps import overlapping


def _small() -> tuple[Document, str, list[str]]:
    doc = Document.new()
    jid = doc.project.journeys[0].id
    j = doc.journey(jid)
    a = doc.add_step(jid, label="Search <flights>", stage=j.stages[0].id, current_emotion=1)
    b = doc.add_step(jid, label="Book", stage=j.stages[1].id, lane=j.lanes[1].id, x=200)
    c = doc.add_step(jid, label="Pay", stage=j.stages[1].id, x=400, moment=Moment.FMOT)
    doc.connect(jid, a.id, b.id, label="then", share=0.5)
    doc.connect(jid, b.id, c.id)
    return doc, jid, [a.id, b.id, c.id]


def test_fragment_keeps_only_transitions_among_the_chosen_steps():
    doc, jid, (a, b, c) = _small()
    fragment = fragment_from(doc.journey(jid), [a, b], doc.project.scale)
    assert [s["id"] for s in fragment["steps"]] == [a, b]
    assert [(t["source"], t["target"]) for t in fragment["transitions"]] == [(a, b)]
    assert fragment_text(fragment) == "Search <flights>\nBook"
    json.dumps(fragment)  # travels as JSON


def test_paste_in_same_journey_gives_fresh_ids_places_beside_and_is_one_undo_unit():
    doc, jid, ids = _small()
    before = project_to_dict(doc.project)
    fragment = fragment_from(doc.journey(jid), ids, doc.project.scale)
    new = paste_fragment(doc, jid, fragment)
    journey = doc.journey(jid)
    assert len(new) == 3 and not set(new) & set(ids)
    assert journey.step_count == 6 and journey.transition_count == 4
    assert not overlapping(journey)  # beside the originals, not over them
    for old_id, new_id in zip(ids, new, strict=True):
        old, copy = journey.step(old_id), journey.step(new_id)
        assert (copy.label, copy.stage, copy.lane, copy.moment) == (
            old.label,
            old.stage,
            old.lane,
            old.moment,
        )
    t = journey.transition_between(new[0], new[1])
    assert t is not None and (t.label, t.share) == ("then", 0.5)
    assert doc.history.undo_text == "Paste"
    doc.history.undo()
    assert project_to_dict(doc.project) == before


def test_paste_into_other_journey_maps_stages_by_name_else_first():
    doc, jid, ids = _small()
    other = doc.add_journey("Other")
    doc.update_stage(other.id, other.stages[1].id, name="BUY")  # same name, other case
    doc.remove_lane(other.id, other.lanes[1].id)  # "Frontstage" no longer there
    fragment = fragment_from(doc.journey(jid), ids, doc.project.scale)
    new = paste_fragment(doc, other.id, fragment)
    target = doc.journey(other.id)
    placed = [target.step(i) for i in new]
    assert placed[0].stage == target.stages[0].id  # "Discover" by name
    assert placed[1].stage == target.stages[1].id  # "Buy" matched "BUY"
    assert placed[1].lane == target.lanes[0].id  # lane gone: the first lane
    assert placed[0].lane == target.lanes[0].id
    geometry = MapGeometry.of(target)
    for step in placed:  # each card stands in its own cell, covering none
        centre = (step.x + CARD_W / 2, step.y + CARD_H / 2)
        assert geometry.cell_at(*centre) == (step.stage, step.lane)
    assert not overlapping(target)


def test_paste_into_another_project_matches_stages_by_name_not_by_a_shared_id():
    doc, jid, ids = _small()
    source = doc.journey(jid)
    stage = next(s for s in source.stages if s.id == source.step(ids[0]).stage)
    fragment = fragment_from(source, ids[:1], doc.project.scale)
    del fragment["journey"]  # as from another project's journey
    other = Document(doc.project.copy())  # the same stage ids, as copies of one file have
    ojid = other.project.journeys[0].id
    target = other.journey(ojid)
    same_id = next(s for s in target.stages if s.id == stage.id)
    named = next(s for s in target.stages if s.id != stage.id)
    other.update_stage(ojid, same_id.id, name="Departure")
    other.update_stage(ojid, named.id, name=stage.name)
    (new,) = paste_fragment(other, ojid, fragment)
    assert target.step(new).stage == named.id  # "Discover" is the stage of that name


def test_paste_between_projects_converts_emotions():
    doc, jid, (a, b, c) = _small()
    fragment = fragment_from(doc.journey(jid), [a], doc.project.scale)
    other = Document.new()
    other.set_emotion_scale("1..5")
    ojid = other.project.journeys[0].id
    (new,) = paste_fragment(other, ojid, fragment)
    assert other.journey(ojid).step(new).current_emotion == 4  # +1 of -3..3 on 1..5


def test_bad_fragment_is_refused_and_changes_nothing():
    doc, jid, ids = _small()
    before = project_to_dict(doc.project)
    depth = doc.history.depth
    with pytest.raises(FormatError):
        paste_fragment(doc, jid, {"format": "something else"})
    fragment = fragment_from(doc.journey(jid), ids, doc.project.scale)
    fragment["steps"][1]["kind"] = "nonsense"
    with pytest.raises(DocumentError):
        paste_fragment(doc, jid, fragment)
    assert project_to_dict(doc.project) == before and doc.history.depth == depth


@settings(max_examples=40, deadline=None)
@given(
    chosen=st.lists(st.integers(0, 5), unique=True),
    scale=st.sampled_from(["-3..3", "-2..2", "1..5", "1..10"]),
    state=st.sampled_from(list(State)),
)
def test_pasted_copy_matches_original_but_for_ids_and_undo_restores(chosen, scale, state):
    doc = Document.new()
    jid = doc.project.journeys[0].id
    steps = [
        doc.add_step(jid, label=f"s{i}", x=i * 10.0, state=state if i % 2 else State.BOTH)
        for i in range(6)
    ]
    for i in range(5):
        with contextlib.suppress(ValueError):
            doc.connect(jid, steps[i].id, steps[i + 1].id)
    doc.set_emotion_scale(scale)
    ids = [steps[i].id for i in chosen]
    before = project_to_dict(doc.project)
    fragment = json.loads(json.dumps(fragment_from(doc.journey(jid), ids, doc.project.scale)))
    new = paste_fragment(doc, jid, fragment)
    journey = doc.journey(jid)
    mapping = dict(zip(sorted(ids, key=[s.id for s in steps].index), new, strict=True))
    for old_id, new_id in mapping.items():
        old, copy = journey.step(old_id), journey.step(new_id)
        assert replace(old, id="", x=0.0, y=0.0) == replace(copy, id="", x=0.0, y=0.0)
        assert (copy.x, copy.y) != (old.x, old.y)  # beside its original, not on it
    inner = {
        (t.source, t.target) for t in journey.transitions() if t.source in ids and t.target in ids
    }
    copied = {(mapping[s], mapping[t]) for s, t in inner}
    assert all(journey.transition_between(s, t) is not None for s, t in copied)
    if new:
        doc.history.undo()
    assert project_to_dict(doc.project) == before


@pytest.mark.parametrize("target_name", ["airline", "hotel"])
def test_cards_pasted_from_a_sample_stand_in_their_cells_covering_none(target_name):
    from motdesk.resources import template

    source = template("airline").load().journeys[0]
    chosen = [s.id for s in source.steps()][12:20]
    fragment = fragment_from(source, chosen, "-3..3")
    doc = Document(template(target_name).load())
    journey = doc.project.journeys[0]
    width = MapGeometry.of(journey).width
    new = paste_fragment(doc, journey.id, fragment)
    geometry = MapGeometry.of(journey)
    for step in (journey.step(i) for i in new):
        centre = (step.x + CARD_W / 2, step.y + CARD_H / 2)
        assert geometry.cell_at(*centre) == (step.stage, step.lane)
    assert not overlapping(journey)
    assert geometry.width <= width + len(new) * (CARD_W + 60)  # no column stretched far away


def test_duplicated_cards_of_several_lanes_keep_their_order_and_arrows_beside_the_originals():
    from motdesk.resources import template

    doc = Document(template("hotel").load())
    journey = doc.project.journeys[0]
    stage = max(journey.stages, key=lambda st: sum(s.stage == st.id for s in journey.steps()))
    chosen = [s.id for s in journey.steps() if s.stage == stage.id][:4]
    fragment = fragment_from(journey, chosen, doc.project.scale)
    originals = [journey.step(d["id"]) for d in fragment["steps"]]  # pasted in this order
    new = paste_fragment(doc, journey.id, fragment)
    copies = [journey.step(i) for i in new]
    assert not overlapping(journey)
    shift = {round(c.x - o.x) for o, c in zip(originals, copies, strict=True)}
    assert len(shift) == 1 and shift.pop() > 0  # one block, right of the originals
    assert [c.y for c in copies] == [o.y for o in originals]
    for original, copy in zip(originals, copies, strict=True):  # each in its cell
        geometry = MapGeometry.of(journey)
        centre = (copy.x + CARD_W / 2, copy.y + CARD_H / 2)
        assert geometry.cell_at(*centre) == (original.stage, original.lane)


def test_copied_labels_run_in_map_order_as_the_step_codes_do():
    from motdesk.graph.codes import step_codes

    doc = Document.new()
    jid = doc.project.journeys[0].id
    stages = doc.journey(jid).stages
    late = doc.add_step(jid, label="Later", stage=stages[1].id, x=300)
    early = doc.add_step(jid, label="Earlier", stage=stages[0].id, x=20)
    fragment = fragment_from(doc.journey(jid), [late.id, early.id], doc.project.scale)
    assert fragment_text(fragment) == "Earlier\nLater"  # not the order they were added in
    codes = step_codes(doc.journey(jid))
    assert codes[early.id] < codes[late.id]


def test_a_copied_start_and_its_next_step_leave_the_main_path_as_it_was():
    """Duplicating the first two cards made them the likeliest path (a pair with no branch
    is taken by everyone), and the curve followed the copy instead of the journey."""
    from motdesk.graph.paths import flow, main_path
    from motdesk.graph.vocabulary import StepKind, View
    from motdesk.resources import template

    doc = Document(template("retail_bank").load())
    journey = doc.project.journeys[0]
    before = main_path(flow(journey, View.CURRENT))
    start = next(s for s in journey.steps() if s.kind is StepKind.START)
    after_start = journey.transitions_of(start.id)[0].target
    fragment = fragment_from(journey, [start.id, after_start], doc.project.scale)
    new = paste_fragment(doc, journey.id, fragment)
    assert journey.step(new[0]).kind is StepKind.ACTION  # the journey keeps its one start
    assert main_path(flow(journey, View.CURRENT)) == before

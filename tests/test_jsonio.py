"""The JSON format v1: defaults, strict keys with their path, versions, and every rule."""

from __future__ import annotations

import copy
import json

import pytest
from hypothesis import given, settings

from motdesk.graph.jsonio import FormatError, dumps, loads, project_from_dict, project_to_dict
from motdesk.graph.validation import MAX_TEXT, ValidationError
from motdesk.graph.vocabulary import Channel, Moment, State
from tests.strategies import projects

MINIMAL = {
    "format": "motdesk-project",
    "version": 1,
    "title": "Claims",
    "journeys": [
        {
            "id": "j1",
            "title": "Car claim",
            "stages": [{"id": "s1", "name": "Crash"}, {"id": "s2", "name": "Claim", "moment": "MOT"}],
            "lanes": [{"id": "l1", "name": "Customer actions", "kind": "customer"}],
            "steps": [
                {"id": "n1", "label": "Car totalled", "stage": "s1", "lane": "l1", "moment": "LTZMOT",
                 "emotion": {"current": -3, "future": -2}},
                {"id": "n2", "label": "Calls insurer", "stage": "s2", "lane": "l1", "channel": "phone"},
            ],
            "transitions": [{"id": "e1", "source": "n1", "target": "n2", "share": 0.8}],
        }
    ],
}  # fmt: skip


def data(**patch) -> dict:
    doc = copy.deepcopy(MINIMAL)
    doc.update(patch)
    return doc


def first_step(doc: dict) -> dict:
    return doc["journeys"][0]["steps"][0]


def test_omitted_fields_take_their_defaults() -> None:
    project = project_from_dict(data())
    journey = project.journeys[0]
    step = journey.step("n2")
    assert project.emotion_scale == "-3..3" and project.organisation == ""
    assert step.state is State.BOTH and step.channel is Channel.PHONE
    assert step.current_emotion is None and step.pain_points == ()
    assert journey.step("n1").moment is Moment.LTZMOT
    assert journey.stage("s1").moment is None


def test_written_json_has_exactly_the_documented_shape() -> None:
    out = project_to_dict(project_from_dict(data()))
    assert list(out) == ["format", "version", "title", "organisation", "facilitator",
                         "workshop_date", "notes", "emotion_scale", "personas", "journeys"]  # fmt: skip
    step = out["journeys"][0]["steps"][0]
    assert list(step) == ["id", "label", "description", "stage", "lane", "kind", "channel", "owner",
                          "evidence", "state", "moment", "emotion", "pain_points", "opportunities",
                          "kpis", "phase", "notes", "x", "y"]  # fmt: skip
    assert step["emotion"] == {"current": -3, "future": -2}
    assert list(out["journeys"][0]["transitions"][0]) == [
        "id",
        "source",
        "target",
        "label",
        "share",
        "state",
    ]


def test_unknown_key_is_refused_with_its_path() -> None:
    doc = data()
    first_step(doc)["lable"] = "typo"
    with pytest.raises(
        ValidationError, match=r"^journeys\[0\]\.steps\[0\]\.lable: is not a known field"
    ):
        project_from_dict(doc)
    with pytest.raises(ValidationError, match=r"^colour: is not a known field"):
        project_from_dict(data(colour="red"))


def test_emotion_outside_scale_names_the_path_and_value() -> None:
    doc = data()
    doc["journeys"][0]["steps"][1]["emotion"] = {"current": 9}
    with pytest.raises(ValidationError) as err:
        project_from_dict(doc)
    assert str(err.value) == "journeys[0].steps[1].emotion.current: 9 is outside -3..3"


def test_a_text_past_the_limit_is_refused_with_its_path_and_one_at_it_is_kept() -> None:
    doc = data()
    doc["journeys"][0]["steps"][1]["label"] = "x" * MAX_TEXT
    assert (
        len(project_from_dict(doc).journeys[0].step(doc["journeys"][0]["steps"][1]["id"]).label)
        == MAX_TEXT
    )
    doc["journeys"][0]["steps"][1]["notes"] = "y" * (MAX_TEXT + 1)
    with pytest.raises(ValidationError) as err:
        project_from_dict(doc)
    assert str(err.value) == (
        f"journeys[0].steps[1].notes: {MAX_TEXT + 1:,} characters are more than a text"
        f" may hold ({MAX_TEXT:,})"
    )


def test_newer_version_is_refused_with_a_sentence() -> None:
    with pytest.raises(FormatError, match="written by a newer motdesk"):
        project_from_dict(data(version=2))


def test_other_formats_and_non_json_are_refused() -> None:
    with pytest.raises(FormatError, match="not a motdesk project"):
        project_from_dict({"format": "something-else", "version": 1})
    with pytest.raises(FormatError, match="not valid JSON"):
        loads("{ nope")
    with pytest.raises(FormatError, match="expected a JSON object"):
        loads("[1, 2]")


def test_transition_to_a_missing_step_is_an_error_not_a_new_step() -> None:
    doc = data()
    doc["journeys"][0]["transitions"][0]["target"] = "n9"
    with pytest.raises(ValidationError, match=r"transitions\[0\]\.target: 'n9' is not a step"):
        project_from_dict(doc)


@pytest.mark.parametrize(
    ("where", "value", "message"),
    [
        (("kind",), "milestone", r"kind: 'milestone' is not one of touchpoint"),
        (("channel",), "fax", r"channel: 'fax' is not one of web"),
        (("evidence",), "rumour", r"evidence: 'rumour' is not one of observed"),
        (("moment",), "XMOT", r"moment: 'XMOT' is not one of LTZMOT"),
        (("phase",), 0, r"phase: 0 is not a whole number from 1"),
        (("phase",), 1.5, r"phase: 1.5 is not a whole number from 1"),
        (("stage",), "s9", r"stage: 's9' is not a stage"),
        (("lane",), "l9", r"lane: 'l9' is not a lane"),
        (("label",), 7, r"label: 7 is not text"),
        (("x",), "left", r"x: 'left' is not a number"),
        (("pain_points",), "slow", r"pain_points: expected a list"),
        (("emotion",), {"current": 1.5}, r"emotion\.current: 1\.5 is not a whole number"),
    ],
)
def test_each_step_rule_names_field_and_value(where, value, message) -> None:
    doc = data()
    first_step(doc)[where[0]] = value
    with pytest.raises(ValidationError, match=r"journeys\[0\]\.steps\[0\]\." + message):
        project_from_dict(doc)


def test_state_rules_for_emotions() -> None:
    doc = data()
    first_step(doc)["state"] = "current"
    with pytest.raises(
        ValidationError, match=r"emotion\.future: -2 is set but the step exists only in the current"
    ):
        project_from_dict(doc)


def test_transition_state_must_fit_its_ends() -> None:
    doc = data()
    first_step(doc)["state"] = "future"
    first_step(doc)["emotion"] = {"current": None, "future": 1}
    with pytest.raises(
        ValidationError, match=r"transitions\[0\]\.state: 'both' does not fit its ends"
    ):
        project_from_dict(doc)


def test_ids_are_unique_in_the_whole_project() -> None:
    doc = data()
    doc["journeys"][0]["transitions"][0]["id"] = "s1"
    with pytest.raises(
        ValidationError,
        match=r"transitions\[0\]\.id: 's1' is already used at journeys\[0\]\.stages\[0\]",
    ):
        project_from_dict(doc)


def test_duplicate_transition_between_the_same_steps_is_refused() -> None:
    doc = data()
    doc["journeys"][0]["transitions"].append({"id": "e2", "source": "n1", "target": "n2"})
    with pytest.raises(ValidationError, match="already leads from 'n1' to 'n2'"):
        project_from_dict(doc)


def test_share_outside_zero_to_one_and_bad_date_and_scale() -> None:
    doc = data()
    doc["journeys"][0]["transitions"][0]["share"] = -0.1
    with pytest.raises(ValidationError, match=r"share: -0\.1 is outside 0\.\.1"):
        project_from_dict(doc)
    with pytest.raises(ValidationError, match="workshop_date: 'tomorrow' is not a date"):
        project_from_dict(data(workshop_date="tomorrow"))
    with pytest.raises(ValidationError, match="emotion_scale: '0..100' is not one of"):
        project_from_dict(data(emotion_scale="0..100"))


def test_persona_reference_must_exist() -> None:
    doc = data()
    doc["journeys"][0]["persona"] = "p7"
    with pytest.raises(ValidationError, match=r"journeys\[0\]\.persona: 'p7' is not a persona"):
        project_from_dict(doc)


def test_emotions_follow_the_project_scale() -> None:
    doc = data(emotion_scale="1..10")
    first_step(doc)["emotion"] = {"current": 10, "future": 1}
    assert project_from_dict(doc).journeys[0].step("n1").current_emotion == 10
    first_step(doc)["emotion"] = {"current": 0, "future": 1}
    with pytest.raises(ValidationError, match=r"0 is outside 1\.\.10"):
        project_from_dict(doc)


@settings(max_examples=80, deadline=None)
@given(projects())
def test_random_projects_round_trip_through_json(project) -> None:
    text = dumps(project)
    again = loads(text)
    assert again == project
    assert dumps(again) == text
    assert json.loads(text)["format"] == "motdesk-project"

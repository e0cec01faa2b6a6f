"""Emotion scales: level names, the neutral point and conversion between scales."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from motdesk.graph.vocabulary import EMOTION_SCALES, Moment, emotion_scale

DEFAULT = EMOTION_SCALES["-3..3"]


def test_default_scale_names_misery_mediocrity_and_magic() -> None:
    assert DEFAULT.name(-3) == "misery"
    assert DEFAULT.name(0) == "mediocrity"
    assert DEFAULT.name(3) == "magic"
    assert list(DEFAULT.levels()) == [-3, -2, -1, 0, 1, 2, 3]


@pytest.mark.parametrize("code", list(EMOTION_SCALES))
def test_every_scale_names_every_level(code: str) -> None:
    scale = EMOTION_SCALES[code]
    assert len(scale.names) == scale.high - scale.low + 1
    assert scale.name(scale.low) == "misery" and scale.name(scale.high) == "magic"


@pytest.mark.parametrize(
    ("source", "value", "target", "expected"),
    [
        ("-3..3", -3, "1..5", 1),
        ("-3..3", 3, "1..5", 5),
        ("-3..3", 0, "1..5", 3),
        ("-3..3", 0, "-2..2", 0),
        ("-3..3", -3, "1..10", 1),
        ("-3..3", 3, "1..10", 10),
        ("1..10", 1, "-3..3", -3),
        ("1..10", 10, "-3..3", 3),
        ("1..5", 2, "-2..2", -1),
    ],
)
def test_conversion_keeps_the_relative_place(
    source: str, value: int, target: str, expected: int
) -> None:
    assert EMOTION_SCALES[source].convert(value, EMOTION_SCALES[target]) == expected


@given(
    st.sampled_from(list(EMOTION_SCALES)),
    st.sampled_from(list(EMOTION_SCALES)),
    st.data(),
)
def test_conversion_stays_on_the_scale_and_keeps_the_sign(
    a: str, b: str, data: st.DataObject
) -> None:
    source, target = EMOTION_SCALES[a], EMOTION_SCALES[b]
    value = data.draw(st.integers(source.low, source.high))
    converted = source.convert(value, target)
    assert target.contains(converted)
    if source.is_negative(value) and abs(source.normalized(value)) > 0.35:
        assert target.is_negative(converted)
    if source.is_positive(value) and abs(source.normalized(value)) > 0.35:
        assert target.is_positive(converted)


def test_conversion_is_monotonic() -> None:
    for source in EMOTION_SCALES.values():
        for target in EMOTION_SCALES.values():
            converted = [source.convert(v, target) for v in source.levels()]
            assert converted == sorted(converted)


def test_negative_means_below_the_middle() -> None:
    one_to_ten = emotion_scale("1..10")
    assert one_to_ten.is_negative(5) and one_to_ten.is_positive(6)
    assert not DEFAULT.is_negative(0) and not DEFAULT.is_positive(0)
    assert not DEFAULT.is_negative(None)


def test_unknown_scale_names_the_allowed_ones() -> None:
    with pytest.raises(KeyError, match="-3..3"):
        emotion_scale("0..100")


def test_every_moment_has_a_name_and_a_when() -> None:
    assert [m.value for m in Moment] == ["LTZMOT", "ZMOT", "FMOT", "SMOT", "TMOT", "UMOT", "MOT"]
    for moment in Moment:
        assert "moment of truth" in moment.full_name.lower()
        assert moment.when.endswith((".", "?"))

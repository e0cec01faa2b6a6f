"""The words of the domain: moment-of-truth codes, states, kinds, channels, emotion scales.

Every value a file, the command line or the editor may hold for a closed field is
listed here once, so validation, the UI's menus and the handouts share one list.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from enum import StrEnum


class Moment(StrEnum):
    """The moment-of-truth taxonomy (DOMAIN.md)."""

    LTZMOT = "LTZMOT"
    ZMOT = "ZMOT"
    FMOT = "FMOT"
    SMOT = "SMOT"
    TMOT = "TMOT"
    UMOT = "UMOT"
    MOT = "MOT"

    @property
    def full_name(self) -> str:
        return MOMENT_NAMES[self]

    @property
    def when(self) -> str:
        return MOMENT_WHEN[self]


MOMENT_NAMES: dict[Moment, str] = {
    Moment.LTZMOT: "Less-than-zero moment of truth",
    Moment.ZMOT: "Zero moment of truth",
    Moment.FMOT: "First moment of truth",
    Moment.SMOT: "Second moment of truth",
    Moment.TMOT: "Third moment of truth",
    Moment.UMOT: "Ultimate moment of truth",
    Moment.MOT: "Service moment of truth",
}

MOMENT_WHEN: dict[Moment, str] = {
    Moment.LTZMOT: "The trigger: an event creates the need before any search.",
    Moment.ZMOT: "The customer researches before buying: search, reviews, friends.",
    Moment.FMOT: "First encounter with the offer, where they choose.",
    Moment.SMOT: "Using what they bought: does it meet the expectation?",
    Moment.TMOT: "The customer gives back: feedback, advocacy, promotion.",
    Moment.UMOT: "The shared experience that becomes the next customer's ZMOT.",
    Moment.MOT: "A high-stakes service encounter: a cancellation, a claim, a fraud call.",
}


class State(StrEnum):
    """Which side of the journey a step or transition belongs to."""

    CURRENT = "current"  # exists today, removed in the future
    FUTURE = "future"  # new in the future
    BOTH = "both"

    # Plain class attributes, set below: a property reading State.FUTURE costs an enum
    # lookup per call, and views ask this of every step on every switch.
    has_current: bool
    has_future: bool


for _state in State:
    _state.has_current = _state is not State.FUTURE
    _state.has_future = _state is not State.CURRENT
del _state


class View(StrEnum):
    """The three ways to look at a journey."""

    CURRENT = "current"
    FUTURE = "future"
    COMPARE = "compare"


class StepKind(StrEnum):
    TOUCHPOINT = "touchpoint"
    ACTION = "action"
    DECISION = "decision"
    START = "start"
    END = "end"


class Channel(StrEnum):
    WEB = "web"
    APP = "app"
    PHONE = "phone"
    EMAIL = "email"
    STORE = "store"
    BRANCH = "branch"
    MAIL = "mail"
    SOCIAL = "social"
    IN_PERSON = "in_person"
    OTHER = "other"

    @property
    def display_name(self) -> str:
        return "in person" if self is Channel.IN_PERSON else self.value


class Evidence(StrEnum):
    OBSERVED = "observed"
    ASSUMED = "assumed"
    PROPOSED = "proposed"


class LaneKind(StrEnum):
    CUSTOMER = "customer"
    FRONTSTAGE = "frontstage"
    BACKSTAGE = "backstage"
    SUPPORT = "support"
    OTHER = "other"


BLUEPRINT_LANES: tuple[tuple[str, LaneKind], ...] = (
    ("Customer actions", LaneKind.CUSTOMER),
    ("Frontstage", LaneKind.FRONTSTAGE),
    ("Backstage", LaneKind.BACKSTAGE),
    ("Support processes", LaneKind.SUPPORT),
)

DEFAULT_STAGES: tuple[tuple[str, Moment | None], ...] = (
    ("Discover", Moment.ZMOT),
    ("Buy", Moment.FMOT),
    ("Use", Moment.SMOT),
    ("Get help", Moment.MOT),
    ("Recommend", Moment.TMOT),
)


MINUS = "\u2212"  # a true minus sign: "−2" reads as a number where "-2" reads as a dash
NOT_RATED = "\u2013"


def format_emotion(value: int | None, signed: bool) -> str:
    """An emotion level as the editor shows it everywhere.

    On a `signed` scale (around zero) "+3", "0" and "−2" with a true minus sign; on
    a scale from 1 the bare number; an en dash when not rated."""
    if value is None:
        return NOT_RATED
    if signed and value > 0:
        return f"+{value}"
    return str(value).replace("-", MINUS)


@dataclass(frozen=True)
class EmotionScale:
    """An integer scale of emotions from misery to magic, with a name for each level."""

    code: str
    low: int
    high: int
    names: tuple[str, ...]

    @property
    def neutral(self) -> float:
        """The middle of the scale: below it an emotion is negative."""
        return (self.low + self.high) / 2

    @property
    def signed(self) -> bool:
        """Whether the scale goes below zero, so its levels show a sign ("+3", "−2")."""
        return self.low < 0

    def levels(self) -> range:
        return range(self.low, self.high + 1)

    def number(self, value: int | None) -> str:
        """`value` as shown on this scale (see `format_emotion`)."""
        return format_emotion(value, self.signed)

    def contains(self, value: int) -> bool:
        return self.low <= value <= self.high

    def name(self, value: int) -> str:
        return self.names[value - self.low]

    def normalized(self, value: float) -> float:
        """The value mapped onto -1..+1, 0 being the neutral middle."""
        return (value - self.neutral) / ((self.high - self.low) / 2)

    def is_negative(self, value: int | None) -> bool:
        return value is not None and value < self.neutral

    def is_positive(self, value: int | None) -> bool:
        return value is not None and value > self.neutral

    def convert(self, value: int, target: EmotionScale) -> int:
        """The value at the same relative place on `target`, rounded half away from the middle."""
        position = target.low + (value - self.low) * (target.high - target.low) / (
            self.high - self.low
        )
        if position >= target.neutral:
            rounded = math.floor(position + 0.5)
        else:
            rounded = math.ceil(position - 0.5)
        return int(min(target.high, max(target.low, rounded)))

    def __str__(self) -> str:
        return self.code


EMOTION_SCALES: dict[str, EmotionScale] = {
    s.code: s
    for s in (
        EmotionScale(
            "-3..3",
            -3,
            3,
            ("misery", "frustrated", "annoyed", "mediocrity", "pleased", "delighted", "magic"),
        ),
        EmotionScale("-2..2", -2, 2, ("misery", "unhappy", "mediocrity", "happy", "magic")),
        EmotionScale("1..5", 1, 5, ("misery", "unhappy", "mediocrity", "happy", "magic")),
        EmotionScale(
            "1..10",
            1,
            10,
            (
                "misery",
                "angry",
                "frustrated",
                "annoyed",
                "mediocrity",
                "okay",
                "pleased",
                "happy",
                "delighted",
                "magic",
            ),
        ),
    )
}

DEFAULT_SCALE = EMOTION_SCALES["-3..3"]


def emotion_scale(code: str) -> EmotionScale:
    """The scale named by `code`; KeyError names the allowed codes."""
    try:
        return EMOTION_SCALES[code]
    except KeyError:
        raise KeyError(f"{code!r} is not one of {', '.join(EMOTION_SCALES)}") from None

"""Small change events the document emits, so views follow it instead of polling."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Literal

Kind = Literal["project", "persona", "journey", "stage", "lane", "step", "transition"]
Action = Literal["added", "removed", "changed", "moved"]


@dataclass(frozen=True)
class Change:
    """One primitive change: `old` is None when added, `new` is None when removed.

    `index` is the position in an ordered list (stages, lanes, personas, journeys);
    for `moved`, `old` and `new` are the former and the new position.
    """

    kind: Kind
    action: Action
    journey: str | None
    old: Any
    new: Any
    index: int | None = None


Listener = Callable[[Change], None]


class EventBus:
    """Delivers each change to every subscriber, in the order they subscribed."""

    def __init__(self) -> None:
        self._listeners: list[Listener] = []

    def subscribe(self, listener: Listener) -> None:
        self._listeners.append(listener)

    def unsubscribe(self, listener: Listener) -> None:
        self._listeners.remove(listener)

    def emit(self, change: Change) -> None:
        for listener in list(self._listeners):
            listener(change)

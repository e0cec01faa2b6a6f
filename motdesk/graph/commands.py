"""Commands: every change to a project is one of these, with `apply` and `revert`.

Each primitive command holds the record before and after (None for absent), so
reverting is applying the other way round. `Macro` composes them into one unit.
Commands trust their values: the `Document` API validates before it builds them.
"""

from __future__ import annotations

from collections.abc import Hashable, Sequence
from dataclasses import dataclass, field
from typing import Any

from motdesk.graph.events import Change, EventBus
from motdesk.graph.model import Journey, Project, Step, Transition


class Command:
    """A reversible change. `merge_key` lets runs of typing in one field merge."""

    name: str
    merge_key: Hashable | None = None

    def apply(self, project: Project, bus: EventBus) -> None:
        raise NotImplementedError

    def revert(self, project: Project, bus: EventBus) -> None:
        raise NotImplementedError

    def merge(self, later: Command) -> bool:
        """Absorb `later` (applied after self); True if it did."""
        return False

    def is_noop(self) -> bool:
        return False


@dataclass
class Macro(Command):
    """Several commands as one undoable unit, reverted in reverse order.

    `key`: typing in a field shared by several records (the same field of the selected
    steps) makes one macro a keystroke; macros of one key merge command by command."""

    name: str
    commands: list[Command] = field(default_factory=list)
    key: Hashable | None = None

    def apply(self, project: Project, bus: EventBus) -> None:
        for command in self.commands:
            command.apply(project, bus)

    def revert(self, project: Project, bus: EventBus) -> None:
        for command in reversed(self.commands):
            command.revert(project, bus)

    @property
    def merge_key(self) -> Hashable | None:  # type: ignore[override]
        if self.key is not None:
            return self.key
        return self.commands[0].merge_key if len(self.commands) == 1 else None

    def merge(self, later: Command) -> bool:
        if self.key is not None:
            return self._merge_each(later)
        if len(self.commands) != 1:
            return False
        inner = (
            later.commands[0] if isinstance(later, Macro) and len(later.commands) == 1 else later
        )
        return self.commands[0].merge(inner)

    def _merge_each(self, later: Command) -> bool:
        """Absorb a macro of the same key whose commands pair with these one by one."""
        if (
            not isinstance(later, Macro)
            or later.key != self.key
            or len(later.commands) != len(self.commands)
            or any(
                a.merge_key is None or a.merge_key != b.merge_key
                for a, b in zip(self.commands, later.commands, strict=True)
            )
        ):
            return False
        return all(a.merge(b) for a, b in zip(self.commands, later.commands, strict=True))

    def is_noop(self) -> bool:
        return all(c.is_noop() for c in self.commands)


@dataclass
class _Swap(Command):
    """A record replaced by another; None on either side means absent."""

    name: str
    old: Any
    new: Any
    merge_key: Hashable | None = None  # type: ignore[assignment]

    def apply(self, project: Project, bus: EventBus) -> None:
        self._set(project, bus, self.old, self.new)

    def revert(self, project: Project, bus: EventBus) -> None:
        self._set(project, bus, self.new, self.old)

    def _set(self, project: Project, bus: EventBus, old: Any, new: Any) -> None:
        raise NotImplementedError

    def merge(self, later: Command) -> bool:
        if (
            self.merge_key is None
            or type(later) is not type(self)
            or later.merge_key != self.merge_key
        ):
            return False
        assert isinstance(later, _Swap)
        self.new = later.new
        return True

    def is_noop(self) -> bool:
        return self.old == self.new


def _action(old: Any, new: Any) -> str:
    return "added" if old is None else "removed" if new is None else "changed"


@dataclass
class PutStep(_Swap):
    journey: str = ""

    def _set(self, project: Project, bus: EventBus, old: Step | None, new: Step | None) -> None:
        journey = project.journey(self.journey)
        if new is None:
            journey._drop_step(old.id)  # type: ignore[union-attr]
        else:
            journey._put_step(new)
        bus.emit(Change("step", _action(old, new), self.journey, old, new))  # type: ignore[arg-type]


@dataclass
class PutTransition(_Swap):
    journey: str = ""

    def _set(
        self, project: Project, bus: EventBus, old: Transition | None, new: Transition | None
    ) -> None:
        journey = project.journey(self.journey)
        if new is None:
            journey._drop_transition(old.id)  # type: ignore[union-attr]
        else:
            journey._put_transition(new)
        bus.emit(Change("transition", _action(old, new), self.journey, old, new))  # type: ignore[arg-type]


def _ordered_list(project: Project, kind: str, journey_id: str | None) -> list[Any]:
    if kind == "persona":
        return project.personas
    if kind == "journey":
        return project.journeys
    journey = project.journey(journey_id or "")
    return journey.stages if kind == "stage" else journey.lanes


@dataclass
class PutItem(_Swap):
    """Insert, remove or replace one item of an ordered list: stages, lanes, personas, journeys."""

    kind: str = "stage"
    journey: str | None = None
    index: int = 0

    def _set(self, project: Project, bus: EventBus, old: Any, new: Any) -> None:
        items = _ordered_list(project, self.kind, self.journey)
        if old is None:
            items.insert(self.index, new)
        elif new is None:
            del items[self.index]
        else:
            items[self.index] = new
        journey = self.journey if self.kind != "journey" else (old or new).id
        bus.emit(Change(self.kind, _action(old, new), journey, old, new, self.index))  # type: ignore[arg-type]


@dataclass
class MoveItem(Command):
    """Move one item of an ordered list from one position to another."""

    name: str
    kind: str
    journey: str | None
    source: int
    target: int

    def _move(self, project: Project, bus: EventBus, a: int, b: int) -> None:
        items = _ordered_list(project, self.kind, self.journey)
        item = items.pop(a)
        items.insert(b, item)
        journey = self.journey if self.kind != "journey" else item.id
        bus.emit(Change(self.kind, "moved", journey, a, b, b))  # type: ignore[arg-type]

    def apply(self, project: Project, bus: EventBus) -> None:
        self._move(project, bus, self.source, self.target)

    def revert(self, project: Project, bus: EventBus) -> None:
        self._move(project, bus, self.target, self.source)

    def is_noop(self) -> bool:
        return self.source == self.target


@dataclass
class SetFields(_Swap):
    """Replace some fields of the project (journey None) or of a journey; old/new are dicts."""

    journey: str | None = None

    def _set(
        self, project: Project, bus: EventBus, old: dict[str, Any], new: dict[str, Any]
    ) -> None:
        target: Project | Journey = (
            project if self.journey is None else project.journey(self.journey)
        )
        for key, value in new.items():
            setattr(target, key, value)
        kind = "project" if self.journey is None else "journey"
        bus.emit(Change(kind, "changed", self.journey, old, new))  # type: ignore[arg-type]


def macro(name: str, commands: Sequence[Command], key: Hashable | None = None) -> Command:
    """One command for the list: itself when alone, else a `Macro` (merging by `key`)."""
    if len(commands) == 1:
        only = commands[0]
        only.name = name
        return only
    return Macro(name, list(commands), key)

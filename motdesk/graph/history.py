"""Undo and redo: a stack of units, groups, merged typing and the clean (saved) point."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager

from motdesk.graph.commands import Command, Macro
from motdesk.graph.events import EventBus
from motdesk.graph.model import Project


class History:
    """Applies commands to a project and keeps them for undo and redo.

    `group(name)` gathers every command pushed inside it into one unit; nested
    groups fold into the outermost. If the body raises, what it applied is
    reverted, so a failed gesture leaves no trace.
    """

    def __init__(self, project: Project, bus: EventBus) -> None:
        self._project = project
        self._bus = bus
        self._undo: list[Command] = []
        self._redo: list[Command] = []
        self._clean: int | None = 0
        self._open: list[Macro] = []
        self._listeners: list[Callable[[], None]] = []

    # -- observing -----------------------------------------------------------
    def subscribe(self, listener: Callable[[], None]) -> None:
        """Called after every change of the stacks or of the clean point."""
        self._listeners.append(listener)

    def unsubscribe(self, listener: Callable[[], None]) -> None:
        self._listeners.remove(listener)

    def _changed(self) -> None:
        for listener in list(self._listeners):
            listener()

    # -- state ---------------------------------------------------------------
    @property
    def can_undo(self) -> bool:
        return bool(self._undo) and not self._open

    @property
    def can_redo(self) -> bool:
        return bool(self._redo) and not self._open

    @property
    def undo_text(self) -> str:
        return self._undo[-1].name if self._undo else ""

    @property
    def redo_text(self) -> str:
        return self._redo[-1].name if self._redo else ""

    @property
    def is_clean(self) -> bool:
        return self._clean == len(self._undo) and not self._open

    @property
    def depth(self) -> int:
        return len(self._undo)

    def mark_clean(self) -> None:
        """The project as it is now is what was saved."""
        self._clean = len(self._undo)
        self._changed()

    def mark_dirty(self) -> None:
        """No undo or redo leads back to a saved state (a failed save, a recovered file)."""
        self._clean = None
        self._changed()

    def clear(self) -> None:
        self._undo.clear()
        self._redo.clear()
        self._clean = 0
        self._changed()

    # -- changing ------------------------------------------------------------
    def push(self, command: Command) -> None:
        """Apply the command and record it (in the open group, if any)."""
        command.apply(self._project, self._bus)
        if self._open:
            self._open[-1].commands.append(command)
            return
        self._record(command)

    def _record(self, command: Command) -> None:
        top = self._undo[-1] if self._undo else None
        mergeable = (
            top is not None
            and command.merge_key is not None
            and top.merge_key == command.merge_key
            and self._clean != len(self._undo)
            and not self._redo
        )
        if mergeable and top is not None and top.merge(command):
            if top.is_noop():
                self._undo.pop()
        elif not command.is_noop():
            if self._clean is not None and self._clean > len(self._undo):
                self._clean = None  # the saved state was in the redo stack, now gone
            self._undo.append(command)
        self._redo.clear()
        self._changed()

    @contextmanager
    def group(self, name: str) -> Iterator[Macro]:
        """Everything pushed inside is one undoable unit named `name`."""
        unit = Macro(name, [])
        self._open.append(unit)
        try:
            yield unit
        except BaseException:
            self._open.pop()
            unit.revert(self._project, self._bus)
            raise
        self._open.pop()
        if not unit.commands:
            return
        if self._open:
            self._open[-1].commands.extend(unit.commands)
        else:
            self._record(unit if len(unit.commands) > 1 else _renamed(unit.commands[0], name))

    def undo(self) -> None:
        if not self.can_undo:
            return
        command = self._undo.pop()
        command.revert(self._project, self._bus)
        self._redo.append(command)
        self._changed()

    def redo(self) -> None:
        if not self.can_redo:
            return
        command = self._redo.pop()
        command.apply(self._project, self._bus)
        self._undo.append(command)
        self._changed()


def _renamed(command: Command, name: str) -> Command:
    command.name = name
    return command

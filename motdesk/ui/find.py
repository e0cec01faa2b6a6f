"""The find bar above the canvas: steps by their text, walked one by one.

Typing lists the steps the view shows whose label, description, notes, owner,
pain points or opportunities hold the text (case-insensitive), in reading order
(left to right, then top to bottom), and shows "3 of 7"; a step code as printed
on the handout (S07) finds its step first. Enter or F3 moves to the
next match, Shift+Enter or Shift+F3 to the previous one; each is selected and
centred on the canvas. Escape closes the bar. While the bar is open the other
steps are faded.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QToolButton, QWidget

from motdesk.graph.codes import step_for_code
from motdesk.graph.model import Journey, Step
from motdesk.graph.views import visible
from motdesk.graph.vocabulary import View

if TYPE_CHECKING:
    from motdesk.ui.mainwindow import MainWindow


_TYPED_CODE = re.compile(r"^s\s*\d+$")  # casefolded


def step_text(step: Step) -> list[str]:
    """The texts of a step that find looks through."""
    return [
        step.label,
        step.description,
        step.notes,
        step.owner,
        *step.pain_points,
        *step.opportunities,
    ]


def matching_steps(journey: Journey, text: str, view: View) -> list[str]:
    """Ids of the steps `view` shows whose text holds `text`, in reading order (x, then y).

    A step code typed with its S (``S07``, ``s7``: as printed on the handout) finds that
    step first."""
    needle = text.strip().casefold()
    if not needle:
        return []
    found = [
        step
        for step in journey.steps()
        if visible(step.state, view) and any(needle in t.casefold() for t in step_text(step))
    ]
    found.sort(key=lambda s: (s.x, s.y))
    ids = [s.id for s in found]
    if _TYPED_CODE.match(needle):
        try:
            coded = step_for_code(journey, needle)
        except KeyError:
            return ids
        if visible(coded.state, view):
            ids = [coded.id, *(i for i in ids if i != coded.id)]
    return ids


class FindBar(QWidget):
    """A bar of one window: a text field, "n of m", previous, next and close."""

    matchesChanged = Signal()  # the matches or the bar's visibility changed (for fading)

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.setObjectName("find-bar")
        self.matches: list[str] = []
        self.current = -1
        self._refresh_timer = QTimer(self)
        self._refresh_timer.setSingleShot(True)
        self._refresh_timer.setInterval(0)
        self._refresh_timer.timeout.connect(self._refresh_after_change)

        layout = QHBoxLayout(self)
        layout.setContentsMargins(8, 4, 8, 4)
        layout.setSpacing(6)
        label = QLabel("&Find:")
        self.field = QLineEdit()
        self.field.setObjectName("find-field")
        self.field.setClearButtonEnabled(True)
        self.field.setPlaceholderText("Label, notes, pain points, owner or code (S07)")
        self.field.setAccessibleName("Find steps")
        label.setBuddy(self.field)
        self.count = QLabel("")
        self.count.setObjectName("find-count")
        self.count.setMinimumWidth(90)
        self.previous_button = self._button("◀", "Previous match (Shift+Enter)", self.previous)
        self.next_button = self._button("▶", "Next match (Enter)", self.next)
        close = self._button("✕", "Close the find bar (Escape)", self.close_bar)
        layout.addWidget(label)
        layout.addWidget(self.field, 1)
        layout.addWidget(self.count)
        layout.addWidget(self.previous_button)
        layout.addWidget(self.next_button)
        layout.addStretch(0)
        layout.addWidget(close)
        self.field.textChanged.connect(self._typed)
        self.field.installEventFilter(self)
        self.hide()

    def _button(self, text: str, tip: str, slot) -> QToolButton:
        button = QToolButton(self)
        button.setText(text)
        button.setToolTip(tip)
        button.setAccessibleName(tip.split(" (")[0])
        button.setAutoRaise(True)
        button.clicked.connect(slot)
        return button

    # -- opening and closing ------------------------------------------------------------
    def is_open(self) -> bool:
        return not self.isHidden()

    def open(self) -> None:
        """Show the bar with the focus in its field, the last text selected."""
        self.show()
        self.field.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.field.selectAll()
        self._update_matches(keep=True)

    def close_bar(self) -> None:
        self.hide()
        self.matchesChanged.emit()
        self.window.view.setFocus(Qt.FocusReason.OtherFocusReason)

    # -- matching -----------------------------------------------------------------------
    def _typed(self, _text: str) -> None:
        self._update_matches(keep=False)
        if self.matches:
            self._go(0)

    def document_changed(self) -> None:
        """Steps changed: match again once the burst of changes is over (keeping the current)."""
        if self.is_open() and not self._refresh_timer.isActive():
            self._refresh_timer.start()

    def journey_changed(self) -> None:
        if self.is_open():
            self._update_matches(keep=False)

    def _refresh_after_change(self) -> None:
        if self.is_open():
            self._update_matches(keep=True)

    def _update_matches(self, keep: bool) -> None:
        current = self.current_step()
        journey = self.window.journey()
        view = self.window.view.view_mode()
        text = self.field.text()
        self.matches = matching_steps(journey, text, view) if journey is not None else []
        if keep and current in self.matches:
            self.current = self.matches.index(current)
        else:
            self.current = -1
        self._show_count()
        self.matchesChanged.emit()

    def current_step(self) -> str | None:
        if 0 <= self.current < len(self.matches):
            return self.matches[self.current]
        return None

    def _show_count(self) -> None:
        if not self.field.text().strip():
            self.count.setText("")
        elif not self.matches:
            self.count.setText("No match")
        elif self.current < 0:
            self.count.setText(f"{len(self.matches)} found")
        else:
            self.count.setText(f"{self.current + 1} of {len(self.matches)}")
        self.count.setAccessibleName(self.count.text())
        enabled = len(self.matches) > 0
        self.previous_button.setEnabled(enabled)
        self.next_button.setEnabled(enabled)

    # -- walking ------------------------------------------------------------------------
    def next(self) -> None:
        if not self.is_open():
            self.open()
        if self.matches:
            self._go((self.current + 1) % len(self.matches))

    def previous(self) -> None:
        if not self.is_open():
            self.open()
        if self.matches:
            self._go((self.current - 1) % len(self.matches) if self.current >= 0 else -1)

    def _go(self, index: int) -> None:
        self.current = index % len(self.matches)
        step_id = self.matches[self.current]
        view = self.window.view
        view.select_ids([step_id])
        view.center_on_step(step_id)
        self._show_count()

    # -- keys -----------------------------------------------------------------------------
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if watched is self.field and event.type() == QEvent.Type.KeyPress:
            key = event.key()
            shift = bool(event.modifiers() & Qt.KeyboardModifier.ShiftModifier)
            if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                if shift:
                    self.previous()
                else:
                    self.next()
                return True
            if key == Qt.Key.Key_Escape:
                self.close_bar()
                return True
            if event.matches(QKeySequence.StandardKey.FindNext):
                self.next()
                return True
            if event.matches(QKeySequence.StandardKey.FindPrevious):
                self.previous()
                return True
        return super().eventFilter(watched, event)

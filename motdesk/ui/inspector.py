"""The inspector dock: every field of what is selected, edited in place through the document.

One step: all its fields; several steps: the fields they share (a change applies
to all, one undo unit); a transition; a stage or a lane; nothing: the journey.
Typing merges into one undo step per field. The inspector follows document
events, so undo updates it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QApplication,
    QDockWidget,
    QFormLayout,
    QLabel,
    QScrollArea,
    QSizePolicy,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from motdesk.errors import sentence
from motdesk.graph.events import Change
from motdesk.graph.validation import DocumentError
from motdesk.graph.vocabulary import (
    MOMENT_NAMES,
    Channel,
    Evidence,
    Moment,
    State,
    StepKind,
    View,
)
from motdesk.ui.fields import (
    ChoiceField,
    KpiTable,
    LongTextField,
    PhaseField,
    TextField,
    TextListField,
)
from motdesk.ui.forms import JourneyForm, LaneForm, StageForm, TransitionForm
from motdesk.ui.text import plain_label

if TYPE_CHECKING:
    from motdesk.ui.mainwindow import MainWindow

STATE_CHOICES = [
    ("both (today and in the future)", State.BOTH),
    ("current only (removed in the future)", State.CURRENT),
    ("future only (new)", State.FUTURE),
]
MOMENT_CHOICES = [("none", None)] + [(f"{m.value}: {MOMENT_NAMES[m]}", m) for m in Moment]
KIND_CHOICES = [(k.value, k) for k in StepKind]
CHANNEL_CHOICES = [("none", None)] + [
    ("in person" if c is Channel.IN_PERSON else c.value, c) for c in Channel
]
EVIDENCE_CHOICES = [(e.value, e) for e in Evidence]
SHARED_FIELDS = (
    "stage",
    "lane",
    "kind",
    "channel",
    "owner",
    "evidence",
    "state",
    "moment",
    "current_emotion",
    "future_emotion",
    "phase",
)


def emotion_choices(scale) -> list[tuple[str, Any]]:
    return [("not rated", None)] + [
        (f"{scale.number(v)}  {scale.name(v)}", v) for v in scale.levels()
    ]


class StepForm(QWidget):
    """The fields of one step, or those several steps share."""

    def __init__(self, dock: InspectorDock) -> None:
        super().__init__()
        self.dock = dock
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        self.form = QFormLayout()
        outer.addLayout(self.form)
        outer.addStretch(1)
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.heading = plain_label()
        self.heading.setStyleSheet("font-weight: bold;")
        self.heading.setWordWrap(True)  # a long label wraps: it never widens the panel
        self.form.addRow(self.heading)
        e = self._editor
        self.fields: dict[str, Any] = {
            "label": TextField(e("label", merge=True)),
            "description": LongTextField(e("description", merge=True)),
            "stage": ChoiceField([], e("stage", merge=True)),
            "lane": ChoiceField([], e("lane", merge=True)),
            "kind": ChoiceField(KIND_CHOICES, e("kind", merge=True)),
            "channel": ChoiceField(CHANNEL_CHOICES, e("channel", merge=True)),
            "owner": TextField(e("owner", merge=True)),
            "evidence": ChoiceField(EVIDENCE_CHOICES, e("evidence", merge=True)),
            "state": ChoiceField(STATE_CHOICES, e("state")),
            "moment": ChoiceField(MOMENT_CHOICES, e("moment", merge=True)),
            "current_emotion": ChoiceField([], e("current_emotion", merge=True)),
            "future_emotion": ChoiceField([], e("future_emotion", merge=True)),
            "pain_points": TextListField(e("pain_points"), "pain point"),
            "opportunities": TextListField(e("opportunities"), "opportunity"),
            "kpis": KpiTable(e("kpis"), dock.refused),
            "phase": PhaseField(e("phase", merge=True)),
            "notes": LongTextField(e("notes", merge=True)),
        }
        labels = {
            "label": "&Label",
            "current_emotion": "Emotion &today",
            "future_emotion": "Emotion &target",
            "moment": "&Moment of truth",
            "pain_points": "Pain points",
            "kpis": "KPIs",
        }
        for name, widget in self.fields.items():
            widget.setObjectName(f"inspector-{name}")
            text = labels.get(name, name.replace("_", " ").capitalize())
            self.form.addRow(text, widget)
        self.journey_id: str | None = None
        self.step_ids: list[str] = []
        self._scale_code = ""
        self.applying = False

    def _editor(self, field: str, merge: bool = False):
        return lambda value: self.apply(field, value, merge)

    def apply(self, field: str, value: Any, merge: bool) -> None:
        if self.journey_id is None or not self.step_ids:
            return
        document = self.dock.document
        self.dock.clear_message()
        # only a state can take transitions with it; counting them walks the whole graph
        arrows = document.journey(self.journey_id).transition_count if field == "state" else 0
        self.applying = True
        try:
            if len(self.step_ids) == 1:
                document.update_step(
                    self.journey_id, self.step_ids[0], merge=merge, **{field: value}
                )
            elif field in ("current_emotion", "future_emotion"):
                side = State.CURRENT if field == "current_emotion" else State.FUTURE
                document.set_emotion(self.journey_id, self.step_ids, side, value)
            else:
                document.update_steps(
                    self.journey_id, {sid: {field: value} for sid in self.step_ids}, merge=merge
                )
        except DocumentError as exc:
            self.dock.refused(str(exc))
        finally:
            self.applying = False
        if field in ("stage", "lane"):  # the card went to another cell: keep it in view
            self.dock.window_.view.reveal(self.step_ids)
        gone = arrows - document.journey(self.journey_id).transition_count if arrows else 0
        if gone > 0:  # a state that no longer fits an arrow's end took the arrow with it
            noun = "transition" if gone == 1 else f"{gone} transitions"
            self.dock.window_.statusBar().showMessage(
                f"The {noun} that no longer fit the new state went with it "
                "(Undo brings them back).",
                8000,
            )
        self.refresh()  # once, after every step of a shared change has changed

    def show_steps(self, journey_id: str, step_ids: list[str]) -> None:
        self.journey_id = journey_id
        self.step_ids = list(step_ids)
        single = len(step_ids) == 1
        for name in self.fields:
            self.form.setRowVisible(self.fields[name], single or name in SHARED_FIELDS)
        self.refresh()

    def refresh(self) -> None:
        document = self.dock.document
        journey = document.journey(self.journey_id)
        steps = [journey.step(s) for s in self.step_ids if journey.has_step(s)]
        if not steps:
            return
        scale = document.project.scale
        if scale.code != self._scale_code:
            self._scale_code = scale.code
            for side in ("current_emotion", "future_emotion"):
                self.fields[side].set_choices(emotion_choices(scale))
        self.fields["stage"].set_choices([(s.name or "(unnamed)", s.id) for s in journey.stages])
        self.fields["lane"].set_choices([(ln.name or "(unnamed)", ln.id) for ln in journey.lanes])
        if len(steps) == 1:
            self.heading.setText(f"Step: {steps[0].label or '(no label)'}")
        else:
            self.heading.setText(f"{len(steps)} steps (shared fields)")
        for name, widget in self.fields.items():
            values = [getattr(s, name) for s in steps]
            mixed = any(v != values[0] for v in values[1:])
            widget.show_value(values[0], mixed)
        self.fields["current_emotion"].setEnabled(all(s.state.has_current for s in steps))
        self.fields["future_emotion"].setEnabled(all(s.state.has_future for s in steps))


class InspectorDock(QDockWidget):
    """Shows and edits the selection of the window it belongs to."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__("Inspector", window)
        self.setObjectName("inspector-dock")
        self.window_ = window
        self.message = plain_label()
        self.message.setWordWrap(True)
        self.message.setStyleSheet("color: #a33;")
        self.stack = QStackedWidget()
        self.step_form = StepForm(self)
        self.transition_form = TransitionForm(self)
        self.stage_form = StageForm(self)
        self.lane_form = LaneForm(self)
        self.journey_form = JourneyForm(self)
        self.empty = QLabel("No journey.")
        for page in (
            self.empty,
            self.journey_form,
            self.step_form,
            self.transition_form,
            self.stage_form,
            self.lane_form,
        ):
            self.stack.addWidget(page)
        holder = QWidget()
        column = QVBoxLayout(holder)
        column.addWidget(self.stack)
        column.addWidget(self.message)
        column.addStretch(1)
        self.stack.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setWidget(holder)
        self.setWidget(scroll)
        self.setMinimumWidth(320)
        self._scroll = scroll
        QApplication.instance().focusChanged.connect(self._follow_focus)

    def _follow_focus(self, _old, new) -> None:
        """A field reached by the keyboard (Tab, Alt+letter) is scrolled into view."""
        try:
            holder = self._scroll.widget()
            if new is not None and holder is not None and holder.isAncestorOf(new):
                self._scroll.ensureWidgetVisible(new, 8, 8)
        except RuntimeError:  # the window is gone; the application still tells of focus
            return

    @property
    def document(self):
        return self.window_.document

    def _show_page(self, page) -> None:
        """Show another page; if the keyboard's focus was on the page going away (a button
        just clicked, a field), it goes to the map, not to the first field of the new page,
        where the next keys would retitle the journey."""
        old = self.stack.currentWidget()
        if old is page:
            return
        focus = QApplication.focusWidget()
        self.stack.setCurrentWidget(page)
        if focus is not None and old is not None and old.isAncestorOf(focus):
            self.window_.view.setFocus()

    def refused(self, text: str) -> None:
        self.message.setText(sentence(text))

    def clear_message(self) -> None:
        if self.message.text():
            self.message.setText("")

    def set_view_mode(self, view: View) -> None:
        pass  # every field shows both sides; the canvas shows the view

    # -- what to show --------------------------------------------------------
    def show_selection(
        self, journey_id: str | None, step_ids: list[str], transition_ids: list[str]
    ) -> None:
        self.clear_message()
        if journey_id is None:
            self._show_page(self.empty)
        elif step_ids:
            self.step_form.show_steps(journey_id, step_ids)
            self._show_page(self.step_form)
        elif len(transition_ids) == 1:
            self.transition_form.show_item(journey_id, transition_ids[0])
            self._show_page(self.transition_form)
        else:
            self.journey_form.show_item(journey_id, journey_id)
            self._show_page(self.journey_form)

    def show_stage(self, journey_id: str | None, stage_id: str) -> None:
        if journey_id is not None:
            self.stage_form.show_item(journey_id, stage_id)
            self._show_page(self.stage_form)
            self.show()
            self.raise_()

    def show_lane(self, journey_id: str | None, lane_id: str) -> None:
        if journey_id is not None:
            self.lane_form.show_item(journey_id, lane_id)
            self._show_page(self.lane_form)
            self.show()
            self.raise_()

    def _follows(self, page) -> tuple[str, ...]:
        """The kinds of change that can alter what a page other than the step page shows."""
        if page is self.transition_form:
            return ("transition", "step", "project", "journey")
        if page is self.stage_form:
            return ("stage", "journey")
        if page is self.lane_form:
            return ("lane", "journey")
        return ("journey", "persona", "project", "stage", "lane")

    def document_changed(self, change: Change) -> None:
        """Follow the document: refresh the page shown, or leave it if its item is gone."""
        page = self.stack.currentWidget()
        if page is self.empty:
            return
        if page is self.step_form:
            journey = self.document.project.journeys
            if not any(j.id == self.step_form.journey_id for j in journey):
                return self.show_selection(None, [], [])
            current = self.document.journey(self.step_form.journey_id)
            alive = [s for s in self.step_form.step_ids if current.has_step(s)]
            if not alive:
                return self.show_selection(self.step_form.journey_id, [], [])
            if alive != self.step_form.step_ids:
                self.step_form.show_steps(self.step_form.journey_id, alive)
            elif (
                change.kind in ("stage", "lane", "project")
                or (change.kind == "step" and _concerns(change, self.step_form.step_ids))
            ) and not self.step_form.applying:
                self.step_form.refresh()
            return
        if change.kind not in self._follows(page):
            return  # an auto-layout moves thousands of steps: the journey page need not know
        if not page.alive():
            journey_id = self.window_.journey_id
            self.show_selection(journey_id, [], [])
        else:
            page.refresh()


def _concerns(change: Change, step_ids: list[str]) -> bool:
    """Whether a step change is about one of the steps on show."""
    record = change.new if change.new is not None else change.old
    return record is not None and record.id in step_ids

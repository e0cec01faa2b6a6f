"""Inspector pages for a transition, a stage, a lane and the journey itself."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtWidgets import (
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from motdesk.graph.validation import DocumentError
from motdesk.graph.views import visible
from motdesk.graph.vocabulary import MOMENT_NAMES, LaneKind, Moment, State
from motdesk.ui.fields import ChoiceField, LongTextField, ShareField, TextField
from motdesk.ui.text import plain, plain_label

if TYPE_CHECKING:
    from motdesk.ui.inspector import InspectorDock

TRANSITION_STATES = [
    ("both (today and in the future)", State.BOTH),
    ("current only (removed in the future)", State.CURRENT),
    ("future only (new)", State.FUTURE),
]
STAGE_MOMENTS = [("none", None)] + [(f"{m.value}: {MOMENT_NAMES[m]}", m) for m in Moment]
LANE_KINDS = [(k.value, k) for k in LaneKind]


class ItemForm(QWidget):
    """A page editing one item of a journey; subclasses name the item and its fields."""

    title = ""

    def __init__(self, dock: InspectorDock) -> None:
        super().__init__()
        self.dock = dock
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        self.form = QFormLayout()
        outer.addLayout(self.form)
        outer.addStretch(1)
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.heading = plain_label(self.title)
        self.heading.setStyleSheet("font-weight: bold;")
        self.form.addRow(self.heading)
        self.journey_id = ""
        self.item_id = ""
        self.fields: dict[str, Any] = {}

    def add(self, name: str, label: str, widget: QWidget) -> None:
        widget.setObjectName(f"inspector-{self.title.lower()}-{name}")
        self.fields[name] = widget
        self.form.addRow(label, widget)

    def edit(self, field: str, merge: bool = False):
        def apply(value: Any) -> None:
            self.dock.clear_message()
            try:
                self.update(field, value, merge)
            except DocumentError as exc:
                self.dock.refused(str(exc))
                self.refresh()

        return apply

    def show_item(self, journey_id: str, item_id: str) -> None:
        self.journey_id, self.item_id = journey_id, item_id
        self.refresh()

    def refresh(self) -> None:
        if not self.alive():
            return
        item = self.item()
        for name, widget in self.fields.items():
            widget.show_value(getattr(item, name))

    def alive(self) -> bool:
        try:
            self.item()
        except KeyError:
            return False
        return True

    def journey(self):
        return self.dock.document.journey(self.journey_id)

    def item(self) -> Any:
        raise NotImplementedError

    def update(self, field: str, value: Any, merge: bool) -> None:
        raise NotImplementedError


class TransitionForm(ItemForm):
    title = "Transition"

    def __init__(self, dock: InspectorDock) -> None:
        super().__init__(dock)
        self.ends = plain_label()
        self.ends.setWordWrap(True)
        self.form.addRow(self.ends)
        self.add("label", "&Label", TextField(self.edit("label", merge=True)))
        share = ShareField(self.edit("share", merge=True), self.dock.refused)
        self.add("share", "&Share", share)
        self.add("state", "S&tate", ChoiceField(TRANSITION_STATES, self.edit("state")))

    def item(self):
        return self.journey().transition(self.item_id)

    def refresh(self) -> None:
        super().refresh()
        if self.alive():
            t, j = self.item(), self.journey()
            self.ends.setText(f"From {j.step(t.source).label!r} to {j.step(t.target).label!r}")

    def update(self, field: str, value: Any, merge: bool) -> None:
        self.dock.document.update_transition(
            self.journey_id, self.item_id, merge=merge, **{field: value}
        )


class _OrderedForm(ItemForm):
    """Stage and lane pages: name, kind of item, move earlier or later, delete."""

    kind = ""

    def __init__(self, dock: InspectorDock) -> None:
        super().__init__(dock)
        self.add("name", "&Name", TextField(self.edit("name", merge=True)))
        buttons = QWidget()
        row = QHBoxLayout(buttons)
        row.setContentsMargins(0, 0, 0, 0)
        earlier = QPushButton("Move left" if self.kind == "stage" else "Move up")
        later = QPushButton("Move right" if self.kind == "stage" else "Move down")
        delete = QPushButton(f"Delete {self.kind}")
        for b in (earlier, later, delete):
            row.addWidget(b)
        earlier.clicked.connect(lambda: self._move(-1))
        later.clicked.connect(lambda: self._move(+1))
        delete.clicked.connect(self._delete)
        self.buttons = buttons
        self.earlier, self.later = earlier, later

    def refresh(self) -> None:
        super().refresh()
        if self.alive():  # the first cannot move left (up), the last right (down)
            ids = [i.id for i in self.items()]
            self.earlier.setEnabled(ids.index(self.item_id) > 0)
            self.later.setEnabled(ids.index(self.item_id) < len(ids) - 1)

    def items(self) -> list[Any]:
        journey = self.journey()
        return journey.stages if self.kind == "stage" else journey.lanes

    def item(self):
        for item in self.items():
            if item.id == self.item_id:
                return item
        raise KeyError(self.item_id)

    def _move(self, delta: int) -> None:
        index = [i.id for i in self.items()].index(self.item_id)
        move = (
            self.dock.document.move_stage if self.kind == "stage" else self.dock.document.move_lane
        )
        move(self.journey_id, self.item_id, index + delta)

    def _delete(self) -> None:
        if len(self.items()) <= 1:
            self.dock.refused(f"a journey needs at least one {self.kind}")
            return
        held = [s for s in self.journey().steps() if getattr(s, self.kind) == self.item_id]
        inside = len(held)
        if inside:  # steps go with it, some perhaps hidden by the view: ask first
            name = self.item().name or f"(unnamed {self.kind})"
            noun = "step" if inside == 1 else "steps"
            view = self.dock.window_.view_mode
            hidden = sum(1 for s in held if not visible(s.state, view))
            if hidden:
                noun += f" ({hidden} not shown in the {view.value} view)"
            answer = QMessageBox.question(
                self,
                f"Delete {self.kind.capitalize()}",
                plain(
                    f"Delete the {self.kind} {name!r} and its {inside} {noun}? "
                    "(Undo brings them back.)"
                ),
                QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                QMessageBox.StandardButton.No,
            )
            if answer != QMessageBox.StandardButton.Yes:
                return
        remove = (
            self.dock.document.remove_stage
            if self.kind == "stage"
            else self.dock.document.remove_lane
        )
        remove(self.journey_id, self.item_id)

    def update(self, field: str, value: Any, merge: bool) -> None:
        update = (
            self.dock.document.update_stage
            if self.kind == "stage"
            else self.dock.document.update_lane
        )
        update(self.journey_id, self.item_id, merge=merge, **{field: value})


class StageForm(_OrderedForm):
    title = "Stage"
    kind = "stage"

    def __init__(self, dock: InspectorDock) -> None:
        super().__init__(dock)
        self.add("moment", "&Moment of truth", ChoiceField(STAGE_MOMENTS, self.edit("moment")))
        self.form.addRow(self.buttons)


class LaneForm(_OrderedForm):
    title = "Lane"
    kind = "lane"

    def __init__(self, dock: InspectorDock) -> None:
        super().__init__(dock)
        self.add("kind", "&Kind", ChoiceField(LANE_KINDS, self.edit("kind")))
        self.form.addRow(self.buttons)


class JourneyForm(ItemForm):
    """Shown when nothing is selected: the journey's own fields."""

    title = "Journey"

    def __init__(self, dock: InspectorDock) -> None:
        super().__init__(dock)
        self.add("title", "&Title", TextField(self.edit("title", merge=True)))
        self.add("persona", "&Persona", ChoiceField([], self.edit("persona")))
        self.add("description", "&Description", LongTextField(self.edit("description", merge=True)))
        hint = QLabel("Select a step or a transition on the map to edit it.")
        hint.setWordWrap(True)
        hint.setStyleSheet("color: #666;")
        self.form.addRow(hint)

    def item(self):
        return self.journey()

    def refresh(self) -> None:
        if self.alive():
            personas = self.dock.document.project.personas
            self.fields["persona"].set_choices(
                [("none", None)] + [(p.name, p.id) for p in personas]
            )
        super().refresh()

    def update(self, field: str, value: Any, merge: bool) -> None:
        self.dock.document.update_journey(self.journey_id, merge=merge, **{field: value})

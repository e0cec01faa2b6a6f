"""Random edits, then undo all, redo all and a JSON round trip must give exactly the same journey."""

from __future__ import annotations

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import (
    RuleBasedStateMachine,
    initialize,
    invariant,
    precondition,
    rule,
)

from motdesk.graph.document import Document
from motdesk.graph.jsonio import dumps, loads, project_to_dict
from motdesk.graph.validation import DocumentError, check_project
from motdesk.graph.vocabulary import EMOTION_SCALES, Channel, LaneKind, Moment, State
from tests.strategies import counting_ids, projects, text


class DocumentMachine(RuleBasedStateMachine):
    """Applies random commands through the public API, as the editor and CLI would."""

    @initialize(project=projects(max_steps=5))
    def start(self, project) -> None:
        # New ids are random in the program; here they count up, so that replaying an
        # example draws the same steps (hypothesis needs the same choices to mean the same).
        self._restore_ids = counting_ids()
        self.doc = Document(project)
        self.initial = project_to_dict(project)
        self.rejected = 0

    # -- helpers -------------------------------------------------------------
    def _journey(self, data: st.DataObject):
        return data.draw(st.sampled_from(self.doc.project.journeys))

    def _step_ids(self, journey, data: st.DataObject, at_least: int = 1) -> list[str]:
        ids = sorted(journey.graph.nodes)
        if len(ids) < at_least:
            return []
        return data.draw(st.lists(st.sampled_from(ids), min_size=at_least, max_size=4, unique=True))

    def _try(self, action) -> None:
        """Refused edits are allowed (random input), but must leave the document as it was."""
        before = project_to_dict(self.doc.project)
        depth = self.doc.history.depth
        try:
            action()
        except (DocumentError, KeyError):
            self.rejected += 1
            assert project_to_dict(self.doc.project) == before
            assert self.doc.history.depth == depth

    # -- rules ---------------------------------------------------------------
    @rule(data=st.data(), label=text)
    def add_step(self, data, label) -> None:
        journey = self._journey(data)
        if not journey.stages or not journey.lanes:
            return
        stage = data.draw(st.sampled_from(journey.stages)).id
        lane = data.draw(st.sampled_from(journey.lanes)).id
        state = data.draw(st.sampled_from(list(State)))
        self._try(
            lambda: self.doc.add_step(journey.id, stage=stage, lane=lane, label=label, state=state)
        )

    @rule(data=st.data(), label=text)
    def type_label(self, data, label) -> None:
        journey = self._journey(data)
        for step_id in self._step_ids(journey, data)[:1]:
            for end in range(1, len(label) + 1):
                self._try(
                    lambda e=end, sid=step_id: self.doc.update_step(
                        journey.id, sid, label=label[:e], merge=True
                    )
                )

    @rule(data=st.data())
    def set_emotion(self, data) -> None:
        journey = self._journey(data)
        scale = self.doc.project.scale
        ids = self._step_ids(journey, data)
        side = data.draw(st.sampled_from([State.CURRENT, State.FUTURE]))
        value = data.draw(st.one_of(st.none(), st.integers(scale.low - 1, scale.high + 1)))
        self._try(lambda: self.doc.set_emotion(journey.id, ids, side, value))

    @rule(data=st.data())
    def set_moment_and_state(self, data) -> None:
        journey = self._journey(data)
        ids = self._step_ids(journey, data)
        if not ids:
            return
        self._try(
            lambda: self.doc.set_moment(
                journey.id, ids, data.draw(st.one_of(st.none(), st.sampled_from(list(Moment))))
            )
        )
        self._try(
            lambda: self.doc.set_state(journey.id, ids, data.draw(st.sampled_from(list(State))))
        )

    @rule(data=st.data())
    def change_fields(self, data) -> None:
        journey = self._journey(data)
        ids = self._step_ids(journey, data)
        changes = {
            "channel": data.draw(st.one_of(st.none(), st.sampled_from(list(Channel)))),
            "pain_points": data.draw(st.lists(text, max_size=2)),
            "phase": data.draw(st.one_of(st.none(), st.integers(0, 3))),
        }
        self._try(lambda: self.doc.update_steps(journey.id, {i: changes for i in ids}))

    @rule(data=st.data())
    def move(self, data) -> None:
        journey = self._journey(data)
        ids = self._step_ids(journey, data)
        lane = data.draw(st.sampled_from(journey.lanes)).id if journey.lanes else None
        dx = data.draw(st.integers(-300, 300))
        moves = {i: {"x": journey.step(i).x + dx, "y": 40.0, "lane": lane} for i in ids}
        self._try(lambda: self.doc.move_steps(journey.id, moves))

    @rule(data=st.data())
    def connect(self, data) -> None:
        journey = self._journey(data)
        ids = self._step_ids(journey, data, at_least=2)
        if ids:
            share = data.draw(st.one_of(st.none(), st.floats(0, 1.2, allow_nan=False)))
            self._try(lambda: self.doc.connect(journey.id, ids[0], ids[1], share=share))

    @rule(data=st.data())
    def update_transition(self, data) -> None:
        journey = self._journey(data)
        transitions = list(journey.transitions())
        if transitions:
            t = data.draw(st.sampled_from(transitions))
            state = data.draw(st.sampled_from(list(State)))
            self._try(lambda: self.doc.update_transition(journey.id, t.id, state=state, label="x"))

    @rule(data=st.data())
    def delete(self, data) -> None:
        journey = self._journey(data)
        steps = self._step_ids(journey, data)
        transitions = [t.id for t in journey.transitions()][:1]
        self._try(lambda: self.doc.remove(journey.id, steps, transitions))

    @rule(data=st.data(), name=text)
    def stages_and_lanes(self, data, name) -> None:
        journey = self._journey(data)
        choice = data.draw(
            st.sampled_from(
                ["add_stage", "add_lane", "rename", "move", "remove_stage", "remove_lane"]
            )
        )
        if choice == "add_stage":
            self._try(lambda: self.doc.add_stage(journey.id, name, data.draw(st.integers(0, 5))))
        elif choice == "add_lane":
            self._try(
                lambda: self.doc.add_lane(
                    journey.id, name, kind=data.draw(st.sampled_from(list(LaneKind)))
                )
            )
        elif choice == "rename" and journey.stages:
            self._try(
                lambda: self.doc.update_stage(
                    journey.id, journey.stages[0].id, name=name, merge=True
                )
            )
        elif choice == "move" and journey.lanes:
            self._try(lambda: self.doc.move_lane(journey.id, journey.lanes[-1].id, 0))
        elif choice == "remove_stage" and len(journey.stages) > 1:
            self._try(
                lambda: self.doc.remove_stage(
                    journey.id, data.draw(st.sampled_from(journey.stages)).id
                )
            )
        elif choice == "remove_lane" and len(journey.lanes) > 1:
            self._try(
                lambda: self.doc.remove_lane(
                    journey.id, data.draw(st.sampled_from(journey.lanes)).id
                )
            )

    @rule(data=st.data(), name=text)
    def personas_journeys_project(self, data, name) -> None:
        choice = data.draw(
            st.sampled_from(["persona", "journey", "duplicate", "remove", "project", "scale"])
        )
        if choice == "persona":
            self._try(lambda: self.doc.add_persona(name))
            if self.doc.project.personas:
                persona = data.draw(st.sampled_from(self.doc.project.personas))
                self._try(
                    lambda: self.doc.update_journey(self._journey(data).id, persona=persona.id)
                )
                if data.draw(st.booleans()):
                    self._try(lambda: self.doc.remove_persona(persona.id))
        elif choice == "journey":
            self._try(lambda: self.doc.add_journey(name))
        elif choice == "duplicate":
            self._try(lambda: self.doc.duplicate_journey(self._journey(data).id))
        elif choice == "remove" and len(self.doc.project.journeys) > 1:
            self._try(lambda: self.doc.remove_journey(self._journey(data).id))
        elif choice == "project":
            self._try(lambda: self.doc.update_project(title=name, merge=True))
        elif choice == "scale":
            self._try(
                lambda: self.doc.set_emotion_scale(data.draw(st.sampled_from(list(EMOTION_SCALES))))
            )

    @precondition(lambda self: self.doc.history.can_undo)
    @rule()
    def undo_one(self) -> None:
        self.doc.history.undo()

    @precondition(lambda self: self.doc.history.can_redo)
    @rule()
    def redo_one(self) -> None:
        self.doc.history.redo()

    # -- what must always hold ------------------------------------------------
    @invariant()
    def document_is_valid_and_round_trips(self) -> None:
        check_project(self.doc.project)
        assert loads(dumps(self.doc.project)) == self.doc.project

    def teardown(self) -> None:
        if hasattr(self, "_restore_ids"):
            self._restore_ids()
        if not hasattr(self, "doc"):
            return
        history = self.doc.history
        while history.can_redo:
            history.redo()
        final = project_to_dict(self.doc.project)
        final_project = self.doc.project.copy()
        while history.can_undo:
            history.undo()
        assert _canonical(project_to_dict(self.doc.project)) == _canonical(self.initial)
        while history.can_redo:
            history.redo()
        assert self.doc.project == final_project
        assert _canonical(project_to_dict(self.doc.project)) == _canonical(final)


def _canonical(data: dict) -> dict:
    """Steps and transitions are a graph: their order in the file carries no meaning."""
    for journey in data["journeys"]:
        journey["steps"] = sorted(journey["steps"], key=lambda s: s["id"])
        journey["transitions"] = sorted(journey["transitions"], key=lambda t: t["id"])
    return data


DocumentMachine.TestCase.settings = settings(
    max_examples=60,
    stateful_step_count=25,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
TestDocumentMachine = DocumentMachine.TestCase

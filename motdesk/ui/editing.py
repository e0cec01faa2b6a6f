"""Edit and Journey gestures of a window: undo, clipboard, delete, find, steps, stages, journeys.

Each handler reads the selection from the canvas and makes one call (or one
group) on the document; the canvas and the inspector follow the events.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QInputDialog, QLineEdit, QMessageBox

from motdesk.errors import sentence
from motdesk.graph.validation import DocumentError
from motdesk.graph.vocabulary import LaneKind, Moment, State
from motdesk.ui import clipboard
from motdesk.ui.text import literal, plain

if TYPE_CHECKING:
    from motdesk.ui.mainwindow import MainWindow

CARD_STEP_X = 220.0  # where a new step goes beside the selected one


class EditController:
    """Connects the Edit and Journey menus of one window to its document."""

    def __init__(self, window: MainWindow) -> None:
        self.window = window
        a = window.actions
        a.undo.triggered.connect(self.undo)
        a.redo.triggered.connect(self.redo)
        a.cut.triggered.connect(self.cut)
        a.copy.triggered.connect(self.copy)
        a.paste.triggered.connect(self.paste)
        a.duplicate.triggered.connect(self.duplicate)
        a.delete.triggered.connect(self.delete)
        a.select_all.triggered.connect(self.select_all)
        a.add_step.triggered.connect(self.add_step)
        a.connect_steps.triggered.connect(self.connect_selected)
        a.add_stage.triggered.connect(self.add_stage)
        a.add_lane.triggered.connect(self.add_lane)
        a.new_journey.triggered.connect(self.new_journey)
        a.rename_journey.triggered.connect(self.rename_journey)
        a.duplicate_journey.triggered.connect(self.duplicate_journey)
        a.delete_journey.triggered.connect(self.delete_journey)
        a.next_journey.triggered.connect(lambda: self.step_journey(+1))
        a.previous_journey.triggered.connect(lambda: self.step_journey(-1))
        a.journeys.triggered.connect(self.journeys_dialog)
        a.project_properties.triggered.connect(self.project_dialog)
        for moment, action in a.moment.items():
            action.triggered.connect(lambda _=False, m=moment: self.set_moment(m))
        for state, action in a.state.items():
            action.triggered.connect(lambda _=False, s=state: self.set_state(s))
        a.shortcuts.triggered.connect(self.shortcuts_dialog)
        a.about.triggered.connect(self.about_dialog)

    @property
    def document(self):
        return self.window.document

    def _refused(self, exc: Exception) -> None:
        QMessageBox.warning(self.window, "motdesk", plain(sentence(str(exc))))

    def selection_changed(self, steps: list[str], transitions: list[str]) -> None:
        a = self.window.actions
        has_journey = self.window.journey_id is not None
        for action in (a.cut, a.copy, a.duplicate):
            action.setEnabled(bool(steps))
        a.connect_steps.setEnabled(len(steps) >= 2)
        a.delete.setEnabled(bool(steps or transitions))
        for action in [*a.moment.values(), *a.state.values()]:
            action.setEnabled(bool(steps))
        for action in (a.add_step, a.add_stage, a.add_lane, a.select_all, a.paste, a.find):
            action.setEnabled(has_journey)
        for action in (a.rename_journey, a.duplicate_journey, a.delete_journey):
            action.setEnabled(has_journey)

    # -- history -------------------------------------------------------------
    def undo(self) -> None:
        # A "-" waiting for its digit takes effect first, so this undoes it rather than
        # the edit before it and then lowering the selection under the user's eyes.
        self.window.view.flush_minus()
        name = self.document.history.undo_text
        self._showing_where(lambda: self.document.history.undo(), f"Undid {name}")

    def redo(self) -> None:
        self.window.view.flush_minus()
        name = self.document.history.redo_text
        self._showing_where(lambda: self.document.history.redo(), f"Redid {name}")

    def _showing_where(self, step, what: str) -> None:
        """Undo or redo, then, if it changed only another journey than the one shown, show
        that journey and say so: an undo never changes what cannot be seen unnoticed."""
        touched: list[str] = []
        steps: list[str] = []

        def note(change) -> None:
            if change.journey is not None and change.kind not in ("journey", "project"):
                touched.append(change.journey)
            if change.kind == "step" and change.new is not None:
                steps.append(change.new.id)

        events = self.document.events
        events.subscribe(note)
        try:
            step()
        finally:
            events.unsubscribe(note)
        journeys = set(touched)
        shown = self.window.journey_id
        bar = self.window.statusBar()
        if bar.currentMessage().startswith(("Undid ", "Redid ")):
            bar.clearMessage()  # it spoke of the undo before this one
        if len(journeys) == 1 and shown not in journeys:
            (journey_id,) = journeys
            if any(j.id == journey_id for j in self.document.project.journeys):
                self.window.show_journey(journey_id)
                title = self.document.journey(journey_id).title or "(untitled journey)"
                self.window.statusBar().showMessage(f"{what} in the journey {title!r}", 6000)
                self.window.view.reveal(steps)  # and the cards it changed, selected

    # -- clipboard -----------------------------------------------------------
    def copy(self) -> None:
        steps = self.window.selected_step_ids()
        journey = self.window.journey()
        if steps and journey is not None:
            clipboard.put(journey, steps, self.document.project.scale)

    def cut(self) -> None:
        steps = self.window.selected_step_ids()
        if not steps or self.window.journey_id is None:
            return
        self.copy()
        with self.document.history.group("Cut"):
            self.document.remove(self.window.journey_id, steps, [])

    def paste(self) -> None:
        fragment = clipboard.get()
        if fragment is None or self.window.journey_id is None:
            return
        self._paste(fragment)

    def duplicate(self) -> None:
        steps = self.window.selected_step_ids()
        journey = self.window.journey()
        if not steps or journey is None:
            return
        from motdesk.graph.fragments import fragment_from

        self._paste(fragment_from(journey, steps, self.document.project.scale), "Duplicate")

    def _paste(self, fragment: dict, name: str = "Paste") -> None:
        from motdesk.graph.fragments import paste_fragment

        journey_id = self.window.journey_id
        try:
            with self.document.history.group(name):
                new = paste_fragment(self.document, journey_id, fragment)
        except DocumentError as exc:
            self._refused(exc)
            return
        self.window.view.reveal(new)  # selected and scrolled into view

    # -- selection -----------------------------------------------------------
    def delete(self) -> None:
        steps = self.window.selected_step_ids()
        transitions = self.window.selected_transition_ids()
        if self.window.journey_id is None or not (steps or transitions):
            return
        self.document.remove(self.window.journey_id, steps, transitions)

    def select_all(self) -> None:
        journey = self.window.journey()
        if journey is not None:
            self.window.view.select_ids([s.id for s in journey.steps()])

    # -- steps ---------------------------------------------------------------
    def add_step(self) -> None:
        journey = self.window.journey()
        if journey is None:
            return
        selected = self.window.selected_step_ids()
        if selected:
            anchor = journey.step(selected[-1])
            where = dict(stage=anchor.stage, lane=anchor.lane, x=anchor.x + CARD_STEP_X, y=anchor.y)
        else:
            where = self._place_at_view_centre(journey)
        room = self._free_place(where)
        try:
            with self.document.history.group("Add step"):
                if room:  # cards right of a full cell move along, in the same undo step
                    self.document.move_steps(journey.id, {s: {"x": x} for s, x in room.items()})
                step = self.document.add_step(journey.id, **where)
        except DocumentError as exc:
            self._refused(exc)
            return
        self.window.view.select_ids([step.id])
        self.window.view.center_on_step(step.id)
        self.window.view.edit_label(step.id)

    def _free_place(self, where: dict) -> dict:
        """Move `where` (x, y in a stage and lane) to where the new card covers none, as a
        card dropped there would go; the new x of the cards moved right to make room."""
        scene = self.window.scene
        if scene is None or not {"x", "y", "stage", "lane"} <= where.keys():
            return {}
        place = scene.place_new_card(where["x"], where["y"], where["stage"], where["lane"])
        if place is None:
            return {}
        where["x"], where["y"] = place.x, place.y
        return place.room

    def _place_at_view_centre(self, journey) -> dict:
        """The cell under the middle of the view, snapped as a drop there would be."""
        view, scene = self.window.view, self.window.scene
        if scene is None:
            return {}
        centre = view.mapToScene(view.viewport().rect().center())
        from motdesk.ui.canvas.grid import CARD_H, CARD_W

        x, y, stage, lane = scene.geometry().snap(centre.x() - CARD_W / 2, centre.y() - CARD_H / 2)
        if stage is None or lane is None:
            return {}
        return dict(stage=stage, lane=lane, x=x, y=y)

    def connect_selected(self) -> None:
        """Connect the selected steps left to right (by position), as one unit."""
        journey = self.window.journey()
        steps = self.window.selected_step_ids()
        if journey is None or len(steps) < 2:
            return
        ordered = sorted((journey.step(s) for s in steps), key=lambda s: (s.x, s.y))
        try:
            with self.document.history.group("Connect steps"):
                for a, b in zip(ordered, ordered[1:], strict=False):
                    if journey.transition_between(a.id, b.id) is None:
                        self.document.connect(journey.id, a.id, b.id)
        except DocumentError as exc:
            self._refused(exc)

    def set_moment(self, moment: Moment | None) -> None:
        steps = self.window.selected_step_ids()
        if steps and self.window.journey_id:
            self.document.set_moment(self.window.journey_id, steps, moment)

    def set_state(self, state: State) -> None:
        steps = self.window.selected_step_ids()
        if steps and self.window.journey_id:
            try:
                self.document.set_state(self.window.journey_id, steps, state)
            except DocumentError as exc:
                self._refused(exc)

    # -- stages and lanes ----------------------------------------------------
    def add_stage(self) -> None:
        if self.window.journey_id is None:
            return
        name, ok = QInputDialog.getText(self.window, "Add Stage", "Name of the new stage:")
        if ok and name.strip():
            stage = self.document.add_stage(self.window.journey_id, name.strip())
            self.window.inspector.show_stage(self.window.journey_id, stage.id)

    def add_lane(self) -> None:
        if self.window.journey_id is None:
            return
        name, ok = QInputDialog.getText(self.window, "Add Lane", "Name of the new lane:")
        if ok and name.strip():
            lane = self.document.add_lane(self.window.journey_id, name.strip(), kind=LaneKind.OTHER)
            self.window.inspector.show_lane(self.window.journey_id, lane.id)

    def rebuild_stage_menus(self) -> None:
        journey = self.window.journey()
        stages, lanes = self.window.menus["stages"], self.window.menus["lanes"]
        stages.clear()
        lanes.clear()
        if journey is None:
            return
        for stage in journey.stages:
            action = stages.addAction(literal(stage.name) or "(unnamed stage)")
            action.triggered.connect(
                lambda _=False, sid=stage.id: self.window.inspector.show_stage(
                    self.window.journey_id, sid
                )
            )
        for lane in journey.lanes:
            action = lanes.addAction(literal(lane.name) or "(unnamed lane)")
            action.triggered.connect(
                lambda _=False, lid=lane.id: self.window.inspector.show_lane(
                    self.window.journey_id, lid
                )
            )

    # -- journeys ------------------------------------------------------------
    def new_journey(self) -> None:
        count = len(self.document.project.journeys)
        journey = self.document.add_journey(f"Journey {count + 1}")
        self.window.show_journey(journey.id)

    def rename_journey(self) -> None:
        journey = self.window.journey()
        if journey is None:
            return
        title, ok = QInputDialog.getText(
            self.window, "Rename Journey", "Title:", QLineEdit.EchoMode.Normal, journey.title
        )
        if ok and title.strip():
            self.document.update_journey(journey.id, title=title.strip())

    def duplicate_journey(self) -> None:
        if self.window.journey_id is None:
            return
        twin = self.document.duplicate_journey(self.window.journey_id)
        self.window.show_journey(twin.id)

    def step_journey(self, delta: int) -> None:
        """Show the next (+1) or previous (-1) journey, round from the last to the first."""
        journeys = self.document.project.journeys
        if not journeys:
            return
        ids = [j.id for j in journeys]
        here = ids.index(self.window.journey_id) if self.window.journey_id in ids else 0
        self.window.show_journey(ids[(here + delta) % len(ids)])

    def delete_journey(self) -> None:
        journey = self.window.journey()
        if journey is None:
            return
        answer = QMessageBox.question(
            self.window,
            "Delete Journey",
            plain(
                f"Delete the journey {journey.title!r} and its {journey.step_count} steps? "
                "(Undo brings it back.)"
            ),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        if answer == QMessageBox.StandardButton.Yes:
            self.document.remove_journey(journey.id)

    # -- dialogs -------------------------------------------------------------
    def journeys_dialog(self) -> None:
        from motdesk.ui.journeys import JourneysDialog

        JourneysDialog(self.window).exec()

    def project_dialog(self) -> None:
        from motdesk.ui.dialogs.project import ProjectDialog

        ProjectDialog(self.window).exec()

    def shortcuts_dialog(self) -> None:
        from motdesk.ui.dialogs.help import ShortcutsDialog

        ShortcutsDialog(self.window).exec()

    def about_dialog(self) -> None:
        from motdesk.ui.dialogs.help import show_about

        show_about(self.window)

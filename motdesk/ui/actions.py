"""Every command of the main window as a QAction, and the menus and toolbar built from them.

The window connects the actions to its handlers; this module only names them,
gives them standard shortcuts and arranges them.
"""

from __future__ import annotations

from PySide6.QtGui import QAction, QActionGroup, QIcon, QKeySequence
from PySide6.QtWidgets import QMainWindow, QMenu, QStyle, QToolBar

from motdesk.graph.vocabulary import MOMENT_NAMES, Moment, State, View
from motdesk.ui.text import literal

SK = QKeySequence.StandardKey


class Actions:
    """The window's actions, as attributes (`actions.save`, `actions.moment[Moment.FMOT]`...)."""

    def __init__(self, window: QMainWindow) -> None:
        self._window = window
        style = window.style()

        def icon(pixmap: QStyle.StandardPixmap) -> QIcon:
            return style.standardIcon(pixmap)

        a = self._make
        P = QStyle.StandardPixmap
        # File
        self.new = a("&New", SK.New, icon(P.SP_FileIcon), "Start a new project")
        self.new_from_template = a("New from &Template...", tip="Start from a sample project")
        self.open = a("&Open...", SK.Open, icon(P.SP_DialogOpenButton), "Open a project file")
        self.save = a("&Save", SK.Save, icon(P.SP_DialogSaveButton), "Save the project")
        self.save_as = a("Save &As...", SK.SaveAs, tip="Save the project to another file")
        self.export_handout = a("&Handout PDF...", "Ctrl+P", tip="Export a PDF handout")
        self.export_json = a("&JSON...", tip="Export the project as JSON")
        self.close = a(
            "&Close", SK.Close, tip="Close this window (the last one stays, on a new project)"
        )
        self.quit = a("&Quit", SK.Quit, tip="Close every window and quit")
        # Edit
        self.undo = a("&Undo", SK.Undo, icon(P.SP_ArrowBack))
        self.redo = a("&Redo", SK.Redo, icon(P.SP_ArrowForward))
        ctrl_y = QKeySequence("Ctrl+Y")  # what many expect beside Ctrl+Shift+Z
        if ctrl_y not in self.redo.shortcuts():  # some platforms' standard key already
            self.redo.setShortcuts([*self.redo.shortcuts(), ctrl_y])
        self.cut = a("Cu&t", SK.Cut)
        self.copy = a("&Copy", SK.Copy)
        self.paste = a("&Paste", SK.Paste)
        self.duplicate = a("D&uplicate", "Ctrl+D", tip="Duplicate the selected steps")
        self.delete = a("&Delete", SK.Delete, tip="Delete the selection")
        self.select_all = a("Select &All", SK.SelectAll)
        self.find = a("&Find...", SK.Find, tip="Find steps by their text")
        # View
        self.zoom_in = a("Zoom &In", SK.ZoomIn)
        self.zoom_out = a("Zoom &Out", SK.ZoomOut)
        self.zoom_fit = a("&Fit Journey", "Ctrl+9")
        self.zoom_reset = a("&Actual Size (100 %)", "Ctrl+0")
        self.view_group = QActionGroup(window)
        self.view_group.setExclusive(True)
        self.views: dict[View, QAction] = {}
        for view, text, key in (
            (View.CURRENT, "&Current State", "Ctrl+1"),
            (View.FUTURE, "F&uture State", "Ctrl+2"),
            (View.COMPARE, "C&ompare", "Ctrl+3"),
        ):
            action = a(text, key, tip=f"Show the {view.value} view of the journey")
            action.setCheckable(True)
            self.view_group.addAction(action)
            action.setData(view.value)
            self.views[view] = action
        self.views[View.CURRENT].setChecked(True)
        self.presentation = a(
            "&Presentation", "F11", tip="Show only the map, full screen (Escape leaves)"
        )
        self.presentation.setCheckable(True)
        self.leave_presentation = a("Leave Presentation", "Esc")
        self.leave_presentation.setEnabled(False)
        self.show_inspector = None  # set by the window (dock toggle actions)
        # Journey
        self.add_step = a("Add &Step", "Ctrl+Shift+N", tip="Add a step to the journey")
        self.connect_steps = a("&Connect Selected Steps", "Ctrl+L", tip="Connect steps in order")
        self.add_stage = a("Add S&tage...", tip="Add a stage (a column)")
        self.add_lane = a("Add &Lane...", tip="Add a lane (a row)")
        self.journeys = a("&Journeys and Personas...", "Ctrl+J")
        self.project_properties = a("&Project Properties...", "Ctrl+Shift+P")
        self.new_journey = a("&New Journey", tip="Add a journey to the project")
        self.rename_journey = a("&Rename Journey...")
        self.duplicate_journey = a("D&uplicate Journey")
        self.delete_journey = a("Delete Journey")
        self.next_journey = a("Ne&xt Journey", "Ctrl+PgDown", tip="Show the next journey's tab")
        self.previous_journey = a(
            "Pre&vious Journey", "Ctrl+PgUp", tip="Show the previous journey's tab"
        )
        self.moment: dict[Moment | None, QAction] = {}
        for moment in Moment:
            self.moment[moment] = a(
                f"{moment.value}: {MOMENT_NAMES[moment]}", tip=f"Mark as {moment.value}"
            )
        self.moment[None] = a("&None", tip="Not a moment of truth")
        self.state: dict[State, QAction] = {
            State.BOTH: a("&Both (today and in the future)"),
            State.CURRENT: a("&Current only (removed in the future)"),
            State.FUTURE: a("&Future only (new)"),
        }
        # Help
        self.shortcuts = a("&Keyboard Shortcuts", SK.HelpContents)
        self.about = a("&About motdesk")
        _give_way(self._window.findChildren(QAction))

    def _make(
        self,
        text: str,
        shortcut: QKeySequence.StandardKey | str | None = None,
        icon: QIcon | None = None,
        tip: str = "",
    ) -> QAction:
        return make_action(self._window, text, shortcut, icon=icon, tip=tip)

    def show_history(self, history) -> None:
        """Undo and Redo enabled as the history allows, each naming its change (a step label
        or a journey title in it shows as typed, its `&` no mnemonic)."""
        self.undo.setEnabled(history.can_undo)
        self.redo.setEnabled(history.can_redo)
        self.undo.setText(f"&Undo {literal(history.undo_text)}" if history.can_undo else "&Undo")
        self.redo.setText(f"&Redo {literal(history.redo_text)}" if history.can_redo else "&Redo")

    def selection_actions(self) -> list[QAction]:
        """What needs selected steps to do anything."""
        return [self.cut, self.copy, self.duplicate, self.connect_steps]


def build_menus(window: QMainWindow, actions: Actions) -> dict[str, QMenu]:
    """The menu bar; returns the menus the window fills later (recent files, panels)."""
    bar = window.menuBar()
    menus: dict[str, QMenu] = {}
    file = bar.addMenu("&File")
    file.addActions([actions.new, actions.new_from_template, actions.open])
    menus["recent"] = file.addMenu("Open &Recent")
    file.addSeparator()
    file.addActions([actions.save, actions.save_as])
    export = file.addMenu("&Export")
    export.addActions([actions.export_handout, actions.export_json])
    file.addSeparator()
    file.addActions([actions.close, actions.quit])

    edit = bar.addMenu("&Edit")
    edit.addActions([actions.undo, actions.redo])
    edit.addSeparator()
    edit.addActions([actions.cut, actions.copy, actions.paste, actions.duplicate, actions.delete])
    edit.addSeparator()
    edit.addActions([actions.select_all, actions.find])

    view = bar.addMenu("&View")
    view.addActions([actions.zoom_in, actions.zoom_out, actions.zoom_fit, actions.zoom_reset])
    view.addSeparator()
    view.addActions(list(actions.views.values()))
    view.addSeparator()
    view.addAction(actions.presentation)
    view.addSeparator()
    menus["panels"] = view

    journey = bar.addMenu("&Journey")
    journey.addActions([actions.add_step, actions.connect_steps])
    moment = journey.addMenu("Set &Moment of Truth")
    moment.addActions([actions.moment[m] for m in Moment])
    moment.addSeparator()
    moment.addAction(actions.moment[None])
    state = journey.addMenu("Set S&tate")
    state.addActions(list(actions.state.values()))
    journey.addSeparator()
    journey.addActions([actions.add_stage, actions.add_lane])
    menus["stages"] = journey.addMenu("Edit Stage")
    menus["lanes"] = journey.addMenu("Edit Lane")
    journey.addSeparator()
    journey.addActions(
        [
            actions.new_journey,
            actions.rename_journey,
            actions.duplicate_journey,
            actions.delete_journey,
        ]
    )
    journey.addActions([actions.next_journey, actions.previous_journey])
    journey.addSeparator()
    journey.addActions([actions.journeys, actions.project_properties])
    menus["journey"] = journey

    help_menu = bar.addMenu("&Help")
    help_menu.addActions([actions.shortcuts, actions.about])
    return menus


def build_toolbar(window: QMainWindow, actions: Actions) -> QToolBar:
    bar = QToolBar("Main", window)
    bar.setObjectName("main-toolbar")
    bar.setMovable(False)
    bar.addActions([actions.new, actions.open, actions.save])
    bar.addSeparator()
    bar.addActions([actions.undo, actions.redo])
    bar.addSeparator()
    bar.addActions([actions.add_step, actions.connect_steps])
    bar.addSeparator()
    bar.addActions(list(actions.views.values()))
    bar.addSeparator()
    bar.addActions([actions.zoom_out, actions.zoom_in, actions.zoom_fit])
    window.addToolBar(bar)
    return bar


def _give_way(actions: list[QAction]) -> None:
    """A platform's variants of a standard key give way to a key another action names:
    on Linux Delete also answers Ctrl+D, which is Duplicate's, and a key two actions
    share triggers neither."""
    named: set[str] = set()
    for action in actions:
        if len(action.shortcuts()) == 1:
            named.add(action.shortcut().toString())
    for action in actions:
        keys = action.shortcuts()
        if len(keys) > 1:
            kept = [k for k in keys if k.toString() not in named]
            if len(kept) != len(keys):
                action.setShortcuts(kept or keys[:1])


def make_action(
    parent,
    text: str,
    shortcut: QKeySequence.StandardKey | str | None = None,
    *,
    icon: QIcon | None = None,
    tip: str = "",
) -> QAction:
    """An action with its shortcut (a standard key gives every platform's variants) and tip."""
    action = QAction(text, parent)
    if icon is not None:
        action.setIcon(icon)
    if isinstance(shortcut, QKeySequence.StandardKey):
        action.setShortcuts(shortcut)
    elif shortcut:
        action.setShortcut(QKeySequence(shortcut))
    if tip:
        action.setStatusTip(tip)
        action.setToolTip(tip)
    return action

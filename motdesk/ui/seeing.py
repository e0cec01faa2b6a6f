"""Seeing the journey: the emotional curve, filters, outline, find, overview, legend and theme,
wired into a main window.

`Seeing(window)` adds the actions to the View, Edit and Journey menus and the
toolbar, the docks, the find bar above the canvas and the view's name in the
status bar, and keeps them in step with the canvas (journey shown, view mode,
selection) and with the document's events. The window keeps the object as
`window.seeing`.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QSettings, Qt, QTimer
from PySide6.QtGui import QAction, QActionGroup, QKeySequence
from PySide6.QtWidgets import QApplication, QLabel, QMessageBox

from motdesk.errors import MotdeskError, sentence
from motdesk.graph.events import Change
from motdesk.graph.layout import apply_layout
from motdesk.graph.model import Step
from motdesk.graph.validation import DocumentError
from motdesk.graph.vocabulary import View
from motdesk.ui.actions import make_action
from motdesk.ui.canvas.curve import EmotionCurve
from motdesk.ui.find import FindBar
from motdesk.ui.legend import LegendDock
from motdesk.ui.minimap import OverviewDock
from motdesk.ui.outline import OutlineDock
from motdesk.ui.theme import ColourScheme, apply_scheme, save_scheme, saved_scheme

if TYPE_CHECKING:
    from motdesk.ui.mainwindow import MainWindow

DIM_OPACITY = 0.22
"""How faded a step a filter leaves out is painted."""
CURVE_KEY = "view/emotion_curve"
VIEW_NAMES = {
    View.CURRENT: "Current state",
    View.FUTURE: "Future state",
    View.COMPARE: "Compare: current and future",
}


def apply_dimming(scene, dimmed: Callable[[Step], bool] | None) -> int:
    """Fade the cards `dimmed` picks (None: none); returns how many are faded."""
    count = 0
    for item in scene.step_items.values():
        fade = dimmed is not None and dimmed(item.step)
        opacity = DIM_OPACITY if fade else 1.0
        count += fade
        if item.opacity() != opacity:
            item.setOpacity(opacity)
    scene.layer.invalidate_overview()
    scene.layer.update()
    return count


SAYS_IT_IS_LAYING_OUT = 2_000  # steps from which Auto-layout says it is working


class Seeing(QObject):
    """The features that help a reader see the journey, for one window."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.settings = QSettings()
        self.curve: EmotionCurve | None = None
        self._curve_scene = None
        self._dim_timer = QTimer(self)
        self._dim_timer.setSingleShot(True)
        self._dim_timer.setInterval(0)
        self._dim_timer.timeout.connect(self.refresh_dimming)

        self._make_actions()
        self.find_bar = FindBar(window)
        layout = window.centralWidget().layout()
        layout.insertWidget(layout.indexOf(window.view), self.find_bar)
        self.outline = OutlineDock(window)
        self.overview = OverviewDock(window)
        self.legend = LegendDock(window)
        window.addDockWidget(Qt.DockWidgetArea.LeftDockWidgetArea, self.outline)
        window.addDockWidget(Qt.DockWidgetArea.LeftDockWidgetArea, self.overview)
        window.splitDockWidget(self.outline, self.overview, Qt.Orientation.Vertical)
        window.resizeDocks([self.outline, self.overview], [3, 1], Qt.Orientation.Vertical)
        window.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.legend)
        window.tabifyDockWidget(window.inspector, self.legend)
        window.inspector.raise_()
        self._build_menus()

        self.view_label = QLabel()
        self.view_label.setObjectName("view-label")
        self.view_label.setAccessibleName("View")
        window.statusBar().addPermanentWidget(self.view_label)

        view = window.view
        view.sceneReplaced.connect(self._scene_replaced)
        view.viewModeChanged.connect(self._view_mode_changed)
        view.selectionChangedIds.connect(self.outline.canvas_selection_changed)
        self.find_bar.matchesChanged.connect(self.refresh_dimming)
        self._document = None
        self._scene_replaced()
        self._view_mode_changed(view.view_mode())

    # -- actions and menus ----------------------------------------------------------------
    def _make_actions(self) -> None:
        window = self.window
        a = self._action
        self.curve_action = a("Emotional &Curve", tip="Show the emotional curve under the lanes")
        self.curve_action.setCheckable(True)
        self.curve_action.setChecked(bool(self.settings.value(CURVE_KEY, True, type=bool)))
        self.curve_action.toggled.connect(self.show_curve)
        self.moments_only = a(
            "Only &Moments of Truth",
            "Ctrl+Shift+M",
            "Fade every step that is not a moment of truth",
        )
        self.moments_only.setCheckable(True)
        self.moments_only.toggled.connect(self.refresh_dimming)
        self.zoom_selection = a("Zoom to &Selection", "Ctrl+8", "Fit the selected steps")
        self.zoom_selection.triggered.connect(window.view.zoom_to_selection)
        self.auto_layout = a(
            "&Auto-layout",
            "Ctrl+Shift+L",
            "Place every step in its stage column and lane row, the main path straight",
        )
        self.auto_layout.triggered.connect(self.run_auto_layout)
        self.find_next = a("Find &Next", QKeySequence.StandardKey.FindNext)
        self.find_previous = a("Find Pre&vious", QKeySequence.StandardKey.FindPrevious)
        self.go_outline = a("Go to &Outline", "Ctrl+Shift+O", "Move the keyboard to the outline")
        self.schemes = QActionGroup(window)
        self.schemes.setExclusive(True)
        self.scheme_actions: dict[ColourScheme, QAction] = {}
        chosen = saved_scheme(self.settings)
        for scheme in ColourScheme:
            action = a(scheme.title, tip=f"Colours: {scheme.value}")
            action.setCheckable(True)
            action.setChecked(scheme is chosen)
            action.triggered.connect(lambda _=False, s=scheme: self.set_colour_scheme(s))
            self.schemes.addAction(action)
            self.scheme_actions[scheme] = action
        if chosen is not ColourScheme.SYSTEM:
            apply_scheme(chosen)

    def _action(self, text: str, shortcut=None, tip: str = "") -> QAction:
        return make_action(self.window, text, shortcut, tip=tip)

    def _build_menus(self) -> None:
        window, actions, menus = self.window, self.window.actions, self.window.menus
        view_menu = menus["panels"]
        _insert_after(view_menu, actions.zoom_reset, [self.zoom_selection])
        _insert_after(
            view_menu, actions.views[View.COMPARE], [None, self.curve_action, self.moments_only]
        )
        schemes = view_menu.addMenu("Colour &Scheme")
        schemes.addActions(list(self.scheme_actions.values()))
        view_menu.addSeparator()
        for dock in (self.outline, self.overview, self.legend):
            view_menu.addAction(dock.toggleViewAction())
        view_menu.addAction(self.go_outline)
        _insert_after(menus["journey"], actions.connect_steps, [self.auto_layout])
        for entry in window.menuBar().actions():  # Find Next and Previous go after Edit > Find
            menu = entry.menu()
            if menu is not None and actions.find in menu.actions():
                _insert_after(menu, actions.find, [self.find_next, self.find_previous])
                break
        _insert_after(window.toolbar, actions.connect_steps, [self.auto_layout])
        actions.find.triggered.connect(self.find_bar.open)  # Edit > Find opens the find bar
        self.find_next.triggered.connect(self.find_bar.next)
        self.find_previous.triggered.connect(self.find_bar.previous)
        self.go_outline.triggered.connect(self.outline.focus)

    # -- following the canvas -------------------------------------------------------------
    def _scene_replaced(self) -> None:
        window = self.window
        document = window.document
        if document is not self._document:
            if self._document is not None:
                self._document.events.unsubscribe(self._on_change)
            document.events.subscribe(self._on_change)
            self._document = document
            self.legend.refresh()
        scene = window.view.journey_scene()
        if scene is not self._curve_scene:
            if self.curve is not None:
                with contextlib.suppress(RuntimeError):  # gone already with its scene
                    self.curve.detach()
                self.curve = None
            self._curve_scene = scene
            if scene is not None:
                self.curve = EmotionCurve(scene)
                self.curve.setVisible(self.curve_action.isChecked())
        self.outline.set_journey(window.view.journey_id)
        self.find_bar.journey_changed()
        self.refresh_dimming()
        has_journey = scene is not None
        for action in (self.auto_layout, self.zoom_selection, self.find_next, self.find_previous):
            action.setEnabled(has_journey)

    def _view_mode_changed(self, view: View) -> None:
        view = View(view)
        self.view_label.setText(VIEW_NAMES[view])
        self.view_label.setToolTip(f"The map shows the {VIEW_NAMES[view].lower()} view")
        self.outline.set_view_mode(view)
        self.find_bar.journey_changed()
        if self.curve is not None:
            self.curve.update()

    def _on_change(self, change: Change) -> None:
        if change.kind == "project" and "emotion_scale" in (change.new or {}):
            self.legend.refresh()
        self.outline.document_changed(change)
        if (
            change.kind in ("step", "transition", "stage", "lane")
            and change.journey == self.window.journey_id
        ):
            self.find_bar.document_changed()
            self.overview.map.document_changed()
            if change.kind == "step" and self._filtering():
                self._dim_timer.start()

    def detach(self) -> None:
        """Stop following the document (the window is closing or showing another project)."""
        if self._document is not None:
            self._document.events.unsubscribe(self._on_change)
            self._document = None
        if self.curve is not None:
            with contextlib.suppress(RuntimeError):
                self.curve.detach()
            self.curve = None

    # -- curve -----------------------------------------------------------------------------
    def show_curve(self, shown: bool) -> None:
        self.settings.setValue(CURVE_KEY, bool(shown))
        if self.curve is not None:
            self.curve.setVisible(shown)
        self.overview.map.stale()

    # -- filters ---------------------------------------------------------------------------
    def _filtering(self) -> bool:
        return self.moments_only.isChecked() or bool(
            self.find_bar.is_open() and self.find_bar.field.text().strip()
        )

    def refresh_dimming(self) -> None:
        """Fade what the filters leave out: steps that are no moment of truth, or no match."""
        self._dim_timer.stop()
        scene = self.window.view.journey_scene()
        if scene is None:
            return
        rules: list[Callable[[Step], bool]] = []
        if self.moments_only.isChecked():
            rules.append(lambda step: step.moment is None)
        if self.find_bar.is_open() and self.find_bar.field.text().strip():
            matches = set(self.find_bar.matches)
            rules.append(lambda step: step.id not in matches)
        apply_dimming(scene, (lambda step: any(rule(step) for rule in rules)) if rules else None)
        self.overview.map.stale()

    # -- auto-layout -----------------------------------------------------------------------
    def run_auto_layout(self) -> None:
        """Apply the auto-layout to the journey on the canvas (one undoable unit)."""
        window = self.window
        journey_id = window.journey_id
        if journey_id is None:
            return
        count = window.document.journey(journey_id).step_count
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        if count >= SAYS_IT_IS_LAYING_OUT:  # seconds of work: say what is going on first
            window.statusBar().showMessage(f"Laying out {count:,} steps…")
            window.statusBar().repaint()
        try:
            apply_layout(window.document, journey_id)
        except (DocumentError, MotdeskError) as exc:
            QApplication.restoreOverrideCursor()
            QMessageBox.warning(window, "motdesk", sentence(str(exc)))
            return
        QApplication.restoreOverrideCursor()
        window.statusBar().showMessage(
            f"Auto-layout placed {count} step{'s' if count != 1 else ''} in their stages and lanes",
            5000,
        )

    # -- colours -----------------------------------------------------------------------------
    def set_colour_scheme(self, scheme: ColourScheme) -> None:
        scheme = ColourScheme(scheme)
        self.scheme_actions[scheme].setChecked(True)
        save_scheme(scheme, self.settings)
        apply_scheme(scheme)
        self.outline.refresh_palette()
        self.legend.refresh()
        self.overview.map.stale()


def _insert_after(container, anchor: QAction, actions: list[QAction | None]) -> None:
    """Insert actions (None: a separator) right after `anchor` in a menu or toolbar."""
    present = container.actions()
    index = present.index(anchor) if anchor in present else len(present) - 1
    following = present[index + 1] if index + 1 < len(present) else None
    for action in actions:
        if action is None:
            separator = QAction(container)
            separator.setSeparator(True)
            action = separator
        if following is None:
            container.addAction(action)
        else:
            container.insertAction(following, action)

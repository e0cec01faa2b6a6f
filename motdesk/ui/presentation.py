"""Presentation mode: the map alone, full screen, for a facilitator projecting it on a wall.

Docks, toolbars, menu bar, status bar, journey tabs and the find bar are hidden;
Escape (or F11 again) brings back the window exactly as it was.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QDockWidget, QToolBar

if TYPE_CHECKING:
    from motdesk.ui.mainwindow import MainWindow


class Presentation:
    """Enters and leaves presentation mode for one window."""

    def __init__(self, window: MainWindow) -> None:
        self.window = window
        self._hidden: list = []  # the bars presenting hid, to show again
        self._was_maximized = False
        self._geometry = None
        actions = window.actions
        actions.presentation.toggled.connect(self.set_active)
        actions.leave_presentation.triggered.connect(lambda: self.set_active(False))
        # shortcuts still work with the menu bar hidden
        window.addAction(actions.presentation)
        window.addAction(actions.leave_presentation)

    def is_active(self) -> bool:
        return bool(self._geometry is not None)

    def set_active(self, on: bool) -> None:
        if on == self.is_active():
            return
        if on:
            self._enter()
        else:
            self._leave()
        actions = self.window.actions
        actions.presentation.blockSignals(True)
        actions.presentation.setChecked(on)
        actions.presentation.blockSignals(False)
        actions.leave_presentation.setEnabled(on)

    def _enter(self) -> None:
        window = self.window
        self._geometry = window.saveGeometry()
        self._state = window.saveState()  # docks, tabs among them, and toolbars, as they are
        self._was_maximized = window.isMaximized()
        bars = [window.menuBar(), window.statusBar(), window.tabs, window.seeing.find_bar]
        self._hidden = [w for w in bars if w.isVisible()]  # the saved state has the rest
        for widget in [*window.findChildren(QDockWidget), *window.findChildren(QToolBar)]:
            widget.hide()
        for widget in self._hidden:
            widget.hide()
        window.showFullScreen()
        window.view.setFocus()

    def _leave(self) -> None:
        window = self.window
        if self._was_maximized:
            window.showMaximized()
        else:
            window.showNormal()
            window.restoreGeometry(self._geometry)
        for widget in self._hidden:
            widget.show()
        window.restoreState(self._state)  # docks and toolbars, the front tab in front
        self._hidden = []
        self._geometry = None
        window.view.setFocus()

"""The first frame: a light window on screen at once, while the editor behind it loads.

It has what the user sees first of the main window (its size and place, the title,
the menu bar, the colours) and says "Opening FILE…"; it imports nothing of the
document, the store or the canvas. The launcher replaces it by the main window
in the same place once that window is built.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QByteArray, QEvent, QObject, QSettings, QTimer
from PySide6.QtGui import QCloseEvent, QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QHBoxLayout, QLabel, QMainWindow, QVBoxLayout, QWidget

from motdesk.ui.setting_keys import COLOUR_SCHEME, WINDOW_GEOMETRY

# Nothing here names `Qt.…`: its first use builds every enum of the Qt namespace, which
# costs about a tenth of a bare window's start (the theme module, which needs it, too).

# The main window's menus, in its order (motdesk.ui.actions.build_menus).
MENU_TITLES = ("&File", "&Edit", "&View", "&Journey", "&Help")
# The canvas's stage band (motdesk.ui.canvas.palette), so the map fills in without a flash.
BAND_LIGHT, BAND_DARK = QColor("#f4f4f2"), QColor("#25282c")


def first_size(window: QWidget) -> None:
    """Most of the screen on a first start (a projector or a laptop), 1280 x 800 at least
    where the screen has room for it."""
    screen = window.screen().availableGeometry() if window.screen() is not None else None
    if screen is None or screen.width() < 200:
        window.resize(1280, 800)
        return
    window.resize(
        max(min(1280, screen.width()), int(screen.width() * 0.9)),
        max(min(800, screen.height()), int(screen.height() * 0.9)),
    )


def display_name(path: str | None) -> str:
    """The name the main window's title will show (as `Session.display_name`)."""
    if not path:
        return "Untitled"
    p = Path(path)
    return f"{p.stem} (imported)" if p.suffix.lower() == ".json" else p.name


def _dark() -> bool:
    """As `motdesk.ui.theme.is_dark`."""
    return QGuiApplication.palette().color(QPalette.ColorRole.Window).lightness() < 128


def _centred(label: QLabel, background: QColor) -> QWidget:
    """`label` in the middle of a plain area (stretches around it, no alignment flags)."""
    area = QWidget()
    area.setAutoFillBackground(True)
    palette = area.palette()
    palette.setColor(QPalette.ColorRole.Window, background)
    area.setPalette(palette)
    row = QHBoxLayout()
    row.addStretch(1)
    row.addWidget(label)
    row.addStretch(1)
    column = QVBoxLayout(area)
    column.addStretch(1)
    column.addLayout(row)
    column.addStretch(1)
    return area


class Shell(QMainWindow):
    """The window shown while the editor loads; `closed` once the user closed it."""

    def __init__(self, path: str | None = None) -> None:
        super().__init__()
        self.setObjectName("motdesk-shell")
        self.closed = False
        self.setWindowTitle(f"{display_name(path)} — motdesk")  # as the main window's title
        scheme = QSettings().value(COLOUR_SCHEME)
        if scheme in ("light", "dark"):  # an override of the desktop's colours
            from motdesk.ui.theme import apply_scheme

            apply_scheme(scheme)
        bar = self.menuBar()
        for title in MENU_TITLES:
            bar.addMenu(title).setEnabled(False)
        note = f"Opening {Path(path).name}…" if path else "Starting motdesk…"
        self.note = QLabel(note)
        self.note.setObjectName("shell-note")
        self.setCentralWidget(_centred(self.note, BAND_DARK if _dark() else BAND_LIGHT))
        self.statusBar().showMessage(note)
        first_size(self)
        geometry = QSettings().value(WINDOW_GEOMETRY)  # as motdesk.ui.settings keeps it
        if isinstance(geometry, QByteArray):
            self.restoreGeometry(geometry)

    def loading(self) -> None:
        """The busy cursor over the window from now until it is replaced."""
        from PySide6.QtCore import Qt

        self.setCursor(Qt.CursorShape.BusyCursor)

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802
        self.closed = True
        event.accept()

    def hand_over(self, window: QMainWindow) -> None:
        """Put `window` where this one is, show it, and go once it is on screen."""
        if not self.isMaximized() and not self.isFullScreen():  # else as both restored it
            window.resize(self.size())
            window.move(self.pos())
        window.show()
        window.raise_()
        window.activateWindow()

        def retire() -> None:
            self.hide()
            self.deleteLater()

        when_exposed(window, retire, fallback_ms=1000)


class _ExposeWatch(QObject):
    def __init__(self, widget: QWidget, callback, fallback_ms: int | None) -> None:
        super().__init__(widget)
        self.callback = callback
        self.fired = False
        self.handle = widget.windowHandle()
        if self.handle is None or self.handle.isExposed():
            QTimer.singleShot(0, self.fire)
            return
        self.handle.installEventFilter(self)
        if fallback_ms is not None:
            QTimer.singleShot(fallback_ms, self, self.fire)

    def eventFilter(self, watched, event) -> bool:  # noqa: N802
        if event.type() == QEvent.Type.Expose and self.handle.isExposed():
            self.handle.removeEventFilter(self)
            QTimer.singleShot(0, self, self.fire)  # after the expose has painted the window
        return False

    def fire(self) -> None:
        if not self.fired:
            self.fired = True
            self.callback()


def when_exposed(widget: QWidget, callback, fallback_ms: int | None = None) -> None:
    """Call `callback` once, when the shown `widget` has been exposed (painted on screen) the
    first time, at once if it is already, or after `fallback_ms` if no expose came by then
    (a window started minimised, a platform that never exposes)."""
    _ExposeWatch(widget, callback, fallback_ms)

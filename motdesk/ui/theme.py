"""Light and dark: follow the desktop's colour scheme, or override it for the whole application.

The canvas picks its light or dark palette from the application palette's window
colour, and the docks draw with the application palette, so setting the
palette here is all an override takes; choosing *System* again hands the palette
back to the platform (it follows the desktop's later switches again).
"""

from __future__ import annotations

import contextlib
from enum import StrEnum

from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QColor, QGuiApplication, QPalette

from motdesk.ui.setting_keys import COLOUR_SCHEME


class ColourScheme(StrEnum):
    SYSTEM = "system"
    LIGHT = "light"
    DARK = "dark"

    @property
    def title(self) -> str:
        return {"system": "&System", "light": "&Light", "dark": "&Dark"}[self.value]


_DARK_COLOURS = {
    QPalette.ColorRole.Window: "#2b2d31",
    QPalette.ColorRole.WindowText: "#e6e8ea",
    QPalette.ColorRole.Base: "#1f2124",
    QPalette.ColorRole.AlternateBase: "#272a2e",
    QPalette.ColorRole.ToolTipBase: "#363a40",
    QPalette.ColorRole.ToolTipText: "#eceef0",
    QPalette.ColorRole.PlaceholderText: "#8d949b",
    QPalette.ColorRole.Text: "#e6e8ea",
    QPalette.ColorRole.Button: "#34373c",
    QPalette.ColorRole.ButtonText: "#e6e8ea",
    QPalette.ColorRole.BrightText: "#ff6b61",
    QPalette.ColorRole.Light: "#4a4e55",
    QPalette.ColorRole.Midlight: "#3d4046",
    QPalette.ColorRole.Mid: "#2a2c30",
    QPalette.ColorRole.Dark: "#1b1c1f",
    QPalette.ColorRole.Shadow: "#0d0d0f",
    QPalette.ColorRole.Highlight: "#3d7fd6",
    QPalette.ColorRole.HighlightedText: "#ffffff",
    QPalette.ColorRole.Link: "#7ab4ff",
    QPalette.ColorRole.LinkVisited: "#b59cff",
}
_DARK_DISABLED = {
    QPalette.ColorRole.WindowText: "#80868c",
    QPalette.ColorRole.Text: "#80868c",
    QPalette.ColorRole.ButtonText: "#80868c",
    QPalette.ColorRole.Highlight: "#4a4e55",
}


def dark_palette() -> QPalette:
    palette = QPalette()
    for role, colour in _DARK_COLOURS.items():
        palette.setColor(role, QColor(colour))
    for role, colour in _DARK_DISABLED.items():
        palette.setColor(QPalette.ColorGroup.Disabled, role, QColor(colour))
    return palette


def light_palette() -> QPalette:
    """The style's own light palette."""
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance()
    style = app.style() if isinstance(app, QApplication) else None
    palette = style.standardPalette() if style is not None else QPalette()
    if palette.color(QPalette.ColorRole.Window).lightness() < 128:
        palette = QPalette(QColor("#efefef"))  # a style whose own palette is dark
    return palette


def saved_scheme(settings: QSettings | None = None) -> ColourScheme:
    value = str((settings or QSettings()).value(COLOUR_SCHEME, ColourScheme.SYSTEM.value))
    try:
        return ColourScheme(value)
    except ValueError:
        return ColourScheme.SYSTEM


def save_scheme(scheme: ColourScheme, settings: QSettings | None = None) -> None:
    (settings or QSettings()).setValue(COLOUR_SCHEME, ColourScheme(scheme).value)


def apply_scheme(scheme: ColourScheme) -> None:
    """Set the application's palette (and colour-scheme hint) for `scheme`."""
    app = QGuiApplication.instance()
    if app is None:
        return
    scheme = ColourScheme(scheme)
    hints = QGuiApplication.styleHints()
    if scheme is ColourScheme.SYSTEM:
        with contextlib.suppress(AttributeError):  # Qt before 6.8 has no override to drop
            hints.unsetColorScheme()
        QGuiApplication.setPalette(QPalette())  # nothing set: the platform's palette again
        return
    with contextlib.suppress(AttributeError):
        hints.setColorScheme(
            Qt.ColorScheme.Dark if scheme is ColourScheme.DARK else Qt.ColorScheme.Light
        )
    QGuiApplication.setPalette(dark_palette() if scheme is ColourScheme.DARK else light_palette())


def is_dark() -> bool:
    """Whether the application now paints dark (whatever chose it)."""
    return QGuiApplication.palette().color(QPalette.ColorRole.Window).lightness() < 128

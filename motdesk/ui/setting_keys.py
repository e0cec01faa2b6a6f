"""The names under which the editor keeps what it remembers (QSettings keys).

A module of its own, importing nothing, so that the first window (`motdesk.ui.shell`)
reads the same keys as the settings and the theme without loading them.
"""

from __future__ import annotations

WINDOW_GEOMETRY = "window/geometry"
WINDOW_STATE = "window/state"
COLOUR_SCHEME = "view/colour_scheme"

"""Where the stage columns and lane rows lie on the canvas: the map geometry of `graph.geometry`.

The canvas, the auto-layout and the handout share one geometry, so a card the
canvas snaps into a cell is where the layout and the PDF put it.
"""

from __future__ import annotations

from motdesk.graph.geometry import CARD_H, CARD_W, PAD_X, PAD_Y, SNAP, Band, MapGeometry

__all__ = ["CARD_H", "CARD_W", "PAD_X", "PAD_Y", "SNAP", "Band", "MapGeometry"]

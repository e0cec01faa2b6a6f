"""What tests ask of a journey's map as a user sees it."""

from __future__ import annotations

from motdesk.graph.geometry import CARD_H, CARD_W


def overlapping(journey) -> list[tuple[str, str]]:
    """The pairs of cards (by id) that cover each other on the map."""
    steps = list(journey.steps())
    return [
        (a.id, b.id)
        for i, a in enumerate(steps)
        for b in steps[i + 1 :]
        if abs(a.x - b.x) < CARD_W and abs(a.y - b.y) < CARD_H
    ]

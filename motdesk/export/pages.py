"""The handout as a plan of pages: each section lays itself out first, then pages are drawn.

Planning before drawing gives the page count for every footer ("page 3 of 12")
and the total for the progress callback, in a single pass over the canvas.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from reportlab.pdfgen.canvas import Canvas

from motdesk.export.codes import step_codes
from motdesk.export.theme import Sheet, landscape, portrait
from motdesk.graph.model import Journey, Project, Step
from motdesk.graph.views import journey_view
from motdesk.graph.vocabulary import EmotionScale, View


@dataclass(frozen=True)
class Page:
    """One page to draw: its sheet, what the footer says it shows, and how to draw it."""

    sheet: Sheet
    where: str
    draw: Callable[[Canvas], None]


@dataclass
class Context:
    """What every section needs: the project, the view, the paper and per-journey caches."""

    project: Project
    view: View
    paper: str
    _codes: dict[str, dict[str, str]] = field(default_factory=dict)

    @property
    def scale(self) -> EmotionScale:
        return self.project.scale

    @property
    def portrait(self) -> Sheet:
        return portrait(self.paper)

    @property
    def landscape(self) -> Sheet:
        return landscape(self.paper)

    def codes(self, journey: Journey) -> dict[str, str]:
        """Step id -> worksheet code, computed once per journey."""
        if journey.id not in self._codes:
            self._codes[journey.id] = step_codes(journey)
        return self._codes[journey.id]

    def steps(self, journey: Journey) -> list[Step]:
        """The steps the view shows, in code order."""
        codes = self.codes(journey)
        shown = journey_view(journey, self.view).steps
        return sorted(shown, key=lambda s: codes[s.id])

    @property
    def view_name(self) -> str:
        return {
            View.CURRENT: "current state",
            View.FUTURE: "future state",
            View.COMPARE: "current and future compared",
        }[self.view]

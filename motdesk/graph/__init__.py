"""The journey document, free of any toolkit: model, vocabulary, commands, history, views.

Imports no Qt, no sqlite and no reportlab, so every layer above can share it and
its tests run in milliseconds.
"""

from motdesk.graph.document import Document, blueprint_journey
from motdesk.graph.events import Change, EventBus
from motdesk.graph.history import History
from motdesk.graph.jsonio import FormatError, dumps, loads, read_project, write_project
from motdesk.graph.model import Journey, Kpi, Lane, Persona, Project, Stage, Step, Transition
from motdesk.graph.validation import DocumentError, ValidationError
from motdesk.graph.views import Comparison, Difference, compare, journey_view
from motdesk.graph.vocabulary import (
    EMOTION_SCALES,
    Channel,
    EmotionScale,
    Evidence,
    LaneKind,
    Moment,
    State,
    StepKind,
    View,
)

__all__ = [
    "EMOTION_SCALES",
    "Change",
    "Channel",
    "Comparison",
    "Difference",
    "Document",
    "DocumentError",
    "EmotionScale",
    "EventBus",
    "Evidence",
    "FormatError",
    "History",
    "Journey",
    "Kpi",
    "Lane",
    "LaneKind",
    "Moment",
    "Persona",
    "Project",
    "Stage",
    "State",
    "Step",
    "StepKind",
    "Transition",
    "ValidationError",
    "View",
    "blueprint_journey",
    "compare",
    "dumps",
    "journey_view",
    "loads",
    "read_project",
    "write_project",
]

"""The journey canvas: a scene that follows the document and a view to edit it by mouse and keys."""

from motdesk.ui.canvas.scene import JourneyScene
from motdesk.ui.canvas.view import JourneyView

__all__ = ["JourneyScene", "JourneyView"]

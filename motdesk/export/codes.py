"""Step codes for the handout: re-exported from `motdesk.graph.codes`, where they live."""

from motdesk.graph.codes import ordered_steps, step_codes, step_for_code

__all__ = ["ordered_steps", "step_codes", "step_for_code"]

"""motdesk: an offline editor for customer-journey maps built around moments of truth."""

__version__ = "0.1.0"

"""The editor: main window, inspector, dialogs and the canvas, a thin view over the document.

Nothing here is imported by `graph`, `store` or `export`; the document stays the one truth.
"""

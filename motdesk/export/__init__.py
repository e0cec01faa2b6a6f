"""Exports of the journey document to files: the PDF workshop handout and its parts.

Imports no Qt: a handout renders from the document alone, on a machine with no display.
"""

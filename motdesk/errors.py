"""Errors that reach the user as one sentence, each with the command line's exit code."""

from __future__ import annotations


class MotdeskError(Exception):
    """A failure the user can act on; `str()` is one sentence, ready to show."""

    exit_code = 1


class UsageError(MotdeskError):
    """The command line's words are off."""

    exit_code = 2


class InputRefused(MotdeskError):
    """An input file was refused; the sentence names the file and the reason."""

    exit_code = 3


class OutputNotWritten(MotdeskError):
    """An output file could not be written; the sentence names the file and the reason."""

    exit_code = 4


def sentence(text: str) -> str:
    """Text as one sentence: a capital first letter and a final full stop."""
    text = text.strip()
    if not text:
        return text
    text = text[0].upper() + text[1:]
    return text if text[-1] in ".!?" else text + "."

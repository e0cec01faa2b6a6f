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
    """Text as one sentence: a final full stop, and a capital first letter where the
    sentence starts with a plain word (never a file name or an id, which keep their case)."""
    text = text.strip()
    if not text:
        return text
    first = text.split(maxsplit=1)[0]
    if first.isalpha() and first.islower():
        text = text[0].upper() + text[1:]
    return text if text[-1] in ".!?" else text + "."

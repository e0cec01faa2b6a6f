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
    """Text as one sentence: trimmed, with a final full stop. The case is never changed: a
    sentence may start with a file name (``x``, ``bank.motdesk``) or an id, and it is shown
    after ``motdesk: `` on the command line."""
    text = text.strip()
    if not text:
        return text
    return text if text[-1] in ".!?" else text + "."


def safe(text: object) -> str:
    """Text for the terminal as it is, but for the characters a terminal would act on or
    hide (controls, bidirectional marks), escaped: a file named with an escape code is
    shown, not obeyed."""
    return "".join(c if c.isprintable() else c.encode("unicode_escape").decode() for c in str(text))


def one_line(text: str, limit: int | None = 120) -> str:
    """Text from outside (a library's message, a file's bytes, a label) fit for one line of
    a sentence: whitespace runs as one space, escaped as `safe` escapes, at most `limit`
    characters (cut with "…"; None: no limit)."""
    text = safe(" ".join(text.split()))
    return text if limit is None or len(text) <= limit else text[: limit - 1].rstrip() + "…"

"""The bundled DejaVu Sans fonts, and text made safe for them (unknown glyphs become visible).

reportlab draws a missing glyph as nothing, and writes a broken text layer for
characters beyond the Basic Multilingual Plane; so every user string goes
through `printable`, which swaps what the fonts cannot show for
`PLACEHOLDER` (a visible replacement character) instead of losing it silently.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from functools import cache, lru_cache

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from motdesk.resources import resources_dir

REGULAR = "DejaVuSans"
BOLD = "DejaVuSans-Bold"
FILES = {REGULAR: "DejaVuSans.ttf", BOLD: "DejaVuSans-Bold.ttf"}
PLACEHOLDER = "\ufffd"  # the replacement character: a visible diamond with a question mark

_WHITESPACE = re.compile(r"[\t\n\r\f\v\u2028\u2029]+")


@cache
def register_fonts() -> tuple[str, str]:
    """Register the bundled fonts with reportlab once; returns (regular, bold) names."""
    folder = resources_dir() / "fonts"
    for name, filename in FILES.items():
        pdfmetrics.registerFont(TTFont(name, str(folder / filename)))
    return REGULAR, BOLD


@cache
def _covered(font: str) -> frozenset[int]:
    register_fonts()
    face = pdfmetrics.getFont(font).face  # type: ignore[attr-defined]
    return frozenset(code for code in face.charToGlyph if code <= 0xFFFF)


@cache
def glyph_coverage() -> frozenset[int]:
    """Code points both bundled fonts can show (what prints as typed)."""
    return _covered(REGULAR) & _covered(BOLD)


@lru_cache(maxsize=65536)
def _printable_cached(text: str) -> str:
    covered = glyph_coverage()
    out = []
    for char in text:
        code = ord(char)
        if code in covered or char == " ":
            out.append(char)
        elif code < 0x20 or 0x7F <= code < 0xA0:
            out.append(" ")  # control characters are layout, not content
        elif 0x200B <= code <= 0x200F or code in (0xFE0F, 0xFEFF):
            continue  # zero-width marks and variation selectors carry no glyph
        else:
            out.append(PLACEHOLDER)
    return "".join(out)


_unprintable: ContextVar[set[str] | None] = ContextVar("unprintable", default=None)


@contextmanager
def collect_unprintable() -> Iterator[set[str]]:
    """Gather, while active, every distinct user string that `printable` had to change."""
    found: set[str] = set()
    token = _unprintable.set(found)
    try:
        yield found
    finally:
        _unprintable.reset(token)


def unprintable_chars(text: str) -> list[str]:
    """The characters of `text` that print as `PLACEHOLDER`, in order (repeats kept)."""
    covered = glyph_coverage()
    return [
        char
        for char in text
        if ord(char) not in covered
        and char != " "
        and not (ord(char) < 0x20 or 0x7F <= ord(char) < 0xA0)
        and not (0x200B <= ord(char) <= 0x200F or ord(char) in (0xFE0F, 0xFEFF))
    ]


def printable(text: str | None, *, multiline: bool = False) -> str:
    """`text` as the fonts can print it: unknown characters become `PLACEHOLDER`.

    Line breaks become spaces unless `multiline`, where they are kept as ``\\n``.
    """
    if not text:
        return ""
    found = _unprintable.get()
    if found is not None and text not in found and PLACEHOLDER in _printable_cached(text):
        found.add(text)
    if multiline:
        lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
        return "\n".join(_printable_cached(_WHITESPACE.sub(" ", line)) for line in lines)
    return _printable_cached(_WHITESPACE.sub(" ", text))


@lru_cache(maxsize=65536)
def _unit_width(text: str, font: str) -> float:
    return pdfmetrics.stringWidth(text, font, 1.0)


def text_width(text: str, font: str, size: float) -> float:
    """The width of `text` in points (cached per string and font, scaled by size)."""
    return _unit_width(text, font) * size

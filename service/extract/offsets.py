"""Code-point ↔ UTF-16 offsets, and the length-preserving clean-up that keeps every
offset valid for the caller's original text."""

from __future__ import annotations

import unicodedata
from bisect import bisect_left

# Characters that confuse tokenisers but carry no words: control, format (zero-width,
# bidi), separators other than space. Each is replaced by ONE character, so offsets
# into the cleaned text are offsets into the original.
_KEEP = {"\n", "\t"}


def clean_text(text: str) -> str:
    """Replace invisible/control characters by spaces (or newlines), 1:1."""
    if text.isascii() and text.isprintable():
        return text
    out = []
    for i, ch in enumerate(text):
        if ch in _KEEP or ch.isprintable():
            out.append(ch)
            continue
        category = unicodedata.category(ch)
        if ch == "\r":
            out.append(" " if text[i + 1 : i + 2] == "\n" else "\n")
        elif ch in "\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029":
            out.append("\n")
        elif category.startswith(("C", "Z")):
            out.append(" ")
        else:
            out.append(ch)
    return "".join(out)


class Utf16Index:
    """Maps code-point offsets to UTF-16 code-unit offsets in O(log n)."""

    def __init__(self, text: str) -> None:
        self._astral = [i for i, ch in enumerate(text) if ord(ch) > 0xFFFF]

    def __call__(self, offset: int) -> int:
        return offset + bisect_left(self._astral, offset)

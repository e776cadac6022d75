"""Split long articles into parse chunks at paragraph (else sentence, else space)
boundaries, so that memory stays bounded and nothing is truncated."""

from __future__ import annotations

import re

_SENTENCE_END = re.compile(r"[.!?…][\"”’')\]]*\s+")


def split_chunks(text: str, limit: int) -> list[tuple[int, int]]:
    """[start, end) ranges covering ``text`` exactly, each at most ``limit`` long."""
    if len(text) <= limit:
        return [(0, len(text))]
    ranges: list[tuple[int, int]] = []
    start = 0
    while start < len(text):
        end = min(len(text), start + limit)
        if end < len(text):
            end = _best_cut(text, start, end)
        ranges.append((start, end))
        start = end
    return ranges


def _best_cut(text: str, start: int, end: int) -> int:
    floor = start + (end - start) // 2
    cut = text.rfind("\n", floor, end)
    if cut != -1:
        return cut + 1
    best = -1
    for match in _SENTENCE_END.finditer(text, floor, end):
        best = match.end()
    if best != -1:
        return best
    cut = text.rfind(" ", floor, end)
    return cut + 1 if cut != -1 else end

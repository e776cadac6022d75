"""Sections of an article: a wire story's live updates, each opened by a rule line ("___")
or a time line ("2:45 p.m."), are news items of their own, with their own lead, people and
documents."""

from __future__ import annotations

import re
from bisect import bisect_right
from functools import lru_cache

# a rule line ("___", "***") or a live update's time line ("2:45 p.m.") opens a section
_BREAK = re.compile(
    r"^[ \t]*(?:_{3,}|\*{3,}|-{3,}|#{3,}|\d{1,2}(?::\d{2})?\s?[ap]\.?\s?m\.?)\.?[ \t]*$",
    re.MULTILINE | re.IGNORECASE,
)


@lru_cache(maxsize=4)
def _breaks(text: str) -> tuple[int, ...]:
    return tuple(m.end() for m in _BREAK.finditer(text))


def section_start(text: str, position: int) -> int:
    """Where the section holding ``position`` starts: after the last break line before it
    ("___", "***", "2:45 p.m."), else 0."""
    breaks = _breaks(text)
    k = bisect_right(breaks, position) - 1
    return breaks[k] if k >= 0 else 0

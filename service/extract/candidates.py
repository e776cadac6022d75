"""The candidate claim: what every detector (direct quotes, reported speech, "according
to", colon attributions) yields before speakers are resolved."""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

MIN_CONTENT_CHARS = 8  # shorter reported content says nothing ("it", "so")
MIN_OBJECT_WORDS = 3  # an object that says something: three words or a name


@dataclass(frozen=True)
class Candidate:
    start: int  # absolute code-point offsets into the document text
    end: int
    type: str  # direct | indirect | mixed
    pattern: str  # which detector and rule found it (for --misses and confidence)
    confidence: float
    cue: tuple[int, int] | None = None
    cue_lemma: str | None = None
    subject: Any = None  # spaCy Token heading the speaker mention, when there is one
    mention: tuple[int, int] | None = None  # absolute offsets of the speaker mention
    inherit: bool = False  # a floating quote: takes the speaker of the preceding context
    doc_index: int = 0

    def with_(self, **changes: Any) -> Candidate:
        return replace(self, **changes)

    def overlap(self, start: int, end: int) -> int:
        return max(0, min(self.end, end) - max(self.start, start))

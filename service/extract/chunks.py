"""Split long articles into parse chunks at paragraph (else sentence, else space)
boundaries, so that memory stays bounded and nothing is truncated.

A sentence longer than ``sentence_limit`` characters is not prose a dependency parser can
read (the longest of some 75,000 sentences of PolNeAR's political news is under 1,000
characters; a 50 KB run without a full stop is pasted data, a missing closing quote or
ASR output). Like CoreNLP's ``parse.maxlen``, only its first ``sentence_limit``
characters are parsed; the rest becomes an *unparsed* chunk, which costs no model time
and which the claims that reach it are extended over (see ``ClaimPipeline``)."""

from __future__ import annotations

import re
from dataclasses import dataclass

_SENTENCE_END = re.compile(r"[.!?…][\"”’')\]]*\s+")
# where a sentence may end: terminal punctuation (with closing marks) before a space, or a
# line break; cheap and conservative (abbreviations only make sentences look shorter)
_BOUNDARY = re.compile(r"[.!?…]+[\"”’')\]]*(?=\s)|\n")


@dataclass(frozen=True)
class Chunk:
    start: int
    end: int
    parse: bool = True  # False: the tail of an overlong sentence, left unparsed


def plan_chunks(text: str, limit: int, sentence_limit: int) -> list[Chunk]:
    """Chunks covering ``text`` exactly, in order: parsed ones at most ``limit`` long, and
    the tails of sentences longer than ``sentence_limit`` as unparsed ones."""
    out: list[Chunk] = []
    start = 0
    for head_end, tail_end in overlong_tails(text, sentence_limit):
        out.extend(
            Chunk(s + start, e + start) for s, e in split_chunks(text[start:head_end], limit)
        )
        out.append(Chunk(head_end, tail_end, parse=False))
        start = tail_end
    if start < len(text) or not out:
        out.extend(Chunk(s + start, e + start) for s, e in split_chunks(text[start:], limit))
    return out


def overlong_tails(text: str, sentence_limit: int) -> list[tuple[int, int]]:
    """[cut, end) of every sentence longer than ``sentence_limit``: its first part, up to a
    space near the limit, is parsed; from the cut to its end is not."""
    tails = []
    previous = 0
    ends = [m.end() for m in _BOUNDARY.finditer(text)]
    for end in [*ends, len(text)]:
        if end - previous > sentence_limit:
            hard = previous + sentence_limit
            space = text.rfind(" ", previous + sentence_limit // 2, hard)
            cut = space + 1 if space != -1 else hard
            tails.append((cut, end))
        previous = end
    return tails


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

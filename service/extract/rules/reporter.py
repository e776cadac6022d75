"""The reporter's own claims: every sentence no attribution touched that could hold a
claim (five words and a verb, not a question or a lead-in ending with a colon), or what a
predicate attribution left of it."""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterator, Sequence
from typing import Any

from service.extract.model import Candidate
from service.extract.registry import rule
from service.extract.syntax import char_range, sentences, trim_span

REPORTER = "reporter.sentence"


def free_sentences(
    chunk: tuple[Any, int], covered: list[tuple[int, int]], in_quote: Any
) -> Iterator[tuple[Any, str]]:
    """Sentences of one chunk that no claim touches and that could hold a claim of the
    reporter's own: (sentence, its text)."""
    doc, base = chunk
    spans = sorted(covered)
    starts = [s for s, _ in spans]
    longest = max((e - s for s, e in spans), default=0)
    for sent in sentences(doc):
        start, end = base + sent.start_char, base + sent.end_char
        near = spans[bisect_left(starts, start - longest) : bisect_right(starts, end)]
        if any(min(end, e) - max(start, s) > 0 for s, e in near) or in_quote(start + 1):
            continue
        words = [t for t in sent if t.is_alpha]
        if len(words) < 5 or not any(t.pos_ in {"VERB", "AUX"} for t in sent):
            continue
        text = sent.text
        if text.rstrip().endswith(("?", ":")):
            continue
        yield sent, text


@rule(
    REPORTER,
    "reporter",
    examples=["The plant employs about three hundred people in the valley."],
    counter_examples=["Why would anyone cross the strait twice a day?"],
)
def unattributed(
    free: list[tuple[int, Any, str]],
    chunks: Sequence[tuple[Any, int]],
    predicated: list[Candidate],
    full_text: str,
) -> list[tuple[int, int]]:
    """The reporter's own sentences; where a predicate attribution took part of one, the
    stretches of it left over that still hold a verb of their own."""
    out = []
    for index, sent, text in free:
        base = chunks[index][1]
        start = base + sent.start_char
        trimmed_end = start + len(text.rstrip(" \n\t"))
        trimmed_start = start + (len(text) - len(text.lstrip()))
        inside = [c for c in predicated if c.doc_index == index and c.overlap(start, trimmed_end)]
        if not inside:
            out.append((trimmed_start, trimmed_end))
            continue
        out.extend(_leftovers(sent, base, inside, full_text))
    return out


def _leftovers(sent: Any, base: int, inside: list[Candidate], text: str) -> list[tuple[int, int]]:
    taken = {c.cue[0] for c in inside if c.cue}
    runs: list[list[Any]] = [[]]
    for tok in sent:
        pos = base + tok.idx
        if any(c.start <= pos < c.end for c in inside):
            runs.append([])
        else:
            runs[-1].append(tok)
    out = []
    for run in runs:
        words = [t for t in run if t.is_alpha]
        verbs = [t for t in run if t.pos_ in {"VERB", "AUX"} and base + t.idx not in taken]
        if len(words) >= 3 and verbs:
            s, e = char_range(sent.doc, run[0].i, run[-1].i + 1)
            out.append(trim_span(text, base + s, base + e))
    return out

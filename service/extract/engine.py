"""Attribution engine: parsed chunks of one article → claims with cues and speakers.

It runs the stages in order and nothing else; each stage's rules, and their order, are in
``registry.SIEVES``:

1. quotations over the raw text (quotes.py);
2. detectors, per chunk, each taking one ``Context``: quote cues (rules/quote_cues.py),
   labels (rules/labels.py), reported speech cued by a word (rules/verb_cues.py);
3. overlap resolution (select.py);
4. predicate attributions where no detector claimed the text (predicate.py);
5. speakers, in reading order (speakers/);
6. the reporter's own sentences (rules/reporter.py).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from service.extract.model import Candidate, Context
from service.extract.predicate import predicate_candidates
from service.extract.quotes import Quote, find_quotes, quote_lookup
from service.extract.rules.labels import label_candidates
from service.extract.rules.quote_cues import direct_candidates
from service.extract.rules.reporter import free_sentences, unattributed
from service.extract.rules.verb_cues import reported_candidates
from service.extract.select import select
from service.extract.speakers.resolver import SpeakerResolver
from service.extract.speakers.stage import Attributed, resolve_in_order

__all__ = ["Analysis", "Attributed", "analyse"]


@dataclass(frozen=True)
class Analysis:
    claims: list[Attributed]
    unattributed: list[tuple[int, int]]
    resolver: SpeakerResolver


def analyse(text: str, chunks: Sequence[tuple[Any, int]], predicates: bool = True) -> Analysis:
    quotes = find_quotes(text)
    in_quote = quote_lookup(quotes)
    resolver = SpeakerResolver(text, list(chunks), in_quote)
    found = detect(text, chunks, quotes, in_quote)
    chosen = select(found, quotes, text)
    covered = [(c.start, c.end) for c in chosen]
    free = [
        (index, sent, sent_text)
        for index, chunk in enumerate(chunks)
        for sent, sent_text in free_sentences(chunk, covered, in_quote)
    ]
    extra = _predicates(chosen, chunks, text) if predicates else []
    if extra:
        chosen = sorted(chosen + extra, key=lambda c: c.start)
    attributed = resolve_in_order(chosen, chunks, resolver, text)
    return Analysis(attributed, unattributed(free, chunks, extra, text), resolver)


def detect(
    text: str,
    chunks: Sequence[tuple[Any, int]],
    quotes: list[Quote],
    in_quote: Callable[[int], bool],
) -> list[Candidate]:
    """Every detector over every chunk; reported speech cued inside a quotation is the
    quoted speaker's own words, not an attribution."""
    found: list[Candidate] = []
    for index, (doc, base) in enumerate(chunks):
        end = base + len(doc.text)  # Doc.text is rebuilt on each access: read it once
        local = [q for q in quotes if base <= q.open_at < end]
        ctx = Context(doc, base, text, index, local)
        found.extend(direct_candidates(ctx))
        found.extend(label_candidates(ctx))
        found.extend(
            c for c in reported_candidates(ctx) if not in_quote(c.cue[0] if c.cue else c.start)
        )
    return found


def _predicates(
    chosen: list[Candidate], chunks: Sequence[tuple[Any, int]], text: str
) -> list[Candidate]:
    """Predicate attributions (predicate.py) wherever no other detector claimed the text."""
    taken = sorted((c.start, c.end) for c in chosen)
    used = {c.cue[0] for c in chosen if c.cue and c.type == "direct"}  # "“…,” she told reporters"
    extra: list[Candidate] = []
    for index, (doc, base) in enumerate(chunks):
        extra.extend(predicate_candidates(Context(doc, base, text, index), taken, used))
    return extra

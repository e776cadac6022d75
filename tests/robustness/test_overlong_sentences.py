"""Overlong sentences: only the first ``parse_sentence_chars`` of a sentence are parsed, the
tail costs no model time, a claim that reaches the cut goes on to the sentence's end, and
every span still indexes the caller's text."""

from __future__ import annotations

import itertools

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from service.domain import Document
from service.extract.chunks import overlong_tails, plan_chunks

PIECES = ["the talks", "will go on", "said", "and", ",", ".", "\n", "“", "”", " ", "Kyiv"]


@settings(max_examples=300, deadline=None)
@given(
    text=st.lists(st.sampled_from(PIECES), max_size=400).map(" ".join),
    limit=st.integers(1000, 3000),
    sentence_limit=st.integers(200, 1000),
)
def test_plan_covers_the_text_exactly_and_bounds_what_is_parsed(text, limit, sentence_limit):
    plan = plan_chunks(text, limit, sentence_limit)
    assert plan[0].start == 0 and plan[-1].end == len(text)
    for before, after in itertools.pairwise(plan):
        assert before.end == after.start
    for chunk in plan:
        if chunk.parse:
            assert chunk.end - chunk.start <= limit
    tails = {(c.start, c.end) for c in plan if not c.parse}
    assert tails == set(overlong_tails(text, sentence_limit))


def test_short_sentences_are_all_parsed():
    text = "The mayor said the bridge will reopen. " * 200
    assert all(chunk.parse for chunk in plan_chunks(text, 20_000, 2_000))


def test_the_cut_falls_on_a_space_within_the_limit():
    text = "word " * 1000
    [(cut, end)] = overlong_tails(text, 2_000)
    assert cut <= 2_000 and text[cut - 1] == " " and end == len(text)


def test_a_run_without_spaces_is_cut_at_the_limit():
    assert overlong_tails("a" * 5_000, 2_000) == [(2_000, 5_000)]


def test_overlong_reported_sentence_keeps_its_speaker_and_its_whole_span(pipeline):
    text = (
        "Markets were calm on Monday.\n\nThe minister said that the plan, which "
        + "was debated by many members of the council for a long time and " * 300
    )[:20_000] + ".\n\nThe vote is on Friday, the clerk said."
    ex = pipeline.run([Document(text)])[0]
    start = text.index("The minister")
    end = text.index(" .\n\nThe vote")
    [unparsed] = ex.meta["unparsed"]
    assert start < unparsed["start"] < unparsed["end"] == end + 2
    long_claim = next(c for c in ex.claims if c.span.start < unparsed["start"] < c.span.end)
    assert long_claim.type == "indirect"
    assert long_claim.span.end == end
    assert long_claim.mention is not None and long_claim.mention.text == "The minister"
    assert any(c.mention is not None and c.mention.text == "the clerk" for c in ex.claims)


def test_unterminated_quote_is_one_direct_claim_over_the_whole_tail(pipeline):
    text = "He said: “" + ("the talks will go on and on " * 1900)[:50_000]
    ex = pipeline.run([Document(text)])[0]
    assert ex.meta["unparsed"] and ex.meta["unparsed"][-1]["end"] == len(text)
    [claim] = ex.claims
    assert claim.type == "direct"
    assert claim.span.end == len(text.rstrip())
    assert claim.mention is not None and claim.mention.text == "He"


@pytest.mark.parametrize("parse_sentence_chars", [200, 500])
def test_spans_index_the_text_with_a_small_sentence_limit(pipeline, parse_sentence_chars):
    from service.pipeline import ClaimPipeline

    small = ClaimPipeline(
        pipeline.models,
        pipeline.settings.replace(chunk_chars=1000, parse_sentence_chars=parse_sentence_chars),
    )
    text = (
        "“We will not stop,” the governor said on Tuesday, adding that the state "
        + "would keep building roads and schools and hospitals " * 20
        + "\n\nCritics, including the mayor, said the budget was too large. "
        + "Officials said “the numbers” were fine " * 30
    )
    ex = small.run([Document(text)])[0]
    assert ex.meta["unparsed"]
    for claim in ex.claims:
        assert text[claim.span.start : claim.span.end] == claim.span.text
        if claim.mention is not None:
            assert text[claim.mention.start : claim.mention.end] == claim.mention.text
    covered = sorted((c.span.start, c.span.end) for c in ex.claims)
    assert covered and covered[0][0] == 1  # the opening quote's content


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=st.lists(st.sampled_from(PIECES), min_size=50, max_size=300).map(" ".join))
def test_every_span_indexes_the_text_when_tails_are_unparsed(pipeline, text):
    from service.pipeline import ClaimPipeline

    small = ClaimPipeline(
        pipeline.models, pipeline.settings.replace(chunk_chars=1000, parse_sentence_chars=200)
    )
    ex = small.run([Document(text)])[0]
    for claim in ex.claims:
        assert 0 <= claim.span.start <= claim.span.end <= len(text)
        assert text[claim.span.start : claim.span.end] == claim.span.text
    for entity in ex.entities:
        assert text[entity.start : entity.end] == entity.text

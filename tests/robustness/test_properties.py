"""Property tests (hypothesis) on offsets and normalisation: for any text, every claim,
cue, speaker mention and entity span indexes the caller's original text, in code points
and in UTF-16 units, and the clean-up before parsing never moves a character."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from service.domain import Document, Options
from service.extract.offsets import Utf16Index, clean_text

# Text that stresses offsets: speech words and quote marks, astral characters (2 UTF-16
# units), zero-width/bidi/control characters, odd line breaks; no lone surrogates (the
# HTTP layer refuses them with 422).
WORDS = [
    "said",
    "told",
    "according to",
    "The minister",
    "she",
    "He",
    "officials",
    "claimed",
    "“",
    "”",
    '"',
    "'",
    "«",
    "»",
    "—",
    ":",
    ",",
    ".",
    "\n\n",
    "\r\n",
    " ",
    "Kyiv",
    "🇺🇦",
    "𝔘",
    "😀",
    "\u200b",
    "\u202e",
    "\u2066",
    "\x07",
    "\x00",
    "\u00ad",
    "\ufeff",
    "\u2028",
    "Zelensky",
    "Putin's",
    "the talks",
    "would",
    "fail",
]
texts = st.one_of(
    st.lists(st.sampled_from(WORDS), min_size=1, max_size=60).map(" ".join),
    st.text(st.characters(exclude_categories=("Cs",)), min_size=1, max_size=300),
)


def utf16(text: str, index: int) -> int:
    return sum(2 if ord(c) > 0xFFFF else 1 for c in text[:index])


def spans_of(extraction) -> list:
    spans = []
    for claim in extraction.claims:
        spans.append(claim.span)
        if claim.mention is not None:
            spans.append(claim.mention)
        if claim.cue is not None:
            spans.append(claim.cue)
    for speaker in extraction.speakers:
        spans.extend(speaker.mentions)
    spans.extend(extraction.entities)
    return spans


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=texts)
def test_every_span_indexes_the_original_text(pipeline, text):
    options = Options(include_sentences=True, include_entities=True)
    extraction = pipeline.run([Document(text, options=options)])[0]
    assert extraction.meta["characters"] == len(text)
    for span in spans_of(extraction):
        assert 0 <= span.start <= span.end <= len(text)
        assert text[span.start : span.end] == span.text, span
        if hasattr(span, "start_utf16"):
            assert span.start_utf16 == utf16(text, span.start)
            assert span.end_utf16 == utf16(text, span.end)
    for sentence in extraction.sentences or ():
        assert 0 <= sentence.start < sentence.end <= len(text)


@settings(max_examples=300, deadline=None)
@given(text=st.text(st.characters(exclude_categories=("Cs",)), max_size=200))
def test_clean_up_is_one_for_one(text):
    cleaned = clean_text(text)
    assert len(cleaned) == len(text)
    for before, after in zip(text, cleaned, strict=True):
        assert after == before or not before.isprintable() or before == "\r"
    assert clean_text(cleaned) == cleaned or "\r" in text  # idempotent


@settings(max_examples=300, deadline=None)
@given(text=st.text(st.characters(exclude_categories=("Cs",)), max_size=200), data=st.data())
def test_utf16_index_matches_the_encoding(text, data):
    index = Utf16Index(text)
    offset = data.draw(st.integers(0, len(text)))
    assert index(offset) == len(text[:offset].encode("utf-16-le")) // 2

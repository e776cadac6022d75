"""Light text utilities for the classify stage: tokens, sentence spans, surface signals.

No spaCy and no torch: the classify stage also scores text the parser never saw (targets,
evaluation sets), so its surface signals come from regular expressions and word lists."""

from __future__ import annotations

import re
from collections.abc import Iterable

from service.classify.lexicons import words

TOKEN = re.compile(r"[A-Za-z]+(?:['’][A-Za-z]+)?|\d[\d,.]*%?|[$€£%]")
SENTENCE_END = re.compile(r"(?<=[.!?])([\"”’')\]]*)\s+(?=[\"“‘(\[]?[A-Z0-9])|\n\s*")
ABBREVIATIONS = words(
    "mr mrs ms dr st gen sen rep gov jr sr prof lt col capt sgt no vs etc inc corp co ltd "
    "jan feb mar apr jun jul aug sep sept oct nov dec"
)
LAST_WORD = re.compile(r"([A-Za-z.]+)\.$")
NUMBER = re.compile(r"\d")
MONEY_OR_PERCENT = re.compile(r"[$€£]\s?\d|\d\s?%|\bper ?cent\b", re.IGNORECASE)
SUPERLATIVE = re.compile(r"\b(?:most|least|[a-z]{3,}est)\b", re.IGNORECASE)
NOT_SUPERLATIVE = words(
    "best interest forest honest modest earnest request protest contest suggest latest "
    "guest chest rest west test nest invest arrest digest manifest harvest"
)
STOP_CAPITALS = words(
    "I I'm I've I'll I'd Mr Mrs Ms Dr OK Okay Well So And But Now Yes No Thank Thanks"
)
STOPWORDS = words(
    "a an the and or but if of to in on at by for with from as is are was were be been being "
    "it its this that these those there here he she they we you i me my our your his her "
    "their them us do does did has have had not no so than then too very can will would "
    "should could may might must shall just also about into over after before up down out "
    "what which who whom whose when where why how all any both each few more most other some "
    "such only own same s t don now says said say"
)


def tokens(text: str) -> list[str]:
    """Lower-cased word and number tokens, curly apostrophes normalised."""
    return [t.lower().replace("’", "'") for t in TOKEN.findall(text)]


def content_words(text: str) -> set[str]:
    return {t for t in tokens(text) if t not in STOPWORDS and len(t) > 1}


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """Code-point (start, end) of each sentence, stripped of surrounding blanks."""
    spans: list[tuple[int, int]] = []
    start = 0
    for match in SENTENCE_END.finditer(text):
        end = match.start() + len(match.group(1) or "")
        if match.group(1) is not None and _abbreviation(text[max(start, end - 12) : end]):
            continue
        spans.extend(_strip(text, start, end))
        start = match.end()
    spans.extend(_strip(text, start, len(text)))
    return spans


def sentences(text: str) -> list[str]:
    return [text[s:e] for s, e in sentence_spans(text)]


def _abbreviation(tail: str) -> bool:
    """True when the period ending ``tail`` belongs to "Mr." or "U.S." rather than a sentence."""
    match = LAST_WORD.search(tail)
    if match is None:
        return False
    word = match.group(1).lower()
    return word in ABBREVIATIONS or (len(word) <= 3 and "." in word) or len(word) == 1


def _strip(text: str, start: int, end: int) -> Iterable[tuple[int, int]]:
    piece = text[start:end]
    left = len(piece) - len(piece.lstrip())
    right = len(piece.rstrip())
    if right > left:
        yield start + left, start + right


def capitalised_names(text: str) -> int:
    """Capitalised words that are not sentence-initial: a proxy for named entities."""
    found = re.findall(r"(?<![.!?]\s)(?<!^)\b[A-Z][a-zA-Z'’.-]+", text.strip())
    return sum(1 for w in found if w not in STOP_CAPITALS)


def superlatives(text: str) -> int:
    return sum(1 for w in SUPERLATIVE.findall(text) if w.lower() not in NOT_SUPERLATIVE)


def count_in(words: Iterable[str], lexicon: frozenset[str]) -> int:
    return sum(1 for w in words if w in lexicon)

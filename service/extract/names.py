"""Person and organisation names as written: tokenisation glitches ("TassVladimir
Medinsky" → "Vladimir Medinsky"), possessives, titles, and the name inside a longer noun
phrase ("the adviser to the Presidency of Ukraine Mikhailo Podolyak")."""

from __future__ import annotations

import re
from typing import Any

from service.extract.lexicon import DEMONYMS, GLITCH_SAFE_PREFIXES, TITLES

_GLUED = re.compile(r"^([A-Z][a-z]{2,})([A-Z][a-z]+)")
POSSESSIVE = ("’s", "'s", "’", "'")


def clean_name_span(text: str, start: int, end: int, known_tokens: set[str]) -> tuple[int, int]:
    """Trim possessive endings, leading titles/articles, and a glued-on word that stands
    alone elsewhere in the article (the tokeniser glitch "TassVladimir")."""
    for suffix in POSSESSIVE:
        if text[start:end].endswith(suffix) and end - len(suffix) > start:
            end -= len(suffix)
            break
    while True:
        words = text[start:end].split(" ")
        if len(words) > 1 and words[0].lower().rstrip(",") in TITLES | {"the"}:
            start += len(words[0]) + 1
            continue
        break
    match = _GLUED.match(text[start:end])
    if match and match.group(1).lower() not in GLITCH_SAFE_PREFIXES \
            and match.group(1) in known_tokens:
        start += len(match.group(1))
    return start, end


def name_runs(doc: Any, i: int, j: int, place_words: set[str]) -> list[tuple[int, int]]:
    """Maximal runs of proper-noun tokens in [i, j), minus leading place/nationality words
    and titles; possessive modifiers are skipped."""
    runs: list[tuple[int, int]] = []
    k = i
    while k < j:
        if not _namey(doc[k]):
            k += 1
            continue
        m = k
        while m < j and _namey(doc[m]):
            m += 1
        start = k
        while start < m - 1 and (doc[start].lower_ in DEMONYMS or doc[start].text in place_words
                                 or doc[start].lower_ in TITLES):
            start += 1
        possessive = m < len(doc) and doc[m].text in POSSESSIVE or doc[m - 1].dep_ == "poss"
        if not possessive and not (m - start == 1 and doc[start].lower_ in DEMONYMS):
            runs.append((start, m))
        k = m
    return runs


def _namey(tok: Any) -> bool:
    return tok.pos_ == "PROPN" and (tok.text[:1].isupper() or tok.text[:1].isdigit()) or (
        tok.text.endswith(".") and len(tok.text) == 2 and tok.text[0].isupper())


def surname(name: str) -> str:
    parts = [p for p in re.split(r"\s+", name.strip()) if p]
    while len(parts) > 1 and parts[-1].lower().rstrip(".") in {"jr", "sr", "ii", "iii", "iv"}:
        parts.pop()
    return parts[-1].lower() if parts else ""


def given_name(name: str) -> str:
    parts = name.split()
    return parts[0].lower() if len(parts) > 1 else ""


def nations_in(words: list[str]) -> set[str]:
    found = set()
    lowered = [w.lower().strip(",.’'s") for w in words]
    for w in lowered:
        if w in DEMONYMS:
            found.add(DEMONYMS[w])
    return found

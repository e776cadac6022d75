"""Entities consistent across an article: one name, one type.

The spaCy tagger labels each mention on its own, so "Clinton" can be a PERSON in one
sentence and an ORG in the next. ``consistent_entities`` takes the tagger's mentions of a
whole article and returns them cleaned and agreeing:

1. *Not entities of their own*: a title or honorific ("Sen.", "President", "Mr"), a party
   tag ("D-Calif.", "R", "(R-Texas)"), a headline's topic slug ("MARKETS - ...") and a name
   without a letter are dropped (numbers, dates and amounts keep their labels); a title
   the tagger included at the start of a name is cut off ("President Obama" → "Obama", the
   offsets moved with it), and so is what follows the name inside the tagged span: a line
   break and beyond, trailing numbers, dashes, a detached "'s" and lower-case words
   ("Interfax news agency" → "Interfax").
   *Strong evidence*: a name ending in an organisation word ("Holdings", "Bank", "Party",
   "FC", ``ORG_ENDINGS``; a GPE such as "Soviet Union" keeps its label) is an ORG; the
   layout of wire copy (``entity_layout``: datelines, results and standings tables) types
   the names it frames and replaces the tagger's overlapping mentions. Both weigh
   ``STRONG_VOTE`` mentions in step 2.
2. *One type per name*: mentions are grouped by name (case-folded, without a possessive
   "'s"); a one-word name that is the last word of a longer PERSON name in the article
   ("Clinton" after "Hillary Clinton") joins that person. The group's type is, in order:
   the type of a speaker the resolver named with that name (PERSON or ORG; a place that
   speaks stays a place), else the majority of the group's labels (ties: the first
   mention's label).
3. *Every mention of a name*: where the tagger marked a name once, its other occurrences in
   the article (the same capitalised string or its all-caps form in a headline or
   dateline, whole words, not inside another entity) are entities of the same type too.

Labels stay spaCy's (PERSON, ORG, GPE, LOC, NORP, FAC, EVENT, ...); ``CONLL`` is the mapping
the CoNLL-2003 evaluation uses (PERSON → PER, ORG → ORG, GPE/LOC/FAC → LOC, NORP and the
other names → MISC, numbers and dates → none)."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from service.extract.entity_layout import layout_mentions, slug_spans, words
from service.extract.lexicon import TITLES
from service.extract.speakers.names import title_line_name

NAME_LABELS = frozenset(
    {"PERSON", "ORG", "GPE", "NORP", "LOC", "FAC", "EVENT", "LAW", "PRODUCT", "WORK_OF_ART"}
)
CONLL = {
    "PERSON": "PER",
    "ORG": "ORG",
    "GPE": "LOC",
    "LOC": "LOC",
    "FAC": "LOC",
    "NORP": "MISC",
    "EVENT": "MISC",
    "PRODUCT": "MISC",
    "WORK_OF_ART": "MISC",
    "LAW": "MISC",
}
SPEAKER_LABELS = {"PERSON": "PERSON", "ORG": "ORG"}
PLACES = frozenset({"GPE", "LOC", "FAC", "NORP"})
# names that may end in a number ("Apollo 11", "School 285"): the others lose a trailing one
NUMBERED = frozenset({"ORG", "FAC", "PRODUCT", "EVENT", "LAW", "WORK_OF_ART"})
PARTY_TAG = re.compile(r"^\(?[DRI](?:-[A-Z][A-Za-z.]*)?\.?\)?$")
EXTRA_TITLES = frozenset(
    {
        "president", "vice", "prime", "chancellor", "king", "queen", "prince", "pope",
        "sheikh", "lord", "lady", "dame", "mrs", "ms", "mr", "dr", "sen", "rep", "gov", "gen",
        "lt", "col", "capt", "sgt", "adm", "cmdr", "hon", "rev", "fr", "st",
    }
)  # fmt: skip
# The last word of an organisation's name: "Inc", "Bank", "Party", "Council", "FC", ...
ORG_ENDINGS = words(
    """inc inc. corp corp. co co. ltd ltd. plc llc ag sa nv bv gmbh spa group holdings bank
    party union council ministry agency club united fc f.c. association committee commission
    federation league airlines airways company corporation industries motors systems
    foundation institute university college exchange fund organisation organization office
    department authority assembly parliament congress senate army police board front
    movement church newsroom agency times post journal television radio tribune herald"""
)
STRONG_VOTE = 3  # a layout or an organisation word outweighs the tagger's reading of one
POSSESSIVE = re.compile(r"['’]s?$")


@dataclass(frozen=True)
class Mention:
    start: int
    end: int
    label: str


def _is_title(word: str) -> bool:
    w = word.lower().rstrip(".,")
    return w in EXTRA_TITLES or w in TITLES or f"{w}." in TITLES


def _clean(text: str, m: Mention) -> Mention | None:
    """The mention without a leading title; None for a title, a party tag or no letters."""
    surface = text[m.start : m.end]
    if m.label not in NAME_LABELS:
        return m
    if not any(ch.isalpha() for ch in surface) or PARTY_TAG.match(surface.strip()):
        return None
    start, end = _trimmed(text, m.start, m.end, cut_numbers=m.label not in NUMBERED)
    if m.label == "PERSON":  # "Lee Seeks" in a title-case headline: the body's "Lee"
        start, end = title_line_name(text, start, end)
    while True:
        word = re.match(r"\S+\s+", text[start:end])
        if word is None or not _is_title(word.group(0).strip()):
            break
        start += len(word.group(0))
    words = text[start:end].split()
    if not words or all(_is_title(w) for w in words):
        return None
    return Mention(start, end, m.label)


def _trimmed(text: str, start: int, end: int, cut_numbers: bool) -> tuple[int, int]:
    """The name inside a tagged span: up to its first line break, without trailing words
    that cannot end a name (dashes, a detached "'s", lower-case words such as "news
    agency", and numbers where ``cut_numbers``: "Doe 106" but not "School 285")."""
    line = text[start:end].lstrip()
    start += len(text[start:end]) - len(line)
    end = start + len(line.split("\n", 1)[0].rstrip())
    while True:
        last = re.search(r"\s+(\S+)$", text[start:end])
        if last is None or not _not_a_name_end(last.group(1), cut_numbers):
            return start, end
        end = start + last.start()


def _not_a_name_end(word: str, cut_numbers: bool) -> bool:
    lower = word[0].islower() and not any(ch.isupper() for ch in word)
    if not any(ch.isalnum() for ch in word):
        return True  # a dash or other punctuation
    return lower or word in ("'s", "’s") or (cut_numbers and not any(ch.isalpha() for ch in word))


def name_key(surface: str) -> str:
    return POSSESSIVE.sub("", " ".join(surface.split())).casefold()


def consistent_entities(
    text: str, mentions: Iterable[Mention], speakers: Sequence[tuple[str, str]] = ()
) -> list[Mention]:
    """The article's mentions cleaned and typed consistently. ``speakers``: (name, type) of
    the resolver's speakers; PERSON and ORG speakers decide their name's type."""
    cleaned, strong = _prepared(text, mentions)
    names = [c for c in cleaned if c.label in NAME_LABELS]
    keys = {c: name_key(text[c.start : c.end]) for c in names}
    surname_of = {
        k.split()[-1]: k for c, k in keys.items() if c.label == "PERSON" and len(k.split()) > 1
    }
    group = {c: surname_of.get(k, k) if len(k.split()) == 1 else k for c, k in keys.items()}
    votes: dict[str, Counter[str]] = {}
    for c in names:
        votes.setdefault(group[c], Counter())[c.label] += STRONG_VOTE if c in strong else 1
    decided = {key: _majority(count) for key, count in votes.items()}
    for name, kind in speakers:
        key = name_key(name)
        # a speaking country is an ORG speaker, but its name stays a place
        if kind in SPEAKER_LABELS and key in decided and decided[key] not in PLACES:
            decided[key] = SPEAKER_LABELS[kind]
        last = key.split()[-1] if key else ""
        if kind == "PERSON" and last in decided and last not in surname_of:
            decided[last] = "PERSON"
    typed = [Mention(c.start, c.end, decided[group[c]]) if c in group else c for c in cleaned]
    return sorted(typed + _unmarked(text, typed, names), key=lambda m: (m.start, m.end))


def _prepared(text: str, mentions: Iterable[Mention]) -> tuple[list[Mention], set[Mention]]:
    """The tagger's mentions cleaned, without headline slugs, retyped ORG where the name
    ends in an organisation word, with the layout's names in place of those they overlap;
    and the mentions whose type is strong evidence (layout, organisation word)."""
    slugs = set(slug_spans(text))
    layout = [Mention(*span) for span in layout_mentions(text)]
    kept, strong = [], set(layout)
    for m in mentions:
        c = _clean(text, m)
        if c is None or (c.start, c.end) in slugs:
            continue
        # a GPE keeps its label: "Soviet Union", "West Bank", "Russian Federation"
        if c.label in NAME_LABELS - {"GPE"} and _org_ending(text[c.start : c.end]):
            c = Mention(c.start, c.end, "ORG")
            strong.add(c)
        if not any(c.start < n.end and n.start < c.end for n in layout):
            kept.append(c)
    return sorted(kept + layout, key=lambda m: (m.start, m.end)), strong


def _org_ending(surface: str) -> bool:
    words = surface.split()
    return len(words) > 1 and words[-1].casefold() in ORG_ENDINGS


def _unmarked(text: str, typed: list[Mention], names: list[Mention]) -> list[Mention]:
    """Further occurrences of a name the tagger marked elsewhere in the article but missed
    here (same capitalised string, whole words), with the name's decided type."""
    taken = bytearray(len(text))  # 1 where a mention already covers the character
    for m in typed:
        taken[m.start : m.end] = b"\x01" * (m.end - m.start)
    kinds = {text[m.start : m.end]: m.label for m in typed if m.label in NAME_LABELS}
    found: list[Mention] = []
    for surface, label in kinds.items():
        if len(surface) < 3 or not surface[0].isupper() or _is_title(surface):
            continue
        for start, end in _occurrences(text, surface):
            if taken.find(1, start, end) < 0:
                found.append(Mention(start, end, label))
                taken[start:end] = b"\x01" * (end - start)
    return found


WORD_CHAR = re.compile(r"[\w-]")


def _occurrences(text: str, surface: str) -> list[tuple[int, int]]:
    """Where ``surface`` stands as whole words, as written or in capitals (an all-caps
    line); another casing is another word. Plain substring searches: a case-blind regex
    per name cost most of this stage on a long article."""
    forms = {surface, surface.upper()} if len(surface.upper()) == len(surface) else {surface}
    spans = []
    for form in forms:
        for hit in re.finditer(re.escape(form), text):
            start, end = hit.span()
            if not (start and WORD_CHAR.match(text, start - 1)) and not WORD_CHAR.match(text, end):
                spans.append((start, end))
    return sorted(spans)


def _majority(count: Counter[str]) -> str:
    # Counter.most_common keeps first-seen order among ties.
    return count.most_common(1)[0][0]

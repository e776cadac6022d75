"""Descriptions that come before the name they describe.

A headline or a lead often opens with a role and names its holder only later: "Judge
rejects the appeal" and, further down, "Judge Ina Paulsen said"; "A former party chairman
calls for ..." and then the chairman by name. Such a description's referent is the person
whose roles the article ties to the description's head ("judge" ↔ "Judge Ina Paulsen";
"lawmaker" ↔ "Rep. Bo Dunn": one role family), named after it or in the headline above it;
when no one is tied, the first person the next sentences quote ("A former chairman says X.
'...,' said Bo Dunn"). A wire story's timed sections ("___" and a time line between updates)
each open with a lead of their own."""

from __future__ import annotations

from service.extract.lexicon import ROLE_FAMILIES
from service.extract.resolution.entities import DocumentEntities, Entity
from service.extract.resolution.sections import section_start

LEAD_SENTENCES = 3  # the headline and the first sentences of the lead
NEXT_SENTENCES = 2  # how far after the description its speaker may be named


def lead_index(ents: DocumentEntities, position: int) -> int:
    """Which sentence of its section (or of the article) ``position`` lies in, from 0."""
    start = section_start(ents.text, position)
    while start < position and ents.text[start].isspace():
        start += 1
    return ents.sentence_of(position) - ents.sentence_of(start)


def in_lead(ents: DocumentEntities, position: int) -> bool:
    """Whether ``position`` lies in the first sentences of the article or of its section."""
    return lead_index(ents, position) < LEAD_SENTENCES


def opens_section(ents: DocumentEntities, position: int) -> bool:
    """Whether ``position`` lies in the sentence opening a section, or in the article's
    headline or first sentence."""
    first = 1 if section_start(ents.text, position) == 0 else 0
    return lead_index(ents, position) <= first


def role_holders(ents: DocumentEntities, lemma: str, modifiers: frozenset[str]) -> list[Entity]:
    """The people the article ties to the role noun ``lemma`` (the noun itself, or its role
    family); a "former" role only those it calls former."""
    family = ROLE_FAMILIES.get(lemma)
    specific = family not in {None, "person", "party"}
    return [
        e
        for e in ents.entities
        if e.type == "PERSON"
        and e.mentions
        and (lemma in e.roles or (specific and family in {ROLE_FAMILIES.get(w) for w in e.roles}))
        and ("former" not in modifiers or "former" in e.roles)
    ]


def later_holder(
    ents: DocumentEntities, lemma: str, start: int, end: int, modifiers: frozenset[str]
) -> Entity | None:
    """The person whose roles tie to the role noun ``lemma`` (named after [start, end), or
    in the headline before it: "Lee wins; Senator says ..."), and of those the one sharing
    most of the description's other words (``modifiers``: "former", "party"), then the first
    named; a "former" holder is never one the article gives the role without "former". With
    no one tied, and the description opening the article or its section, the first person
    quoted in the next sentences. None outside a lead."""
    if not in_lead(ents, start):
        return None
    tied = role_holders(ents, lemma, modifiers)
    if tied:
        return max(tied, key=lambda e: (len(modifiers & e.roles), -e.mentions[0].start))
    if not opens_section(ents, start):
        return None
    last = ents.sentence_of(start) + NEXT_SENTENCES
    quoted = [
        (m.start, e)
        for e in ents.entities
        if e.type == "PERSON"
        for m in e.mentions[:1]
        if m.start >= end and m.speech and m.sent <= last
    ]
    return min(quoted, key=lambda t: t[0])[1] if quoted else None

"""Descriptions that come before the name they describe.

A headline or a lead often opens with a role and names its holder only later: "Judge
rejects the appeal" and, further down, "Judge Ina Paulsen said"; "A former party chairman
calls for ..." and then the chairman by name. Such a description has no antecedent; its
referent is the first person named after it whose roles the article ties to the
description's head ("judge" ↔ "Judge Ina Paulsen"; "lawmaker" ↔ "Rep. Bo Dunn": one role
family)."""

from __future__ import annotations

from service.extract.lexicon import ROLE_FAMILIES
from service.extract.resolution.entities import DocumentEntities, Entity

LEAD_SENTENCES = 3  # the headline and the first sentences of the lead


def later_holder(
    ents: DocumentEntities, lemma: str, start: int, end: int, modifiers: frozenset[str]
) -> Entity | None:
    """The person whose roles tie to the role noun ``lemma`` (named after [start, end), or
    in the headline before it: "Lee wins; Senator says ..."), and of those the one sharing
    most of the description's other words (``modifiers``: "former", "party"), then the first
    named; None outside the article's opening sentences."""
    if ents.sentence_of(start) >= LEAD_SENTENCES:
        return None
    family = ROLE_FAMILIES.get(lemma)
    specific = family not in {None, "person", "party"}
    later = [e for e in ents.entities if e.type == "PERSON" and e.mentions]
    tied = [
        e
        for e in later
        if lemma in e.roles or (specific and family in {ROLE_FAMILIES.get(w) for w in e.roles})
    ]
    if not tied:
        return None
    return max(tied, key=lambda e: (len(modifiers & e.roles), -e.mentions[0].start))

"""Gender evidence from the pronouns around a name: in a sentence that names one person
only, the "he"/"she" after the name (and in the next sentence, when it names nobody) most
likely refer to that person."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from service.extract.resolution.entities import DocumentEntities

HE = {"he", "him", "his", "himself"}
SHE = {"she", "her", "hers", "herself"}


def pronoun_votes(ents: DocumentEntities, chunks: Sequence[tuple[Any, int]]) -> None:
    """In a sentence that names one person only, the gendered pronouns after the name
    (and in the next sentence, when it names nobody) most likely refer to that person."""
    by_sent: dict[int, set[int]] = {}
    first_pos: dict[tuple[int, int], int] = {}
    for e in ents.entities:
        if e.type != "PERSON":
            continue
        for m in e.mentions:
            by_sent.setdefault(m.sent, set()).add(-1 if m.ambiguous else e.id)
            first_pos.setdefault((m.sent, e.id), m.start)
    pronouns: dict[int, list[tuple[int, str]]] = {}
    for doc, base in chunks:
        for tok in doc:
            low = tok.lower_
            if low in HE or low in SHE:
                pos = base + tok.idx
                pronouns.setdefault(ents.sentence_of(pos), []).append(
                    (pos, "m" if low in HE else "f")
                )
    for sent, ids in by_sent.items():
        if len(ids) != 1 or -1 in ids:
            continue
        (eid,) = ids
        after = first_pos[(sent, eid)]
        found = [g for p, g in pronouns.get(sent, []) if p > after]
        if sent + 1 not in by_sent:
            found += [g for _p, g in pronouns.get(sent + 1, [])]
        ents.entities[eid].votes.update(found)

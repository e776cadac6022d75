"""Plural descriptions the text says are two ("the two men", "both senators"): the two
people named last, within the last three sentences, of the head's gender when it has one
("the two women")."""

from __future__ import annotations

from typing import Any

from service.extract.lexicon import FEMALE, MALE
from service.extract.resolution.entities import DocumentEntities, Entity

WINDOW = 3  # sentences


def says_two(head: Any) -> bool:
    """ "the two men", "both senators": a plural the text says is two."""
    return any(
        (c.dep_ == "nummod" and c.lower_ == "two")
        or (c.dep_ in {"det", "predet"} and c.lower_ == "both")
        for c in head.children
    )


def latest_pair(ents: DocumentEntities, position: int, lemma: str) -> tuple[Entity, Entity] | None:
    """(earlier, later) of the two people named last before ``position``."""
    sent = ents.sentence_of(position)
    gender = "m" if lemma in MALE else "f" if lemma in FEMALE else None
    recent = sorted(
        (
            (before[-1].start, e)
            for e in ents.entities
            if e.type == "PERSON"
            and (before := e.before(position))
            and sent - before[-1].sent <= WINDOW
            and (gender is None or e.clear_gender in {None, gender})
        ),
        key=lambda t: -t[0],
    )
    if len(recent) < 2:
        return None
    return recent[1][1], recent[0][1]

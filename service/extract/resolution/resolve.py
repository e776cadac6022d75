"""Run-time entry: link a pronoun or a description to an entity of the article.

``MentionResolver`` builds the document entity model once per article (on first use) and
ranks the candidates of each mention with the learned model. A pick carries the entity,
the model's probability and the antecedent: the entity's latest mention before the
mention resolved (its first one when it comes later, as in a headline)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from service.extract.resolution import ranker
from service.extract.resolution.entities import DocumentEntities, Entity, Mention
from service.extract.resolution.features import (
    PRONOUN_GENDER,
    Target,
    description_rows,
    pronoun_rows,
)

TYPE_KINDS = {"PERSON", "ORG", "GPE", "NORP", "GROUP"}
ANIMACY = {
    "m": {"PERSON"},
    "f": {"PERSON"},
    "n": {"ORG", "GPE"},
    "p": {"GROUP", "ORG", "GPE", "NORP"},
}
DETERMINERS = {"the", "a", "an", "this", "that", "these", "those", "its", "their", "both"}


@dataclass(frozen=True)
class Pick:
    entity: Entity
    probability: float
    antecedent: Mention | None


def pronoun_target(tok: Any, base: int, in_quote: Callable[[int], bool]) -> Target:
    start = base + tok.idx
    return Target(
        tok.lower_,
        start,
        start + len(tok.text),
        tok.dep_ in {"nsubj", "nsubjpass"},
        in_quote(start),
    )


def description_target(
    head: Any, base: int, span: tuple[int, int], in_quote: Callable[[int], bool]
) -> Target:
    doc = head.doc
    words = {
        t.lower_
        for t in doc
        if base + t.idx >= span[0] and base + t.idx + len(t) <= span[1] and t.is_alpha
    }
    modifiers = frozenset(words - DETERMINERS - {head.lower_})
    return Target(
        head.lemma_.lower(),
        span[0],
        span[1],
        head.dep_ in {"nsubj", "nsubjpass"},
        in_quote(span[0]),
        modifiers,
    )


def candidates_for(
    ents: DocumentEntities, target: Target, kinds: set[str] | None = None
) -> list[Entity]:
    """Entities named before the mention (and not by the mention itself) that the mention
    can stand for: "he"/"she" a person, "it" an organisation or place, "they" any but a
    single person's nationality word."""
    gender = PRONOUN_GENDER.get(target.word)
    if gender is not None:
        kinds = (kinds or TYPE_KINDS) & ANIMACY[gender]
    return [
        e
        for e in ents.candidates(target.start)
        if (kinds is None or e.type in kinds)
        and not any(m.start < target.end and target.start < m.end for m in e.mentions)
    ]


def rows_for(
    kind: str, ents: DocumentEntities, target: Target, cands: list[Entity]
) -> list[list[float]]:
    build = pronoun_rows if kind == "pronoun" else description_rows
    return build(ents, target, cands)


class MentionResolver:
    def __init__(
        self,
        text: str,
        chunks: Sequence[tuple[Any, int]],
        in_quote: Callable[[int], bool],
        weights: ranker.Weights | None = None,
    ) -> None:
        self.text = text
        self._chunks = chunks
        self.in_quote = in_quote
        self.weights = weights or ranker.load()
        self._ents: DocumentEntities | None = None

    @property
    def entities(self) -> DocumentEntities:
        if self._ents is None:
            self._ents = DocumentEntities(
                self.text, self._chunks, self.in_quote, self.weights.given_names
            )
        return self._ents

    def pronoun(self, tok: Any, base: int, kinds: set[str] | None = None) -> Pick | None:
        if tok.lower_ not in PRONOUN_GENDER:
            return None
        target = pronoun_target(tok, base, self.in_quote)
        return self._rank("pronoun", target, kinds)

    def description(
        self, head: Any, base: int, span: tuple[int, int], kinds: set[str] | None = None
    ) -> Pick | None:
        target = description_target(head, base, span, self.in_quote)
        return self._rank("description", target, kinds)

    def _rank(self, kind: str, target: Target, kinds: set[str] | None) -> Pick | None:
        ents = self.entities
        cands = candidates_for(ents, target, kinds)
        best = self.weights.models[kind].best(rows_for(kind, ents, target, cands))
        if best is None:
            return None
        entity = cands[best[0]]
        before = entity.before(target.start)
        return Pick(entity, best[1], before[-1] if before else None)

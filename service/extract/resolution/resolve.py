"""Run-time entry: link a pronoun or a description to an entity of the article.

``MentionResolver`` builds the document entity model once per article (on first use) and
ranks the candidates of each mention with the learned model. A pick carries the entity,
the model's probability and the antecedent: the entity's latest mention before the
mention resolved (its first one when it comes later, as in a headline)."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from service.extract.lexicon import FEMALE, MALE, ROLE_FAMILIES
from service.extract.lexicon.cues import is_speech_verb
from service.extract.resolution import ranker
from service.extract.resolution.entities import DocumentEntities, Entity, Mention
from service.extract.resolution.features import (
    PRONOUN_GENDER,
    Target,
    description_rows,
    pronoun_rows,
)
from service.extract.resolution.sections import section_start

TYPE_KINDS = {"PERSON", "ORG", "GPE", "NORP", "GROUP"}
ANIMACY = {
    "m": {"PERSON"},
    "f": {"PERSON"},
    "n": {"ORG", "GPE"},
    "p": {"GROUP", "ORG", "NORP"},
}
GENERIC_MODIFIERS = {"former", "new", "current", "then", "top", "senior", "old"}
PARTY_ALIASES = {"gop": "republican", "democratic": "democrat"}
DETERMINERS = {"the", "a", "an", "this", "that", "these", "those", "its", "their", "both"}


@dataclass(frozen=True)
class Pick:
    entity: Entity
    probability: float
    antecedent: Mention | None


def pronoun_target(tok: Any, base: int, in_quote: Callable[[int], bool]) -> Target:
    start = base + tok.idx
    subject = tok.dep_ in {"nsubj", "nsubjpass"}
    head = tok.head
    return Target(
        tok.lower_,
        start,
        start + len(tok.text),
        subject,
        in_quote(start),
        speech=subject and head.pos_ in {"VERB", "AUX"} and is_speech_verb(head.lemma_),
    )


def tokens_within(head: Any, base: int, span: tuple[int, int]) -> list[Any]:
    """The tokens of ``head``'s doc that lie wholly inside ``span`` (article offsets; the
    doc starts at ``base``). Tokens do not overlap, so they are one run; when it holds
    ``head``, it is found by walking out from ``head`` instead of over the whole doc."""
    doc = head.doc

    def inside(t: Any) -> bool:
        return base + t.idx >= span[0] and base + t.idx + len(t) <= span[1]

    if not inside(head):
        return [t for t in doc if inside(t)]
    i, j = head.i, head.i + 1
    while i > 0 and inside(doc[i - 1]):
        i -= 1
    while j < len(doc) and inside(doc[j]):
        j += 1
    return list(doc[i:j])


def description_target(
    head: Any, base: int, span: tuple[int, int], in_quote: Callable[[int], bool]
) -> Target:
    words = {t.lower_ for t in tokens_within(head, base, span) if t.is_alpha}
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
    can stand for: "he"/"she" a person whose gender, where the article makes it clear,
    agrees; "it" an organisation or place; "they" a group, an organisation or a plural
    nationality word ("Republicans")."""
    gender = PRONOUN_GENDER.get(target.word)
    if gender is not None:
        kinds = (kinds or TYPE_KINDS) & ANIMACY[gender]
    return [
        e
        for e in ents.candidates(target.start)
        if (kinds is None or e.type in kinds)
        and not any(m.start < target.end and target.start < m.end for m in e.mentions)
        and not (gender in {"m", "f"} and e.clear_gender not in {None, gender})
        and not (gender == "p" and e.type == "NORP" and not e.name.endswith("s"))
    ]


def not_named_in(
    cands: list[Entity], said: tuple[int, int, bool] | None, target: Target | None = None
) -> list[Entity]:
    """Drop the candidates named inside what the speaker said: "“Vote for Lee,” she said"
    and "He said Lee hopes ..." are not Lee speaking (a name inside the speaker's own quote,
    or the subject of a reported clause the pronoun governs). All of them when that leaves
    none, or when the mention itself lies inside what was said."""
    if said is None or (target is not None and said[0] <= target.start < said[1]):
        return cands
    kept = [e for e in cands if not named_in(e, said)]
    return kept or cands


def named_in(e: Entity, said: tuple[int, int, bool]) -> bool:
    """Whether ``e`` is named inside ``said`` = (start, end, quoted only): inside its
    quotation marks, or (reported speech) as a subject."""
    start, end, quoted_only = said
    return any(
        start <= m.start < end and (m.quoted or (m.subject and not quoted_only)) for m in e.mentions
    )


def rows_for(
    kind: str, ents: DocumentEntities, target: Target, cands: list[Entity]
) -> list[list[float]]:
    build = pronoun_rows if kind == "pronoun" else description_rows
    return build(ents, target, cands)


def _sieve(target: Target, cands: list[Entity], sentence: int) -> list[Entity]:
    """Before ranking a description's candidates, keep those the text ties to it where
    any are: a gendered head ("the woman") drops people of the other gender; then the
    people tied to it most: by the role the article gave them ("the governor" ↔ "Gov. Ann
    Lee") and by a shared modifier ("the Vermont senator" ↔ "Vermont Sen. Bo Dunn")."""
    head = target.word
    gender = "m" if head in MALE else "f" if head in FEMALE else None
    if gender is not None:
        cands = [e for e in cands if e.clear_gender in {None, gender}]
    family = ROLE_FAMILIES.get(head)
    if family not in {None, "person", "party"}:  # "the mayor" is not the one made a councillor
        cands = [e for e in cands if not _other_office(e, family)]
    modifiers = target.modifiers - GENERIC_MODIFIERS
    mine = parties(target.modifiers)
    if mine:  # "the Republican nominee" is not the one the article calls a Libertarian
        cands = [e for e in cands if not party_conflict(e, mine)]

    def ties(e: Entity) -> int:
        role = head in e.roles or (
            family not in {None, "person"} and family in {ROLE_FAMILIES.get(w) for w in e.roles}
        )
        return int(role) + int(bool(modifiers & (e.roles | _name_words(e))))

    best = max((ties(e) for e in cands), default=0)
    if best:
        return [e for e in cands if ties(e) == best]
    # nothing ties: a description right after a sentence whose subject is a person
    # ("Ann Lee says X. The governor said Y") most likely renames that subject
    subjects = [
        (m.start, e)
        for e in cands
        for m in e.before(target.start)
        if m.subject and 0 <= sentence - m.sent <= 1
    ]
    return [max(subjects, key=lambda t: t[0])[1]] if subjects else cands


def parties(words: Iterable[str]) -> set[str]:
    """The party words among ``words`` ("GOP" and "Republican" are one)."""
    found = {PARTY_ALIASES.get(w, w) for w in words}
    return {w for w in found if ROLE_FAMILIES.get(w) == "party"}


def party_conflict(e: Entity, mine: set[str]) -> bool:
    theirs = parties(e.roles)
    return bool(theirs) and not theirs & mine


def _other_office(e: Entity, family: str | None) -> bool:
    families = {ROLE_FAMILIES.get(w) for w in e.roles} - {None, "person", "party"}
    return bool(families) and family not in families


def _name_words(e: Entity) -> set[str]:
    return {w.lower() for a in e.aliases for w in a.split()}


def gender_fit(e: Entity, gender: str, male_share: float) -> float:
    """P(``e`` is of ``gender``) from its gender votes and the news prior (two votes' worth)."""
    m, f = e.votes["m"], e.votes["f"]
    prior = male_share if gender == "m" else 1.0 - male_share
    return ((m if gender == "m" else f) + 2 * prior) / (m + f + 2)


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

    def pronoun(
        self,
        tok: Any,
        base: int,
        kinds: set[str] | None = None,
        said: tuple[int, int, bool] | None = None,
        exclude: Entity | None = None,
    ) -> Pick | None:
        """The ranker's entity for a pronoun; never ``exclude`` (one the syntax rules out)."""
        if tok.lower_ not in PRONOUN_GENDER:
            return None
        target = pronoun_target(tok, base, self.in_quote)
        return self._rank("pronoun", target, kinds, said, exclude)

    def description(
        self,
        head: Any,
        base: int,
        span: tuple[int, int],
        kinds: set[str] | None = None,
        said: tuple[int, int, bool] | None = None,
    ) -> Pick | None:
        target = description_target(head, base, span, self.in_quote)
        return self._rank("description", target, kinds, said)

    def _best_agreeing(
        self, kind: str, target: Target, cands: list[Entity], rows: list[list[float]]
    ) -> tuple[int, float] | None:
        """The ranker's best candidate; for "he"/"she" its probability is weighed by how
        likely each candidate is of the pronoun's gender (the ranker learned from data whose
        candidates all share it), the winner's own probability still facing the threshold."""
        model = self.weights.models[kind]
        gender = PRONOUN_GENDER.get(target.word)
        if kind != "pronoun" or gender not in {"m", "f"} or not rows:
            return model.best(rows)
        share = self.weights.male_share
        scored = [
            (model.probability(r) * gender_fit(c, gender, share), k, model.probability(r))
            for k, (c, r) in enumerate(zip(cands, rows, strict=True))
        ]
        _s, k, p = max(scored)
        return (k, p) if p >= model.threshold else None

    def _rank(
        self,
        kind: str,
        target: Target,
        kinds: set[str] | None,
        said: tuple[int, int, bool] | None,
        exclude: Entity | None = None,
    ) -> Pick | None:
        ents = self.entities
        cands = not_named_in(candidates_for(ents, target, kinds), said, target)
        cands = [e for e in cands if e is not exclude]
        opening = section_start(self.text, target.start)
        if opening:  # a wire update's own entities first, when it names any that fit
            cands = [
                e for e in cands if any(opening <= m.start for m in e.before(target.start))
            ] or cands
        if kind == "description":  # "Bank" tagged as a name is no name for "the bank"
            cands = [e for e in cands if e.name.lower() not in {target.word, target.word + "s"}]
            cands = _sieve(target, cands, ents.sentence_of(target.start))
        rows = rows_for(kind, ents, target, cands)
        best = self._best_agreeing(kind, target, cands, rows)
        if best is None:
            return None
        entity = cands[best[0]]
        before = entity.before(target.start)
        return Pick(entity, best[1], before[-1] if before else None)

"""What an owner's people and things, and an organisation's kind of noun, say: the hooks of
link.Linker for "His aides" and "her filing" (the owner), "Lee's lawyer" (the one person
the article gives that role), "the appeals court" and "the union" (the one organisation
whose name holds those words), and documents no author is given for ("the ruling": the
latest court; "the data": the organisation that spoke just before)."""

from __future__ import annotations

import re
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from service.extract.lexicon import GROUP_NOUNS, ORG_NAME_WORDS, ORG_NOUNS, ROLE_FAMILIES
from service.extract.resolution.cataphora import role_holders
from service.extract.resolution.documents import DOCUMENTS, new_resolution
from service.extract.resolution.entities import Entity

if TYPE_CHECKING:
    from service.extract.resolution.resolve import MentionResolver
    from service.extract.speakers.resolver import Resolution, SpeakerResolver

SPOKES = {
    "spokesman",
    "spokeswoman",
    "spokesperson",
    "spokespeople",
    "official",
    "aide",
    "staffer",
    "staff",
    "representative",
    "team",
    "office",
    "operative",
    "campaign",
}
COURT_DOCUMENTS = {"ruling": {"court"}, "verdict": {"court"}, "decision": {"court"}}
NUMBERS = {"data", "datum", "figures", "figure", "numbers", "statistics"}  # spaCy: data → datum


class OwnerLinks:
    """Linker's owner and organisation hooks (needs ``r``, ``ranker``, ``_key``,
    ``_latest`` and ``_mine`` of link.Linker)."""

    r: SpeakerResolver
    ranker: MentionResolver

    def _key(self, entity: Entity, position: int) -> str:
        raise NotImplementedError

    def _latest(self, entity: Entity | None, position: int) -> tuple[int, int] | None:
        raise NotImplementedError

    def _mine(self, name: str) -> Entity | None:
        raise NotImplementedError

    def _owned(self, head: Any, base: int, span: tuple[int, int], owner: Any) -> Resolution | None:
        """What an owner's staff, document or thing says, the owner says ("His aides",
        "Lee's campaign", "her filing"); not an owner's people ("his lawyer", "her
        supporters"), who speak for themselves."""
        lemma = head.lemma_.lower()
        people = person_role(lemma) or {head.lower_, lemma + "s"} & GROUP_NOUNS
        if people and lemma not in SPOKES:
            return self._owners_person(head, owner, base, span)
        owned = self.r.resolve(owner, base)
        entity = self.r.entities.get(owned.key or "")
        if entity is None or entity.type not in {"PERSON", "ORG", "GROUP"}:
            return None
        if entity.type == "GROUP" and lemma in ORG_NOUNS:  # "the workers' union" is the union
            return None
        method = "org-level" if lemma in SPOKES else "document" if lemma in DOCUMENTS else None
        return replace(
            owned, mention=span, method=method or "description", antecedent=owned.mention
        )

    def _named_like(self, head: Any, span: tuple[int, int]) -> Resolution | None:
        """An organisation noun whose words the name of one organisation of the article
        holds: "the appeals court" (the Court of Appeals for ...), "a union representing
        flight attendants" (the Association of Flight Attendants)."""
        words = {
            t.lower_
            for c in head.children
            if c.dep_ in {"compound", "nmod", "poss", "acl", "prep"}
            for t in c.subtree
            if t.pos_ in {"NOUN", "PROPN"} and t.is_alpha
        }
        kind = ORG_NAME_WORDS.get(head.lemma_.lower(), frozenset()) | {head.lower_}
        matches = [
            e
            for e in self.ranker.entities.entities
            if e.type == "ORG"
            and e.name.lower() not in {head.lower_, head.lemma_.lower()}  # "Bank": no name
            and words <= (names := _name_words(e))
            and (words or kind & names)
        ]
        if len(matches) != 1 and not words:  # "the union": the latest one named before
            matches = sorted(
                (e for e in matches if e.before(span[0])),
                key=lambda e: e.before(span[0])[-1].start,
            )[-1:]
        if len(matches) != 1:
            return None
        entity = matches[0]
        first = entity.mentions[0] if entity.mentions else None
        antecedent = self._latest(entity, span[0]) or (first and (first.start, first.end))
        key = self._key(entity, span[0])
        return new_resolution(span, key, "org", 0.6, "description", antecedent)

    def _issued(self, lemma: str, span: tuple[int, int]) -> Resolution | None:
        """A document no author is given for: a ruling the latest court named before it; data
        or figures the organisation that spoke just before ("The Census Bureau said ...
        According to the data, ...")."""
        ents = self.ranker.entities
        if lemma in COURT_DOCUMENTS:
            named = [
                (e.before(span[0])[-1].start, e)
                for e in ents.entities
                if e.type == "ORG" and e.before(span[0]) and COURT_DOCUMENTS[lemma] & _name_words(e)
            ]
            entity = max(named, key=lambda t: t[0])[1] if named else None
        else:
            entity = ents.last_speaker(span[0]) if lemma in NUMBERS else None
            recent = entity is not None and any(
                ents.sentence_of(span[0]) - m.sent <= 1 for m in entity.before(span[0])
            )
            entity = entity if recent and entity is not None and entity.type == "ORG" else None
        if entity is None:
            return None
        key = self._key(entity, span[0])
        return new_resolution(span, key, "org", 0.6, "document", self._latest(entity, span[0]))

    def _owners_person(
        self, head: Any, owner: Any, base: int, span: tuple[int, int]
    ) -> Resolution | None:
        """ "Lee's lawyer", "his attorney": the one person the article gives that role
        ("An attorney for Lee, Bo Dunn"), other than the owner, a person."""
        if head.tag_ == "NNS" or not person_role(head.lemma_.lower()):
            return None
        owned = self.r.resolve(owner, base)
        whose = self.r.entities.get(owned.key or "")
        mine = self._mine(whose.name) if whose is not None else None
        if mine is None or mine.type != "PERSON":  # a person's lawyer, not "its owner"
            return None
        holders = [
            e
            for e in role_holders(self.ranker.entities, head.lemma_.lower(), frozenset())
            if e is not mine
        ]
        if len(holders) != 1:
            return None
        key = self._key(holders[0], span[0])
        return new_resolution(
            span, key, "nominal", 0.6, "description", self._latest(holders[0], span[0])
        )


def _name_words(e: Entity) -> set[str]:
    return {w.lower().strip(".,") for a in e.aliases for w in re.split(r"[\s/-]+", a)}


def person_role(lemma: str) -> bool:
    family = ROLE_FAMILIES.get(lemma)
    return (family is not None and family != "party") or lemma.endswith(
        ("man", "woman", "person", "nominee", "candidate", "senator", "governor", "chairman")
    )

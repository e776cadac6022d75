"""The hook points the speaker resolver (speakers.py) calls for mentions that are not names.

- ``pronoun``: the learned ranker picks the entity ("he", "she", "it", "they", "his");
- ``modified``: a common noun with a name inside its phrase. People who speak for one
  ("a Coca-Cola spokesman", "SEIU officials") are the organisation (org-level); a document
  ("the Bloomberg poll") is its issuer; a role ("the GOP nominee", "the Vermont senator") is
  the person the ranker picks, the name in it being only a modifier;
- ``description``: a definite description ("the newspaper", "the governor") goes to the
  ranker; staff of an owner ("His aides", "Clinton's team") to the owner (org-level); a
  document ("the report", "the poll") to its issuer, read from where the article mentions a
  document of the same kind with its author ("a report by X", "X's poll", "X released a
  report").

Each returns a speakers.Resolution whose ``method`` says how the name was reached and whose
``antecedent`` is the mention the name was read from, or None to leave the mention to the
older rules in speakers.py."""

from __future__ import annotations

import re
import time
from collections.abc import Callable, Sequence
from dataclasses import replace
from functools import wraps
from typing import TYPE_CHECKING, Any

from service.extract.lexicon import GROUP_NOUNS, ORG_NOUNS, ROLE_FAMILIES
from service.extract.resolution.cataphora import later_holder, opens_section
from service.extract.resolution.documents import (
    DOCUMENTS,
    DocumentLinks,
    find_writer,
    new_resolution,
    signature_after,
)
from service.extract.resolution.entities import Entity
from service.extract.resolution.features import PRONOUN_GENDER
from service.extract.resolution.groups import latest_pair, says_two
from service.extract.resolution.owners import SPOKES, OwnerLinks, person_role
from service.extract.resolution.parallel import previous_role_subject, previous_subject
from service.extract.resolution.resolve import (
    MentionResolver,
    Pick,
    named_in,
    parties,
    party_conflict,
)
from service.extract.speakers.names import nations_in
from service.extract.syntax import np_span

if TYPE_CHECKING:
    from service.extract.speakers.resolver import Resolution, SpeakerResolver

FIRST_PERSON = {"i", "me", "my"}
VOICES = {"announcer", "narrator"}  # an ad's voice: the ad's issuer speaks
PLACE_NOUNS = {"state", "city", "country", "nation", "government", "county", "town"}
DEFINITE = {"the", "this", "that", "these", "those"}


def _timed(method: Callable[..., Any]) -> Callable[..., Any]:
    """Add the hook's own time (outermost call only) to ``Linker.elapsed_ms``."""

    @wraps(method)
    def run(self: Linker, *args: Any) -> Any:
        self._depth += 1
        started = time.perf_counter()
        try:
            return method(self, *args)
        finally:
            self._depth -= 1
            if self._depth == 0:
                self.elapsed_ms += (time.perf_counter() - started) * 1000

    return run


class Linker(DocumentLinks, OwnerLinks):
    def __init__(self, resolver: SpeakerResolver, chunks: Sequence[tuple[Any, int]]) -> None:
        self.r = resolver
        self.chunks = chunks
        self.ranker = MentionResolver(resolver.text, chunks, resolver.in_quote)
        self.elapsed_ms = 0.0  # time spent in the hooks: the resolver's cost
        self._depth = 0

    # ---- hooks ----------------------------------------------------------------------
    @_timed
    def pronoun(self, tok: Any, base: int, span: tuple[int, int]) -> Resolution | None:
        """The previous claim's speaker when the pronoun fits them (the article's own
        gender evidence may veto), else the ranker's pick."""
        if tok.lower_ in FIRST_PERSON and not self.r.in_quote(span[0]):
            writer = signature_after(self.r.text, self.chunks, span[1]) or self._writer()
            if writer is None:
                return None
            named = self.r.resolve(writer[0], writer[1])
            return replace(named, mention=span, method="document", antecedent=named.mention)
        gender = PRONOUN_GENDER.get(tok.lower_)
        said = self.r.said
        role = self._role_continued(tok, base, span, gender)
        if role is not None:
            return role
        agent = None  # "When pressed by Lee about X, his answer ...": not Lee
        if gender in {"m", "f"}:
            found = self.r.last_speaker_fit(span, gender)
            mine = self._mine(self.r.entities[found.key or ""].name) if found else None
            agent = self._agent(tok, base)
            if (
                found is not None
                and self._agrees(found.key, gender)
                and not (
                    said and mine and named_in(mine, said) and not said[0] <= span[0] < said[1]
                )
                and not self._new_subject(mine, gender, span[0])
                and (agent is None or agent != found.key)
            ):
                return replace(found, method="pronoun", antecedent=self._latest(mine, span[0]))
        if gender in {"n", "p"}:
            found = self._continued(tok, base, span)
            if found is not None:
                return found
        excluded = self._mine(self.r.entities[agent].name) if agent in self.r.entities else None
        pick = self.ranker.pronoun(tok, base, said=said, exclude=excluded)
        if pick is not None:
            return self._picked(pick, span, "pronoun", "pronoun")
        if gender not in {"m", "f"}:
            return None
        for _pos, key, _subject in self.r._persons_before(span[0]):  # the older rule, with
            if self.r._fits(key, gender) and self._agrees(key, gender):  # the article's genders
                return new_resolution(span, key, "pronoun", 0.5, "pronoun", None)
        return self.r._unresolved(span)

    def _role_continued(
        self, tok: Any, base: int, span: tuple[int, int], gender: str | None
    ) -> Resolution | None:
        """ "The president looked tired. He said ...": the person the role names."""
        role = previous_role_subject(tok)
        if role is not None and gender in {"m", "f"}:
            held = self.r.resolve(role, base)
            if held.key and self.r._fits(held.key, gender) and self._agrees(held.key, gender):
                entity = self.r.entities.get(held.key)
                if entity is not None and entity.type == "PERSON":
                    return replace(
                        held,
                        mention=span,
                        kind="pronoun",
                        method="pronoun",
                        antecedent=held.mention,
                    )
        return None

    def _agent(self, tok: Any, base: int) -> str | None:
        """The speaker key of the person named in the pronoun's sentence, before it, as the
        agent of a passive clause ("When pressed by Lee about X, his answer ..."): not the
        pronoun's referent."""
        for t in tok.sent:
            if t.i < tok.i and t.dep_ == "pobj" and t.head.dep_ == "agent" and t.pos_ == "PROPN":
                return self.r.resolve(t, base).key
        return None

    def _new_subject(self, speaker: Entity | None, gender: str, position: int) -> bool:
        """Whether someone else of that gender became a subject, outside quotes, since the
        last speaker spoke (the entity model also sees names the tagger typed otherwise)."""
        last = self.r.last_speaker
        if speaker is None or last is None:
            return False
        return any(
            e is not speaker
            and e.type == "PERSON"
            and e.clear_gender in {None, gender}
            and any(m.subject and not m.quoted and last[0] < m.start < position for m in e.mentions)
            for e in self.ranker.entities.entities
        )

    def _continued(self, tok: Any, base: int, span: tuple[int, int]) -> Resolution | None:
        """ "The city sent a letter. It says ...": the organisation the subject before names
        (parallel.py), when it names one."""
        subject = previous_subject(tok)
        if subject is None:
            return None
        found = self.r.resolve(subject, base)
        entity = self.r.entities.get(found.key or "")
        thing = subject.pos_ == "NOUN" and not person_role(subject.lemma_.lower())
        if (
            entity is None
            or entity.type == "UNKNOWN"
            or (tok.lower_ == "it" and entity.type == "PERSON" and not thing)
        ):
            return None  # "it" after "Lee's campaign" or "Lee's ad" is the campaign, the ad
        return replace(
            found, mention=span, kind="pronoun", method="pronoun", antecedent=found.mention
        )

    def _agrees(self, key: str | None, gender: str) -> bool:
        """Whether the article's own gender evidence allows the speaker ``key``."""
        entity = self.r.entities.get(key or "")
        mine = self._mine(entity.name) if entity is not None else None
        return mine is None or mine.clear_gender in {None, gender}

    def full_name(self, name: str) -> str:
        """An organisation's full name for its acronym ("FHP" → the name it spells)."""
        for e in self.ranker.entities.entities:
            if e.type == "ORG" and name in e.aliases and name != e.name and name.isupper():
                return e.name
        return name

    def _mine(self, name: str) -> Entity | None:
        """The entity model's entity of that name."""
        low = name.lower()
        for e in self.ranker.entities.entities:
            if e.name.lower() == low or low in (a.lower() for a in e.aliases):
                return e
        return None

    @staticmethod
    def _latest(entity: Entity | None, position: int) -> tuple[int, int] | None:
        before = entity.before(position) if entity is not None else []
        return (before[-1].start, before[-1].end) if before else None

    @_timed
    def modified(
        self, head: Any, base: int, span: tuple[int, int], run: tuple[int, int]
    ) -> Resolution | None:
        lemma = head.lemma_.lower()
        doc = head.doc
        if lemma in SPOKES and run[1] - run[0] == 1 and doc[run[0]].lower_ in ORG_NOUNS:
            found = self._unit(doc[run[0]], base, span)  # "Party officials" opening a sentence
            if found is not None:
                return found
        if lemma in SPOKES or lemma in DOCUMENTS:
            method = "org-level" if lemma in SPOKES else "document"
            return self._name_run(doc, base, run, span, method)
        owner = next((c for c in head.children if c.dep_ == "poss"), None)
        if owner is not None and run[0] <= owner.i < run[1]:  # "Lee's new company"
            found = self._owned(head, base, span, owner)
            if found is not None:
                return found
        if not person_role(lemma) or head.pos_ != "NOUN":
            return None
        if run[0] > head.i or any(doc[k].ent_type_ == "PERSON" for k in range(*run)):
            return None  # "the minister, Ann Lee", "the adviser to X Ann Lee": the name itself
        found = self._epithet(head, base, span) if _definite(head) else None
        # never the place or party in the phrase ("a New York judge" is not New York)
        return found or self._later(head, span) or self.r.unnamed(span)

    @_timed
    def headline_role(self, head: Any, span: tuple[int, int]) -> Resolution | None:
        """A capitalised role heading a headline phrase ("Retired General Says ...",
        "Senator from Texas ..."): the holder named later, never a name inside it."""
        if (
            head.ent_type_ == "PERSON"
            or not head.text[:1].isupper()
            or not person_role(head.lower_)
            or any(c.dep_ == "appos" for c in head.children)  # "Senator, Ann Lee": the name
        ):
            return None
        return self._later(head, span)

    @_timed
    def party_member(self, head: Any, base: int, span: tuple[int, int]) -> Resolution | None:
        """ "The Republican said ...": a person of that party, as a role description."""
        if ROLE_FAMILIES.get(head.lower_) != "party" or head.tag_ not in {"NN", "NNP"}:
            return None
        if not _definite(head):
            return None
        pick = self.ranker.description(head, base, span, {"PERSON"}, self.r.said)
        return self._picked(pick, span, "nominal", "description") if pick else None

    @_timed
    def description(self, head: Any, base: int, span: tuple[int, int]) -> Resolution | None:
        lemma = head.lemma_.lower()
        owner = next((c for c in head.children if c.dep_ == "poss"), None)
        if owner is not None:  # "His aides", "Clinton's team", "her submission"
            found = self._owned(head, base, span, owner)
            if found is not None:
                return found
        if lemma in ORG_NOUNS and lemma not in DOCUMENTS | SPOKES and head.tag_ != "NNS":
            found = self._named_like(head, span)  # "a federal appeals court", not "groups"
            if found is not None:
                return found
        unit = next((c for c in head.children if c.dep_ == "compound" and c.pos_ == "NOUN"), None)
        if lemma in SPOKES and unit is not None:  # "campaign aides", "party officials"
            found = self._unit(unit, base, span)
            if found is not None:
                return found
        if (
            lemma in DOCUMENTS or lemma in SPOKES or lemma in VOICES
        ):  # "the report", "the announcer"
            found = self._document(head, base, span)
            if found is None and lemma in DOCUMENTS:
                found = self._issued(lemma, span)
            if found is not None or lemma in DOCUMENTS:
                return found
        if head.tag_ == "NNS" and person_role(lemma) and says_two(head):
            return self._pair(span, lemma)  # "The two men", "both senators"
        if head.pos_ != "NOUN" or head.tag_ == "NNS":
            return None
        if not _definite(head):  # "Judge rejects ...": named further down, if at all
            mine = owner is not None and owner.pos_ == "PRON"  # "its owner": not a title
            return self._later(head, span) if person_role(lemma) and not mine else None
        if lemma in PLACE_NOUNS:
            kinds = {"GPE"}
        elif lemma in ORG_NOUNS or lemma in GROUP_NOUNS:
            kinds = {"ORG"}
        elif person_role(lemma):
            return self._epithet(head, base, span) or self._later(head, span)
        else:
            return None
        pick = self.ranker.description(head, base, span, kinds, self.r.said)
        return self._picked(pick, span, "nominal", "description") if pick else None

    # ---- helpers --------------------------------------------------------------------
    def _epithet(self, head: Any, base: int, span: tuple[int, int]) -> Resolution | None:
        """A person's role ("the Russian leader", "the Vermont senator"): the older epithet
        rule's pick when it holds the role (or no one does) and is of no other party, else
        the ranker, whose sieve prefers the people the article gave that role."""
        lemma = head.lemma_.lower()
        words = self.r.text[span[0] : span[1]].split()
        family = ROLE_FAMILIES.get(lemma)
        mine = parties(w.lower() for w in words)
        if opens_section(self.ranker.entities, span[0]) and not self._role_tied(
            lemma, span[0], mine
        ):
            later = self._later(head, span)  # a section's opening names its role further on
            if later is not None:
                return later
        found = self.r._epithet(span[0], nations_in(words), family, lemma)
        held = self._mine(self.r.entities[found].name) if found is not None else None
        tied = self._role_tied(lemma, span[0], mine)  # someone is called exactly that
        if found is not None and not (
            held is not None and (party_conflict(held, mine) or (tied and lemma not in held.roles))
        ):
            return new_resolution(
                span, found, "nominal", 0.7, "description", self._latest(held, span[0])
            )
        pick = self.ranker.description(head, base, span, {"PERSON"}, self.r.said)
        return self._picked(pick, span, "nominal", "description") if pick else None

    def _role_tied(self, lemma: str, position: int, mine: set[str]) -> bool:
        """Whether a person named before ``position`` (of no other party than ``mine``)
        has the role ``lemma`` itself in the entity model ("the judge" ↔ "Judge Ina
        Paulsen"): then the ranker's role sieve decides."""
        return any(
            lemma in e.roles
            for e in self.ranker.entities.candidates(position)
            if e.type == "PERSON" and not party_conflict(e, mine)
        )

    def _pair(self, span: tuple[int, int], lemma: str) -> Resolution | None:
        pair = latest_pair(self.ranker.entities, span[0], lemma)
        if pair is None:
            return None
        key = self.r.named_group(f"{pair[0].name} and {pair[1].name}")
        return new_resolution(
            span, key, "group", 0.5, "description", self._latest(pair[1], span[0])
        )

    def _later(self, head: Any, span: tuple[int, int]) -> Resolution | None:
        """A role in the headline or lead whose holder is named later (cataphora.py)."""
        words = set(re.findall(r"[a-z]+", self.r.text[span[0] : span[1]].lower()))
        lemma = head.lemma_.lower() if head.pos_ == "NOUN" else head.lower_
        modifiers = frozenset(words - DEFINITE - {"a", "an", lemma})
        entity = later_holder(self.ranker.entities, lemma, span[0], span[1], modifiers)
        if entity is None:
            return None
        first = (entity.mentions[0].start, entity.mentions[0].end)
        return new_resolution(
            span, self._key(entity, span[0]), "nominal", 0.6, "description", first
        )

    def _picked(self, pick: Pick, span: tuple[int, int], kind: str, method: str) -> Resolution:
        key = self._key(pick.entity, span[0])
        before = (pick.antecedent.start, pick.antecedent.end) if pick.antecedent else None
        return new_resolution(span, key, kind, round(pick.probability, 3), method, before)

    def _key(self, entity: Entity, position: int) -> str:
        if entity.type == "PERSON":
            return self.r._person_key(entity.name, position)
        if entity.type == "GROUP":
            return self.r.named_group(entity.name)
        return self.r._org(entity.name, (position, position), 0.0).key or entity.name

    def _writer(self) -> tuple[Any, int] | None:
        """The article's writer, when the text names one: "By Ann Lee" in its first lines,
        or a closing line about the writer ("Ann Lee is a playwright ...")."""
        if not hasattr(self, "_writer_cache"):
            self._writer_cache = find_writer(self.r.text, self.chunks)
        return self._writer_cache


def _definite(head: Any) -> bool:
    return any(c.dep_ == "det" and c.lower_ in DEFINITE for c in head.children)


__all__ = ["Linker", "np_span"]

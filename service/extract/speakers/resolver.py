"""Speaker mentions → speaker entities (``SpeakerResolver``).

Every person name of the article is indexed first (full names, surnames, roles from
appositives and pre-modifiers, nationality); mentions are then resolved in reading order:
names to the full name sharing a surname or given name; pronouns to the most salient
preceding person whose gender fits; "who" to its antecedent; epithets ("the Russian
leader", "the spokesman") to the latest person whose role and nationality fit;
organisations and groups by their noun phrase. The stage that calls it is stage.py.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from service.extract.lexicon import DEMONYMS, GROUP_NOUNS, ORG_NOUNS, ROLE_FAMILIES, SPEAKING_THINGS
from service.extract.resolution.link import Linker
from service.extract.resolution.owners import SPOKES
from service.extract.resolution.sections import section_start
from service.extract.speakers.names import (
    Entity,
    after_last_title,
    appos_name,
    clean_name_span,
    common_run,
    gender_of,
    headline_verb,
    name_runs,
    nations_in,
    role_word,
    strip_article,
    strip_nickname,
)
from service.extract.speakers.relative import is_relative, relative_antecedent, shared_subjects
from service.extract.speakers.roles import RolesMixin
from service.extract.speakers.short_names import ShortNames
from service.extract.syntax import PERSONAL, char_range, np_span

THINGS = {"LAW"}  # a named law is never a person
PRONOUN_WINDOW = 2500  # characters back to look for an antecedent
POSSESSIVE_PRONOUNS = {"his": "m", "her": "f", "their": "p", "its": "n"}


def _spoken_for(head: Any, runs: list[tuple[int, int]]) -> tuple[int, int] | None:
    """The name a common-noun head's phrase holds: the last one ("the GOP nominee", "the
    adviser to X Ann Lee"), but for staff the one they work at or for ("Officials at the
    Port Authority, a unit of X": the Port Authority)."""
    if not runs:
        return None
    if head.lemma_.lower() in SPOKES:
        for prep in head.children:
            objs = [c.i for c in prep.children if c.dep_ == "pobj"] if prep.dep_ == "prep" else []
            found = next((r for r in runs if any(r[0] <= i < r[1] for i in objs)), None)
            if found is not None:
                return found
    return runs[-1]


@dataclass(frozen=True)
class Resolution:
    mention: tuple[int, int]
    key: str | None
    kind: str  # name | pronoun | nominal | org | group
    confidence: float
    # how the name was reached (see resolution/link.py) and the mention it was read from
    method: str | None = None
    antecedent: tuple[int, int] | None = None
    rule: str = ""  # the speakers-stage rule that chose the mention (registry.RULES)


class SpeakerResolver(RolesMixin, ShortNames):
    def __init__(self, text: str, chunks: list[tuple[Any, int]], in_quote: Any) -> None:
        self.text = text
        self.entities: dict[str, Entity] = {}
        self.timeline: list[tuple[int, str, bool]] = []  # (position, key, is_subject)
        self.last_speaker: tuple[int, str] | None = None
        self.last_group: tuple[int, str] | None = None
        self._in_quote = in_quote
        self._known_tokens = set(re.findall(r"\b[A-Z][a-z]{2,}\b", text))
        self._places: set[str] = set()
        self._shorts: dict[str, tuple[int, frozenset[str]]] = {}
        self.name_spans: list[tuple[int, int, str]] = []  # person names outside quotes
        # the content of the claim whose speaker is being resolved (start, end, whether only
        # its quoted words count): no one named inside it is its speaker (set by the speakers
        # stage around each claim)
        self.said: tuple[int, int, bool] | None = None
        self._index(chunks)
        self.linker = Linker(self, chunks)  # the learned resolver (resolution/)

    def latest_name(self, key: str, after: int, before: int) -> tuple[int, int] | None:
        """The last mention by name of a person in [after, before), outside quotes."""
        entity = self.entities.get(key)
        spoken = entity.mentions if entity is not None and entity.type == "PERSON" else []
        spans = [(s, e) for s, e, k in self.name_spans if k == key] + [
            (s, e) for s, e in spoken if self.text[s:e].lower() not in {*PERSONAL, "that"}
        ]
        spans = [(s, e) for s, e in spans if after <= s and e <= before and not self._in_quote(s)]
        return max(spans) if spans else None

    def in_quote(self, position: int) -> bool:
        """Whether a position lies inside quotation marks."""
        return bool(self._in_quote(position))

    # ---- indexing -------------------------------------------------------------------
    def _index(self, chunks: list[tuple[Any, int]]) -> None:
        names: list[tuple[int, int, Any]] = []
        for doc, base in chunks:
            for ent in doc.ents:
                if ent.label_ in {"GPE", "NORP", "LOC"}:
                    self._places.update(t.text for t in ent)
                if ent.label_ == "PERSON":
                    # "Councillor Ina Paulsen" tagged whole: the person is Ina Paulsen, as
                    # when the same mention is resolved as a speaker
                    first = after_last_title(doc, ent.start, ent.end)
                    last = ent.end
                    while last - 1 > first and headline_verb(doc[last - 1]):
                        last -= 1  # "Quill Says" tagged whole in a headline
                    start, end = clean_name_span(
                        self.text,
                        base + doc[first].idx,
                        base + doc[last - 1].idx + len(doc[last - 1].text),
                        self._known_tokens,
                    )
                    if end > start and not self._in_quote(start):
                        names.append((start, end, ent.root))
        full = [(s, e, r) for s, e, r in names if len(self.text[s:e].split()) > 1]
        for start, end, root in full + [n for n in names if n not in full]:
            titles = [t.text for t in root.lefts if t.dep_ == "compound"]
            key = self._person_key(self.text[start:end], start, gender_of(titles))
            self.timeline.append((start, key, root.dep_ in {"nsubj", "nsubjpass"}))
            self.name_spans.append((start, end, key))
            self._note_role(key, root)
        self.timeline.sort()

    def _person_key(self, name: str, position: int, gender: str | None = None) -> str:
        name, nickname = strip_nickname(" ".join(name.split()))
        if len(name.split()) > 1:
            key = "person:" + name.lower()
            entity = self.entities.setdefault(key, Entity(key, name, "PERSON"))
            entity.aliases.update(a for a in (name, nickname) if a)
            return key
        match = self._match_short(name, position, gender)
        if match is not None:
            self.entities[match].aliases.add(name)
            return match
        key = "person:" + name.lower()
        self.entities.setdefault(key, Entity(key, name, "PERSON")).aliases.add(name)
        return key

    # ---- resolution -----------------------------------------------------------------
    def resolve(self, head: Any, base: int, mention: tuple[int, int] | None = None) -> Resolution:
        pronominal = self._pronominal(head, base)
        if pronominal is not None:
            return pronominal
        doc = head.doc
        i, j = np_span(head)
        local = char_range(doc, i, j)
        span = mention or (base + local[0], base + local[1])
        if head.pos_ == "PROPN":
            role = self.linker.headline_role(head, (span[0], span[1]))
            role = role or self.linker.party_member(head, base, (span[0], span[1]))
            if role is not None:
                return role
        owner = head.dep_ == "poss" and head.pos_ == "PROPN"
        if owner and j - 1 > i and doc[j - 1].tag_ == "POS":  # "Lee's": Lee
            j -= 1
            local = char_range(doc, i, j)
            span = mention or (base + local[0], base + local[1])
        runs = [
            r
            for r in name_runs(doc, i, j, self._places, owner)
            if not common_run(self.text, doc, base, r)
        ]
        run = next((r for r in runs if r[0] <= head.i < r[1]), _spoken_for(head, runs))
        if run is not None and not run[0] <= head.i < run[1]:
            # "a Coca-Cola spokesman", "the GOP nominee": a name modifies a common noun
            linked = self.linker.modified(head, base, (span[0], span[1]), run)
            if linked is not None:
                return linked
        if run is not None:
            return self._named(doc, base, run, head, (span[0], span[1]), (i, j))
        named = appos_name(head, self._places)
        if named is not None and mention is None:
            span = (span[0], base + char_range(doc, *named)[1])
        if named is not None:
            return self._named(doc, base, named, head, (span[0], span[1]), (i, j))
        return self._nominal(doc, base, head, (span[0], span[1]), (i, j))

    def _pronominal(self, head: Any, base: int) -> Resolution | None:
        """A pronoun, a possessive pronoun, a relative pronoun or a distributive "each" as
        the speaker; None for a noun phrase."""
        low = head.lower_
        if low in PERSONAL and head.pos_ == "PRON":
            span = (base + head.idx, base + head.idx + len(head.text))
            if low in {"who", "that"} and is_relative(head):
                inner = self.resolve(relative_antecedent(head), base)
                return Resolution(
                    span, inner.key, "pronoun", inner.confidence * 0.95, "pronoun", inner.mention
                )
            return self.linker.pronoun(head, base, span) or self._pronoun(span, PERSONAL[low])
        shared = shared_subjects(head) if head.dep_ == "nsubj" else []
        if shared:  # "Lee and Dunn met, each saying ...": both
            keys = [self.resolve(t, base).key for t in shared]
            names = [self.entities[k].name for k in keys if k is not None]
            span = (base + head.idx, base + head.idx + len(head.text))
            if len(names) == len(shared):
                key = self.named_group(" and ".join(names))
                return Resolution(span, key, "group", 0.6, "pronoun")
        if low in POSSESSIVE_PRONOUNS and head.tag_ == "PRP$":
            # "his criticism of X": the owner, resolved as the pronoun "he" would be
            span = (base + head.idx, base + head.idx + len(head.text))
            return self.linker.pronoun(head, base, span) or self._pronoun(
                span, POSSESSIVE_PRONOUNS[low]
            )
        if low in {"which", "that"} and is_relative(head):
            # "a study, which documented X": the study, named where "which" stands
            inner = self.resolve(relative_antecedent(head), base)
            span = (base + head.idx, base + head.idx + len(head.text))
            return Resolution(span, inner.key, inner.kind, inner.confidence * 0.95)
        return None

    def _named(
        self,
        doc: Any,
        base: int,
        run: tuple[int, int],
        head: Any,
        span: tuple[int, int],
        np: tuple[int, int],
    ) -> Resolution:
        start, end = char_range(doc, *run)
        start, end = clean_name_span(self.text, base + start, base + end, self._known_tokens)
        ent_types = {doc[k].ent_type_ for k in range(*run)}
        name = " ".join(self.text[start:end].split())
        if "PERSON" not in ent_types and (
            (ent_types & {"ORG", "GPE", "NORP", "FAC"} and not role_word(head))
            or head.lower_ in ORG_NOUNS
            or ent_types & THINGS  # "the Fair Pay Act, which ...": a law, no person
        ):
            return self._org(name, span, 0.9)
        role_words = [t.text for t in doc[np[0] : np[1]] if t.i < run[0] or t.i >= run[1]]
        role_words += [
            t.text
            for c in head.children
            if c.dep_ == "appos"
            for t in doc[np_span(c)[0] : np_span(c)[1]]
            if not run[0] <= t.i < run[1]
        ]
        key = self._person_key(name, start, gender_of(role_words))
        self._add_role(self.entities[key], role_words)
        return Resolution(span, key, "name", 0.95)

    def _nominal(
        self, doc: Any, base: int, head: Any, span: tuple[int, int], np: tuple[int, int]
    ) -> Resolution:
        words = [t.text for t in doc[np[0] : np[1]]]
        lemma = head.lemma_.lower()
        linked = self.linker.description(head, base, span)
        if linked is not None:
            return linked
        if head.ent_type_ == "GPE" and head.pos_ == "PROPN":
            # "Japan said the test was a threat": the country speaks (its government),
            # not the last person of that nationality
            return self._org(self.text[span[0] : span[1]], span, 0.85)
        if head.ent_type_ == "ORG" or (lemma in ORG_NOUNS and head.tag_ != "NNS"):
            prior = self._recent_org(lemma, span[0]) if head.ent_type_ != "ORG" else None
            if prior is not None:
                return Resolution(span, prior, "org", 0.8)
            return self._org(strip_article(self.text[span[0] : span[1]]), span, 0.85)
        if head.lower_ in GROUP_NOUNS or head.tag_ in {"NNS", "NNPS"} or head.pos_ == "NUM":
            name = strip_article(self.text[span[0] : span[1]])
            key = "group:" + name.lower()
            self.entities.setdefault(key, Entity(key, name, "GROUP")).aliases.add(name)
            return Resolution(span, key, "group", 0.8)
        nations = nations_in(words)
        family = ROLE_FAMILIES.get(lemma) if head.lower_ not in DEMONYMS else None
        found = (
            self._epithet(span[0], nations, family, lemma) if lemma not in SPEAKING_THINGS else None
        )
        if found is not None:
            return Resolution(span, found, "nominal", 0.7)
        return self.unnamed(span)

    def unnamed(self, span: tuple[int, int]) -> Resolution:
        """A description the article names no one for: the mention as written."""
        name = strip_article(self.text[span[0] : span[1]])
        key = "unknown:" + name.lower()
        self.entities.setdefault(key, Entity(key, name, "UNKNOWN")).aliases.add(name)
        return Resolution(span, key, "nominal", 0.4)

    def _org(self, name: str, span: tuple[int, int], confidence: float) -> Resolution:
        name = strip_article(name)
        if hasattr(self, "linker"):  # an acronym is named by the name it spells
            name = self.linker.full_name(name)
        key = "org:" + name.lower()
        self.entities.setdefault(key, Entity(key, name, "ORG")).aliases.add(name)
        return Resolution(span, key, "org", confidence)

    def named_group(self, name: str) -> str:
        """A group of named people ("Ann Lee and Bo Dunn") as one speaker."""
        key = "group:" + name.lower()
        self.entities.setdefault(key, Entity(key, name, "GROUP")).aliases.add(name)
        return key

    def _recent_org(self, noun: str, position: int) -> str | None:
        for entity in reversed(list(self.entities.values())):
            if (
                entity.type == "ORG"
                and noun in entity.name.lower()
                and entity.mentions
                and entity.mentions[0][0] < position
            ):
                return entity.key
        return None

    def _pronoun(self, span: tuple[int, int], gender: str) -> Resolution:
        if gender in {"p", "n", "s"}:
            group = self.last_group
            if group and span[0] - group[0] < PRONOUN_WINDOW and gender in {"p", "n"}:
                return Resolution(span, group[1], "pronoun", 0.6)
            return self._unresolved(span)
        found = self.last_speaker_fit(span, gender)
        if found is not None:
            return found
        for _pos, key, _subject in self._persons_before(span[0]):
            if self._fits(key, gender):
                return Resolution(span, key, "pronoun", 0.65)
        return self._unresolved(span)

    def last_speaker_fit(self, span: tuple[int, int], gender: str) -> Resolution | None:
        """The speaker of the claim before, when a personal pronoun fits them, no other
        person has since been named as a subject and no new section (a wire update) began."""
        candidates = self._persons_before(span[0])
        if (
            self.last_speaker
            and span[0] - self.last_speaker[0] < PRONOUN_WINDOW
            and self.last_speaker[0] >= section_start(self.text, span[0])
        ):
            key = self.last_speaker[1]
            recent = candidates[:1]
            if self._fits(key, gender) and (not recent or recent[0][1] == key or not recent[0][2]):
                return Resolution(span, key, "pronoun", 0.8)
        return None

    def _unresolved(self, span: tuple[int, int]) -> Resolution:
        """Keep the mention as written, as its own UNKNOWN speaker, with low confidence."""
        key = f"unresolved:{span[0]}"
        name = self.text[span[0] : span[1]]
        self.entities.setdefault(key, Entity(key, name, "UNKNOWN")).aliases.add(name)
        return Resolution(span, key, "pronoun", 0.3)

    def _persons_before(self, position: int) -> list[tuple[int, str, bool]]:
        found = [
            t
            for t in self.timeline
            if t[0] < position
            and position - t[0] < PRONOUN_WINDOW
            and self.entities[t[1]].type == "PERSON"
        ]
        found.sort(key=lambda t: t[0] + (150 if t[2] else 0), reverse=True)
        return found

    def _fits(self, key: str, gender: str) -> bool:
        entity = self.entities.get(key)
        if entity is None or entity.type != "PERSON":
            return False
        return entity.gender is None or gender == "?" or entity.gender == gender

    def record(self, resolution: Resolution) -> None:
        """Note a resolved speaker mention: it becomes the most recent speaker."""
        if resolution.key is None:
            return
        entity = self.entities[resolution.key]
        if resolution.mention not in entity.mentions:
            entity.mentions.append(resolution.mention)
        self.last_speaker = (resolution.mention[0], resolution.key)
        if entity.type in {"ORG", "GROUP"}:
            self.last_group = (resolution.mention[0], resolution.key)
        if entity.type == "PERSON":
            self.timeline.append((resolution.mention[0], resolution.key, True))
            self.timeline.sort()

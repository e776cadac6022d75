"""The document entity model: every person, organisation and place the entity tagger finds
in an article, clustered into entities.

A full name opens a person; a surname or given name joins the full name it shortens (of
several, the one named most often before it, then the first named: the article's subject,
not a relative named once); an organisation's acronym joins the organisation whose
initials it spells ("SEIU" and "Service Employees International Union"); a one-word name
the tagger calls an organisation or a place but that is a person's surname joins the
person. Each entity gathers what the text shows about it: aliases, role words
(titles, appositions, pre-modifiers), gender (honorifics, gendered role words, a given-name
lexicon and the pronouns used in the sentences where it is the only person named) and its
mentions, each with its sentence, whether it is a subject and whether it is the subject of
a speech verb."""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from service.extract.lexicon import FEMALE, MALE, ORG_NOUNS, TITLES
from service.extract.lexicon.cues import is_speech_verb
from service.extract.resolution.gender import pronoun_votes
from service.extract.resolution.mention_roles import TITLE_EXPANSIONS, nested, role_words
from service.extract.resolution.name_keys import (
    ACRONYM,
    SKIP_WORDS,
    acronym_of,
    ends_alike,
    full_for,
    full_words,
    org_key,
    person_key,
    surname,
)
from service.extract.resolution.sections import section_start
from service.extract.speakers.names import (
    after_last_title,
    clean_name_span,
    headline_verb,
)
from service.extract.syntax import sentences

TYPES = {"PERSON": "PERSON", "ORG": "ORG", "GPE": "GPE", "NORP": "NORP", "FAC": "ORG"}
POSSESSIVE = ("’s", "'s", "’", "'")


@dataclass
class Mention:
    start: int
    end: int
    sent: int
    subject: bool
    speech: bool  # the subject of a speech verb ("X said")
    quoted: bool
    ambiguous: bool = False  # a short name several people of the article share
    nested: bool = False  # inside another noun phrase ("president of the X", "X's office")


@dataclass
class Entity:
    id: int
    type: str  # PERSON | ORG | GPE | NORP
    name: str
    aliases: set[str] = field(default_factory=set)
    mentions: list[Mention] = field(default_factory=list)
    roles: set[str] = field(default_factory=set)  # lowercased role/title/modifier words
    votes: Counter[str] = field(default_factory=Counter)  # gender evidence: m / f

    @property
    def gender(self) -> str | None:
        m, f = self.votes["m"], self.votes["f"]
        if m > f:
            return "m"
        if f > m:
            return "f"
        return None

    @property
    def clear_gender(self) -> str | None:
        """The gender when the evidence is clear: at least two votes, twice the other's."""
        m, f = self.votes["m"], self.votes["f"]
        if m >= 2 and m >= 2 * f:
            return "m"
        if f >= 2 and f >= 2 * m:
            return "f"
        return None

    def before(self, position: int) -> list[Mention]:
        return [m for m in self.mentions if m.start < position]


@dataclass
class _Raw:
    start: int
    end: int
    text: str
    label: str
    root: Any
    sent: int
    first: int  # the name's first token (titles the tagger included come before it)


class DocumentEntities:
    """Entities of one article, built from its parsed chunks ``[(doc, base), ...]``."""

    def __init__(
        self,
        text: str,
        chunks: Sequence[tuple[Any, int]],
        in_quote: Callable[[int], bool] | None = None,
        given_names: dict[str, float] | None = None,
    ) -> None:
        self.text = text
        self.entities: list[Entity] = []
        self.sent_starts: list[int] = []
        self._in_quote = in_quote or (lambda _p: False)
        self._given = given_names or {}
        self._by_span: dict[tuple[int, int], Entity] = {}
        self._ambiguous = False
        self._known = set(re.findall(r"\b[A-Z][a-z]{2,}\b", text))
        self.speech_subjects: list[tuple[int, Entity]] = []  # (position, entity)
        raws = self._collect(chunks)
        self._cluster(raws)
        self._untagged(chunks)
        self._pairs(raws)
        pronoun_votes(self, chunks)
        self._unpersoned()
        for e in self.entities:
            e.mentions.sort(key=lambda m: m.start)
            first = e.name.split()[0].lower() if e.type == "PERSON" and " " in e.name else ""
            p = self._given.get(first)  # two votes when sure, one when the data saw it once
            if p is not None and abs(p - 0.5) > 0.2:
                e.votes["m" if p > 0.5 else "f"] += 2 if abs(p - 0.5) > 0.3 else 1
        self.speech_subjects.sort(key=lambda t: t[0])

    # ---- queries ------------------------------------------------------------------
    def sentence_of(self, position: int) -> int:
        return max(0, bisect_right(self.sent_starts, position) - 1)

    def at(self, start: int, end: int) -> Entity | None:
        """The entity with a mention overlapping [start, end), the longest overlap."""
        best, best_overlap = None, 0
        for (s, e), ent in self._by_span.items():
            overlap = min(e, end) - max(s, start)
            if overlap > best_overlap:
                best, best_overlap = ent, overlap
        return best

    def candidates(self, position: int, window: int = 40) -> list[Entity]:
        """Entities mentioned before ``position`` within ``window`` sentences."""
        sent = self.sentence_of(position)
        return [
            e for e in self.entities if any(sent - m.sent <= window for m in e.before(position))
        ]

    def has_given_name(self, e: Entity) -> bool:
        """Whether the first word of ``e``'s name (or of an alias) is a known given name."""
        return any(a.split()[0].lower() in self._given for a in e.aliases | {e.name} if a.split())

    def last_speaker(self, position: int) -> Entity | None:
        k = bisect_right([p for p, _ in self.speech_subjects], position) - 1
        return self.speech_subjects[k][1] if k >= 0 else None

    # ---- building -----------------------------------------------------------------
    def _collect(self, chunks: Sequence[tuple[Any, int]]) -> list[_Raw]:
        raws: list[_Raw] = []
        for doc, base in chunks:
            first_sent = len(self.sent_starts)
            sent_index = {}
            for k, sent in enumerate(sentences(doc)):
                self.sent_starts.append(base + sent.start_char)
                sent_index[sent.start] = first_sent + k
            for ent in doc.ents:
                label = TYPES.get(ent.label_)
                if label is None:
                    continue
                i, j = ent.start, ent.end
                if label == "PERSON" and j - i == 1 and doc[i].lower_ in ORG_NOUNS:
                    label = "ORG"  # "Caucus" tagged a person is an organisation word
                if label == "PERSON":  # "Vermont Sen. Bo Dunn" tagged whole: Bo Dunn
                    i = after_last_title(doc, i, j)
                while j - i > 1 and (
                    doc[i].lower_.rstrip(".") in TITLES or doc[i].lower_ in {"the"}
                ):
                    i += 1
                while j - i > 1 and (doc[j - 1].text in POSSESSIVE or headline_verb(doc[j - 1])):
                    j -= 1
                start, end = base + doc[i].idx, base + doc[j - 1].idx + len(doc[j - 1].text)
                if label == "PERSON":  # "WireAnna Sorel": the glued-token glitch
                    start, end = clean_name_span(self.text, start, end, self._known)
                name = " ".join(self.text[start:end].split())
                for suffix in POSSESSIVE:
                    if name.endswith(suffix) and len(name) > len(suffix) + 1:
                        name, end = name[: -len(suffix)], end - len(suffix)
                if not any(ch.isalpha() for ch in name):
                    continue
                sent = sent_index[ent.sent.start]
                raws.append(_Raw(start, end, name, label, ent.root, sent, i))
        return raws

    def _cluster(self, raws: list[_Raw]) -> None:
        persons = [r for r in raws if r.label == "PERSON"]
        full: dict[str, str] = {}
        for r in persons:
            if len(r.text.split()) > 1:
                full.setdefault(person_key(r.text), r.text)
        for r in raws:
            self._ambiguous = False
            ent = self._entity_for(r, full)
            self._add(ent, r)
            ent.mentions[-1].ambiguous = self._ambiguous

    def _entity_for(self, r: _Raw, full: dict[str, str]) -> Entity:
        if r.label == "PERSON" and len(r.text.split()) > 1:
            key = person_key(r.text)
            same = self._find(lambda e: e.type == "PERSON" and person_key(e.name) == key)
            if same is not None:
                return same
            alike = self._find(lambda e: e.type == "PERSON" and ends_alike(e.name, r.text))
            if alike is not None and len(r.text.split()) < len(alike.name.split()):
                alike.aliases.add(alike.name)  # "Rip Ana Lund" (a headline) is Ana Lund
                alike.name = r.text
            return alike or self._new("PERSON", full.get(key, r.text))
        if r.label == "PERSON" or (r.label in {"ORG", "GPE"} and " " not in r.text):
            low = r.text.lower()
            person = self._short_match(low, r.start, given=r.label != "GPE")
            if person is not None:
                return person
            if r.label == "PERSON" or (r.label == "ORG" and low in full_words(full)):
                name = full_for(low, full)
                if name is not None:
                    return self._find(lambda e: e.type == "PERSON" and e.name == name) or self._new(
                        "PERSON", name
                    )
        if r.label != "PERSON":
            low = org_key(r.text)
            found = self._find(
                lambda e: (
                    e.type == r.label
                    and (
                        org_key(e.name) == low
                        or any(org_key(a) == low for a in e.aliases)
                        or acronym_of(r.text, e.name)
                        or acronym_of(e.name, r.text)
                    )
                )
            )
            if found is not None:
                if len(r.text) > len(e_name := found.name) and not ACRONYM.match(r.text):
                    found.aliases.add(e_name)
                    found.name = r.text
                return found
        return self._find(
            lambda e: e.type == r.label and e.name.lower() == r.text.lower()
        ) or self._new(r.label, r.text)

    def _short_match(self, low: str, position: int, given: bool = True) -> Entity | None:
        """The person a short name stands for: their surname, or (``given``) their given
        name; a place name only ever a surname ("Dover" is no "Dover Lee")."""
        fitting = [
            e
            for e in self.entities
            if e.type == "PERSON"
            and " " in e.name
            and low in {surname(e.name)} | ({e.name.split()[0].lower()} if given else set())
        ]
        if not fitting:
            return None
        self._ambiguous = len(fitting) > 1
        # the one named most often so far, then the first named: the person the article is
        # about, not a relative named once ("his wife, Ana Lee")
        opening = section_start(self.text, position)
        return max(
            fitting,
            key=lambda e: (
                sum(m.start >= opening for m in e.before(position)),
                len(e.before(position)),
                -e.id,
            ),
        )

    def _find(self, test: Callable[[Entity], bool]) -> Entity | None:
        return next((e for e in reversed(self.entities) if test(e)), None)

    def _new(self, type_: str, name: str) -> Entity:
        ent = Entity(len(self.entities), type_, name)
        self.entities.append(ent)
        return ent

    def _add(self, ent: Entity, r: _Raw) -> None:
        root = r.root
        subject = root.dep_ in {"nsubj", "nsubjpass"}
        speech = subject and root.head.pos_ in {"VERB", "AUX"} and is_speech_verb(root.head.lemma_)
        mention = Mention(r.start, r.end, r.sent, subject, speech, self._in_quote(r.start))
        mention.nested = nested(root)
        ent.mentions.append(mention)
        ent.aliases.add(r.text)
        self._by_span[(r.start, r.end)] = ent
        if speech and not mention.quoted:
            self.speech_subjects.append((r.start, ent))
        words = role_words(root)
        words |= {
            TITLE_EXPANSIONS.get(w, w)
            for t in root.doc[root.left_edge.i : root.i]
            if t.is_alpha
            and (t.ent_type_ != "PERSON" or t.i < r.first)
            and (w := t.lower_.rstrip(".")) not in SKIP_WORDS
        }
        ent.roles.update(words)
        for w in words:
            if w in MALE and w not in {"he", "his", "him"}:
                ent.votes["m"] += 3
            elif w in FEMALE and w not in {"she", "her", "hers"}:
                ent.votes["f"] += 3

    def _untagged(self, chunks: Sequence[tuple[Any, int]]) -> None:
        """A person's surname (or one-word name) the tagger left untagged elsewhere ("Dunn
        has been ...") is still that person (exact string match, for names only one person
        of the article bears), so that salience counts every mention."""
        owners: dict[str, list[Entity]] = {}
        for e in self.entities:
            if e.type == "PERSON":
                owners.setdefault(e.name.split()[-1], []).append(e)
        known = {name: found[0] for name, found in owners.items() if len(found) == 1}
        for doc, base in chunks:
            for tok in doc:
                if tok.pos_ != "PROPN" or tok.ent_type_ or tok.text not in known:
                    continue
                start = base + tok.idx
                if (start, start + len(tok.text)) in self._by_span:
                    continue
                sent = self.sentence_of(start)
                raw = _Raw(start, start + len(tok.text), tok.text, "PERSON", tok, sent, tok.i)
                self._add(known[tok.text], raw)

    def _unpersoned(self) -> None:
        """A one-word "person" the article never treats as one (named at least twice, with
        no given name, title, role or gendered pronoun anywhere) is an organisation the
        tagger mistyped ("Factcheckr did a check ... they found")."""
        for e in self.entities:
            if (
                e.type == "PERSON"
                and " " not in e.name
                and len(e.mentions) >= 2
                and not e.votes
                and not e.roles
                and e.name.lower() not in self._given
                and e.name[1:].islower()
            ):
                e.type = "ORG"

    def _pairs(self, raws: list[_Raw]) -> None:
        """ "Ann Lee and Bo Dunn": two people joined as conjuncts make a group entity, the
        set a later "they" can stand for."""
        people = {r.root.i: r for r in raws if r.label == "PERSON"}
        for r in raws:
            if r.label != "PERSON" or r.root.dep_ != "conj":
                continue
            first = people.get(r.root.head.i)
            if first is None or first.root.doc is not r.root.doc or first.start >= r.start:
                continue
            a, b = self._by_span.get((first.start, first.end)), self._by_span.get((r.start, r.end))
            if a is None or b is None or a is b:
                continue
            pair = self._new("GROUP", f"{a.name} and {b.name}")
            subject = first.root.dep_ in {"nsubj", "nsubjpass"}
            quoted = self._in_quote(first.start)
            pair.mentions.append(Mention(first.start, r.end, first.sent, subject, False, quoted))

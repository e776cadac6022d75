"""Features of a (mention, candidate entity) pair for the mention-ranking resolver.

The same functions build the training rows (tools/train/train_resolver.py, over GAP and GUM
parsed with the service's own parser) and score candidates at run time, so a model sees the
features it was fitted on. Everything is read from the article itself: no world knowledge
beyond a given-name lexicon learned from the training data."""

from __future__ import annotations

import math
from dataclasses import dataclass

from service.extract.lexicon import GROUP_NOUNS, ORG_NOUNS, ROLE_FAMILIES
from service.extract.resolution.entities import DocumentEntities, Entity

PRONOUN_GENDER = {
    "he": "m",
    "him": "m",
    "his": "m",
    "himself": "m",
    "she": "f",
    "her": "f",
    "hers": "f",
    "herself": "f",
    "it": "n",
    "its": "n",
    "itself": "n",
    "they": "p",
    "them": "p",
    "their": "p",
    "themselves": "p",
    "we": "p",
    "our": "p",
    "us": "p",
}
PLACE_NOUNS = {"state", "city", "country", "nation", "town", "county", "region", "province"}

PRONOUN_FEATURES = [
    "gender_match",
    "gender_conflict",
    "personal_to_person",
    "personal_to_thing",
    "it_to_person",
    "plural_to_person",
    "plural_to_group",
    "same_sentence",
    "previous_sentence",
    "sentence_distance",
    "char_distance",
    "most_recent",
    "second_recent",
    "mentions_so_far",
    "first_person_named",
    "last_mention_subject",
    "last_speaker",
    "parallel_subject",
    "quote_mismatch",
    "last_mention_speech",
    "previous_subject",
    "subject_distance",
    "speech_last_speaker",
    "speech_previous_subject",
    "speech_most_recent",
    "speech_quoted_candidate",
    "single_word_name",
    "single_unknown_name",
    "last_mention_nested",
]

DESCRIPTION_FEATURES = [
    "person_role_to_person",
    "person_role_to_thing",
    "org_noun_to_org",
    "org_noun_to_person",
    "place_noun_to_place",
    "head_in_roles",
    "family_in_roles",
    "family_conflict",
    "modifier_overlap",
    "head_in_name",
    "same_sentence",
    "sentence_distance",
    "char_distance",
    "most_recent",
    "second_recent",
    "mentions_so_far",
    "first_of_type",
    "last_speaker",
    "last_mention_subject",
]


@dataclass(frozen=True)
class Target:
    """The mention to resolve: a pronoun (``word``) or a description (head ``word``,
    its other words ``modifiers``)."""

    word: str
    start: int
    end: int
    subject: bool = False
    quoted: bool = False
    modifiers: frozenset[str] = frozenset()
    speech: bool = False  # the subject of a speech verb ("he said", "said she")


def _recency(ents: DocumentEntities, target: Target, cands: list[Entity]) -> dict[int, int]:
    latest = sorted(
        ((max(m.start for m in e.before(target.start)), e.id) for e in cands), reverse=True
    )
    return {eid: rank for rank, (_p, eid) in enumerate(latest)}


def _shared(
    ents: DocumentEntities, target: Target, e: Entity, rank: dict[int, int]
) -> dict[str, float]:
    before = e.before(target.start)
    last = before[-1]
    sent = ents.sentence_of(target.start)
    distance = sent - last.sent
    speaker = ents.last_speaker(target.start)
    return {
        "same_sentence": float(distance == 0),
        "previous_sentence": float(distance == 1),
        "sentence_distance": min(distance, 20) / 20,
        "char_distance": math.log1p(max(0, target.start - last.end)) / 10,
        "most_recent": float(rank[e.id] == 0),
        "second_recent": float(rank[e.id] == 1),
        "mentions_so_far": math.log1p(len(before)) / 3,
        "last_mention_subject": float(last.subject),
        "last_speaker": float(speaker is not None and speaker.id == e.id),
        "last_mention_speech": float(last.speech),
    }


def pronoun_rows(ents: DocumentEntities, target: Target, cands: list[Entity]) -> list[list[float]]:
    """One feature row per candidate, in PRONOUN_FEATURES order."""
    if not cands:
        return []
    rank = _recency(ents, target, cands)
    gender = PRONOUN_GENDER.get(target.word.lower(), "?")
    persons = [e for e in ents.entities if e.type == "PERSON" and e.mentions]
    first_person = min(persons, key=lambda e: e.mentions[0].start).id if persons else -1
    sent = ents.sentence_of(target.start)
    speech = target.speech and not target.quoted
    rows = []
    for e in cands:
        f = _shared(ents, target, e, rank)
        person = e.type == "PERSON"
        personal = gender in {"m", "f"}
        last = e.before(target.start)[-1]
        subjects = [sent - m.sent for m in e.before(target.start) if m.subject and not m.quoted]
        previous = bool(subjects) and min(subjects) == 1
        speaker = f["last_speaker"] > 0
        single = person and " " not in e.name
        f.update(
            gender_match=float(personal and e.gender == gender),
            gender_conflict=float(personal and e.gender is not None and e.gender != gender),
            personal_to_person=float(personal and person),
            personal_to_thing=float(personal and not person),
            it_to_person=float(gender == "n" and person),
            plural_to_person=float(gender == "p" and person),
            plural_to_group=float(gender == "p" and not person),
            first_person_named=float(e.id == first_person),
            parallel_subject=float(target.subject and last.subject),
            quote_mismatch=float(target.quoted != last.quoted),
            previous_subject=float(previous),
            subject_distance=min(10, min(subjects, default=10)) / 10,
            speech_last_speaker=float(speech and speaker),
            speech_previous_subject=float(speech and previous),
            speech_most_recent=float(speech and rank[e.id] == 0),
            speech_quoted_candidate=float(speech and last.quoted),
            single_word_name=float(single),
            single_unknown_name=float(single and not ents.has_given_name(e)),
            last_mention_nested=float(last.nested),
        )
        rows.append([f[name] for name in PRONOUN_FEATURES])
    return rows


def description_rows(
    ents: DocumentEntities, target: Target, cands: list[Entity]
) -> list[list[float]]:
    """One feature row per candidate, in DESCRIPTION_FEATURES order."""
    if not cands:
        return []
    rank = _recency(ents, target, cands)
    head = target.word.lower()
    family = ROLE_FAMILIES.get(head)
    person_role = family is not None or head.endswith(("man", "woman", "person", "er", "ist"))
    org_noun = head in ORG_NOUNS or head in GROUP_NOUNS
    firsts: dict[str, int] = {}
    for e in sorted(ents.entities, key=lambda e: e.mentions[0].start if e.mentions else 0):
        firsts.setdefault(e.type, e.id)
    rows = []
    for e in cands:
        f = _shared(ents, target, e, rank)
        person = e.type == "PERSON"
        families = {ROLE_FAMILIES.get(w) for w in e.roles} - {None, "person"}
        name_words = {w.lower() for a in e.aliases for w in a.split()}
        f.update(
            person_role_to_person=float(person_role and not org_noun and person),
            person_role_to_thing=float(person_role and not org_noun and not person),
            org_noun_to_org=float(org_noun and e.type == "ORG"),
            org_noun_to_person=float(org_noun and person),
            place_noun_to_place=float(head in PLACE_NOUNS and e.type == "GPE"),
            head_in_roles=float(head in e.roles),
            family_in_roles=float(family is not None and family in families),
            family_conflict=float(
                family is not None
                and family != "person"
                and bool(families)
                and family not in families
            ),
            modifier_overlap=min(3, len(target.modifiers & (e.roles | name_words))) / 3,
            head_in_name=float(head in name_words),
            first_of_type=float(firsts.get(e.type) == e.id),
        )
        rows.append([f[name] for name in DESCRIPTION_FEATURES])
    return rows

"""Roles and epithets for ``SpeakerResolver``: the role words an article gives a person
(appositives and pre-modifiers: "the farmer, X", "Interior Minister X") and the epithet
rule that names "the Russian leader" or "the spokesman" by them (``RolesMixin``)."""

from __future__ import annotations

import re
from typing import Any

from service.extract.lexicon import ORG_NOUNS, ROLE_FAMILIES
from service.extract.resolution.sections import section_start
from service.extract.speakers.names import QUOTE_TOKENS, Entity, gender_of, nations_in
from service.extract.syntax import np_span


class RolesMixin:
    """Needs ``text``, ``entities``, ``timeline`` and ``last_speaker`` (SpeakerResolver's)."""

    text: str
    entities: dict[str, Entity]
    timeline: list[tuple[int, str, bool]]
    last_speaker: tuple[int, str] | None

    def _note_role(self, key: str, root: Any) -> None:
        entity = self.entities[key]
        words: list[str] = []
        head = root.head
        if root.dep_ == "appos" and head.pos_ == "NOUN" and head.lemma_ not in ORG_NOUNS:
            i, j = np_span(head, stop_at=[root.i])  # "the farmer, X, ..."
            words.extend(t.text for t in root.doc[i:j] if t.i < root.left_edge.i)
        for child in root.children:
            if child.dep_ == "appos":
                i, j = np_span(child)
                words.extend(t.text for t in root.doc[i:j])
        words.extend(
            t.text
            for t in root.lefts
            if t.dep_ in {"compound", "amod", "nmod"} and t.ent_type_ != "PERSON"
        )
        self._add_role(entity, words)

    def _add_role(self, entity: Entity, words: list[str]) -> None:
        words = [w.lstrip("-—–") for w in words]
        words = [
            w
            for w in words
            if w
            and w.lower() not in {"the", "a", "an", ","}
            and w not in QUOTE_TOKENS
            and any(ch.isalnum() for ch in w)
        ]
        if not words:
            return
        if entity.role is None:
            entity.role = " ".join(words)
        entity.nations |= nations_in(words)
        entity.gender = entity.gender or gender_of(words)

    def _epithet(
        self, position: int, nations: set[str], family: str | None, lemma: str
    ) -> str | None:
        """Score each earlier person of the section: recency, salience (mentions so far),
        being the last speaker, and fit of role and nationality; a nationality conflict
        rules one out."""
        opening = section_start(self.text, position)  # a wire update's own people
        before = [t for t in self.timeline if opening <= t[0] < position]
        counts: dict[str, int] = {}
        for _pos, key, _subject in before:
            counts[key] = counts.get(key, 0) + 1
        order = list(dict.fromkeys(key for _pos, key, _s in sorted(before, reverse=True)))
        exact = {k for k in order if lemma in self._role_words(k)}
        if family is None and not nations and not exact:
            return None  # "one list", "the station": no role or nation to match anyone by
        best, best_score = None, 0.0
        for rank, key in enumerate(order):
            entity = self.entities[key]
            if (nations and entity.nations and not nations & entity.nations) or (
                exact and key not in exact
            ):  # "the farmer": the one called a farmer
                continue
            score = 1.0 / (1 + rank) + 0.1 * min(counts[key], 10)
            role = self._role_words(key)
            families = {ROLE_FAMILIES.get(w) for w in role} - {None, "person", "party"}
            if lemma in role or (family and family in families):
                score += 1.0
            elif family and family not in {"person", "party"} and families:
                continue  # "the mayor" is not the one the article made a councillor
            elif family and role:
                score -= 0.5
            if nations and nations & entity.nations:
                score += 1.0
            if self.last_speaker and self.last_speaker[1] == key:
                score += 1.0
            if score > best_score:
                best, best_score = key, score
        return best

    def _role_words(self, key: str) -> list[str]:
        return re.findall(r"[a-z]+", (self.entities[key].role or "").lower())

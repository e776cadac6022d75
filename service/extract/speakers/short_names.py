"""Short names: a surname, given name or nickname names the full name it shortens
("Lee" → "Ana Lee"); with several people sharing it, the one whose gender fits the title
(Mr./Mrs.) and whose given name is not clearly of the other gender, then the person the
article (or the wire update's section) is about."""

from __future__ import annotations

from service.extract.resolution import ranker
from service.extract.resolution.sections import section_start
from service.extract.speakers.names import Entity, given_name, surname


def _named_other(name: str, gender: str) -> bool:
    """Whether a full name's given name is clearly of the other gender ("Mr. Lee" is not
    Mia Lee), by the given-name lexicon of the learned resolver."""
    p = ranker.load().given_names.get(name.split()[0].lower())
    return p is not None and (p < 0.2 if gender == "m" else p > 0.8 if gender == "f" else False)


class ShortNames:
    """SpeakerResolver's short-name matching (needs ``text``, ``entities``, ``timeline``
    and the ``_shorts`` cache)."""

    text: str
    entities: dict[str, Entity]
    timeline: list[tuple[int, str, bool]]
    _shorts: dict[str, tuple[int, frozenset[str]]]

    def _short_forms(self, entity: Entity) -> frozenset[str]:
        """Surname, given name and aliases of a full name, lowercased; empty for a single
        word. Cached until the entity gains an alias (long articles hold hundreds of
        people and ask this for every short mention)."""
        cached = self._shorts.get(entity.key)
        if cached is not None and cached[0] == len(entity.aliases):
            return cached[1]
        forms: frozenset[str] = frozenset()
        if len(entity.name.split()) > 1:
            forms = frozenset(
                {surname(entity.name), given_name(entity.name)}
                | {a.lower() for a in entity.aliases}
            )
        self._shorts[entity.key] = (len(entity.aliases), forms)
        return forms

    def _match_short(self, name: str, position: int, gender: str | None = None) -> str | None:
        """A surname, given name or nickname → the full name it shortens; with several, the
        one whose gender fits the title (Mr./Mrs.), then the most mentioned so far."""
        low = name.lower()
        candidates = [
            e.key
            for e in self.entities.values()
            if e.type == "PERSON" and low in self._short_forms(e)
        ]
        fitting = [
            k
            for k in candidates
            if gender is None
            or (
                self.entities[k].gender in {None, gender}
                and not _named_other(self.entities[k].name, gender)
            )
        ]
        candidates = fitting or candidates
        if len(candidates) <= 1:
            return candidates[0] if candidates else None
        # the person the article (or the section) is about: named most often so far, then
        # named first (a relative named once, "his wife, Ana Lee", does not take "Lee")
        seen: dict[str, list[int]] = {}
        for p, k, _ in self.timeline:
            if k in candidates and p <= position:
                seen.setdefault(k, []).append(p)
        if not seen:
            return candidates[0]
        opening = section_start(self.text, position)  # a wire update's own people first
        return max(
            seen, key=lambda k: (sum(p >= opening for p in seen[k]), len(seen[k]), -seen[k][0])
        )

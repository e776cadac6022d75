"""Bench inputs: the seed article, synthetic news-like articles of a given length (built
from templates with quotes and "said" attributions, deterministic, no external data), and
the label/target sets of the label sweep."""

from __future__ import annotations

import random
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
SEED_CANDIDATES = (
    REPO / "seeds" / "seed-article.txt",
    REPO.parent / "shared" / "eval" / "seed-article.txt",
)


def _split(text: str, sep: str = " ") -> tuple[str, ...]:
    return tuple(text.split(sep))


FIVE_LABELS = (
    "military conflict",
    "humanitarian aid",
    "diplomacy and negotiations",
    "economy and sanctions",
    "domestic politics",
)
_TOPIC_WORDS = "energy health education climate migration crime technology trade agriculture"
EXTRA_LABELS = tuple(
    f"{topic} {aspect}"
    for topic in (*_TOPIC_WORDS.split(), "transport")
    for aspect in ("policy", "crisis", "reform", "funding", "debate")
)
TARGETS = _split(
    "Russia|Ukraine|the European Union|NATO|the United Nations|the government|the opposition|"
    "the central bank|the army|civilians|the president|the ministry|the council|the union|"
    "the courts|the police|the mayor|the press|voters|investors",
    "|",
)

_FIRST = _split("Maria John Olena Ahmed Sofia Kenji Laura Pierre Anna David Fatima Lucas Ingrid")
_LAST = _split("Kowalski Okafor Schmidt Tanaka Moreau Petrenko Silva Novak Haddad Lindqvist Rossi")
_TITLES = _split(
    "Foreign Minister|the spokesman for the ministry|Senator|Mayor|the chief economist|"
    "Defence Secretary|the union leader|Governor|the head of the delegation|"
    "the company's chief executive",
    "|",
)
_ORGS = _split(
    "the Ministry of Defence|the central bank|the United Nations|Reuters|the European "
    "Commission|the city council|the Red Cross|the World Bank|the electoral commission|"
    "the port authority",
    "|",
)
_PLACES = _split("Kyiv Brussels Geneva Warsaw Nairobi Lima Osaka Lyon Gdansk Ankara Montreal")
_TOPICS = _split(
    "the ceasefire|the new budget|the evacuation of civilians|grain exports|the sanctions "
    "package|the reform of the pension system|the peace talks|the reconstruction plan|"
    "energy prices|the election timetable",
    "|",
)
_CUES = _split(
    "said|told reporters|said in a statement|added|warned|argued|insisted|explained|claimed|"
    "wrote on social media",
    "|",
)
_REPORT = _split("said announced warned claimed denied confirmed argued acknowledged stressed")
_QUOTES = (
    "We will not accept any agreement that ignores the people on the ground",
    "The situation is difficult, but we are making progress every day",
    "Nobody should be surprised by these numbers",
    "This is the only way to stop the suffering and rebuild trust",
    "Our teams are ready to deliver aid as soon as the roads are open",
    "The decision was taken after long and careful consultations",
    "It is too early to say whether the plan will work",
    "We have asked for guarantees, and we have received none",
)
_CLAIMS = (
    "the talks had stalled over the question of guarantees",
    "prices would fall before the end of the year",
    "the government had ignored repeated warnings from experts",
    "more than 3,000 people had been evacuated since Monday",
    "the agreement would be signed within weeks",
    "the army had withdrawn heavy equipment from residential areas",
    "the proposal was unconstitutional",
    "the budget left hospitals underfunded",
)


def seed_text() -> str:
    for path in SEED_CANDIDATES:
        if path.is_file():
            return path.read_text(encoding="utf-8")
    return synthetic_article(3000, seed=99)


def _person(rng: random.Random) -> str:
    return f"{rng.choice(_FIRST)} {rng.choice(_LAST)}"


def _paragraph(rng: random.Random) -> str:
    who, title, org = _person(rng), rng.choice(_TITLES), rng.choice(_ORGS)
    place, topic, quote = rng.choice(_PLACES), rng.choice(_TOPICS), rng.choice(_QUOTES)
    claim, cue, verb = rng.choice(_CLAIMS), rng.choice(_CUES), rng.choice(_REPORT)
    last = who.split()[1]
    kind = rng.randrange(8)
    if kind == 0:
        return f"“{quote},” {title} {who} {cue} in {place} on Tuesday."
    if kind == 1:
        return f"{who}, {title.removeprefix('the ')}, {verb} that {claim}. “{quote},” {last} {cue}."
    if kind == 2:
        return (
            f"According to {org}, {claim}. Officials in {place} did not respond "
            f"to a request for comment on {topic}."
        )
    if kind == 3:
        return (
            f"In a statement, {org} {verb} that {claim}, adding that {topic} "
            f'remained "a priority for everyone involved".'
        )
    if kind == 4:
        return (
            f"Talks on {topic} resumed in {place} on Wednesday after a pause of "
            f"two weeks. Delegations from {rng.randint(3, 40)} countries attended the "
            f"meeting, which lasted {rng.randint(2, 9)} hours."
        )
    if kind == 5:
        return (
            f"{last} later told a press conference that {claim}. “{quote}. "
            f"{rng.choice(_QUOTES)},” {'she' if rng.random() < 0.5 else 'he'} said."
        )
    if kind == 6:
        return f"{title.capitalize()} {who}: “{quote}.”"
    verb = rng.choice(("criticised", "questioned", "attacked"))
    return (
        f'Critics {verb} the plan, saying it was "{rng.choice(_QUOTES).lower()}". '
        f"Supporters of {topic} rejected that view."
    )


def synthetic_article(chars: int, seed: int = 7) -> str:
    """A news-like article of about ``chars`` characters (whole paragraphs, within one
    paragraph of the target): quotes, reported speech and plain reporting."""
    rng = random.Random(seed * 1_000_003 + chars)
    parts = [
        f"{rng.choice(_PLACES).upper()} — {rng.choice(_TOPICS).capitalize()} dominated "
        f"the agenda this week."
    ]
    size = len(parts[0])
    while size < chars:
        para = _paragraph(rng)
        if size + 2 + len(para) > chars and size > chars * 0.9:
            break
        parts.append(para)
        size += 2 + len(para)
    return "\n\n".join(parts)


def labels(n: int) -> list[str]:
    pool = list(FIVE_LABELS) + list(EXTRA_LABELS)
    return pool[:n]


def targets(n: int) -> list[str]:
    return list(TARGETS[:n])

"""Person and organisation names as written: tokenisation glitches ("ReutersAnna
Volkova" → "Anna Volkova"), possessives, titles, and the name inside a longer noun
phrase ("the adviser to the harbour board Ivo Maren")."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from service.extract.lexicon import (
    DEMONYMS,
    FEMALE,
    GLITCH_SAFE_PREFIXES,
    MALE,
    ROLE_FAMILIES,
    TITLES,
)
from service.extract.syntax import np_span


@dataclass
class Entity:
    """A speaker the article names: a person, organisation or group."""

    key: str
    name: str
    type: str
    role: str | None = None
    nations: set[str] = field(default_factory=set)
    gender: str | None = None
    aliases: set[str] = field(default_factory=set)
    mentions: list[tuple[int, int]] = field(default_factory=list)


_GLUED = re.compile(r"^([A-Z][a-z]{2,})([A-Z][a-z]+)")
_NICKNAME = re.compile(r"^(\S.*?)\s+[\"“'‘]([^\"“”'‘’]{1,30})[\"”'’]\s+(\S.*)$")
POSSESSIVE = ("’s", "'s", "’", "'")
NOT_PEOPLE = {"ORG", "GPE", "FAC", "LOC", "NORP", "PRODUCT", "EVENT", "WORK_OF_ART", "LAW"}
QUOTE_TOKENS = {'"', "“", "”", "'", "‘", "’", "``", "''"}


def clean_name_span(text: str, start: int, end: int, known_tokens: set[str]) -> tuple[int, int]:
    """Trim possessive endings, leading titles/articles, a glued-on word that stands alone
    elsewhere in the article (the tokeniser glitch "ReutersAnna"), and the words a
    title-case headline ran into the name (``title_line_name``)."""
    for suffix in POSSESSIVE:
        if text[start:end].endswith(suffix) and end - len(suffix) > start:
            end -= len(suffix)
            break
    while True:
        words = text[start:end].split(" ")
        if len(words) > 1 and words[0].lower().rstrip(",") in TITLES | {"the"}:
            start += len(words[0]) + 1
            continue
        break
    match = _GLUED.match(text[start:end])
    if (
        match
        and match.group(1).lower() not in GLITCH_SAFE_PREFIXES
        and match.group(1) in known_tokens
        and " " in text[start:end].strip()  # "ReutersAnna Volkova", not "DataDesk"
    ):
        start += len(match.group(1))
    return title_line_name(text, start, end)


HEADLINE_CHARS = 300  # longer lines are paragraphs, never a headline


NON_SPACE = re.compile(r"\S")


@lru_cache(maxsize=4)
def common_words(text: str) -> frozenset[str]:
    """The words ``text`` writes in lower case somewhere."""
    return frozenset(re.findall(r"\b[a-z][a-z’'-]+\b", text))


def title_case_line(text: str, position: int) -> tuple[int, int] | None:
    """The line holding ``position`` when it is a headline in title case (common words
    capitalised: "Lee Seeks More Votes"), else None; a line of names ("The New York Times
    reports:") is no headline. Evidence of title case: capitalised words the article also
    writes in lower case, one on its opening line, two further down."""
    line_start = text.rfind("\n", max(0, position - HEADLINE_CHARS), position) + 1
    line_end = text.find("\n", position, position + HEADLINE_CHARS)
    line_end = len(text) if line_end < 0 else line_end
    if line_end - line_start > HEADLINE_CHARS:  # a paragraph (or one-line text): no headline
        return None
    words = re.findall(r"[A-Za-z][\w’'-]*", text[line_start:line_end])
    if len(words) < 3 or sum(w[0].isupper() for w in words) < 0.6 * len(words):
        return None
    common = common_words(text)
    # the article's opening line needs one such word, a line further down two
    needed = 1 if NON_SPACE.search(text, 0, line_start) is None else 2
    if sum(w[0].isupper() and w.lower() in common for w in words[1:]) < needed:
        return None
    return line_start, line_end


def common_run(text: str, doc: Any, base: int, run: tuple[int, int]) -> bool:
    """A run of capitalised words in a headline that the article writes in lower case
    elsewhere ("New Poll Shows ..."): common words, not a name."""
    common = common_words(text)
    return all(doc[k].lower_ in common for k in range(*run)) and (
        title_case_line(text, base + doc[run[0]].idx) is not None
    )


def title_line_name(text: str, start: int, end: int) -> tuple[int, int]:
    """A name the tagger ran on into a title-case headline ("Ann Lee Seeks Support", "Rip
    Ann Lee") is cut to the words the article's body names the person by (the name kept
    ends in a word the body uses), when each word cut off is one the article also writes
    in lower case (a common word, not a surname) or one the body never uses. A name the
    body writes whole is kept."""
    line = title_case_line(text, start)
    spans = [(m.start(), m.end()) for m in re.finditer(r"\S+", text[start:end])]
    if line is None or len(spans) < 2:
        return start, end
    body = text[: line[0]] + text[line[1] :]
    if text[start:end] in body:
        return start, end
    common = common_words(text)
    # a possessive is the same word: "Ann Lee’s" is cut only where "Ann Lee" would be
    words = [re.sub(r"[’']s?$", "", text[start + s : start + e].strip(".,:;")) for s, e in spans]

    def cut(dropped: list[str]) -> bool:
        return all(w.lower() in common or w not in body for w in dropped)

    def named(word: str) -> bool:  # the body names someone by this word
        return re.search(rf"\b{re.escape(word)}\b", body) is not None

    for k in range(len(spans) - 1, 0, -1):  # keep the first k words, the last a name
        if named(words[k - 1]) and cut(words[k:]):
            return start, start + spans[k - 1][1]
    for k in range(1, len(spans) - 1):  # drop the first k words, a full name left
        if text[start + spans[k][0] : end] in body and cut(words[:k]):
            return start + spans[k][0], end
    return start, end


def name_runs(
    doc: Any, i: int, j: int, place_words: set[str], owner: bool = False
) -> list[tuple[int, int]]:
    """Maximal runs of proper-noun tokens in [i, j), minus leading place/nationality words
    and titles; possessive modifiers are skipped, unless the phrase is the ``owner``
    itself ("Lee's" resolved as the owner of "Lee's campaign")."""
    runs: list[tuple[int, int]] = []
    k = i
    while k < j:
        if not _namey(doc[k]):
            k += 1
            continue
        m = _run_end(doc, k, j)
        start = k
        whole_place = all(doc[t].text in place_words for t in range(k, m)) or all(
            doc[t].ent_type_ == "ORG" for t in range(k, m)
        )  # "United States", "Republican National Committee": the name itself
        while start < m - 1 and (
            (not whole_place and (doc[start].lower_ in DEMONYMS or doc[start].text in place_words))
            or doc[start].lower_ in TITLES
        ):
            start += 1
        start = after_last_title(doc, start, m)
        possessive = not owner and (
            (m < len(doc) and doc[m].text in POSSESSIVE) or doc[m - 1].dep_ == "poss"
        )
        title_only = all(
            doc[t].lower_ in TITLES and doc[t].ent_type_ != "PERSON" for t in range(start, m)
        )  # "Speaker of the House Rep. Al Dunn": "Speaker" is no name
        if (
            not possessive
            and not title_only
            and not (m - start == 1 and doc[start].lower_ in DEMONYMS)
        ):
            runs.append((start, m))
        k = m
    return runs


def _run_end(doc: Any, k: int, j: int) -> int:
    """End of the proper-noun run from k, bridging a quoted nickname (Robert "Bobby" Vance)
    and a slash between two names written without spaces (a joint pollster)."""
    m = k
    while m < j:
        if _namey(doc[m]):
            m += 1
        elif (
            m > k
            and m + 3 < j
            and doc[m].text in QUOTE_TOKENS
            and _namey(doc[m + 1])
            and doc[m + 2].text in QUOTE_TOKENS
            and _namey(doc[m + 3])
        ):
            m += 3
        elif (
            m > k
            and m + 1 < j
            and doc[m].text == "/"
            and not doc[m - 1].whitespace_
            and not doc[m].whitespace_
            and _namey(doc[m + 1])
        ):
            m += 1  # "Reuters/Ipsos": one name
        else:
            break
    return m


def after_last_title(doc: Any, start: int, end: int) -> int:
    """ "Agriculture Minister Karl Lindqvist" → the name after the last title word."""
    for k in range(end - 2, start - 1, -1):
        low = doc[k].lower_.lstrip("-—–")
        titled = low in TITLES or ROLE_FAMILIES.get(low, "person") != "person"
        if titled and doc[k + 1].ent_type_ not in NOT_PEOPLE:
            return k + 1
    while (
        end - start > 2
        and doc[start].ent_type_ != "PERSON"
        and all(doc[k].ent_type_ == "PERSON" for k in range(start + 1, end))
    ):
        start += 1  # "Treasurer Owen Blake": an unknown title outside the person entity
    return start


def strip_nickname(name: str) -> tuple[str, str | None]:
    """'Robert "Bobby" Vance' → ('Robert Vance', 'Bobby')."""
    match = _NICKNAME.match(name)
    if match is None:
        return name, None
    return f"{match.group(1)} {match.group(3)}", match.group(2).strip()


def _namey(tok: Any) -> bool:
    """A proper noun, an initial, or a capitalised word the entity tagger calls a person
    while the tagger calls it a common noun ("Quill", "Cook")."""
    return (
        (
            tok.pos_ == "PROPN"
            and (tok.text[:1].isupper() or tok.text[:1].isdigit())
            and tok.ent_type_ not in {"DATE", "TIME"}  # "... going to the polls Tuesday"
            and not headline_verb(tok)
        )
        or (tok.text.endswith(".") and len(tok.text) == 2 and tok.text[0].isupper())
        or (tok.ent_type_ == "PERSON" and tok.pos_ == "NOUN" and tok.text[:1].isupper())
    )


HEADLINE_VERBS = {"says", "said", "tells", "told", "warns", "claims", "asks", "urges", "vows"}


def headline_verb(tok: Any) -> bool:
    """ "Quill Says Budget Is Late": a title-cased cue verb the tagger takes for part of a
    name (the entity tagger may too; only "Said" can be a surname: "Edward Said")."""
    low = tok.lower_
    return (
        low in HEADLINE_VERBS
        and (low != "said" or tok.ent_type_ != "PERSON")
        and tok.i > tok.sent.start
    )


def surname(name: str) -> str:
    parts = [p for p in re.split(r"\s+", name.strip()) if p]
    while len(parts) > 1 and parts[-1].lower().rstrip(".") in {"jr", "sr", "ii", "iii", "iv"}:
        parts.pop()
    return parts[-1].lower() if parts else ""


def given_name(name: str) -> str:
    parts = name.split()
    return parts[0].lower() if len(parts) > 1 else ""


def nations_in(words: list[str]) -> set[str]:
    found = set()
    lowered = [w.lower().strip(",.’'s") for w in words]
    for w in lowered:
        if w in DEMONYMS:
            found.add(DEMONYMS[w])
    return found


def gender_of(words: list[str]) -> str | None:
    for w in words:
        if w.lower() in MALE:
            return "m"
        if w.lower() in FEMALE:
            return "f"
    return None


def appos_name(head: Any, places: set[str]) -> tuple[int, int] | None:
    """ "the minister, Karl Lindqvist": the name in an apposition of a nominal head."""
    for child in head.children:
        if child.dep_ == "appos" and child.i > head.i:
            runs = name_runs(head.doc, *np_span(child), places)
            if runs and any(head.doc[k].ent_type_ == "PERSON" for k in range(*runs[0])):
                return runs[0]
    return None


def strip_article(name: str) -> str:
    name = " ".join(name.split())
    for article in ("the ", "The ", "a ", "A ", "an ", "An "):
        if name.startswith(article):
            return name[len(article) :]
    return name


def role_word(head: Any) -> bool:
    """A noun for a role ("spokesman", "senator")."""
    return head.lemma_.lower() in ROLE_FAMILIES

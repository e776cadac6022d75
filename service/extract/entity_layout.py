"""Names typed by where they stand in a news text's layout, not by the words around them.

A sentence tagger reads a results table or a dateline as if it were prose: the city that
heads a dateline becomes an ORG or nothing, the clubs of a league table become people or
places. Four shapes of wire copy are read here, line by line (generic shapes, no names):

- *dateline*: a line that opens with up to four words in capitals followed by a bracket or
  a date, optionally after a comma and a region ("OSTERBY , Valdania 1996-05-02",
  "OSTERBY (Wire) -", "OSTERBY, May 2"): the capitals, and the region, are places (GPE);
  a month in capitals is no place;
- *result*: "Name 3 Other Name 1", optionally with a country in brackets after each name
  and a bracketed note after the score: both names are teams (ORG);
- *slug*: the capitals that open a headline before a dash ("MARKETS - Stocks rise") name
  the desk's topic: not an entity (``slug_spans``);
- *standings*: a name followed by a row of at least six numbers, or of three or more with
  a decimal fraction (".512"): a team (ORG).

A name whose first word is an initial ("J. Doe 45") is a person in a score sheet and is
left alone. ``layout_mentions`` returns the spans with those types; ``entity_types`` lets
them override the tagger's label for that span and weigh heavily in the article's vote."""

from __future__ import annotations

import re
from collections.abc import Iterator


def words(text: str) -> frozenset[str]:
    """A word list written as one space-separated string."""
    return frozenset(text.split())


WORD = r"[A-Z][\w.'&’-]*"
NAME = rf"{WORD}(?:[ \t]+{WORD}){{0,3}}"
COUNTRY = rf"(?:[ \t]*\([ \t]*{NAME}[ \t]*\))?"
CAPS = r"[A-Z][A-Z.'’-]+(?:[ \t]+[A-Z][A-Z.'’-]+){0,3}"
MONTH = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?[ \t]+\d"
DATE = rf"(?:\d{{4}}-\d\d-\d\d|\d{{1,2}}/\d{{1,2}}/\d{{2,4}}|{MONTH}|\()"
DATELINE = re.compile(
    rf"^(?P<place>{CAPS})(?:[ \t]*,[ \t]*(?P<region>{NAME}))?[ \t]*,?[ \t]*{DATE}", re.MULTILINE
)
MONTHS = words(
    "JANUARY FEBRUARY MARCH APRIL MAY JUNE JULY AUGUST SEPTEMBER OCTOBER NOVEMBER DECEMBER"
)
RESULT = re.compile(
    rf"^(?P<home>{NAME}){COUNTRY}[ \t]+\d+[ \t]+(?P<away>{NAME}){COUNTRY}[ \t]+\d+"
    r"[ \t]*(?:\([^()\n]*\))?[ \t]*\.?[ \t]*$",
    re.MULTILINE,
)
STANDING = re.compile(
    rf"^(?P<team>{NAME})(?P<row>(?:[ \t]+(?:\d+(?:\.\d+)?|\.\d+|-|\d+/\d+))+)[ \t]*$",
    re.MULTILINE,
)
INITIAL = re.compile(r"^[A-Z]\.")
SLUG = re.compile(r"^[A-Z][A-Z]+(?:[ \t]+[A-Z][A-Z]+){0,2}(?=[ \t]+-[ \t])", re.MULTILINE)

Span = tuple[int, int, str]


def layout_mentions(text: str) -> list[Span]:
    """(start, end, spaCy label) of the names a dateline, result or standings line types."""
    found: dict[tuple[int, int], str] = {}
    for start, end, label in (*_results(text), *_standings(text), *_datelines(text)):
        found.setdefault((start, end), label)
    return sorted((s, e, label) for (s, e), label in found.items())


def slug_spans(text: str) -> list[tuple[int, int]]:
    """The topic slug that opens a wire headline ("MARKETS - ..."): a word, not a name."""
    return [(m.start(), m.end()) for m in SLUG.finditer(text)]


def _datelines(text: str) -> Iterator[Span]:
    for m in DATELINE.finditer(text):
        if m.group("place").split()[0] in MONTHS:
            continue
        yield m.start("place"), m.end("place"), "GPE"
        if m.group("region"):
            yield m.start("region"), m.end("region"), "GPE"


def _results(text: str) -> Iterator[Span]:
    for m in RESULT.finditer(text):
        for side in ("home", "away"):
            if not INITIAL.match(m.group(side)):
                yield m.start(side), m.end(side), "ORG"


def _standings(text: str) -> Iterator[Span]:
    for m in STANDING.finditer(text):
        row = m.group("row").split()
        numbers = [v for v in row if v != "-"]
        fraction = any(v.startswith(".") or re.match(r"^0?\.\d+$", v) for v in row)
        if (len(numbers) >= 6 or (len(numbers) >= 3 and fraction)) and not INITIAL.match(
            m.group("team")
        ):
            yield m.start("team"), m.end("team"), "ORG"

"""Name keys of the document entity model (entities.py): how two written names are found
to be one person or one organisation."""

from __future__ import annotations

import re

SKIP_WORDS = {"of", "the", "and", "for", "on", "&", "in", "at", "to", "a"}
ACRONYM = re.compile(r"^[A-Z](?:\.?[A-Z&]){1,6}\.?$")


def ends_alike(a: str, b: str) -> bool:
    """One full name ends with the other, two words or more: "Miss Universe Ana Lund" and
    "Ana Lund" (a word the tagger glued on in front)."""
    x, y = a.lower().split(), b.lower().split()
    short, long_ = (x, y) if len(x) < len(y) else (y, x)
    return len(short) >= 2 and len(long_) > len(short) and long_[-len(short) :] == short


def surname(name: str) -> str:
    parts = [p for p in name.split() if p.lower().rstrip(".") not in {"jr", "sr", "ii", "iii"}]
    return parts[-1].lower().strip(",") if parts else ""


def person_key(name: str) -> str:
    parts = [p for p in re.split(r"[\s]+", name.lower()) if p]
    parts = [p for p in parts if not re.fullmatch(r"[a-z]\.?|\"[^\"]*\"|“[^”]*”", p)]
    return f"{parts[0]} {surname(name)}" if parts else name.lower()


def full_for(low: str, full: dict[str, str]) -> str | None:
    """A surname or given name that a full name later in the article spells out."""
    for name in full.values():
        if low in {name.split()[0].lower(), surname(name)}:
            return name
    return None


def full_words(full: dict[str, str]) -> set[str]:
    return {w for name in full.values() for w in (name.split()[0].lower(), surname(name))}


def org_key(name: str) -> str:
    low = name.lower()
    for article in ("the ",):
        if low.startswith(article):
            low = low[len(article) :]
    return re.sub(r"[^a-z0-9]+", " ", low).strip()


def acronym_of(short: str, long: str) -> bool:
    """ "SEIU" spells "Service Employees International Union"."""
    if not ACRONYM.match(short) or " " not in long:
        return False
    letters = short.replace(".", "").replace("&", "")
    initials = "".join(
        w[0] for w in re.findall(r"[A-Za-z][\w'-]*", long) if w.lower() not in SKIP_WORDS
    )
    return len(letters) >= 2 and letters.upper() == initials.upper()

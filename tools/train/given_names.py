"""Build the resolver's given-name lexicon (given name -> P(male)) from coreference data.

Every source links named people to gendered pronouns ("he"/"him"/"his"/"himself",
"she"/"her"/"hers"/"herself"); a name of two or more words whose first word is a given
name (not a title, an initial or a word the corpora also write in lower case) gives that
first word one vote for the pronouns' gender:

- GAP development + validation (Apache-2.0): each example's pronoun and its two candidate
  names (A and B), which GAP picked to share the pronoun's gender (a one-word name votes
  through the one full name of the snippet that opens or ends with it);
- GUM news, interview, academic and court documents (texts CC BY 2.5 / CC BY 4.0, annotations
  CC BY 4.0): a coreference chain holding a multi-word name and gendered pronouns all of
  one gender;
- LitBank (CC BY 4.0): likewise, its proper-name person mentions and pronoun mentions that
  one coreference chain joins.

A name is kept when it has at least ``--min-count`` votes; its value is the share of male
votes, shrunk towards even by half a vote each way ((m + 0.5) / (n + 1): a name seen once
is 0.75 or 0.25, one the resolver weighs less than a name seen often). Only counts from the
data are stored, no name is written by hand.

Usage: python -m tools.train.given_names GAP_DIR GUM_CONLL_DIR LITBANK_DIR [--out FILE]
"""

from __future__ import annotations

import argparse
import csv
import json
import re
from collections import Counter
from collections.abc import Iterable, Iterator
from pathlib import Path

from service.extract.lexicon import TITLES
from service.extract.resolution.entities import HE, SHE
from tools.data.coref_gum import GENRES, read_conll

OUT = Path(__file__).resolve().parents[2] / "service/extract/resolution/given_names.json"
_WORD = re.compile(r"^[A-Z][a-z]+(?:-[A-Z][a-z]+)?$")

Vote = tuple[str, str]  # (first word of a name as written, "m" | "f")


def gender_of(word: str) -> str | None:
    low = word.lower()
    return "m" if low in HE else "f" if low in SHE else None


def _first(name: str) -> str | None:
    """The first word of a name of two or more words, when it may be a given name."""
    words = name.split()
    if len(words) < 2 or not _WORD.match(words[0]):
        return None
    if words[0].lower() in TITLES or words[1] in {"'s", "’s"}:
        return None
    return words[0]


def full_name(name: str, text: str) -> str:
    """A one-word name spelt out: the one full name of the text that ends or opens with it."""
    if " " in name or not _WORD.match(name):
        return name
    cap = r"[A-Z][a-z]+(?:-[A-Z][a-z]+)?"
    ends = re.findall(rf"\b((?:{cap} ){{1,2}}){re.escape(name)}\b", text)
    opens = re.findall(rf"\b{re.escape(name)} ({cap})\b", text)
    found = {f"{e}{name}" for e in ends} | {f"{name} {o}" for o in opens}
    return found.pop() if len(found) == 1 else name


def gap_votes(gap_dir: Path, both: bool = True) -> Iterator[Vote]:
    """GAP chose its two candidate names to share the pronoun's gender (on the gold-linked
    names' lexicon the other candidate agrees 699 times in 707), so by default both vote."""
    for path in sorted(gap_dir.glob("gap-*.tsv")):
        with path.open(encoding="utf-8") as fh:
            for row in csv.DictReader(fh, delimiter="\t"):
                gender = gender_of(row["Pronoun"])
                for name, flag in ((row["A"], row["A-coref"]), (row["B"], row["B-coref"])):
                    first = _first(full_name(name, row["Text"]))
                    if gender and first and (flag.strip().upper() == "TRUE" or both):
                        yield first, gender


def chain_votes(chains: Iterable[tuple[list[str], list[str]]]) -> Iterator[Vote]:
    """Votes of chains given as (names, pronouns): all pronouns must share one gender."""
    for names, pronouns in chains:
        genders = {g for g in map(gender_of, pronouns) if g}
        if len(genders) != 1:
            continue
        (gender,) = genders
        for first in {f for f in map(_first, names) if f}:
            yield first, gender


def gum_chains(conll_dir: Path) -> Iterator[tuple[list[str], list[str]]]:
    for path in sorted(conll_dir.glob("*.conll")):
        if not any(f"_{g}_" in path.name for g in GENRES):
            continue
        tokens, mentions, _types = read_conll(path)
        by_entity: dict[str, tuple[list[str], list[str]]] = {}
        for start, end, eid in mentions:
            names, pronouns = by_entity.setdefault(eid, ([], []))
            words = tokens[start:end]
            if len(words) == 1 and gender_of(words[0]):
                pronouns.append(words[0])
            elif len(words) >= 2 and all(w[:1].isupper() for w in words):
                names.append(" ".join(words))
        yield from by_entity.values()


def litbank_chains(litbank_dir: Path) -> Iterator[tuple[list[str], list[str]]]:
    for path in sorted((litbank_dir / "coref/tsv").glob("*.ann")):
        mentions: dict[str, tuple[str, str, str]] = {}
        chains: dict[str, tuple[list[str], list[str]]] = {}
        for line in path.read_text(encoding="utf-8").splitlines():
            cols = line.split("\t")
            if cols[0] == "MENTION" and len(cols) >= 9:
                mentions[cols[1]] = (cols[6], cols[7], cols[8])
            elif cols[0] == "COREF" and len(cols) >= 3 and cols[1] in mentions:
                text, etype, kind = mentions[cols[1]]
                names, pronouns = chains.setdefault(cols[2], ([], []))
                if etype != "PER":
                    continue
                if kind == "PRON":
                    pronouns.append(text)
                elif kind == "PROP":
                    names.append(text)
        yield from chains.values()


def lowercase_words(gum_dir: Path, litbank_dir: Path) -> set[str]:
    """Words the corpora also write in lower case (common words, not given names)."""
    words: set[str] = set()
    for path in gum_dir.glob("*.conll"):
        words.update(re.findall(r"\t([a-z]+)\t", path.read_text(encoding="utf-8")))
    for path in (litbank_dir / "coref/conll").glob("*.conll"):
        words.update(re.findall(r"\t([a-z]+)\t", path.read_text(encoding="utf-8")))
    return words


def male_share(conll_dir: Path) -> float:
    """The share of male pronouns among the gendered pronouns of the GUM news-like texts: the
    prior that a person the article gives no gender evidence for is a man."""
    counts: Counter[str] = Counter()
    for path in sorted(conll_dir.glob("*.conll")):
        if any(f"_{g}_" in path.name for g in GENRES):
            counts.update(g for g in map(gender_of, read_conll(path)[0]) if g)
    return round(counts["m"] / max(1, counts["m"] + counts["f"]), 3)


def build(gap_dir: Path, gum_dir: Path, litbank_dir: Path, min_count: int = 1) -> dict:
    counts: dict[str, Counter[str]] = {}
    sources: Counter[str] = Counter()
    for source, votes in (
        ("gap", gap_votes(gap_dir)),
        ("gum", chain_votes(gum_chains(gum_dir))),
        ("litbank", chain_votes(litbank_chains(litbank_dir))),
    ):
        for first, gender in votes:
            counts.setdefault(first.lower(), Counter())[gender] += 1
            sources[source] += 1
    common = lowercase_words(gum_dir, litbank_dir)
    names = {
        name: round((c["m"] + 0.5) / (c["m"] + c["f"] + 1), 3)
        for name, c in sorted(counts.items())
        if c["m"] + c["f"] >= min_count and name not in common
    }
    return {
        "given_names": names,
        "votes": dict(sources),
        "min_count": min_count,
        "pronoun_male_share": male_share(gum_dir),
    }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("gap", type=Path)
    ap.add_argument("gum", type=Path)
    ap.add_argument("litbank", type=Path)
    ap.add_argument("--out", type=Path, default=OUT)
    ap.add_argument("--min-count", type=int, default=1)
    a = ap.parse_args(argv)
    data = build(a.gap, a.gum, a.litbank, a.min_count)
    a.out.write_text(json.dumps(data, indent=0, sort_keys=True) + "\n", encoding="utf-8")
    names = data["given_names"]
    clear = sum(abs(p - 0.5) > 0.2 for p in names.values())
    print(f"wrote {a.out}: {len(names)} given names ({clear} clear), votes {data['votes']}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

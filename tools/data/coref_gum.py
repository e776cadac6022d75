"""GUM coreference (amir-zeldes/gum, coref/gum/conll) → resolver training JSONL.

Only genres whose texts may be used to ship weights are read: news and interview
(Wikinews, CC BY 2.5), academic and court (CC BY 4.0); the annotations are CC BY 4.0.
Other genres (fiction, reddit, wikiHow, ...) carry non-commercial or share-alike licences and
are skipped. The text is the tokens joined by spaces. Targets:

- ``pronoun``: a one-token mention that is a personal or possessive pronoun;
- ``description``: a mention of 2-6 tokens opening with a determiner, with no capitalised
  word after the first (``the company``, ``the Indiana governor`` is kept: its head is common);

each with its entity's GUM type (person, organization, place, ...) and ``gold``: the spans
of the earlier mentions of its entity that hold a name (a capitalised word not at the
start), empty when the entity is never named before it.

Usage: python -m tools.data.coref_gum GUM_CONLL_DIR OUT.jsonl
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

from service.extract.resolution.features import PRONOUN_GENDER

GENRES = ("news", "interview", "academic", "court")
DETERMINERS = {"the", "this", "that", "these", "those", "a", "an"}
_PIECE = re.compile(r"\(|\)|[^()|]+")


def read_conll(path: Path) -> tuple[list[str], list[tuple[int, int, str]], dict[str, str]]:
    """Tokens, mentions (first token, last token + 1, entity id) and each entity's type."""
    tokens: list[str] = []
    mentions: list[tuple[int, int, str]] = []
    open_: dict[str, list[int]] = {}
    types: dict[str, str] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        parts = line.split("\t")
        k = len(tokens)
        tokens.append(parts[1])
        col = parts[2] if len(parts) > 2 else "_"
        if col == "_":
            continue
        pieces = _PIECE.findall(col)
        i = 0
        while i < len(pieces):
            p = pieces[i]
            if p == "(":
                label = pieces[i + 1]
                eid = label.split("-")[1] if "-" in label else label
                types[eid] = label.split("-")[0]
                if i + 2 < len(pieces) and pieces[i + 2] == ")":
                    mentions.append((k, k + 1, eid))
                    i += 3
                    continue
                open_.setdefault(eid, []).append(k)
                i += 2
                continue
            if p != ")" and i + 1 < len(pieces) and pieces[i + 1] == ")":
                eid = p.split("-")[1] if "-" in p else p
                if open_.get(eid):
                    mentions.append((open_[eid].pop(), k + 1, eid))
                i += 2
                continue
            i += 1
    return tokens, mentions, types


def convert(path: Path) -> dict:
    tokens, mentions, types = read_conll(path)
    starts, pos = [], 0
    for t in tokens:
        starts.append(pos)
        pos += len(t) + 1
    text = " ".join(tokens)

    def span(i: int, j: int) -> list[int]:
        return [starts[i], starts[j - 1] + len(tokens[j - 1])]

    def named(i: int, j: int) -> bool:
        return any(tokens[k][:1].isupper() for k in range(i + 1, j)) or (
            tokens[i][:1].isupper() and tokens[i].lower() not in DETERMINERS | set(PRONOUN_GENDER)
        )

    mentions.sort()
    targets = []
    for i, j, eid in mentions:
        low = [t.lower() for t in tokens[i:j]]
        if j - i == 1 and low[0] in PRONOUN_GENDER:
            kind = "pronoun"
        elif 2 <= j - i <= 6 and low[0] in DETERMINERS and not named(i, j):
            kind = "description"
        else:
            continue
        gold = [span(a, b) for a, b, e in mentions if e == eid and b <= i and named(a, b)]
        s, e = span(i, j)
        targets.append(
            {"kind": kind, "type": types.get(eid, ""), "start": s, "end": e, "gold": gold}
        )
    return {"id": path.stem, "text": text, "targets": targets}


def main(argv: list[str] | None = None) -> int:
    args = argv if argv is not None else sys.argv[1:]
    if len(args) != 2:
        print(__doc__)
        return 2
    paths = sorted(p for p in Path(args[0]).glob("GUM_*.conll") if p.stem.split("_")[1] in GENRES)
    with open(args[1], "w", encoding="utf-8") as f:
        for p in paths:
            f.write(json.dumps(convert(p)) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

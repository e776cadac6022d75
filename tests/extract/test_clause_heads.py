"""Reported clauses whose head is not a verb, and quotes whose speaker follows a
parenthesis. Every text is invented for this file."""

from __future__ import annotations

from service.domain import Document


def attributed(pipeline, text: str) -> list[tuple[str, str | None, str | None]]:
    ex = pipeline.run([Document(text)])[0]
    speakers = {s.id: s for s in ex.speakers}
    out = []
    for c in ex.claims:
        sp = speakers.get(c.speaker_id) if c.speaker_id else None
        out.append((c.span.text, sp.name if sp else None, c.type))
    return out


def test_copular_complement_parsed_as_adjective(pipeline):
    # the parser hangs "says" on the adjective "unhinged", not on a verb
    text = (
        "Jo Park says Reed’s flurry of late-night posts attacking the union was "
        "“unhinged, even for him.”"
    )
    found = attributed(pipeline, text)
    assert any(
        span.startswith("Reed’s flurry") and "unhinged" in span and name == "Jo Park"
        for span, name, _ in found
    ), found


def test_said_after_a_party_tag_in_parentheses(pipeline):
    text = (
        "“He would make a superb coach. Not fine, superb. The calmest head on the "
        "sideline,” Rep. Eli Cone (D-Md.) said in a phone interview."
    )
    found = attributed(pipeline, text)
    assert any(
        span.startswith("He would make a superb coach") and name == "Eli Cone" and kind == "direct"
        for span, name, kind in found
    ), found


def test_quote_inside_a_sentence_takes_its_subject(pipeline):
    # the quote follows a non-speech act of the sentence's subject, not the last speaker
    text = (
        "“We will rebuild the pier,” Mayor Ida Quinn said on Monday. "
        "Councillor Rob Vance then thanked the crews for “working through the storm.”"
    )
    found = attributed(pipeline, text)
    assert any(
        "working through the storm" in span and name == "Rob Vance" for span, name, _ in found
    ), found


def test_inverted_said_before_a_colon(pipeline):
    text = (
        "Analysts say the levy will raise little. "
        "Said Tomas Brandt: “I don’t see anyone here who wants this levy.”"
    )
    found = attributed(pipeline, text)
    assert ("I don’t see anyone here who wants this levy.", "Tomas Brandt", "direct") in found, (
        found
    )


def test_quote_inside_a_sentence_takes_a_document_subject(pipeline):
    text = (
        "“We will rebuild the pier,” Mayor Ida Quinn said on Monday. "
        "The union newsletter then ran “Not one more dollar for the pier!” on its front page."
    )
    ex = pipeline.run([Document(text)])[0]
    speakers = {s.id: s for s in ex.speakers}
    claim = next(c for c in ex.claims if "Not one more dollar" in c.span.text)
    mentions = [m.text for m in speakers[claim.speaker_id].mentions]
    assert "The union newsletter" in mentions, mentions


def test_that_clause_parsed_as_adverbial_is_the_complement():
    """ "X tweeted in the early hours that Y was ...": the parser sometimes hangs the
    that-clause as an adverbial clause with "that" for an adverb; it is the content."""
    import spacy
    from spacy.tokens import Doc

    from service.extract.model import Context
    from service.extract.rules.verb_cues import reported_candidates

    words = ["Shaw", "tweeted", "overnight", "that", "Ortiz", "was", "reckless", "."]
    doc = Doc(
        spacy.blank("en").vocab,
        words=words,
        spaces=[True] * 6 + [False, False],
        heads=[1, 1, 1, 5, 5, 1, 5, 1],
        deps=["nsubj", "ROOT", "advmod", "advmod", "nsubj", "advcl", "acomp", "punct"],
        pos=["PROPN", "VERB", "ADV", "PRON", "PROPN", "AUX", "ADJ", "PUNCT"],
        tags=["NNP", "VBD", "RB", "WDT", "NNP", "VBD", "JJ", "."],
        lemmas=["Shaw", "tweet", "overnight", "that", "Ortiz", "be", "reckless", "."],
    )
    text = doc.text
    found = [
        (text[c.start : c.end], c.subject.text) for c in reported_candidates(Context(doc, 0, text))
    ]
    assert found == [("Ortiz was reckless", "Shaw")]

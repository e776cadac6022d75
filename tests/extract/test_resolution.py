"""Speaker resolution in reading order: which mention a claim's speaker is given when the
claim itself names no one (floating quotes) or names someone only through a pronoun or
a relative word. Every text is invented for this file; each case names the exact claim
text, the speaker's name and the mention as written."""

from __future__ import annotations

import pytest

from service.domain import Document, Extraction


def extract(pipeline, text: str) -> Extraction:
    return pipeline.run([Document(text)])[0]


def attributions(ex: Extraction) -> list[tuple[str, str | None, str | None]]:
    """(claim text, speaker name, speaker mention as written) per claim."""
    speakers = {s.id: s for s in ex.speakers}
    out = []
    for c in ex.claims:
        sp = speakers.get(c.speaker_id)
        mention = c.mention.text if c.mention else None
        out.append((c.span.text, sp.name if sp else None, mention))
    return out


CASES = [
    # a floating quote followed on its line by who acts, whatever the verb
    pytest.param(
        "The reporter Tom Vance pressed Mayor Ada Quill on the budget.\n\n"
        "“Go back to your newsroom,” Quill barked as a guard led Vance away.",
        ("Go back to your newsroom,", "Ada Quill", "Quill"),
        id="floating-quote-then-subject-barked",
    ),
    pytest.param(
        "Critics gathered outside the hall. “The levy is theft! Marsh must go,” read one sign.",
        ("The levy is theft! Marsh must go,", "one sign", "one sign"),
        id="floating-quote-then-inverted-read",
    ),
    pytest.param(
        "The council met late. “Nobody will touch the reserve fund.” Quill said.",
        ("Nobody will touch the reserve fund.", "Quill", "Quill"),
        id="closed-floating-quote-then-name-said",
    ),
    # a quote led in by a comma from a clause whose subject is not the sentence's first
    pytest.param(
        "After Councillor Ben Ode attacked the plan during the hearing, Mayor Ada Quill shot "
        "back, “I could have cut the parks budget instead.”",
        ("I could have cut the parks budget instead.", "Ada Quill", "Mayor Ada Quill"),
        id="lead-in-clause-after-subordinate-claim",
    ),
    pytest.param(
        "Most of the hearing was so calm that Mayor Ada Quill was moved to say, “I cannot "
        "believe how civil this has been.”",
        ("I cannot believe how civil this has been.", "Ada Quill", "Mayor Ada Quill"),
        id="lead-in-passive-subject-of-xcomp",
    ),
    pytest.param(
        "Governor Ray Dunn spoke on Monday. “I cannot say which way those women leaned,” he "
        "said of farmers whose loans were forgiven, “but I know they can plant again.”",
        ("but I know they can plant again.", "Ray Dunn", "he"),
        id="lead-in-skips-relative-clause",
    ),
    pytest.param(
        "Mayor Ada Quill was asked by the host Tom Vance, who has covered the city for years, "
        "“Will you run again next spring?”",
        ("Will you run again next spring?", "Tom Vance", "the host Tom Vance"),
        id="lead-in-passive-agent-asks",
    ),
    # a cue outside the quote whose subject was taken from inside the quote
    pytest.param(
        "“We have to keep the pool open all summer,” said Councillor Ana Ruiz during the "
        "debate, suggesting that the city could easily afford it.",
        ("the city could easily afford it", "Ana Ruiz", "Councillor Ana Ruiz"),
        id="participle-after-quote-borrows-sayer",
    ),
    pytest.param(
        "On Thursday, Governor Ida Crane stated, “As I see it, doing nothing on the levy "
        "would have cost the county dearly,” adding, “I believe the dam must be repaired.”",
        (
            "As I see it, doing nothing on the levy would have cost the county dearly,",
            "Ida Crane",
            "Governor Ida Crane",
        ),
        id="quote-cue-subject-inside-quote",
    ),
    pytest.param(
        "On Thursday, Governor Ida Crane stated, “As I see it, doing nothing on the levy "
        "would have cost the county dearly,” adding, “I believe the dam must be repaired.”",
        ("I believe the dam must be repaired.", "Ida Crane", "Governor Ida Crane"),
        id="participle-quote-cue-subject-inside-quote",
    ),
    # an inherited speaker is named by the latest mention of that person
    pytest.param(
        "“We have one season left to save the orchard,” said Megan Greene, the co-op chair. "
        "Greene added that the growers want to act before the frost. “They hate to admit it, "
        "but they will sell.”",
        ("They hate to admit it, but they will sell.", "Megan Greene", "Greene"),
        id="inherited-speaker-latest-name-mention",
    ),
    pytest.param(
        "“Nothing compares to that winter,” said Lars Eide, who still dreams about the "
        "blizzard.\n\n“I hate it, yet I miss it more every year.”",
        ("I hate it, yet I miss it more every year.", "Lars Eide", "Lars Eide"),
        id="inherited-speaker-name-not-relative-pronoun",
    ),
    # a closed quote followed by a new sentence keeps the quote's context
    pytest.param(
        "Governor Lena Marsh issued a statement on Tuesday saying, “I do not think the levy "
        "is fair.” She then left for the airport.",
        ("I do not think the levy is fair.", "Lena Marsh", "Governor Lena Marsh"),
        id="closed-quote-then-new-sentence-pronoun",
    ),
    # a possessive pronoun on a cue noun: resolved like "he"; the object of a verb whose
    # subject is that same person is named by the subject
    pytest.param(
        "Senator Ray Holt spoke in Dover. Holt is doubling down on his support for a new "
        "harbour tax.",
        ("a new harbour tax", "Ray Holt", "Holt"),
        id="possessive-cue-object-named-by-subject",
    ),
    pytest.param(
        "Senator Ray Holt spoke in Dover. Voters cheered as he won a round of applause with "
        "his attacks on the harbour tax.",
        ("the harbour tax", "Ray Holt", "his"),
        id="possessive-cue-with-phrase-keeps-pronoun",
    ),
    pytest.param(
        "Anna Ford spoke in Leeds. Ford has twice reworded her proposal for a fuel levy since May.",
        ("a fuel levy", "Anna Ford", "Ford"),
        id="possessive-cue-subject-surname-tagged-organisation",
    ),
    # two subjects parsed for one verb: the one next to the verb speaks, not a fronted
    # description before it
    pytest.param(
        "Karl Brandt sits on the board of the harbour trust. A Libertarian, he backed the "
        "new toll plan for the bridge.",
        ("the new toll plan for the bridge", "Karl Brandt", "he"),
        id="fronted-description-then-pronoun-subject",
    ),
]


@pytest.mark.parametrize("text, expected", CASES)
def test_resolution(pipeline, text, expected):
    got = attributions(extract(pipeline, text))
    claim, name, mention = expected
    match = [g for g in got if g[0] == claim]
    assert match, got
    assert match[0][1] == name, got
    assert match[0][2] == mention, got


def speaker_of(ex: Extraction, claim):
    return next(s for s in ex.speakers if s.id == claim.speaker_id)


def test_a_country_speaks_as_itself_not_as_the_last_person_named(pipeline):
    ex = extract(
        pipeline,
        "Ann Lee met the delegations on Monday. Japan said the test was a grave threat. "
        "Russia said it was concerned about the test.",
    )
    names = {c.span.text: speaker_of(ex, c).name for c in ex.claims if c.speaker_id}
    assert names["the test was a grave threat"] == "Japan"
    assert names["it was concerned about the test"] == "Russia"


def test_a_headline_verb_is_no_part_of_a_name(pipeline):
    """ "Kemp Says Harbour Museum Will ...": the tagger may take the title-cased verb for a
    proper noun and the entity tagger for part of the person; the name stops before it."""
    from spacy.tokens import Doc

    from service.extract.speakers.names import name_runs

    words = ["Kemp", "Says", "Harbour", "Museum", "Will", "Open"]
    doc = Doc(
        pipeline.models.parser.vocab,
        words=words,
        pos=["PROPN"] * len(words),
        ents=["B-PERSON", "I-PERSON", "O", "O", "O", "O"],
        sent_starts=[True] + [False] * (len(words) - 1),
    )
    assert name_runs(doc, 0, 2, set()) == [(0, 1)]


def test_a_camel_case_name_is_not_split_as_a_glued_token(pipeline):
    ex = extract(
        pipeline,
        "HarbourWatch checked the figures. Harbour rates rose 3 percent, HarbourWatch said. "
        "Watch the harbour, the mayor said.",
    )
    claim = next(c for c in ex.claims if c.span.text.startswith("Harbour rates rose"))
    assert speaker_of(ex, claim).name == "HarbourWatch"

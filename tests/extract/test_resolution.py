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
    # a closed quote followed by a new sentence keeps the quote's context
    pytest.param(
        "Governor Lena Marsh issued a statement on Tuesday saying, “I do not think the levy "
        "is fair.” She then left for the airport.",
        ("I do not think the levy is fair.", "Lena Marsh", "Governor Lena Marsh"),
        id="closed-quote-then-new-sentence-pronoun",
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

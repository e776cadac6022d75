"""A common noun as the speaker: a person noun may point back to a person named before;
a thing that speaks ("the newsletter", "the memo", "a source") never becomes that
person. Every text is invented for this file."""

from __future__ import annotations

from service.domain import Document


def speaker_names(pipeline, text: str) -> list[tuple[str | None, str | None]]:
    ex = pipeline.run([Document(text)])[0]
    names = {s.id: s.name for s in ex.speakers}
    return [
        (c.mention.text if c.mention else None, names.get(c.speaker_id))
        for c in ex.claims
        if c.type != "unattributed"
    ]


def test_a_newsletter_is_not_the_last_person_named(pipeline):
    text = (
        "Mayor Ann Fox said the bridge would reopen in May. "
        "The union newsletter said the repairs were delayed by a year."
    )
    found = speaker_names(pipeline, text)
    assert ("The union newsletter", "Ann Fox") not in found, found
    assert any(m == "The union newsletter" and n and "newsletter" in n for m, n in found), found


def test_a_memo_is_not_the_last_person_named(pipeline):
    text = (
        "Finance chief Raj Mehta said costs were under control. "
        "The memo warned that the budget would run out by June."
    )
    found = speaker_names(pipeline, text)
    assert all(not (m and "memo" in m and n == "Raj Mehta") for m, n in found), found


def test_a_role_noun_still_points_back_to_its_person(pipeline):
    text = (
        "Ann Fox, a farmer from Iowa, said prices were falling. "
        "The farmer said she would sell her land next year."
    )
    found = speaker_names(pipeline, text)
    assert ("The farmer", "Ann Fox") in found, found

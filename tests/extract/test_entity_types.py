"""Entities consistent across an article: one name, one type; titles and party tags are no
entities of their own (service.extract.entity_types)."""

from __future__ import annotations

from service.extract.entity_types import CONLL, Mention, consistent_entities


def _m(text: str, surface: str, label: str, nth: int = 0) -> Mention:
    start = -1
    for _ in range(nth + 1):
        start = text.index(surface, start + 1)
    return Mention(start, start + len(surface), label)


def _typed(text: str, mentions: list[Mention]) -> list[tuple[str, str]]:
    return [(text[m.start : m.end], m.label) for m in mentions]


def test_a_name_takes_its_majority_type_in_every_mention():
    text = "Morvane spoke first. Later Morvane said no. Morvane left before Morvane voted."
    mentions = [
        _m(text, "Morvane", lab, i) for i, lab in enumerate(["ORG", "PERSON", "PERSON", "PERSON"])
    ]
    out = consistent_entities(text, mentions)
    assert {label for _, label in _typed(text, out)} == {"PERSON"}
    assert len(out) == 4


def test_a_surname_joins_the_full_name_of_a_person():
    text = "Delia Harrowgate won. Harrowgate thanked voters. Harrowgate's rival conceded."
    mentions = [
        _m(text, "Delia Harrowgate", "PERSON"),
        _m(text, "Harrowgate", "ORG", 1),
        _m(text, "Harrowgate's", "GPE"),
    ]
    out = _typed(text, consistent_entities(text, mentions))
    assert out == [
        ("Delia Harrowgate", "PERSON"),
        ("Harrowgate", "PERSON"),
        ("Harrowgate's", "PERSON"),
    ]


def test_a_resolved_speaker_decides_the_type_of_its_name():
    text = "Quillfield said the deal was fair. Quillfield added that Quillfield would sign."
    mentions = [_m(text, "Quillfield", lab, i) for i, lab in enumerate(["ORG", "ORG", "PERSON"])]
    out = consistent_entities(text, mentions, speakers=[("Quillfield", "PERSON")])
    assert {m.label for m in out} == {"PERSON"}


def test_titles_and_party_tags_are_not_entities_and_a_leading_title_is_cut():
    text = "Sen. Arno Pietrak (D-Calif.) met President Olund and the Senate."
    mentions = [
        _m(text, "Sen.", "ORG"),
        _m(text, "Arno Pietrak", "PERSON"),
        _m(text, "D-Calif.", "ORG"),
        _m(text, "President Olund", "PERSON"),
        _m(text, "Senate", "ORG"),
    ]
    out = _typed(text, consistent_entities(text, mentions))
    assert out == [("Arno Pietrak", "PERSON"), ("Olund", "PERSON"), ("Senate", "ORG")]


def test_numbers_and_dates_keep_their_labels_and_the_conll_map_is_documented():
    text = "On Monday 40 workers left Brantholm."
    mentions = [
        _m(text, "Monday", "DATE"),
        _m(text, "40", "CARDINAL"),
        _m(text, "Brantholm", "GPE"),
    ]
    out = _typed(text, consistent_entities(text, mentions))
    assert out == [("Monday", "DATE"), ("40", "CARDINAL"), ("Brantholm", "GPE")]
    assert CONLL["PERSON"] == "PER" and CONLL["GPE"] == "LOC" and "DATE" not in CONLL


def test_a_name_the_tagger_missed_once_is_an_entity_wherever_it_occurs():
    text = (
        "TESSALY BROOK QUITS\nTessaly Brook spoke at noon. Hours later Tessaly Brook left, "
        "and Brookfield cheered. A tessaly brook is no name."
    )
    mentions = [_m(text, "Tessaly Brook", "PERSON")]
    out = _typed(text, consistent_entities(text, mentions))
    assert out == [
        ("TESSALY BROOK", "PERSON"),
        ("Tessaly Brook", "PERSON"),
        ("Tessaly Brook", "PERSON"),
    ]


def test_a_country_that_speaks_stays_a_place():
    text = "Ostravia said the border was closed. Ostravia also recalled its envoy."
    mentions = [_m(text, "Ostravia", "GPE"), _m(text, "Ostravia", "GPE", 1)]
    out = consistent_entities(text, mentions, speakers=[("Ostravia", "ORG")])
    assert {m.label for m in out} == {"GPE"}


def test_a_span_is_cut_to_the_name_before_a_line_break_number_or_lowercase_tail():
    text = (
        "Reporting by Tarn Velis\nVelis spoke to Mostrel news agency , after Jorvik 112 runs"
        " at Quarry School 285"
    )
    mentions = [
        Mention(text.index("Tarn"), text.index("Velis spoke") + 5, "PERSON"),
        _m(text, "Mostrel news agency", "ORG"),
        _m(text, "Jorvik 112", "PERSON"),
        _m(text, "Quarry School 285", "ORG"),
    ]
    out = _typed(text, consistent_entities(text, mentions))
    assert ("Tarn Velis", "PERSON") in out and ("Mostrel", "ORG") in out
    assert ("Jorvik", "PERSON") in out and ("Quarry School 285", "ORG") in out
    assert all("\n" not in surface for surface, _ in out)


def test_a_dateline_names_a_place_and_a_headline_slug_is_no_entity():
    text = "MARKETS - GRAIN PRICES FALL\nVARNOSK , Ellmoria 2031-04-02\nTraders in Varnosk sold."
    mentions = [_m(text, "MARKETS", "ORG"), _m(text, "VARNOSK", "ORG")]
    out = _typed(text, consistent_entities(text, mentions))
    assert ("MARKETS", "ORG") not in out
    assert ("VARNOSK", "GPE") in out and ("Ellmoria", "GPE") in out


def test_names_in_a_results_or_standings_table_are_teams_everywhere_in_the_article():
    text = (
        "Dunmere beat the visitors at home.\n"
        "Karvel Rovers 3 Dunmere 1\n"
        "Standings :\n"
        "Dunmere 5 3 1 1 9 4 10\n"
        "Brisk Vale 5 2 2 1 7 6 8\n"
        "J. Olsted 45\n"
    )
    mentions = [
        _m(text, "Dunmere", "GPE"),
        _m(text, "Karvel Rovers", "PERSON"),
        _m(text, "Dunmere", "PERSON", 1),
        _m(text, "J. Olsted", "PERSON"),
    ]
    out = _typed(text, consistent_entities(text, mentions))
    assert [label for surface, label in out if surface == "Dunmere"] == ["ORG"] * 3
    assert ("Karvel Rovers", "ORG") in out and ("Brisk Vale", "ORG") in out
    assert ("J. Olsted", "PERSON") in out


def test_an_organisation_word_ending_a_name_makes_it_an_org_but_not_a_country():
    text = "Pellam Holdings bought land in the Norvan Union. Pellam Holdings denied it."
    mentions = [
        _m(text, "Pellam Holdings", "PERSON"),
        _m(text, "Norvan Union", "GPE"),
        _m(text, "Pellam Holdings", "PERSON", 1),
    ]
    out = _typed(text, consistent_entities(text, mentions))
    assert out == [
        ("Pellam Holdings", "ORG"),
        ("Norvan Union", "GPE"),
        ("Pellam Holdings", "ORG"),
    ]


def test_a_person_run_on_into_a_title_case_headline_is_cut_to_the_bodys_name():
    text = (
        "Quell Vows To Cut Ferry Fares\n\n"
        "Mayor Idris Quell promised on Monday to cut fares by a third. Quell said riders had "
        "waited long enough for lower fares."
    )
    end = text.index(" Ferry")
    out = _typed(text, consistent_entities(text, [Mention(0, end, "PERSON")]))
    assert out[0] == ("Quell", "PERSON")


def test_a_possessive_headline_name_the_body_uses_is_not_cut():
    text = (
        "Nell R. Harlow’s New Song Tops The Charts\n\n"
        "The singer Nell R. Harlow released the song in May. Harlow wrote it on a ferry."
    )
    end = text.index(" New")
    out = _typed(text, consistent_entities(text, [Mention(0, end, "PERSON")]))
    assert out[0][0].startswith("Nell R. Harlow")

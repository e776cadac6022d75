"""HFEntityTagger on tiny BERT token classifiers, loaded through the real loader."""

from __future__ import annotations

from pathlib import Path

import pytest

from service.nlp.hf_ner import HFEntityTagger, map_label, trim_span
from service.nlp.registry import ModelLoadError

# Code points beyond the BMP (the emoji) make code-point and UTF-16 offsets differ.
TEXTS = [
    "  The minister said peace talks would go on.\n",
    "Zoë Müller 🙂 visited 東京 in 2022, she said.",
    "",
    "he said",
]


@pytest.fixture(scope="module")
def favour(tiny_root: Path, make_ner):
    """A tagger whose head predicts one label for every token."""
    made: dict[str, HFEntityTagger] = {}

    def get(label: str) -> HFEntityTagger:
        if label not in made:
            folder = tiny_root / f"ner-{label}"
            made[label] = HFEntityTagger(str(make_ner(folder, favour=label)))
        return made[label]

    return get


def non_space_positions(text: str) -> set[int]:
    return {i for i, ch in enumerate(text) if not ch.isspace()}


def test_one_span_list_per_text_within_the_text(tagger):
    tagged = tagger.tag(TEXTS)
    assert len(tagged) == len(TEXTS)
    assert tagged[2] == []
    for text, spans in zip(TEXTS, tagged, strict=True):
        for start, end, label in spans:
            assert 0 <= start < end <= len(text)
            assert text[start:end] == text[start:end].strip()
            assert label in {"PERSON", "ORG", "LOC"}


def test_batched_tagging_equals_one_text_at_a_time(tagger):
    assert tagger.tag(TEXTS) == [tagger.tag([text])[0] for text in TEXTS]


def test_inside_tags_merge_into_one_person_span_with_code_point_offsets(favour):
    spans = favour("I-PER").tag(TEXTS)
    for text, found in zip(TEXTS, spans, strict=True):
        if not text.strip():
            assert found == []
            continue
        start, end = trim_span(text, 0, len(text))
        assert found == [(start, end, "PERSON")], text
    emoji_text = TEXTS[1]
    assert emoji_text[spans[1][0][0] : spans[1][0][1]] == emoji_text


def test_begin_tags_give_one_loc_span_per_token_covering_every_character(favour):
    (spans,) = favour("B-LOC").tag([TEXTS[1]])
    assert {label for _, _, label in spans} == {"LOC"}
    covered = {i for start, end, _ in spans for i in range(start, end)}
    assert covered == non_space_positions(TEXTS[1])
    assert "東" in {TEXTS[1][s:e] for s, e, _ in spans}


def test_texts_longer_than_the_model_are_tagged_to_the_end(favour):
    text = " ".join(["the minister said peace talks would go on"] * 40) + " zzz"
    (spans,) = favour("B-ORG").tag([text])
    covered = {i for start, end, _ in spans for i in range(start, end)}
    assert covered == non_space_positions(text)
    assert spans[-1][1] == len(text)


def test_outside_tags_give_no_entities(favour):
    assert favour("O").tag(TEXTS) == [[], [], [], []]


@pytest.mark.parametrize(
    ("label", "mapped"),
    [
        ("PER", "PERSON"),
        ("B-PER", "PERSON"),
        ("I-PER", "PERSON"),
        ("ORG", "ORG"),
        ("LOC", "LOC"),
        ("GPE", "GPE"),
        ("B-GPE", "GPE"),
        ("MISC", "MISC"),
        ("NORP", "NORP"),
        ("i-org", "ORG"),
    ],
)
def test_labels_map_to_the_spacy_set(label: str, mapped: str):
    assert map_label(label) == mapped


def test_pickled_weights_without_safetensors_are_refused(tiny_root: Path, ner_path: str):
    import shutil

    folder = tiny_root / "ner-pickled"
    shutil.copytree(ner_path, folder)
    (folder / "model.safetensors").rename(folder / "pytorch_model.bin")
    with pytest.raises(ModelLoadError, match="safetensors"):
        HFEntityTagger(str(folder))


def test_a_missing_model_is_a_load_error():
    with pytest.raises(ModelLoadError, match="failed to load"):
        HFEntityTagger("/nonexistent/ner-model")

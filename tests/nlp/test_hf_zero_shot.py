"""NLIZeroShot on a tiny random BERT NLI model, loaded through the real loader."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from service.domain import LabelSpec
from service.nlp.hf_zero_shot import NLIZeroShot, hypothesis, nli_label_indices
from service.nlp.registry import ModelLoadError

# Deliberately not in length order: a long text between short ones, then a medium one.
TEXTS = [
    "he said peace talks",
    "the minister said the government would cut the war money by 12 and the economy "
    "of the government is about the peace talks and the war, he said",
    "no",
    "she denied the claim about money",
]
LABELS = [
    LabelSpec("statistic"),
    LabelSpec("prediction"),
    LabelSpec("policy", description="a policy or position"),
    LabelSpec("denial"),
    LabelSpec("opinion"),
]


def reference_logits(path: str, pairs: list[tuple[str, str]]) -> np.ndarray:
    """One unpadded, unbatched forward per pair, straight through transformers."""
    import torch
    from transformers import AutoModelForSequenceClassification, AutoTokenizer

    tokenizer = AutoTokenizer.from_pretrained(path, local_files_only=True)
    model = AutoModelForSequenceClassification.from_pretrained(path, local_files_only=True).eval()
    with torch.inference_mode():
        return np.array(
            [model(**tokenizer(p, h, return_tensors="pt")).logits[0].numpy() for p, h in pairs]
        )


def softmax(x: np.ndarray) -> np.ndarray:
    e = np.exp(x - x.max(axis=-1, keepdims=True))
    return e / e.sum(axis=-1, keepdims=True)


@pytest.fixture(scope="module")
def reference(nli_path: str) -> np.ndarray:
    """Logits per (text, label), computed pair by pair in input order: (T, L, 3)."""
    pairs = [(t, hypothesis(label)) for t in TEXTS for label in LABELS]
    return reference_logits(nli_path, pairs).reshape(len(TEXTS), len(LABELS), -1)


def test_multi_label_scores_have_one_value_in_unit_range_per_pair(nli):
    scores = nli.classify(TEXTS, LABELS, multi_label=True)
    assert scores.shape == (len(TEXTS), len(LABELS))
    assert scores.dtype == np.float32
    assert np.all((scores >= 0) & (scores <= 1))
    assert not np.allclose(scores.sum(axis=1), 1.0)  # independent per label


def test_single_label_rows_sum_to_one(nli):
    scores = nli.classify(TEXTS, LABELS, multi_label=False)
    assert scores.shape == (len(TEXTS), len(LABELS))
    np.testing.assert_allclose(scores.sum(axis=1), 1.0, atol=1e-5)


def test_length_sorted_batches_give_each_pair_its_own_score_in_input_order(nli, reference):
    entail, contra = 0, 2
    expected_multi = softmax(reference[..., [contra, entail]])[..., 1]
    expected_single = softmax(reference[..., entail])
    np.testing.assert_allclose(
        nli.classify(TEXTS, LABELS, multi_label=True), expected_multi, atol=1e-4
    )
    np.testing.assert_allclose(
        nli.classify(TEXTS, LABELS, multi_label=False), expected_single, atol=1e-4
    )


def test_reordering_the_texts_reorders_the_rows(nli):
    order = [2, 0, 3, 1]
    scores = nli.classify(TEXTS, LABELS)
    shuffled = nli.classify([TEXTS[i] for i in order], LABELS)
    np.testing.assert_allclose(shuffled, scores[order], atol=1e-5)


def test_batch_size_does_not_change_the_scores(nli_path, nli):
    one = NLIZeroShot(nli_path, batch_size=1, bf16=False)
    np.testing.assert_allclose(one.classify(TEXTS, LABELS), nli.classify(TEXTS, LABELS), atol=1e-5)


def test_bf16_autocast_stays_close_to_fp32(nli_path, nli):
    bf16 = NLIZeroShot(nli_path, bf16=True)
    assert bf16.bf16
    np.testing.assert_allclose(bf16.classify(TEXTS, LABELS), nli.classify(TEXTS, LABELS), atol=0.1)


def test_texts_longer_than_the_model_are_truncated_not_refused(nli):
    long_text = " ".join(["the government said the economy would grow"] * 60)
    scores = nli.classify([long_text, "no"], LABELS)
    assert scores.shape == (2, len(LABELS))
    assert np.all(np.isfinite(scores))


def test_empty_inputs_give_empty_scores(nli):
    assert nli.classify([], LABELS).shape == (0, len(LABELS))
    assert nli.classify(TEXTS, []).shape == (len(TEXTS), 0)


def test_hypothesis_uses_the_description_when_given():
    assert hypothesis(LabelSpec("statistic")) == "This example is statistic."
    described = LabelSpec("policy", description="a policy or position.")
    assert hypothesis(described) == "This example is a policy or position."
    sentence = LabelSpec("statistic", description="A claim that states a number.")
    assert hypothesis(sentence) == "This example is a claim that states a number."
    assert hypothesis(LabelSpec("eu", description="EU law")) == "This example is EU law."
    assert hypothesis("denial") == "This example is denial."


def test_label_indices_are_found_by_name_in_any_case():
    assert nli_label_indices({"CONTRADICTION": 0, "NEUTRAL": 1, "ENTAILMENT": 2}) == (2, 0)
    assert nli_label_indices({"Entailment": 1, "not_entailment": 0}) == (1, None)


def test_a_model_without_an_entailment_label_is_refused_naming_its_labels(
    tiny_root: Path, make_nli
):
    path = make_nli(tiny_root / "sentiment", {0: "negative", 1: "neutral", 2: "positive"})
    with pytest.raises(ModelLoadError, match="entailment") as info:
        NLIZeroShot(str(path))
    assert "negative" in str(info.value) and "positive" in str(info.value)


def test_pickled_weights_without_safetensors_are_refused(tiny_root: Path, nli_path: str):
    import shutil

    import torch
    from safetensors.torch import load_file

    folder = tiny_root / "pickled"
    shutil.copytree(nli_path, folder)
    weights = folder / "model.safetensors"
    torch.save(load_file(str(weights)), folder / "pytorch_model.bin")
    weights.unlink()
    with pytest.raises(ModelLoadError, match="safetensors"):
        NLIZeroShot(str(folder))


@pytest.mark.parametrize("model", ["/nonexistent/nli-model", "no-such-org/no-such-nli-model"])
def test_a_missing_model_is_a_load_error_not_a_download(model: str):
    with pytest.raises(ModelLoadError, match="failed to load"):
        NLIZeroShot(model)

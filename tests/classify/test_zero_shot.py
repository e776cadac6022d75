"""The embedding zero-shot backend on the real MiniLM: calibration, label specs, caching."""

from __future__ import annotations

import numpy as np
import pytest

from service.classify.labels import CLAIM_TYPES, TOPICS, default_labels, prototypes
from service.classify.zero_shot_embedding import EmbeddingZeroShot
from service.domain import LabelSpec

ECONOMY = "Inflation rose to 7 percent in May as food and fuel prices climbed."
SPORT = "The striker scored twice in the final and the team lifted the cup."
WAR = "Artillery shelled the city overnight and troops advanced on the airport."


@pytest.fixture()
def zero_shot(embedder) -> EmbeddingZeroShot:
    return EmbeddingZeroShot(embedder)


def test_scores_are_in_unit_range_with_one_row_per_text(zero_shot):
    scores = zero_shot.classify([ECONOMY, SPORT, WAR], ["economy", "sport", "war"])
    assert scores.shape == (3, 3)
    assert scores.dtype == np.float32
    assert np.all((scores >= 0) & (scores <= 1))


def test_the_fitting_label_wins_each_row(zero_shot):
    scores = zero_shot.classify([ECONOMY, SPORT, WAR], ["economy", "sport", "war"])
    assert list(scores.argmax(axis=1)) == [0, 1, 2]
    assert scores[0, 0] > 0.5 and scores[0, 1] < 0.5  # multi-label: independent cut at 0.5


def test_single_label_rows_sum_to_one_and_multi_label_rows_do_not(zero_shot):
    labels = ["economy", "sport", "war", "health"]
    single = zero_shot.classify([ECONOMY, SPORT], labels, multi_label=False)
    multi = zero_shot.classify([ECONOMY, SPORT], labels, multi_label=True)
    np.testing.assert_allclose(single.sum(axis=1), 1.0, rtol=1e-5)
    assert not np.allclose(multi.sum(axis=1), 1.0)
    assert list(single.argmax(axis=1)) == list(multi.argmax(axis=1))


def test_a_description_and_examples_steer_an_opaque_label(zero_shot):
    bare = [LabelSpec("alpha"), LabelSpec("beta")]
    described = [
        LabelSpec(
            "alpha",
            "Prices, inflation, wages and interest rates.",
            ("The central bank raised interest rates.", "Rents rose 10 percent."),
        ),
        LabelSpec(
            "beta", "Football, tennis and other sports results.", ("The home side won 3-1.",)
        ),
    ]
    before = zero_shot.classify([ECONOMY, SPORT], bare)
    after = zero_shot.classify([ECONOMY, SPORT], described)
    assert after[0, 0] > before[0, 0] + 0.2  # the economy text now fits "alpha"
    assert after[1, 1] > before[1, 1] + 0.2  # the sport text now fits "beta"
    assert after[0, 0] > after[0, 1] and after[1, 1] > after[1, 0]


def test_plain_strings_and_name_only_specs_score_alike(zero_shot):
    as_strings = zero_shot.classify([ECONOMY], ["economy", "sport"])
    as_specs = zero_shot.classify([ECONOMY], [LabelSpec("economy"), LabelSpec("sport")])
    np.testing.assert_allclose(as_strings, as_specs, rtol=1e-6)


def test_label_embeddings_are_cached_across_calls(counting):
    clf = EmbeddingZeroShot(counting)
    labels = default_labels(TOPICS)
    clf.classify([ECONOMY], labels)
    assert len(counting.calls) == 2  # the claim, then every prototype in one call
    prototype_count = len(counting.calls[1])
    counting.calls.clear()
    clf.classify([SPORT, WAR], labels)
    assert counting.calls == [[SPORT, WAR]]  # labels came from the cache
    assert clf.cache.hits >= prototype_count


def test_fifty_labels_need_the_same_single_claim_call_as_one(counting):
    clf = EmbeddingZeroShot(counting)
    many = [f"topic number {i}" for i in range(50)]
    clf.classify([ECONOMY], many)
    clf.classify([ECONOMY], many[:1])
    counting.calls.clear()
    for labels in (many, many[:1]):
        scores = clf.classify([ECONOMY, SPORT], labels)
        assert scores.shape == (2, len(labels))
    assert counting.calls == [[ECONOMY, SPORT], [ECONOMY, SPORT]]


def test_cache_is_bounded(counting):
    from service.classify.cache import EmbeddingCache

    cache = EmbeddingCache(counting, capacity=3)
    rows = cache.encode(["a", "b", "c", "d", "e"])
    assert rows.shape == (5, counting.dim) and len(cache) == 3
    cache.encode(["e"])
    assert cache.hits == 1


def test_empty_inputs_give_empty_matrices(zero_shot):
    assert zero_shot.classify([], ["economy"]).shape == (0, 1)
    assert zero_shot.classify([ECONOMY], []).shape == (1, 0)


@pytest.mark.parametrize("name", [CLAIM_TYPES, TOPICS])
def test_seed_label_sets_have_descriptions_and_examples(name):
    labels = default_labels(name)
    assert len(labels) >= 8
    assert len({label.name for label in labels}) == len(labels)
    for label in labels:
        assert label.description and 2 <= len(label.examples) <= 4
        assert prototypes(label)[0] == label.name


def test_default_claim_types_pick_sensible_types(zero_shot):
    labels = default_labels(CLAIM_TYPES)
    names = [label.name for label in labels]
    texts = [
        "Unemployment fell to 3.9 percent, the lowest rate in fifty years.",
        "The government flatly denied that it had ordered the raid.",
        "I think this is the most shameful budget I have ever seen.",
    ]
    top = [names[i] for i in zero_shot.classify(texts, labels).argmax(axis=1)]
    assert top == ["statistic or quantity", "denial", "opinion"]

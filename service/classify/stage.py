"""The pipeline's classify stage: labels, check-worthiness and stance for a batch of
extractions, with one embedding call per encoder for every text of the batch.

Two tiers of encoder. What every claim carries whether or not it was asked for (the
default claim-type labels and check-worthiness, for claims and sentences) is computed on the
*fast* encoder: MiniLM's first layer (``ShallowEmbedder``, weights shared), about a quarter
of the full model's cost. What the caller asks for (their own labels, stance toward their
targets) is computed on the *main* encoder, the full MiniLM (or the NLI backend for
labels). With ``FAST_ENCODER_LAYERS=0``, or when no fast encoder is loaded, MiniLM does
both.

Work is done only for what was asked: sentence vectors only with ``include_sentences`` or
targets, stance only with targets, MiniLM claim vectors only with caller labels or targets.
With a zero-shot model but no embedder (the NLI backend and ``load_embedder=False``),
check-worthiness uses its lexical signals alone and there is no stance; with neither, the
stage leaves the extractions as they are."""

from __future__ import annotations

import dataclasses
import time
from collections.abc import Sequence
from typing import Any

import numpy as np

from service.classify.cache import EmbeddingCache
from service.classify.checkworthiness import CheckWorthiness
from service.classify.labels import CLAIM_TYPES, as_specs, default_labels
from service.classify.stance import StanceScorer
from service.classify.text import sentence_spans
from service.classify.zero_shot_embedding import EmbeddingZeroShot
from service.domain import Document, Extraction, LabelScore, LabelSpec, SentenceInfo, Stance
from service.nlp.protocols import ZeroShotClassifier


@dataclasses.dataclass
class _Plan:
    """The texts one extraction needs embedded, per tier."""

    claims: list[str]  # every claim's text
    main_claims: bool  # the claims also go through the main encoder (caller labels, targets)
    sentences: list[str]  # SentenceInfo texts, scored for check-worthiness
    context: list[str]  # the article's sentences for document stance (main encoder)

    def fast_texts(self, classify: bool) -> list[str]:
        return [*self.claims, *self.sentences] if classify else []

    def main_texts(self) -> list[str]:
        return [*(self.claims if self.main_claims else ()), *self.context]


@dataclasses.dataclass
class _Tier:
    """One encoder with its label cache, embedding zero-shot and check-worthiness."""

    embedder: Any
    cache: EmbeddingCache | None
    zero_shot: ZeroShotClassifier | None
    checkworthiness: CheckWorthiness

    @classmethod
    def of(cls, embedder: Any, cache: EmbeddingCache | None = None) -> _Tier:
        if embedder is not None and cache is None:
            cache = EmbeddingCache(embedder)
        zero_shot = EmbeddingZeroShot(embedder, cache) if embedder is not None else None
        return cls(embedder, cache, zero_shot, CheckWorthiness(cache))

    def encode(self, texts: Sequence[str]) -> dict[str, np.ndarray]:
        unique = list(dict.fromkeys(texts))
        if self.embedder is None or not unique:
            return {}
        return dict(zip(unique, self.embedder.encode(unique), strict=True))

    def rows(self, texts: list[str], vectors: dict[str, np.ndarray]) -> np.ndarray | None:
        return _rows(texts, vectors, self.embedder)


class ClassifyStage:
    def __init__(self, models: Any, defaults: Sequence[LabelSpec] | None = None) -> None:
        embedder = getattr(models, "embedder", None)
        zero_shot: ZeroShotClassifier | None = getattr(models, "zero_shot", None)
        self._given_zero_shot = zero_shot
        cache = getattr(zero_shot, "cache", None)
        if not isinstance(cache, EmbeddingCache):
            cache = EmbeddingCache(embedder) if embedder is not None else None
        if zero_shot is None and embedder is not None:
            zero_shot = EmbeddingZeroShot(embedder, cache)
        self.embedder = embedder
        self.zero_shot = zero_shot
        self.cache = cache
        self.defaults = tuple(defaults) if defaults is not None else default_labels(CLAIM_TYPES)
        self.main = _Tier(embedder, cache, zero_shot, CheckWorthiness(cache))
        fast_embedder = getattr(models, "fast_embedder", None)
        self.fast = _Tier.of(fast_embedder) if fast_embedder is not None else self.main
        self.stance = StanceScorer(cache) if cache is not None else None

    def describe(self) -> list[dict[str, Any]]:
        """The zero-shot classifier this stage built over the embedder, if it built one
        (the default embedding backend is no model that ``load_models`` loads)."""
        built = self.zero_shot
        if built is None or built is self._given_zero_shot:
            return []
        return [{"role": "zero_shot", "name": built.name, "version": built.version}]

    @property
    def enabled(self) -> bool:
        return self.embedder is not None or self.zero_shot is not None

    def __call__(
        self, docs: Sequence[Document], extractions: Sequence[Extraction]
    ) -> list[Extraction]:
        if not self.enabled:
            return list(extractions)
        started = time.perf_counter()
        plans = [self._plan(doc, ex) for doc, ex in zip(docs, extractions, strict=True)]
        fast_texts = [
            t for d, p in zip(docs, plans, strict=True) for t in p.fast_texts(d.options.classify)
        ]
        main_texts = [t for p in plans for t in p.main_texts()]
        if self.fast is self.main:
            fast = main = self.main.encode([*fast_texts, *main_texts])
        else:
            fast, main = self.fast.encode(fast_texts), self.main.encode(main_texts)
        out = [
            self._enrich(doc, ex, plan, fast, main)
            for doc, ex, plan in zip(docs, extractions, plans, strict=True)
        ]
        elapsed = round((time.perf_counter() - started) * 1000 / max(1, len(out)), 2)
        return [_with_timing(ex, elapsed) for ex in out]

    def _plan(self, doc: Document, ex: Extraction) -> _Plan:
        classify = doc.options.classify
        claims = [c.span.text for c in ex.claims] if classify or doc.targets else []
        sentences = (
            [ex.text[s.start : s.end] for s in ex.sentences]
            if ex.sentences is not None and classify
            else []
        )
        context: list[str] = []
        if doc.targets and self.stance is not None:
            context = sentences or [ex.text[s:e] for s, e in sentence_spans(ex.text)]
        caller_labels = classify and bool(doc.labels) and self._labels_on_main_vectors()
        return _Plan(claims, bool(doc.targets) or caller_labels, sentences, context)

    def _labels_on_main_vectors(self) -> bool:
        return isinstance(self.zero_shot, EmbeddingZeroShot)

    def _enrich(
        self,
        doc: Document,
        ex: Extraction,
        plan: _Plan,
        fast: dict[str, np.ndarray],
        main: dict[str, np.ndarray],
    ) -> Extraction:
        n = len(ex.claims)
        main_vecs = self.main.rows(plan.claims, main) if plan.main_claims else None
        stances = self._claim_stances(doc, plan.claims, main_vecs) or [()] * n
        labels: list[tuple[LabelScore, ...]] = [()] * n
        worth: list[float | None] = [None] * n
        if doc.options.classify:  # else attribution only: stance when there are targets
            fast_vecs = self.fast.rows(plan.claims, fast)
            labels = self._labels(doc, plan.claims, fast_vecs, main_vecs)
            scores = self.fast.checkworthiness.score(plan.claims, fast_vecs)  # lexical w/o
            worth = [_round(w) for w in scores]
        claims = tuple(
            dataclasses.replace(
                claim, labels=labels[i], checkworthiness=worth[i], stance=stances[i]
            )
            for i, claim in enumerate(ex.claims)
        )
        sentences = ex.sentences
        if sentences is not None and doc.options.classify:
            sent_vecs = self.fast.rows(plan.sentences, fast)
            scores = self.fast.checkworthiness.score(plan.sentences, sent_vecs)
            sentences = tuple(
                SentenceInfo(s.start, s.end, _round(scores[i])) for i, s in enumerate(sentences)
            )
        return dataclasses.replace(
            ex,
            claims=claims,
            sentences=sentences,
            document_stance=self._document_stance(doc, plan, main),
        )

    def _labels(
        self,
        doc: Document,
        texts: list[str],
        fast_vecs: np.ndarray | None,
        main_vecs: np.ndarray | None,
    ) -> list[tuple[LabelScore, ...]]:
        """Caller labels on the main classifier; the default set on the fast tier when the
        backend is the embedding one (an operator who configured NLI gets NLI for both)."""
        if self.zero_shot is None or not texts:
            return [() for _ in texts]
        multi = doc.options.multi_label
        fast_zero_shot = self.fast.zero_shot
        on_fast = not doc.labels and self._labels_on_main_vectors()
        if on_fast and fast_vecs is not None and isinstance(fast_zero_shot, EmbeddingZeroShot):
            scores = fast_zero_shot.classify_vectors(fast_vecs, self.defaults, multi)
            return [_ranked(self.defaults, row) for row in scores]
        specs = as_specs(doc.labels) if doc.labels else self.defaults
        if main_vecs is not None and isinstance(self.zero_shot, EmbeddingZeroShot):
            scores = self.zero_shot.classify_vectors(main_vecs, specs, multi)
        else:
            scores = self.zero_shot.classify(texts, specs, multi)
        return [_ranked(specs, row) for row in scores]

    def _claim_stances(
        self, doc: Document, texts: list[str], vecs: np.ndarray | None
    ) -> list[tuple[Stance, ...]]:
        if not doc.targets or self.stance is None or vecs is None:
            return [() for _ in texts]
        per_target = [self.stance.claim_stance(texts, vecs, t) for t in doc.targets]
        return [
            tuple(
                Stance(t, res[i].label, res[i].score)
                for t, res in zip(doc.targets, per_target, strict=True)
            )
            for i in range(len(texts))
        ]

    def _document_stance(
        self, doc: Document, plan: _Plan, vectors: dict[str, np.ndarray]
    ) -> tuple[Stance, ...]:
        if not doc.targets or self.stance is None:
            return ()
        context_vecs = self.main.rows(plan.context, vectors)
        if context_vecs is None:
            return ()
        results = [self.stance.document_stance(plan.context, context_vecs, t) for t in doc.targets]
        return tuple(Stance(t, r.label, r.score) for t, r in zip(doc.targets, results, strict=True))


def _rows(texts: list[str], vectors: dict[str, np.ndarray], embedder: Any) -> np.ndarray | None:
    if embedder is None:
        return None
    if not texts:
        return np.zeros((0, embedder.dim), dtype=np.float32)
    return np.stack([vectors[t] for t in texts])


def _ranked(specs: Sequence[LabelSpec], row: np.ndarray) -> tuple[LabelScore, ...]:
    pairs = [
        LabelScore(spec.name, round(float(score), 4))
        for spec, score in zip(specs, row, strict=True)
    ]
    return tuple(sorted(pairs, key=lambda p: -p.score))


def _round(value: Any) -> float | None:
    return None if value is None else round(float(value), 4)


def _with_timing(ex: Extraction, classify_ms: float) -> Extraction:
    timings = {**ex.meta.get("timings_ms", {}), "classify_ms": classify_ms}
    return dataclasses.replace(ex, meta={**ex.meta, "timings_ms": timings})

"""Probes for the optimisation list: what each spaCy component costs and whether the
output needs it, one batched ``run`` against one call per document, the response
serialisation. MiniLM embeddings: tools/perf/embed.py."""

from __future__ import annotations

import dataclasses
import statistics
import time
from typing import Any

from tools.harness import corpus as bench_corpus
from tools.harness.stats import Summary, time_calls, time_paired
from tools.perf.inproc import Loaded

DISABLE_SETS = (
    ("ner",),
    ("lemmatizer",),
    ("attribute_ruler", "lemmatizer"),
    ("claimscope_newlines",),
)


def component_costs(nlp: Any, text: str, repeats: int) -> dict[str, float]:
    """Median ms per component (tokenizer first) over ``repeats`` passes of ``text``."""
    samples: dict[str, list[float]] = {"tokenizer": []}
    samples.update({name: [] for name in nlp.pipe_names})
    for _ in range(max(2, repeats)):
        t0 = time.perf_counter()
        doc = nlp.make_doc(text)
        samples["tokenizer"].append((time.perf_counter() - t0) * 1000.0)
        for name, proc in nlp.pipeline:
            t0 = time.perf_counter()
            doc = proc(doc)
            samples[name].append((time.perf_counter() - t0) * 1000.0)
    return {name: round(statistics.median(v), 2) for name, v in samples.items()}


class _DisabledParser:
    """The service's spaCy pipeline with some components switched off per call."""

    def __init__(self, inner: Any, nlp: Any, disable: tuple[str, ...]) -> None:
        self.name, self.version = inner.name, inner.version
        self._nlp, self._disable = nlp, [d for d in disable if d in nlp.pipe_names]

    @property
    def vocab(self) -> Any:
        return self._nlp.vocab

    def pipe(self, texts: Any) -> Any:
        return self._nlp.pipe(texts, disable=self._disable, batch_size=16)


def _signature(extraction: Any) -> tuple[set[tuple[Any, ...]], set[tuple[Any, ...]]]:
    speakers = {s.id: s.name for s in extraction.speakers}
    claims = {
        (c.span.start, c.span.end, c.type, speakers.get(c.speaker_id)) for c in extraction.claims
    }
    entities = {(e.start, e.end, e.label) for e in extraction.entities}
    return claims, entities


def disable_effects(
    env: Loaded, texts: dict[str, str], repeats: int, budget_s: float
) -> dict[str, Any]:
    """Per set of disabled components: parse ms saved (the service's own spaCy pipeline,
    first text) and how many claims/entities of the pipeline's output change."""
    from service.pipeline import ClaimPipeline

    models = env.pipeline.models
    nlp = getattr(models.parser, "_nlp", None)
    if nlp is None or not dataclasses.is_dataclass(models):
        return {"error": "the parser does not expose its spaCy pipeline"}
    docs = {name: env.document(text) for name, text in texts.items()}
    base = {name: _signature(env.extract(doc)) for name, doc in docs.items()}
    out: dict[str, Any] = {"pipe_names": list(nlp.pipe_names)}
    for disable in DISABLE_SETS:
        if not all(d in nlp.pipe_names for d in disable):
            continue
        trimmed = dataclasses.replace(models, parser=_DisabledParser(models.parser, nlp, disable))
        other = ClaimPipeline(trimmed, env.settings)
        lost_claims = new_claims = changed_entities = total_claims = 0
        for name, doc in docs.items():
            claims, entities = _signature(other.run([doc])[0])
            lost_claims += len(base[name][0] - claims)
            new_claims += len(claims - base[name][0])
            changed_entities += len(entities ^ base[name][1])
            total_claims += len(base[name][0])
        seed_text = next(iter(texts.values()))
        res = time_paired(
            {
                "all": lambda t=seed_text: list(nlp.pipe([t])),
                "trimmed": lambda t=seed_text, d=list(disable): list(nlp.pipe([t], disable=d)),
            },
            repeats,
            budget_s,
        )
        out["-".join(disable)] = {
            "all": res["all"],
            "trimmed": res["trimmed"],
            "saved_pct": 100 * (1 - res["trimmed"].p50 / res["all"].p50),
            "claims_lost": lost_claims,
            "claims_new": new_claims,
            "claims": total_claims,
            "entities_changed": changed_entities,
        }
    return out


def batching(
    env: Loaded, n_docs: int, chars: int, repeats: int, budget_s: float
) -> dict[str, Summary]:
    """One ``run`` over ``n_docs`` documents against one ``run`` per document."""
    docs = [
        env.document(bench_corpus.synthetic_article(chars, seed=100 + i)) for i in range(n_docs)
    ]

    def singly() -> None:
        for doc in docs:
            env.pipeline.run([doc])

    return time_paired(
        {"one_run": lambda: env.pipeline.run(docs), "per_doc": singly}, repeats, budget_s
    )


def serialisation(env: Loaded, text: str, repeats: int, budget_s: float) -> dict[str, Any]:
    """The response dump (``ExtractResponseSchema``, the one serialiser: ``to_wire`` for
    the CLI, flask-smorest's dump for HTTP), and the cost of the optional fields (entities,
    sentences) in the pipeline."""
    from service.api.schemas import ExtractResponseSchema
    from service.api.wire import parse_request, to_wire

    extraction = env.extract(env.document(text))
    schema = ExtractResponseSchema()
    dump = time_calls(lambda: schema.dump(extraction), repeats * 3, budget_s)
    convert = time_calls(lambda: to_wire(extraction), repeats * 3, budget_s)
    lean = parse_request({"text": text, "options": {"include_entities": False}}, env.settings)
    full = parse_request({"text": text, "options": {"include_sentences": True}}, env.settings)
    res = time_paired(
        {
            "default": lambda: env.extract(env.document(text)),
            "no_entities": lambda: env.extract(lean),
            "with_sentences": lambda: env.extract(full),
        },
        repeats,
        budget_s,
    )
    return {"to_wire": convert, "schema_dump": dump, **res}


def doc_text_cost(env: Loaded, text: str, repeats: int) -> dict[str, Any]:
    """``Doc.text`` rebuilds the string from every token on each access: its cost on one
    parse chunk (a loop that reads it per quotation is quadratic in article length)."""
    doc = env.parse_nlp(text)
    summary = time_calls(lambda: len(doc.text), repeats * 3, 10.0)
    return {"chars": len(text), "tokens": len(doc), "summary": summary}

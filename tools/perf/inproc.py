"""In-process measurements: ``ClaimPipeline.run`` (models loaded the way the service loads
them, through ``service.extension.shared_models``) against the bare spaCy parse of the same
text, per article size and per number of labels/targets; and, run as a child process
(``python -m tools.perf.inproc --peak CHARS``), the RSS after warm-up and the peak RSS of
one long article."""

from __future__ import annotations

import argparse
import json
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from tools.harness import corpus as bench_corpus
from tools.harness.stats import Fit, Summary, linear_fit, proc_status_mb, time_paired


@dataclass
class Loaded:
    pipeline: Any
    settings: Any
    parse_nlp: Any  # a separate spacy.load of the same model: the floor
    load_s: float

    def document(self, text: str, labels: int = 0, targets: int = 0, classify: bool = True) -> Any:
        """A request body through the same validation the HTTP view uses."""
        from service.api.wire import parse_request

        body: dict[str, Any] = {"text": text}
        if not classify:
            body["options"] = {"classify": False}
        if labels:
            body["labels"] = bench_corpus.labels(labels)
        if targets:
            body["targets"] = bench_corpus.targets(targets)
        return parse_request(body, self.settings)

    def extract(self, doc: Any) -> Any:
        return self.pipeline.run([doc])[0]


def load(floor: bool = True, **overrides: Any) -> Loaded:
    import spacy

    from service.config import Settings
    from service.extension import shared_models
    from service.pipeline import ClaimPipeline

    started = time.perf_counter()
    settings = Settings.from_env(**overrides)
    pipeline = ClaimPipeline(shared_models(settings), settings)
    load_s = time.perf_counter() - started
    nlp = spacy.load(settings.spacy_model) if floor else None
    if nlp is not None:
        nlp.max_length = 2_000_000
    return Loaded(pipeline, settings, nlp, load_s)


def latency_by_size(
    env: Loaded, texts: dict[str, str], repeats: int, budget_s: float
) -> dict[str, dict[str, Any]]:
    """Per text: pipeline vs parse, interleaved; the stage timings the pipeline reports."""
    out: dict[str, dict[str, Any]] = {}
    for name, text in texts.items():
        doc = env.document(text)
        reps = repeats if len(text) <= 6000 else max(3, repeats // 3)
        res = time_paired(
            {"ours": lambda d=doc: env.extract(d), "parse": lambda t=text: env.parse_nlp(t)},
            reps,
            budget_s,
        )
        extraction = env.extract(doc)
        out[name] = {
            "chars": len(text),
            "ours": res["ours"],
            "parse": res["parse"],
            "claims": len(extraction.claims),
            "speakers": len(extraction.speakers),
            "stage_ms": dict(extraction.meta.get("timings_ms", {})),
        }
    return out


def fit_by_size(rows: dict[str, dict[str, Any]], key: str) -> Fit:
    xs = [row["chars"] / 1000.0 for row in rows.values()]
    ys = [row[key].p50 for row in rows.values()]
    return linear_fit(xs, ys)


def label_sweep(
    env: Loaded,
    text: str,
    label_counts: list[int],
    target_counts: list[int],
    repeats: int,
    budget_s: float,
) -> dict[str, Summary]:
    """Latency against the number of labels (no targets) and of targets (no labels)."""
    calls: dict[str, Any] = {}
    for n in label_counts:
        calls[f"labels={n}"] = env.document(text, labels=n)
    for n in target_counts:
        calls[f"targets={n}"] = env.document(text, targets=n)
    fns = {name: (lambda d=doc: env.extract(d)) for name, doc in calls.items()}
    return time_paired(fns, repeats, budget_s)


def seed_variants(env: Loaded, text: str, repeats: int, budget_s: float) -> dict[str, Any]:
    """The seed, interleaved with its parse: the default request with the threads of one
    gunicorn worker and of the CLI (the target's measure), the same with torch on every
    core (what the CLI did before: faster on a quiet machine, far slower on a busy one, see
    ``Settings.single_process``), and attribution only (``options.classify=false``)."""
    import os

    import torch

    worker = env.settings.effective_torch_threads()
    cores = os.cpu_count() or 1
    default = env.document(text)
    plain = env.document(text, classify=False)

    def on(threads: int, doc: Any) -> Any:
        torch.set_num_threads(threads)
        return env.extract(doc)

    res = time_paired(
        {
            "parse": lambda: env.parse_nlp(text),
            "worker": lambda: on(worker, default),
            "all_cores": lambda: on(cores, default),
            "classify_false": lambda: on(worker, plain),
        },
        repeats,
        budget_s,
    )
    torch.set_num_threads(worker)
    return {
        **res,
        "threads": {"worker": worker, "all_cores": cores, "cpu_count": os.cpu_count()},
    }


def label_fields_used(env: Loaded, text: str) -> dict[str, Any]:
    """Whether the response carries label/stance scores yet (another stage fills them)."""
    ex = env.extract(env.document(text, labels=5, targets=2))
    labelled = sum(1 for c in ex.claims if getattr(c, "labels", ()))
    stanced = sum(1 for c in ex.claims if getattr(c, "stance", ()))
    return {
        "claims": len(ex.claims),
        "with_labels": labelled,
        "with_stance": stanced,
        "document_stance": len(getattr(ex, "document_stance", ()) or ()),
    }


# ---- child process: RSS after warm-up and peak RSS of one long article ------------------
def peak_child(chars: int, load_embedder: bool) -> dict[str, Any]:
    base = proc_status_mb()
    env = load(floor=False, load_embedder=load_embedder)
    loaded = proc_status_mb()
    seed = bench_corpus.seed_text()
    for _ in range(3):
        env.extract(env.document(seed, labels=5, targets=2))
    warm = proc_status_mb()
    text = bench_corpus.synthetic_article(chars)
    t0 = time.perf_counter()
    extraction = env.extract(env.document(text))
    elapsed = (time.perf_counter() - t0) * 1000.0
    after = proc_status_mb()
    return {
        "chars": len(text),
        "load_embedder": load_embedder,
        "ms": round(elapsed, 1),
        "claims": len(extraction.claims),
        "rss_python_mb": round(base.get("VmRSS", 0), 1),
        "rss_loaded_mb": round(loaded.get("VmRSS", 0), 1),
        "rss_warm_mb": round(warm.get("VmRSS", 0), 1),
        "hwm_warm_mb": round(warm.get("VmHWM", 0), 1),
        "rss_after_mb": round(after.get("VmRSS", 0), 1),
        "peak_mb": round(after.get("VmHWM", 0), 1),
    }


def run_peak_child(
    chars: int, load_embedder: bool = True, timeout: float = 600.0
) -> dict[str, Any]:
    import subprocess

    cmd = [sys.executable, "-m", "tools.perf.inproc", "--peak", str(chars)]
    if not load_embedder:
        cmd.append("--no-embedder")
    proc = subprocess.run(
        cmd,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
        cwd=Path(__file__).resolve().parents[2],
    )
    lines = [ln for ln in proc.stdout.splitlines() if ln.startswith("{")]
    if proc.returncode != 0 or not lines:
        return {"error": (proc.stderr or proc.stdout)[-500:], "chars": chars}
    result: dict[str, Any] = json.loads(lines[-1])
    return result


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description="peak-RSS child of tools.perf.run")
    ap.add_argument("--peak", type=int, required=True, help="characters of the long article")
    ap.add_argument("--no-embedder", action="store_true")
    args = ap.parse_args(argv)
    print(json.dumps(peak_child(args.peak, not args.no_embedder)))
    return 0


if __name__ == "__main__":
    sys.exit(main())

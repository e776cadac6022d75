#!/usr/bin/env python3
"""claimscope benchmark (issue 5): /extract latency in process and over HTTP (gunicorn) on
the seed and synthetic articles, the fit of cost against length, throughput with 1 and 2
workers, RSS per worker and the peak RSS of a long article, latency against labels/targets,
peers in the same run (spaCy parse alone, textacy direct_quotations, a bart-large zero-shot
pipeline with random weights) and probes for the optimisation list.

Writes tools/perf/RESULTS.md (and tools/perf/out/results.json) and prints the summary table.

Usage:
    python -m tools.perf.run                     # the full run (make bench), ~6 min
    python -m tools.perf.run --quick --skip-http # smoke run (tests/test_bench_smoke.py)
"""

from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import json
import os
import shlex
import sys
import time
from pathlib import Path
from typing import Any

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")

from tools.harness import corpus as bench_corpus
from tools.harness.stats import REPO, load_average, machine_info
from tools.perf import embed as bench_embed
from tools.perf import http_bench as bench_http
from tools.perf import inproc as bench_inproc
from tools.perf import peers as bench_peers
from tools.perf import probes as bench_probes
from tools.perf import report as bench_report
from tools.perf import sections as bench_sections

FULL_SIZES = (1000, 5000, 20000, 100000)
QUICK_SIZES = (1000, 3000)


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    ap.add_argument(
        "--quick",
        action="store_true",
        help="few repeats, small sizes, tiny bart (a smoke run: no real numbers)",
    )
    ap.add_argument("--repeats", type=int, default=None, help="timed repeats per measurement")
    ap.add_argument("--skip-http", action="store_true", help="no gunicorn measurements")
    ap.add_argument("--skip-peers", action="store_true", help="no textacy / bart peers")
    ap.add_argument("--skip-probes", action="store_true", help="no optimisation probes")
    ap.add_argument("--sizes", default=None, help="comma-separated article sizes in chars")
    ap.add_argument(
        "--long-chars",
        type=int,
        default=None,
        help="the long article of the peak-RSS check (default 100000)",
    )
    ap.add_argument(
        "--bart",
        choices=("large", "tiny"),
        default=None,
        help="bart peer size (default large; tiny with --quick)",
    )
    ap.add_argument("--budget", type=float, default=None, help="seconds per measurement cap")
    ap.add_argument("--out", default=str(REPO / "tools" / "perf" / "RESULTS.md"))
    ap.add_argument("--json", default=str(REPO / "tools" / "perf" / "out" / "results.json"))
    a = ap.parse_args(argv)
    a.repeats = a.repeats or (3 if a.quick else 10)
    a.budget = a.budget or (5.0 if a.quick else 20.0)
    sizes = a.sizes.split(",") if a.sizes else (QUICK_SIZES if a.quick else FULL_SIZES)
    a.size_list = [int(s) for s in sizes]
    a.long_chars = a.long_chars or (5000 if a.quick else 100_000)
    a.bart = a.bart or ("tiny" if a.quick else "large")
    a.label_counts = [0, 5] if a.quick else [0, 1, 5, 10, 20, 50]
    a.target_counts = [2] if a.quick else [1, 5, 10, 20]
    return a


def log(message: str) -> None:
    print(f"[bench {time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


def inputs(a: argparse.Namespace) -> dict[str, str]:
    texts = {"seed": bench_corpus.seed_text()}
    for n in a.size_list:
        texts[f"{n // 1000}k" if n % 1000 == 0 else str(n)] = bench_corpus.synthetic_article(n)
    return texts


def run_memory(a: argparse.Namespace, r: dict[str, Any]) -> None:
    if a.quick:  # in this process (it has loaded nothing yet): saves a model load
        log(f"peak RSS in process: {a.long_chars:,}-char article")
        r["memory"] = {"peak_long": bench_inproc.peak_child(a.long_chars, True)}
        return
    log(f"peak-RSS child: {a.long_chars:,}-char article, with the embedder")
    r["memory"] = {"peak_long": bench_inproc.run_peak_child(a.long_chars, True)}
    if not a.quick:
        log("peak-RSS child: same, without the embedder")
        r["memory"]["peak_no_embedder"] = bench_inproc.run_peak_child(a.long_chars, False)


def run_inproc(
    a: argparse.Namespace, r: dict[str, Any], env: bench_inproc.Loaded, texts: dict[str, str]
) -> None:
    log("in process: latency by size (ours vs spaCy parse, interleaved)")
    sizes = bench_inproc.latency_by_size(env, texts, a.repeats, a.budget)
    synthetic = {k: v for k, v in sizes.items() if k != "seed"}
    r["inproc"] = {
        "load_s": env.load_s,
        "sizes": sizes,
        "fit_ours": bench_inproc.fit_by_size(synthetic, "ours"),
        "fit_parse": bench_inproc.fit_by_size(synthetic, "parse"),
    }
    log("in process: labels and targets")
    r["inproc"]["labels"] = bench_inproc.label_sweep(
        env, texts["seed"], a.label_counts, a.target_counts, a.repeats, a.budget
    )
    r["inproc"]["label_fields"] = bench_inproc.label_fields_used(env, texts["seed"])
    log("in process: the seed per thread setting, and attribution only")
    r["inproc"]["seed_variants"] = bench_inproc.seed_variants(
        env, texts["seed"], a.repeats if a.quick else max(a.repeats, 10), a.budget
    )


def run_probes(
    a: argparse.Namespace, r: dict[str, Any], env: bench_inproc.Loaded, texts: dict[str, str]
) -> None:
    seed = texts["seed"]
    p: dict[str, Any] = {}
    log("probes: spaCy components")
    p["components"] = bench_probes.component_costs(env.parse_nlp, seed, a.repeats)
    sample = {k: texts[k] for k in list(texts)[: 2 if a.quick else 3]}
    p["disable"] = bench_probes.disable_effects(env, sample, a.repeats, a.budget)
    chunk = texts[max(texts, key=lambda k: len(texts[k]) if len(texts[k]) <= 20000 else 0)]
    p["doc_text"] = bench_probes.doc_text_cost(env, chunk, a.repeats)
    log("probes: batching and serialisation")
    p["batching"] = bench_probes.batching(
        env, 2 if a.quick else 8, 3000, max(2, a.repeats // 3), a.budget
    )
    p["serialisation"] = bench_probes.serialisation(env, seed, a.repeats, a.budget)
    log("probes: MiniLM embeddings (threads, batching, bf16)")
    claims = [c.span.text for c in env.extract(env.document(seed)).claims]
    try:
        p["embeddings"] = bench_embed.embeddings(
            claims or [seed[:200]],
            list(bench_corpus.FIVE_LABELS),
            bench_corpus.targets(5),
            a.repeats,
            a.budget,
            threads=(1,) if a.quick else (1, 2),
            batch_sizes=(8, 32) if a.quick else (4, 8, 16, 32),
        )
    except (ImportError, OSError, RuntimeError) as exc:
        p["embeddings"] = {"error": str(exc)[:300]}
    r["probes"] = p


def run_peers(
    a: argparse.Namespace, r: dict[str, Any], env: bench_inproc.Loaded, seed: str
) -> None:
    doc = env.parse_nlp(seed)
    r["peers"] = {"textacy": bench_peers.textacy_quotes(doc, a.repeats * 3, a.budget)}
    sentences = [s.text.strip() for s in doc.sents if s.text.strip()]
    if a.quick:
        sentences = sentences[:3]
    log(f"peers: bart ({a.bart}) zero-shot on {len(sentences)} sentences × 5 labels")
    try:
        r["peers"]["bart"] = bench_peers.bart_zero_shot(
            sentences, list(bench_corpus.FIVE_LABELS), a.bart, 1
        )
    except (ImportError, OSError, RuntimeError, ValueError) as exc:
        r["peers"]["bart"] = {"error": f"{type(exc).__name__}: {exc}"[:300]}


def _label_bodies(a: argparse.Namespace, seed: str) -> dict[str, dict[str, Any]]:
    bodies: dict[str, dict[str, Any]] = {}
    for k in a.label_counts:
        bodies[f"labels={k}"] = {"text": seed, **({"labels": bench_corpus.labels(k)} if k else {})}
    for k in a.target_counts:
        bodies[f"targets={k}"] = {"text": seed, "targets": bench_corpus.targets(k)}
    return bodies


def run_http(a: argparse.Namespace, r: dict[str, Any], texts: dict[str, str]) -> None:
    """1 worker: warm-up → RSS → throughput → latency by size (longest last) → peak RSS →
    labels/targets. 1 worker with 1 torch thread, and 2 workers: warm-up → RSS →
    throughput. Same body, 2 client threads per worker."""
    h: dict[str, Any] = {"throughput": {}, "warm_memory": {}, "notes": []}
    seed_body = {"text": texts["seed"]}
    n = 6 if a.quick else 100  # per worker: windows of ~15 s (the seed ~150 ms a request)
    # "1t": one worker with torch pinned to 1 thread, as each of 2 workers gets by default.
    for key, workers, extra in (
        ("1", 1, {}),
        ("1t", 1, {"CLAIMSCOPE_TORCH_THREADS": "1"}),
        ("2", 2, {}),
    ):
        log(f"HTTP: gunicorn with {workers} worker(s) {extra or ''}")
        with bench_http.serve(workers, REPO / "tools" / "perf" / "out", **extra) as server:
            h[f"start_s_{key}"] = round(server.start_s, 1)
            h["notes"].extend(server.notes)
            for _ in range(3 * workers):
                bench_http.request(server.port, "POST", "/extract", seed_body)
            h["warm_memory"][key] = server.worker_memory()
            h["throughput"][key] = bench_http.throughput(
                server, seed_body, clients=2 * workers, requests=n * workers, max_s=120.0
            )
            if key == "1":
                bodies = {name: {"text": t} for name, t in texts.items()}
                h["latency"] = bench_http.latency(server, bodies, a.repeats, a.budget)
                h["after_latency"] = server.worker_memory()
                h["peak_worker_hwm_mb"] = max(
                    (m.get("VmHWM", 0.0) for m in h["after_latency"]), default=None
                )
                h["labels"] = bench_http.latency(
                    server, _label_bodies(a, texts["seed"]), max(3, a.repeats // 2), a.budget
                )
    long_body = {"text": texts[max(texts, key=lambda k: len(texts[k]))]}
    log("HTTP: 1 worker with MALLOC_ARENA_MAX=2, the longest article 4 times")
    with bench_http.serve(1, REPO / "tools" / "perf" / "out", MALLOC_ARENA_MAX="2") as server:
        bench_http.request(server.port, "POST", "/extract", seed_body)
        h["arena2_warm"] = server.worker_memory()
        for _ in range(4):  # as many as the 1-worker latency sweep sends (warm-up + 3)
            bench_http.request(server.port, "POST", "/extract", long_body)
        h["arena2_after_long"] = server.worker_memory()
    r["http"] = h


def main(argv: list[str] | None = None) -> int:
    a = parse_args(argv)
    started = time.perf_counter()
    r: dict[str, Any] = {
        "machine": machine_info(),
        "quick": a.quick,
        "command": "python -m tools.perf.run " + shlex.join(argv or sys.argv[1:]),
        "date": dt.datetime.now().astimezone().isoformat(timespec="seconds"),
    }
    texts = inputs(a)
    run_memory(a, r)
    log("in process: loading the pipeline (service.extension.shared_models)")
    env = bench_inproc.load()
    run_inproc(a, r, env, texts)
    if not a.skip_probes:
        run_probes(a, r, env, texts)
    if not a.skip_peers:
        run_peers(a, r, env, texts["seed"])
    if not a.skip_http:
        try:
            run_http(a, r, texts)
        except (RuntimeError, OSError) as exc:
            r["http"] = {"error": str(exc)[:500]}
    r["load_end"] = load_average()
    r["duration_s"] = time.perf_counter() - started
    sections = bench_sections.build(r)
    out = Path(a.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(bench_report.results_markdown(r, sections), encoding="utf-8")
    Path(a.json).parent.mkdir(parents=True, exist_ok=True)
    Path(a.json).write_text(json.dumps(r, indent=1, default=_jsonable), encoding="utf-8")
    print(bench_report.summary_text(r))
    print()
    print("\n".join(bench_sections.latency_table(r)))
    print(f"\nwrote {out} ({r['duration_s']:.0f} s)")
    return 0


def _jsonable(obj: Any) -> Any:
    if dataclasses.is_dataclass(obj) and not isinstance(obj, type):
        return dataclasses.asdict(obj)
    return str(obj)


if __name__ == "__main__":
    sys.exit(main())

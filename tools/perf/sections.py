"""The detail sections of tools/perf/RESULTS.md."""

from __future__ import annotations

from typing import Any

from tools.harness.stats import Summary
from tools.perf.report import cell, get, size_rows, table


def latency_table(r: dict[str, Any]) -> list[str]:
    return table(
        [
            "article",
            "chars",
            "ours in process",
            "spaCy parse alone",
            "ours/parse",
            "ours over HTTP (1 worker)",
            "claims / speakers",
            "stage ms (last run)",
        ],
        size_rows(r),
    )


def _commands(r: dict[str, Any]) -> list[str]:
    return [
        "```",
        r["command"],
        "# HTTP: for N in 1 2",
        "CLAIMSCOPE_WORKERS=N claimscope serve --bind 127.0.0.1:<free port> --workers N",
        "# wait for /readyz 200 and one 'models ready' log line per worker",
        "```",
        "",
        "In process = `ClaimPipeline.run([doc])` with models from "
        "`service.extension.shared_models(Settings.from_env())`, documents built by "
        "`service.api.wire.parse_request` (the HTTP view's validation). Parse alone = "
        "`nlp(text)` on a separate `spacy.load` of the same model. The two are timed "
        "interleaved. Synthetic articles are template news paragraphs (quotes, said-"
        "attributions, reported speech; tools/harness/corpus.py), deterministic.",
    ]


def _fit(r: dict[str, Any]) -> list[str]:
    ours, parse = get(r, "inproc", "fit_ours"), get(r, "inproc", "fit_parse")
    if ours is None:
        return ["n/a"]
    return [
        "Least squares over the synthetic articles (p50 against kchars):",
        "",
        f"- ours, in process: {ours.text()}",
        f"- spaCy parse alone: {parse.text()}",
        f"- extraction on top of the parse: {ours.slope - parse.slope:.2f} ms/kchar",
    ]


def _memory(r: dict[str, Any]) -> list[str]:
    lines: list[str] = []
    for key, title in (
        ("peak_long", "with the embedder (default settings)"),
        ("peak_no_embedder", "CLAIMSCOPE_LOAD_EMBEDDER=false"),
    ):
        m = get(r, "memory", key)
        if not m:
            continue
        if "error" in m:
            lines.append(f"- child {title}: error {m['error']!r}")
            continue
        lines.append(
            f"- child process, {title}: RSS bare python {m['rss_python_mb']} MB → "
            f"models loaded {m['rss_loaded_mb']} MB → after warm-up "
            f"{m['rss_warm_mb']} MB; {m['chars']:,}-char article in {m['ms']} ms "
            f"({m['claims']} claims), peak RSS (VmHWM) {m['peak_mb']} MB, "
            f"RSS after {m['rss_after_mb']} MB"
        )
    return lines


def _mem(entries: list[dict[str, float]]) -> str:
    return "; ".join(
        f"RSS {m.get('VmRSS', 0):.0f} (PSS {m.get('Pss', 0):.0f}, peak {m.get('VmHWM', 0):.0f})"
        for m in entries
    )


def _http(r: dict[str, Any]) -> list[str]:
    h = r.get("http")
    if not h:
        return ["Skipped (--skip-http)."]
    if "error" in h:
        return [f"Failed: {h['error']}"]
    rows = []
    for workers, t in h["throughput"].items():
        spread = ", ".join(
            f"{sum(v for k, v in c.items() if k == '200')} ok/"
            f"{sum(v for k, v in c.items() if k != '200')} refused"
            for c in t.get("per_worker", {}).values()
        )
        rows.append(
            [
                workers,
                str(t["clients"]),
                f"{t['completed']} (shed {t.get('shed', 0)}, errors {t['errors']})",
                spread or "n/a",
                f"{t['seconds']}",
                f"{t['rps']:.2f}",
                cell(t["latency"]),
                _mem(h.get("warm_memory", {}).get(workers, [])),
            ]
        )
    header = ["workers", "client threads", "requests", "per worker (access log)", "s"]
    header += ["req/s", "latency ms", "worker MB after warm-up"]
    lines = table(header, rows)
    lines += [
        "",
        "Rows: `1` = 1 worker (torch threads = cores / workers = 2), `1t` = 1 worker with "
        "CLAIMSCOPE_TORCH_THREADS=1, `2` = 2 workers (1 torch thread each). Body: the seed "
        "article; 2 client threads per worker; a 503/429 refusal (backpressure) counts as "
        f"shed and is retried after 0.5 s. Start to ready: {h.get('start_s_1')} s "
        f"(1 worker), {h.get('start_s_2')} s (2 workers).",
        f"After the latency sweep (longest article last), the 1-worker server: "
        f"{_mem(h.get('after_latency', []))} MB.",
    ]
    if h.get("arena2_after_long"):
        lines.append(
            f"Same worker started with MALLOC_ARENA_MAX=2 (glibc malloc arenas; gthread "
            f"workers run requests on several threads): after warm-up "
            f"{_mem(h.get('arena2_warm', []))} MB; after the longest article 4 times "
            f"{_mem(h['arena2_after_long'])} MB."
        )
    lines += [f"Note: {n}" for n in h.get("notes", [])]
    return lines


def _labels(r: dict[str, Any]) -> list[str]:
    inproc = get(r, "inproc", "labels") or {}
    http = get(r, "http", "labels") or {}
    base = inproc.get("labels=0")
    rows = [
        [name, cell(s), f"{s.p50 / base.p50:.2f}×" if base else "", cell(http.get(name))]
        for name, s in inproc.items()
    ]
    used = get(r, "inproc", "label_fields") or {}
    return [
        *table(["request", "in process", "vs no labels", "HTTP (1 worker)"], rows),
        "",
        f"With 5 labels and 2 targets on the seed, {used.get('with_labels', '?')} of "
        f"{used.get('claims', '?')} claims carry label scores and "
        f"{used.get('with_stance', '?')} carry stance; document stance entries: "
        f"{used.get('document_stance', '?')}. A request with no labels and no targets runs "
        "only the fast tier (MiniLM's first layer); caller labels or targets add the full "
        "model over the claims (and, for targets, the article's sentences), hence the step "
        "from 0 to 1 label.",
    ]


def _peers(r: dict[str, Any]) -> list[str]:
    p = r.get("peers")
    if not p:
        return ["Skipped (--skip-peers)."]
    seed = get(r, "inproc", "sizes", "seed") or {}
    ours, parse = seed.get("ours"), seed.get("parse")
    lines = [
        f"- spaCy parse alone of the seed (the floor): {cell(parse)}",
        f"- ours, in process: {cell(ours)}",
    ]
    t = p.get("textacy", {})
    if "error" in t:
        lines.append(f"- textacy direct_quotations: {t['error']}")
    else:
        lines.append(
            f"- textacy `direct_quotations` over the same parse (cost on top of the "
            f"parse): {cell(t['summary'])}; {t['quotes']} quotations found"
        )
    b = p.get("bart", {})
    if "error" in b:
        lines.append(f"- bart zero-shot: {b['error']}")
    elif b:
        ratio = (b["summary"].p50 / ours.p50) if isinstance(ours, Summary) else float("nan")
        lines.append(
            f"- HF zero-shot-classification, bart-{b['size']} architecture "
            f"({b['params_m']}M params, d_model {b['d_model']}, {b['layers']} layers, "
            f"vocab resized to {b['vocab']}), **timing only (random weights)**: "
            f"{b['sentences']} sentences × {b['labels']} labels = {b['pairs']} "
            f"pairs in {b['summary'].p50 / 1000:.1f} s ({b['per_pair_ms']} ms/pair, "
            f"{b['threads']} torch threads, the faster in a one-sentence trial "
            f"{b.get('trial_ms_by_threads')}; model build {b['build_s']} s) = {ratio:.0f}× ours"
        )
    return lines


def _probes(r: dict[str, Any]) -> list[str]:
    p = r.get("probes")
    if not p:
        return ["Skipped (--skip-probes)."]
    comp = p["components"]
    total = sum(comp.values())
    lines = [
        "spaCy cost per component on the seed (median ms, separate spacy.load):",
        "",
        *table(
            ["component", "ms", "share"],
            [[k, f"{v:.2f}", f"{100 * v / total:.0f}%"] for k, v in comp.items()],
        ),
        "",
        "Components switched off in the service's own spaCy pipeline: parse time of the seed, "
        "and the change in the pipeline's output over the first texts:",
        "",
    ]
    d = p["disable"]
    if "error" in d:
        lines.append(d["error"])
    else:
        rows = [
            [
                name,
                cell(v["all"]),
                cell(v["trimmed"]),
                f"{v['saved_pct']:.0f}%",
                f"−{v['claims_lost']} / +{v['claims_new']} of {v['claims']}",
                str(v["entities_changed"]),
            ]
            for name, v in d.items()
            if isinstance(v, dict)
        ]
        lines += table(
            ["disabled", "all on", "disabled", "saved", "claims lost / new", "entities changed"],
            rows,
        )
    dt = p.get("doc_text")
    if dt:
        lines += [
            "",
            f"`len(doc.text)` on a parsed {dt['chars']:,}-char chunk ({dt['tokens']:,} tokens): "
            f"{cell(dt['summary'])} per access (spaCy rebuilds the string from the tokens).",
        ]
    b, s = p["batching"], p["serialisation"]
    lines += [
        "",
        f"Batching, {'8' if not r['quick'] else '2'} articles of 3k chars: one "
        f"`run(docs)` {cell(b['one_run'])} vs one `run` per doc {cell(b['per_doc'])}.",
        f"Serialisation of the seed response: `to_wire` {cell(s['to_wire'])}; "
        f"marshmallow `ExtractResponseSchema().dump` {cell(s['schema_dump'])}.",
        f"Optional fields: default {cell(s['default'])}; include_entities=false "
        f"{cell(s['no_entities'])}; include_sentences=true {cell(s['with_sentences'])}.",
        "",
        *_embeddings(p.get("embeddings", {})),
    ]
    return lines


def _embeddings(e: dict[str, Any]) -> list[str]:
    if not e or "error" in e:
        return [f"MiniLM probe: {e.get('error', 'not run')}"]
    rows = [
        [threads, f"{variant} batch=32", cell(s)]
        for threads in (k for k in e if k.startswith("threads="))
        for variant, s in e[threads].items()
    ]
    rows += [["threads=1", name, cell(s)] for name, s in e["batch_sizes"].items()]
    padded = ", ".join(f"batch {bs}: {n}" for bs, n in e["padded"].items())
    lines = [
        f"MiniLM (all-MiniLM-L6-v2) on the seed's {e['claims']} claim texts ({e['tokens']} "
        f"tokens, longest {e['max_tokens']}; tokens computed after length sorting and "
        f"padding: {padded}):",
        "",
        *table(["torch", "variant", "encode ms"], rows),
        "",
        f"- one call per claim instead of one call for all (fp32, 1 thread): "
        f"{cell(e['per_claim_calls'])}",
        f"- encoding the labels per request (what a cache saves): 5 labels "
        f"{cell(e['labels_5'])}, 50 labels {cell(e['labels_50'])}",
        f"- MiniLM tokenisation alone of the claims: {cell(e['tokenize_only'])}",
    ]
    if e.get("tiers"):
        lines += [
            "",
            "The service's encoders on the same claims, 1 thread, bf16 autocast where the CPU "
            "has it (the fast tier, `FAST_ENCODER_LAYERS=1`, scores default labels and "
            "check-worthiness of every claim):",
            "",
            *table(["encoder", "encode ms"], [[k, cell(v)] for k, v in e["tiers"].items()]),
            "",
        ]
    for name in ("bf16_autocast", "bf16_weights"):
        err = e[f"{name}_error"]
        lines.append(
            f"- {name} vs fp32: relative error median {err['rel_median_pct']:.2f}%, "
            f"max {err['rel_max_pct']:.2f}% (target ≤ 1%), min cosine "
            f"{err['cos_min']:.5f}; nearest of 5 labels changed for "
            f"{err['label_changes']} claims, nearest of 5 targets for "
            f"{err['target_changes']}"
        )
    return lines


def build(r: dict[str, Any]) -> list[tuple[str, list[str]]]:
    return [
        ("Commands", _commands(r)),
        ("Latency by article size", latency_table(r)),
        ("Cost against length", _fit(r)),
        ("Throughput and memory", [*_http(r), "", *_memory(r)]),
        ("Latency against labels and targets", _labels(r)),
        ("Peers (same run)", _peers(r)),
        ("Optimisation probes", _probes(r)),
    ]

"""The summary table (targets and ratios) and ``tools/perf/RESULTS.md`` from one run's results."""

from __future__ import annotations

import math
from typing import Any

from tools.harness.stats import Summary

NOTE_NOISE = (
    "The machine is shared: other engineers run tests on the same 2 cores, so "
    "absolute times drift. Timings that are compared are interleaved (A, B, A, B) "
    "within one run; quote the ratios, and re-run when the load average is high."
)


def _p50(s: Any) -> float:
    return s.p50 if isinstance(s, Summary) else float("nan")


def get(results: dict[str, Any], *keys: str) -> Any:
    node: Any = results
    for key in keys:
        if not isinstance(node, dict) or key not in node:
            return None
        node = node[key]
    return node


def target_rows(r: dict[str, Any]) -> list[tuple[str, str, str, str]]:
    """(measure, value, target, verdict) for each target of issue 5."""
    rows: list[tuple[str, str, str, str]] = []

    def add(name: str, value: float | None, target: str, ok: bool | None, fmt: str) -> None:
        if value is None or (isinstance(value, float) and math.isnan(value)):
            rows.append((name, "n/a", target, "not measured"))
        else:
            verdict = "info" if ok is None else "PASS" if ok else "FAIL"
            rows.append((name, fmt.format(value), target, verdict))

    seed = get(r, "inproc", "sizes", "seed") or {}
    ours, parse = _p50(seed.get("ours")), _p50(seed.get("parse"))
    ratio = ours / parse if parse else None
    add(
        "seed in process: ours p50 / parse p50",
        ratio,
        "≤ 1.5×",
        ratio is not None and ratio <= 1.5,
        "{:.2f}×",
    )
    variants = get(r, "inproc", "seed_variants") or {}
    if variants.get("parse"):
        v_parse = _p50(variants["parse"])
        threads = variants.get("threads", {})
        for key, label in (
            ("worker", f"same, paired run, {threads.get('worker')} thread (a worker, the CLI)"),
            ("all_cores", f"same, torch on {threads.get('all_cores')} threads (not a default)"),
            ("classify_false", "same, options.classify=false (attribution only)"),
        ):
            value = _p50(variants[key]) / v_parse if variants.get(key) else None
            ok = None if key == "all_cores" else value is not None and value <= 1.5
            add(label, value, "≤ 1.5×" if ok is not None else "—", ok, "{:.2f}×")
    bart = get(r, "peers", "bart")
    bart_ms = _p50(bart.get("summary")) if isinstance(bart, dict) else float("nan")
    speedup = bart_ms / ours if ours and not math.isnan(bart_ms) else None
    if isinstance(bart, dict) and bart.get("size") != "large":
        speedup = None
    add(
        "bart-large zero-shot (random weights) / ours",
        speedup,
        "≥ 100×",
        speedup is not None and speedup >= 100,
        "{:.0f}×",
    )
    t1, t2 = get(r, "http", "throughput", "1"), get(r, "http", "throughput", "2")
    scale = t2["rps"] / t1["rps"] if t1 and t2 and t1["rps"] else None
    add(
        "throughput 2 workers / 1 worker (default threads)",
        scale,
        "≥ 1.7×",
        scale is not None and scale >= 1.7,
        "{:.2f}×",
    )
    t1t = get(r, "http", "throughput", "1t")
    if t1t and t2 and t1t["rps"]:
        scale = t2["rps"] / t1t["rps"]
        add(
            "throughput 2 workers / 1 worker pinned to 1 torch thread",
            scale,
            "≥ 1.7×",
            scale >= 1.7,
            "{:.2f}×",
        )
    rss = worker_rss(r)
    add(
        "RSS per worker after warm-up (max)",
        rss,
        "≤ 800 MB",
        rss is not None and rss <= 800,
        "{:.0f} MB",
    )
    peak = get(r, "memory", "peak_long", "peak_mb")
    chars = get(r, "memory", "peak_long", "chars") or 0
    add(
        f"peak RSS, {chars:,}-char article (in process)",
        peak,
        "< 1536 MB",
        peak is not None and peak < 1536,
        "{:.0f} MB",
    )
    http_peak = get(r, "http", "peak_worker_hwm_mb")
    if http_peak is not None:
        add(
            "peak RSS of a worker after the long article (HTTP)",
            http_peak,
            "< 1536 MB",
            http_peak < 1536,
            "{:.0f} MB",
        )
    arena = get(r, "http", "arena2_after_long")
    if arena:
        value = max(m.get("VmHWM", 0.0) for m in arena)
        add(
            "same, worker started with MALLOC_ARENA_MAX=2",
            value,
            "< 1536 MB",
            value < 1536,
            "{:.0f} MB",
        )
    fit = get(r, "inproc", "fit_ours")
    if fit is not None:
        add(
            f"cost vs length, in process: {fit.text()}",
            fit.r2,
            "linear (R² ≥ 0.98)",
            fit.r2 >= 0.98,
            "R² {:.4f}",
        )
    return rows


def worker_rss(r: dict[str, Any]) -> float | None:
    """The largest worker RSS after warm-up (seed requests only), over both servers."""
    warm = get(r, "http", "warm_memory") or {}
    mems = [m.get("VmRSS") for entries in warm.values() for m in entries]
    mems += [
        m.get("VmRSS")
        for t in (get(r, "http", "throughput") or {}).values()
        for m in t.get("memory", [])
    ]
    mems = [m for m in mems if m]
    if mems:
        return float(max(mems))
    child = get(r, "memory", "peak_long", "rss_warm_mb")
    return float(child) if child else None


def table(header: list[str], rows: list[list[str]]) -> list[str]:
    out = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    out += ["| " + " | ".join(row) + " |" for row in rows]
    return out


def cell(s: Any) -> str:
    return s.cell() if isinstance(s, Summary) else "n/a"


def summary_text(r: dict[str, Any]) -> str:
    rows = [list(row) for row in target_rows(r)]
    return "\n".join(table(["measure", "value", "target", "verdict"], rows))


def size_rows(r: dict[str, Any]) -> list[list[str]]:
    sizes = get(r, "inproc", "sizes") or {}
    http = get(r, "http", "latency") or {}
    rows = []
    for name, row in sizes.items():
        ours, parse = row["ours"], row["parse"]
        rows.append(
            [
                name,
                f"{row['chars']:,}",
                cell(ours),
                cell(parse),
                f"{ours.p50 / parse.p50:.2f}×",
                cell(http.get(name)),
                f"{row['claims']} / {row['speakers']}",
                ", ".join(f"{k} {v:g}" for k, v in row.get("stage_ms", {}).items()),
            ]
        )
    return rows


def results_markdown(r: dict[str, Any], sections: list[tuple[str, list[str]]]) -> str:
    m = r["machine"]
    lines = [
        "# claimscope benchmark results",
        "",
        f"Generated by `{r['command']}` on {r['date']} in {r['duration_s']:.0f} s "
        f"(git {m['git']}). Do not edit: `make bench` rewrites this file.",
        "",
        "## Machine",
        "",
        f"- CPU: {m['cpu']}, {m['cores']} cores, {m['mem_gb']} GB RAM; AVX-512: "
        f"{m['avx512']}; BF16 flags: {', '.join(m['bf16']) or 'none'}",
        f"- Python {m['python']}, {m['platform']}",
        "- " + ", ".join(f"{k} {v}" for k, v in m["versions"].items()),
        f"- Load average (1/5/15 min) at start: "
        f"{' / '.join(f'{x:.2f}' for x in m['load_start'])}; at end: "
        f"{' / '.join(f'{x:.2f}' for x in r['load_end'])}",
        f"- {NOTE_NOISE}",
        "",
        "Cells read `p50 / p95 (min–max, n=samples)` in milliseconds.",
        "",
        "## Summary against the targets of issue 5",
        "",
        summary_text(r),
        "",
    ]
    for title, body in sections:
        lines += [f"## {title}", "", *body, ""]
    return "\n".join(lines).rstrip() + "\n"

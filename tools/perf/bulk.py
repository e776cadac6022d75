"""Bulk throughput: ``claimscope bulk`` with 1 and 2 actors against ``claimscope extract
--jsonl`` on the same documents, each a fresh command. Two figures each:

- end to end: documents ÷ the command's wall time, Ray start and model loading included,
  as a user sees it;
- steady: documents written after the first output ÷ the time from the first output to
  the last (the output is polled every 0.25 s: lines of the JSONL, lines of committed parts).

The runs are interleaved (extract, 1 actor, 2 actors, then again for each round), so that
load from other jobs on a shared machine falls on all three alike; the load average is
recorded around every run.

    python -m tools.perf.bulk [--texts .data/polnear/dev/text] [--repeat 2] [--rounds 1]
        [--ceiling]

``--ceiling`` adds two plain ``extract --jsonl`` processes run at once on half the documents
each: the throughput any two workers can get from this machine over one, against which the
2-actor figure is read.

Documents: the plain-text files of ``--texts`` (PolNeAR dev by default), ``--repeat`` times
each with distinct ids; without that folder, invented articles from tools/harness/corpus.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from tools.harness.stats import REPO, load_average

CLAIMSCOPE = str(Path(sys.executable).with_name("claimscope"))
DEFAULT_TEXTS = REPO / ".data" / "polnear" / "dev" / "text"


def documents(texts: Path, repeat: int, fallback: int) -> list[dict[str, str]]:
    files = sorted(texts.glob("*.txt")) if texts.is_dir() else []
    if files:
        bodies = [(f.stem, f.read_text("utf-8")) for f in files]
    else:
        from tools.harness.corpus import synthetic_article

        bodies = [(f"invented-{i}", synthetic_article(2500, seed=i)) for i in range(fallback)]
    return [{"id": f"{name}#{r}", "text": text} for r in range(repeat) for name, text in bodies]


def _env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("RAY_")}
    return {**env, "HF_HUB_OFFLINE": "1", "TRANSFORMERS_OFFLINE": "1"}


def _lines(path: Path, cache: dict[Path, int]) -> int:
    """Lines in a file, or in the committed parts of a folder (parts never change)."""
    if path.is_file():
        return path.read_bytes().count(b"\n")
    if not path.is_dir():
        return 0
    for part in path.glob("part-*.jsonl"):
        if part not in cache:
            cache[part] = part.read_bytes().count(b"\n")
    return sum(cache.values())


def timed(argv: list[str], output: Path, log: Path) -> dict[str, Any]:
    return timed_together([argv], [output], [log])


def timed_together(argvs: list[list[str]], outputs: list[Path], logs: list[Path]) -> dict[str, Any]:
    """Run the commands at once; their outputs' lines are counted together."""
    load_before = load_average()[0]
    began = time.perf_counter()
    seen: list[tuple[float, int]] = []
    cache: dict[Path, int] = {}

    def done() -> int:
        return sum(_lines(output, cache) for output in outputs)

    files = [log.open("wb") for log in logs]
    procs = [
        subprocess.Popen(argv, env=_env(), stdout=f, stderr=subprocess.STDOUT)
        for argv, f in zip(argvs, files, strict=True)
    ]
    while any(p.poll() is None for p in procs):
        now = done()
        if now and (not seen or now > seen[-1][1]):
            seen.append((time.perf_counter() - began, now))
        time.sleep(0.25)
    seconds = time.perf_counter() - began
    for f in files:
        f.close()
    for argv, proc, log in zip(argvs, procs, logs, strict=True):
        if proc.returncode != 0:
            tail = log.read_text()[-3000:]
            raise RuntimeError(f"{' '.join(argv)} exited {proc.returncode}:\n{tail}")
    final = done()
    if not seen or seen[-1][1] < final:
        seen.append((seconds, final))
    (t0, d0), (t1, d1) = seen[0], seen[-1]
    return {
        "seconds": round(seconds, 1),
        "first_output_s": round(t0, 1),
        "steady_docs_per_s": round((d1 - d0) / (t1 - t0), 3) if t1 > t0 else None,
        "load_before": round(load_before, 1),
        "load_after": round(load_average()[0], 1),
    }


def run_round(
    source: Path, work: Path, docs: int, tag: str, shard: int, ceiling: list[Path] | None = None
) -> dict[str, Any]:
    results: dict[str, Any] = {}
    ref = work / f"extract-{tag}.jsonl"
    results["extract --jsonl"] = timed(
        [CLAIMSCOPE, "extract", "--jsonl", str(source), "-o", str(ref), "--no-progress"],
        ref,
        work / f"extract-{tag}.log",
    )
    for actors in (1, 2):
        out = work / f"bulk{actors}-{tag}"
        argv = [CLAIMSCOPE, "bulk", str(source), "-o", str(out), "--actors", str(actors)]
        argv += ["--shard-size", str(shard), "--no-progress", "--object-store-mb", "200"]
        log = work / f"bulk{actors}-{tag}.log"
        result = timed(argv, out, log)
        match = re.search(r"bulk: (\d+) documents", log.read_text())
        assert match and int(match.group(1)) == docs, log.read_text()[-2000:]
        results[f"bulk {actors} actor{'s' if actors > 1 else ''}"] = result
    if ceiling is not None:  # two plain processes, half the documents each: the machine's
        argvs, outs, logs = [], [], []  # own ceiling for two workers
        for k, half in enumerate(ceiling):
            outs.append(work / f"extract-half{k}-{tag}.jsonl")
            logs.append(work / f"extract-half{k}-{tag}.log")
            argvs.append([CLAIMSCOPE, "extract", "--jsonl", str(half), "-o", str(outs[-1])])
            argvs[-1].append("--no-progress")
        results["2 extract processes"] = timed_together(argvs, outs, logs)
    for result in results.values():
        result["docs_per_s"] = round(docs / result["seconds"], 3)
    return results


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--texts", type=Path, default=DEFAULT_TEXTS)
    parser.add_argument("--repeat", type=int, default=2, help="times each text is sent")
    parser.add_argument("--rounds", type=int, default=1)
    parser.add_argument("--shard-size", type=int, default=8)
    parser.add_argument("--out", type=Path, help="write the figures here as JSON")
    parser.add_argument(
        "--ceiling",
        action="store_true",
        help="also run two extract --jsonl processes at once on half the documents each: "
        "the most any two workers get from this machine",
    )
    args = parser.parse_args(argv)
    docs = documents(args.texts, args.repeat, fallback=60)
    with tempfile.TemporaryDirectory(prefix="claimscope-bulk-bench-") as tmp:
        work = Path(tmp)
        source = work / "docs.jsonl"
        source.write_text("".join(json.dumps(d, ensure_ascii=False) + "\n" for d in docs))
        halves = None
        if args.ceiling:
            halves = [work / "half0.jsonl", work / "half1.jsonl"]
            for k, half in enumerate(halves):
                half.write_text(
                    "".join(json.dumps(d, ensure_ascii=False) + "\n" for d in docs[k::2])
                )
        rounds = []
        for r in range(args.rounds):
            rounds.append(run_round(source, work, len(docs), str(r), args.shard_size, halves))
            print(json.dumps(rounds[-1]), file=sys.stderr)
    report = summarise(rounds, len(docs), args)
    text = json.dumps(report, indent=2)
    print(text)
    if args.out:
        args.out.write_text(text + "\n")
    return 0


def summarise(rounds: list[dict[str, Any]], docs: int, args: argparse.Namespace) -> dict[str, Any]:
    figures: dict[str, Any] = {}
    for key in ("docs_per_s", "steady_docs_per_s"):
        median = {
            name: statistics.median(r[name][key] or 0.0 for r in rounds) for name in rounds[0]
        }
        figures[key] = {
            "median": median,
            "2_actors_over_1": _ratio(median["bulk 2 actors"], median["bulk 1 actor"]),
            "1_actor_over_extract": _ratio(median["bulk 1 actor"], median["extract --jsonl"]),
        }
        if "2 extract processes" in median:
            two = median["2 extract processes"]
            figures[key]["2_processes_over_1"] = _ratio(two, median["extract --jsonl"])
    return {
        "documents": docs,
        "texts": str(args.texts),
        "cores": os.cpu_count(),
        "rounds": rounds,
        "end_to_end": figures["docs_per_s"],
        "steady": figures["steady_docs_per_s"],
    }


def _ratio(a: float, b: float) -> float | None:
    return round(a / b, 2) if a and b else None


if __name__ == "__main__":
    sys.exit(main())

"""``claimscope bulk`` on a local Ray with 2 actors, killed and rerun.

One job over 50 invented rows (bad rows among them), in shards of 4:
1. the driver is killed with SIGKILL as soon as its first shard is committed;
2. the rerun, with the same arguments, loses one of its actors to SIGKILL midway (Ray
   restarts it and retries its shard) and still finishes.
The output then holds every row exactly once, and equals ``claimscope extract --jsonl`` on
the same input, row for row. Ray is kept small for 2 cores: 2 CPUs, a 100 MB object store.
"""

from __future__ import annotations

import collections
import json
import os
import re
import signal
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from service.bulk.store import committed, read_records
from tests.bulk.docs import rows
from tools.harness.procs import Tree, cmdline

pytestmark = [pytest.mark.slow, pytest.mark.timeout(1800)]
CLAIMSCOPE = str(Path(sys.executable).with_name("claimscope"))
ROWS = 50
SHARD = 4
HANG_S = 900  # only catches a hang: a run takes a minute or two


@dataclass
class Job:
    source: Path
    out: Path
    reference: list[dict]
    before_kill: dict[int, bytes]  # part files committed when the driver was killed
    rerun_log: str
    killed_actor: str
    extra: dict = field(default_factory=dict)


def _env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("CLAIMSCOPE_", "RAY_"))}
    return {**env, "HF_HUB_OFFLINE": "1", "TRANSFORMERS_OFFLINE": "1"}


def _wait(predicate, tree: Tree, proc: subprocess.Popen, what: str) -> None:
    deadline = time.monotonic() + HANG_S
    while not predicate():
        tree.update()
        if proc.poll() is not None:
            raise AssertionError(f"bulk exited {proc.returncode} before {what}")
        if time.monotonic() > deadline:
            raise AssertionError(f"no {what} within {HANG_S} s")
        time.sleep(0.2)


def _actors(tree: Tree) -> list[int]:
    return sorted(p for p in tree.update() if cmdline(p).startswith("ray::MapWorker"))


@pytest.fixture(scope="module")
def job(tmp_path_factory) -> Job:
    folder = tmp_path_factory.mktemp("bulk")
    source, out, reference = folder / "in.jsonl", folder / "out", folder / "reference.jsonl"
    source.write_text("\n".join(rows(ROWS)) + "\n", encoding="utf-8")
    extract = [CLAIMSCOPE, "extract", "--jsonl", str(source), "-o", str(reference)]
    subprocess.run(
        [*extract, "--batch-size", str(SHARD), "--no-progress"],
        env=_env(),
        check=True,
        timeout=HANG_S,
    )
    argv = [CLAIMSCOPE, "bulk", str(source), "-o", str(out), "--actors", "2"]
    argv += ["--shard-size", str(SHARD), "--batch-size", str(SHARD), "--no-progress"]
    argv += ["--num-cpus", "2", "--object-store-mb", "100"]

    # 1. kill -9 of the driver once a shard is committed
    log = (folder / "run1.log").open("wb")
    first = subprocess.Popen(argv, env=_env(), stdout=log, stderr=subprocess.STDOUT)
    tree = Tree(first.pid)
    try:
        _wait(lambda: out.is_dir() and committed(out), tree, first, "committed shard")
        tree.update()
        os.kill(first.pid, signal.SIGKILL)
        first.wait(timeout=60)
    finally:
        tree.end()  # raylet, agents and actors the dead driver left behind
    before_kill = {n: p.read_bytes() for n, p in committed(out).items()}

    # 2. the rerun, with kill -9 of one actor once the rerun has committed a shard
    log = (folder / "run2.log").open("w+b")
    second = subprocess.Popen(argv, env=_env(), stdout=log, stderr=subprocess.STDOUT)
    tree = Tree(second.pid)
    try:
        _wait(lambda: len(committed(out)) > len(before_kill), tree, second, "shard in the rerun")
        victim = _actors(tree)[0]
        killed_actor = cmdline(victim)
        os.kill(victim, signal.SIGKILL)
        assert second.wait(timeout=HANG_S) == 0, (folder / "run2.log").read_text()
    finally:
        if second.poll() is None:
            second.kill()
        tree.end()
    log.seek(0)
    return Job(
        source,
        out,
        [json.loads(line) for line in reference.read_text("utf-8").split("\n") if line],
        before_kill,
        log.read().decode(errors="replace"),
        killed_actor,
    )


def _all_records(out: Path) -> list[dict]:
    return [
        json.loads(line)
        for p in committed(out).values()
        for line in p.read_text().split("\n")
        if line
    ]


def test_the_driver_was_killed_midway(job):
    shards = -(-ROWS // SHARD)
    assert 0 < len(job.before_kill) < shards, sorted(job.before_kill)
    assert job.killed_actor.startswith("ray::MapWorker")


def test_rerun_leaves_every_row_in_the_output_exactly_once(job):
    records = _all_records(job.out)
    by_index = collections.Counter(r["index"] for r in records)
    by_id = collections.Counter(r["id"] for r in records)
    assert sorted(by_index) == list(range(ROWS)) and set(by_index.values()) == {1}
    assert len(by_id) == ROWS and set(by_id.values()) == {1}
    assert [r["index"] for r in read_records(job.out)] == list(range(ROWS))
    print(f"rows {ROWS}, records {len(records)}, distinct ids {len(by_id)}, max count 1")


def test_rerun_kept_the_committed_shards_and_did_only_the_rest(job):
    for number, data in job.before_kill.items():
        assert committed(job.out)[number].read_bytes() == data
    done = sum(len(data.decode().split("\n")) - 1 for data in job.before_kill.values())
    match = re.search(r"bulk: (\d+) documents .* (\d+) already done", job.rerun_log)
    assert match, job.rerun_log[-2000:]
    assert (int(match.group(1)), int(match.group(2))) == (ROWS - done, done)


def _comparable(record: dict) -> dict:
    record = json.loads(json.dumps(record))
    record.get("meta", {}).pop("timings_ms", None)
    return record


def test_output_equals_extract_jsonl_row_for_row(job):
    bulk = {r["index"]: r for r in read_records(job.out)}
    assert len(job.reference) == ROWS == len(bulk)
    problems = 0
    for index, expected in enumerate(job.reference):
        got = _comparable(bulk[index])
        if expected.get("id") is None:  # a row without an id: bulk names it
            assert re.fullmatch(rf"row-{index}-[0-9a-f]{{12}}", got["id"]), got["id"]
            got["id"] = None
        if "problem" not in expected:
            assert got.pop("index") == index
        problems += "problem" in expected
        assert got == _comparable(expected), index
    assert problems == 5

"""The claimscope command line: extract (file, stdin, JSONL) and serve."""

from __future__ import annotations

import io
import json
import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
import requests

from service.cli import main

ARTICLE = "“We are ready,” the chairwoman told reporters. The minister said talks had failed."


@pytest.fixture(autouse=True)
def _plain_settings(monkeypatch):
    """The CLI reads CLAIMSCOPE_* itself: keep a developer's environment out of the tests."""
    for name in list(os.environ):
        if name.startswith("CLAIMSCOPE_"):
            monkeypatch.delenv(name)


def test_extract_file_prints_json_with_claims(seed_path, seed_text, capsys):
    assert main(["extract", str(seed_path), "--no-progress"]) == 0
    body = json.loads(capsys.readouterr().out)
    assert body["id"] == seed_path.name
    assert len(body["claims"]) >= 5
    for claim in body["claims"]:
        assert seed_text[claim["start"] : claim["end"]] == claim["text"]


def test_extract_reads_stdin(monkeypatch, capsys):
    monkeypatch.setattr(sys, "stdin", io.StringIO(ARTICLE))
    assert main(["extract", "-", "--compact"]) == 0
    out = capsys.readouterr().out
    assert out.count("\n") == 1  # --compact: one line
    body = json.loads(out)
    assert body["id"] is None
    assert any("We are ready" in c["text"] for c in body["claims"])


def test_extract_to_output_file(tmp_path, capsys):
    source, target = tmp_path / "a.txt", tmp_path / "a.json"
    source.write_text(ARTICLE, encoding="utf-8")
    assert main(["extract", str(source), "-o", str(target)]) == 0
    assert capsys.readouterr().out == ""
    assert json.loads(target.read_text("utf-8"))["claims"]


def test_output_may_overwrite_the_input_file(tmp_path):
    path = tmp_path / "doc.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    assert main(["extract", str(path), "-o", str(path)]) == 0
    assert json.loads(path.read_text("utf-8"))["claims"]  # the text was read before writing


def test_extract_empty_input_exits_2(monkeypatch, capsys):
    monkeypatch.setattr(sys, "stdin", io.StringIO("  \n"))
    assert main(["extract", "-"]) == 2
    assert "empty" in capsys.readouterr().err


def test_extract_text_over_max_chars_exits_2(monkeypatch, tmp_path, capsys):
    monkeypatch.setenv("CLAIMSCOPE_MAX_CHARS", "20")
    source = tmp_path / "long.txt"
    source.write_text(ARTICLE, encoding="utf-8")
    assert main(["extract", str(source)]) == 2
    assert "max_chars" in capsys.readouterr().err


def test_missing_input_file_exits_2_with_a_message(tmp_path, capsys):
    assert main(["extract", str(tmp_path / "nope.txt")]) == 2
    assert "nope.txt" in capsys.readouterr().err


def test_bad_setting_exits_2_naming_it(monkeypatch, capsys):
    monkeypatch.setenv("CLAIMSCOPE_WORKERS", "many")
    monkeypatch.setattr(sys, "stdin", io.StringIO(ARTICLE))
    assert main(["extract", "-"]) == 2
    assert "CLAIMSCOPE_WORKERS" in capsys.readouterr().err


@pytest.mark.parametrize("argv", [["extract"], ["extract", "a.txt", "--jsonl", "b.jsonl"]])
def test_extract_needs_exactly_one_input(argv):
    with pytest.raises(SystemExit) as info:
        main(argv)
    assert info.value.code == 2


def test_jsonl_keeps_order_and_writes_problems_in_place(tmp_path, capsys):
    lines = [
        json.dumps({"id": "one", "text": ARTICLE}),
        '{"id": "broken", "text": ',
        json.dumps({"id": "no-text", "title": "x"}),
        "",
        json.dumps({"id": "two", "text": "The mayor said the bridge would reopen."}),
    ]
    source, target = tmp_path / "in.jsonl", tmp_path / "out.jsonl"
    source.write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert (
        main(
            [
                "extract",
                "--jsonl",
                str(source),
                "-o",
                str(target),
                "--batch-size",
                "2",
                "--no-progress",
            ]
        )
        == 0
    )
    records = [json.loads(line) for line in target.read_text("utf-8").splitlines()]
    assert len(records) == 5
    assert records[0]["id"] == "one" and records[0]["claims"]
    assert records[1]["index"] == 1 and records[1]["problem"]["status"] == 400
    assert records[1]["id"] is None
    assert records[2] == {"id": "no-text", "index": 2, "problem": records[2]["problem"]}
    assert records[2]["problem"]["status"] == 422 and "text" in records[2]["problem"]["errors"]
    assert records[3]["index"] == 3 and records[3]["problem"]["status"] == 400
    assert records[4]["id"] == "two" and "bridge" in records[4]["claims"][0]["text"]
    assert "3 of 5 lines failed" in capsys.readouterr().err


def test_jsonl_from_stdin_to_stdout(monkeypatch, capsys):
    lines = [
        json.dumps({"text": ARTICLE, "id": 1}),
        json.dumps([1, 2]),
        '{"text": "a", "id": ' + "9" * 5000 + "}",
    ]  # an int json.loads refuses
    monkeypatch.setattr(sys, "stdin", io.StringIO("\n".join(lines)))
    assert main(["extract", "--jsonl", "-", "--no-progress"]) == 0
    records = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert len(records) == 3
    assert records[0]["id"] == "1" and records[0]["claims"]
    assert records[1]["problem"]["status"] == 422
    assert records[2]["problem"]["status"] == 400


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.mark.slow
def test_serve_turns_ready_extracts_and_stops_on_sigterm(seed_text, tmp_path):
    port = _free_port()
    base = f"http://127.0.0.1:{port}"
    env = {
        **os.environ,
        "CLAIMSCOPE_WORKERS": "1",
        "HF_HUB_OFFLINE": "1",
        "TRANSFORMERS_OFFLINE": "1",
    }
    claimscope = Path(sys.executable).with_name("claimscope")
    log = (tmp_path / "serve.log").open("w+b")
    proc = subprocess.Popen(
        [str(claimscope), "serve", "--bind", f"127.0.0.1:{port}", "--workers", "1"],
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    try:
        deadline = time.monotonic() + 120
        seen = []
        while True:
            assert proc.poll() is None, "server exited early: " + _tail(log)
            try:
                status = requests.get(f"{base}/readyz", timeout=5).status_code
            except requests.ConnectionError:
                status = "refused"
            seen.append(status)
            if status == 200:
                break
            assert status in (503, "refused"), seen
            assert time.monotonic() < deadline, f"not ready in 120 s: {seen[-5:]} " + _tail(log)
            time.sleep(0.5)
        assert requests.get(f"{base}/livez", timeout=5).status_code == 200
        response = requests.post(f"{base}/extract", json={"text": seed_text}, timeout=60)
        assert response.status_code == 200
        body = response.json()
        assert len(body["claims"]) >= 5
        for claim in body["claims"]:
            assert seed_text[claim["start"] : claim["end"]] == claim["text"]
            prefix = seed_text[: claim["start"]].encode("utf-16-le")
            assert claim["start_utf16"] == len(prefix) // 2
        bad = requests.post(
            f"{base}/extract", data="{", timeout=10, headers={"Content-Type": "application/json"}
        )
        assert bad.status_code == 400
        assert bad.headers["Content-Type"].startswith("application/problem+json")
    finally:
        proc.send_signal(signal.SIGTERM)
        try:
            code = proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
            pytest.fail("server did not exit within 30 s of SIGTERM")
    assert code == 0, _tail(log)


def _tail(log) -> str:
    log.flush()
    log.seek(0)
    return log.read().decode("utf-8", "replace")[-3000:]


def _run_jsonl(tmp_path, data: bytes) -> list[dict]:
    source, target = tmp_path / "in.jsonl", tmp_path / "out.jsonl"
    source.write_bytes(data)
    assert main(["extract", "--jsonl", str(source), "-o", str(target), "--no-progress"]) == 0
    return [json.loads(line) for line in target.read_text("utf-8").split("\n") if line]


@pytest.mark.parametrize("separator", ["\u2028", "\u2029", "\x85", "\x0c", "\x1c", "\r"])
def test_jsonl_splits_on_newline_only(tmp_path, separator):
    """A character str.splitlines() breaks on, inside a line, leaves the line whole: the
    line after it keeps its index and id (a raw form feed inside a string is invalid JSON,
    so that line fails, but still as one line)."""
    lines = [  # the separator raw, not escaped as json.dumps would write a control character
        '{"id": "first", "text": "The ferry captain said the crossing'
        + separator
        + 'would run all winter."}',
        json.dumps({"id": "second", "text": "The clerk said the office would shut."}),
    ]
    records = _run_jsonl(tmp_path, ("\n".join(lines) + "\n").encode("utf-8"))
    assert len(records) == 2
    assert records[1]["id"] == "second" and "office" in records[1]["claims"][0]["text"]
    if ord(separator) < 0x20:  # a raw control character in a string is invalid JSON
        assert records[0]["index"] == 0 and records[0]["problem"]["status"] == 400
    else:
        assert records[0]["id"] == "first" and "problem" not in records[0]


def test_jsonl_invalid_utf8_fails_only_its_line(tmp_path, capsys):
    good = json.dumps({"id": "ok", "text": "The harbour master said the pier would reopen."})
    data = b'{"id": "bad", "text": "caf\xe9 \xff"}\n' + good.encode() + b"\n"
    records = _run_jsonl(tmp_path, data)
    assert len(records) == 2
    assert records[0]["index"] == 0 and records[0]["problem"]["status"] == 400
    assert "UTF-8" in records[0]["problem"]["detail"]
    assert records[1]["id"] == "ok" and records[1]["claims"]
    assert "1 of 2 lines failed" in capsys.readouterr().err


def test_jsonl_lone_surrogate_fails_only_its_line(tmp_path):
    data = (
        b'{"id": "lone", "text": "The guide said \\ud800 was fine."}\n'
        b'{"id": "pair", "text": "The guide said \\ud83d\\ude00 was fine."}\n'
    )
    records = _run_jsonl(tmp_path, data)
    assert records[0] == {"id": "lone", "index": 0, "problem": records[0]["problem"]}
    assert records[0]["problem"]["status"] == 422
    assert "surrogate" in records[0]["problem"]["detail"]
    assert records[1]["id"] == "pair" and "problem" not in records[1]


def test_text_mode_stdin_bytes_that_are_not_utf8_exit_2(monkeypatch, capsys):
    raw = io.TextIOWrapper(io.BytesIO(b"The mayor said \xff yes."), errors="surrogateescape")
    monkeypatch.setattr(sys, "stdin", raw)
    assert main(["extract", "-"]) == 2
    assert "UTF-8" in capsys.readouterr().err

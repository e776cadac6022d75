"""tools/quality/leakcheck.py: runs of 8 words a repo file shares with a corpus."""

from __future__ import annotations

from tools.quality import leakcheck

CORPUS = (
    "Late on Thursday the river pilots voted to stop work until the harbour board "
    "agrees to hire four more crews for the night shift, their union said."
)


def _repo(tmp_path, text: str):
    (tmp_path / "tests").mkdir()
    (tmp_path / "tests" / "case.py").write_text(text, encoding="utf-8")
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.txt").write_text(CORPUS, encoding="utf-8")
    return corpus


def test_a_shared_run_is_reported_with_its_line_and_source(tmp_path):
    corpus = _repo(
        tmp_path,
        'X = 1\nTEXT = ("The river pilots voted to stop work until the "\n'
        '        "Harbour Board agrees to pay more.")\n',
    )
    [run] = leakcheck.check(tmp_path, [corpus], ["tests"])
    assert run.path == "tests/case.py" and run.line == 2
    shared = "the river pilots voted to stop work until the harbour board agrees to"
    assert run.words == tuple(shared.split())
    assert run.source.endswith("a.txt")
    assert leakcheck.main([str(corpus), "--root", str(tmp_path), "--only", "tests"]) == 1


def test_seven_shared_words_or_a_reworded_sentence_are_not_a_run(tmp_path):
    corpus = _repo(
        tmp_path,
        'A = "the river pilots voted to stop work"\n'  # 7 words
        'B = "Crews on the ferry voted on Friday to stop work until the council pays."\n',
    )
    assert leakcheck.check(tmp_path, [corpus], ["tests"]) == []
    assert leakcheck.main([str(corpus), "--root", str(tmp_path), "--only", "tests"]) == 0


def test_two_separate_runs_in_one_file_are_two_reports(tmp_path):
    corpus = _repo(
        tmp_path,
        "late on thursday the river pilots voted to stop\n"
        "something else entirely in between here\n"
        "four more crews for the night shift their union said\n",
    )
    runs = leakcheck.check(tmp_path, [corpus], ["tests"])
    assert [r.line for r in runs] == [1, 3]

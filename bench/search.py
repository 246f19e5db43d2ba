"""Search latency (p50/p99), index build time and memory on the real base and synthetic bases.

Run: .venv/bin/python bench/search.py [--sizes 5000,50000] [--fused-sizes 5000]
Synthetic articles are built from the real base's own words (same vocabulary, same lengths), so
postings are as dense as they would be in a larger base of the same kind. Queries are the labelled
citizen queries. Both variants of ours (lexical only, and fused with the semantic ranker) and the plain
rapidfuzz baseline are timed in the same run.

The fused build is timed as it runs in the bot: with the embedding cache warm (a rebuild after an edit
encodes only the edited texts); encoding the real base from an empty cache is timed on its own line.
Synthetic texts are word salad, so their vectors are real vectors with noise, put in the cache up front:
the matrix product per query has the real size; encoding 30,000 synthetic phrasings would only time the model.
"""
from __future__ import annotations

import argparse
import gc
import random
import statistics
import sys
import time
import tracemalloc
from pathlib import Path
from typing import Callable, Sequence

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import numpy as np  # noqa: E402

from knowledge import semantic  # noqa: E402
from knowledge.article import Article, load_dir  # noqa: E402
from knowledge.embedding import PROCESS_CACHE, MemoryCache, load_encoder, text_key  # noqa: E402
from knowledge.evaluation import FuzzBaseline, load_queries  # noqa: E402
from knowledge.search import SearchIndex  # noqa: E402


def synthetic(real: Sequence[Article], size: int, seed: int = 1674) -> list[Article]:
    """``size`` articles whose texts are word samples from random real articles."""
    rng = random.Random(seed)
    pool = [w for a in real for w in f"{a.title} {a.body} {' '.join(a.questions)}".split()]
    out = []
    for i in range(size):
        model = rng.choice(real)
        sample = lambda n: " ".join(rng.choices(pool, k=n))  # noqa: E731
        out.append(Article(
            slug=f"synthetic-{i}", title=sample(len(model.title.split())), body=sample(len(model.body.split())),
            questions=tuple(sample(len(q.split())) for q in model.questions),
            tags=tuple(sample(1) for _ in model.tags), lang=model.lang))
    return out


def percentile(values: Sequence[float], pct: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(pct / 100 * (len(ordered) - 1))))]


def latencies(search: Callable[[str], object], queries: Sequence[str], rounds: int, fresh: Callable = lambda: None):
    """Wall and CPU milliseconds per query over ``rounds`` passes (after one warm-up pass).

    CPU time is reported beside wall time because this machine is shared: a wall-clock tail can be
    another process's, a CPU-time tail is ours. ``fresh`` runs untimed before each query (it empties the
    encoder's cache of query vectors: a citizen's question is new, its encoding is part of the cost).
    """
    for q in queries:
        search(q)
    wall, cpu = [], []
    for _ in range(rounds):
        for q in queries:
            fresh()
            start, start_cpu = time.perf_counter(), time.thread_time()
            search(q)
            cpu.append((time.thread_time() - start_cpu) * 1000)
            wall.append((time.perf_counter() - start) * 1000)
    return wall, cpu


def build(factory: Callable[[], object]) -> tuple[object, float, float]:
    """The built object, build seconds, and MiB it holds (tracemalloc, measured in a second build)."""
    gc.collect()
    start = time.perf_counter()
    built = factory()
    seconds = time.perf_counter() - start
    del built
    gc.collect()
    tracemalloc.start()
    built = factory()
    mib = tracemalloc.get_traced_memory()[0] / 2 ** 20
    tracemalloc.stop()
    return built, seconds, mib


def fill_cache(real: Sequence[Article], articles: Sequence[Article], seed: int = 1674) -> None:
    """Vectors for the synthetic articles' texts: a real text's vector plus noise, normalised."""
    rng = np.random.default_rng(seed)
    known = semantic.SemanticRanker(real, load_encoder())._vectors
    texts = [t for a in articles if a.slug.startswith("synthetic-") for t in semantic.article_texts(a)]
    noisy = known[rng.integers(0, len(known), len(texts))] + rng.normal(0, 0.02, (len(texts), known.shape[1]))
    noisy /= np.linalg.norm(noisy, axis=1, keepdims=True)
    PROCESS_CACHE.put({text_key(t): v.astype(np.float32) for t, v in zip(texts, noisy)})


def variants(articles: Sequence[Article], fused: bool):
    yield "ours lexical", lambda: SearchIndex(articles)
    if fused:
        yield "ours fused", lambda: SearchIndex(articles, semantic=semantic.build(articles))
    yield "rapidfuzz", lambda: FuzzBaseline(articles)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="5000,50000")
    parser.add_argument("--fused-sizes", default="5000", help="synthetic sizes timed fused too (~12 MiB per 1,000 articles)")
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    real = load_dir()
    queries = [q.text for q in load_queries()]
    encoder = load_encoder()
    fused_sizes = {0, *(int(s) for s in args.fused_sizes.split(",") if s)} if encoder else set()
    if encoder is None:
        print("the semantic model is not installed: only the lexical variant is timed")
    else:
        start = time.perf_counter()
        semantic.SemanticRanker(real, encoder, MemoryCache())
        print(f"encoding the real base's titles and phrasings from an empty cache: {time.perf_counter() - start:.1f} s")
        semantic.SemanticRanker(real, encoder)  # the builds below find them in the cache, as a rebuild does
    print(f"{len(queries)} queries x {args.rounds} rounds (warm caches; first pass not timed)")
    print("the rapidfuzz baseline scans every phrasing, so on big bases it is timed on every k-th query only")
    print(f"{'base / method':<30}{'articles':>9}{'build s':>9}{'MiB':>8}{'queries':>9}{'p50 ms':>9}{'p99 ms':>9}"
          f"{'cpu p99':>9}")
    for size in [0, *(int(s) for s in args.sizes.split(",") if s)]:
        articles = real if size == 0 else real + synthetic(real, size - len(real))
        label = "real" if size == 0 else f"synthetic {size}"
        if size in fused_sizes and size:
            fill_cache(real, articles)
        for name, factory in variants(articles, size in fused_sizes):
            index, seconds, mib = build(factory)
            timed = queries if name != "rapidfuzz" else queries[::max(1, size // 2500)]
            fresh = encoder.query.cache_clear if name == "ours fused" else (lambda: None)
            wall, cpu = latencies(lambda q: index.search(q, 3), timed, args.rounds, fresh)
            print(f"{label + ' / ' + name:<30}{len(articles):>9}{seconds:>9.2f}{mib:>8.1f}{len(timed):>9}"
                  f"{statistics.median(wall):>9.2f}{percentile(wall, 99):>9.2f}{percentile(cpu, 99):>9.2f}")


if __name__ == "__main__":
    main()

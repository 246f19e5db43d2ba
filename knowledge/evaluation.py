"""Measure search quality on labelled citizen queries, against two baselines, in one run.

Figures (see ``knowledge.metrics``) on three footings: ours with its fixed tuning on the tuning set (optimistic,
it was chosen there), ours cross-validated by grouped k-fold (``knowledge.calibration``), and everything on the
frozen held-out split (``eval/heldout.tsv``), which no tuning reads. Each baseline's threshold is fitted on the
tuning set, its best case there, and then applied unchanged to the held-out split.
"""
from __future__ import annotations

from pathlib import Path
from typing import Protocol, Sequence

from rank_bm25 import BM25Okapi
from rapidfuzz import fuzz, process, utils

from knowledge.article import Article
from knowledge import calibration, semantic
from knowledge.metrics import METRICS, NO_ANSWER, Query, answers, calibrate, rank_all, score  # noqa: F401 (re-exported)
from knowledge.metrics import load_queries as _load_queries
from knowledge.search import Hit, SearchIndex
from knowledge.semantic import SemanticRanker

QUERIES_PATH = calibration.TUNING_PATH
HELDOUT_PATH = Path(__file__).parent / "eval" / "heldout.tsv"


def load_queries(path: Path | str = QUERIES_PATH) -> list[Query]:
    return _load_queries(path)


class Searcher(Protocol):
    def search(self, query: str, limit: int = 3) -> list[Hit]: ...


class BM25Baseline:
    """rank_bm25 over each article's title, tags, questions and body with plain lowercase tokens."""

    def __init__(self, articles: Sequence[Article], threshold: float = 0.0):
        self.articles = {a.slug: a for a in articles}
        self._slugs = list(self.articles)
        corpus = [utils.default_process(" ".join((a.title, *a.tags, *a.questions, a.body))).split()
                  for a in self.articles.values()]
        self._bm25 = BM25Okapi(corpus)
        self.threshold = threshold

    def search(self, query: str, limit: int = 5) -> list[Hit]:
        tokens = utils.default_process(query or "").split()
        if not tokens:
            return []
        scores = self._bm25.get_scores(tokens)
        order = sorted(range(len(scores)), key=lambda i: -scores[i])[:limit]
        return [_hit(self.articles[self._slugs[i]], float(scores[i]), self.threshold) for i in order
                if scores[i] > 0]


class FuzzBaseline:
    """Plain rapidfuzz token_set_ratio against titles, questions and tags (the project's first search)."""

    def __init__(self, articles: Sequence[Article], threshold: float = 0.0):
        self.articles = {a.slug: a for a in articles}
        self._keys, self._texts = [], []
        for a in articles:
            for text in (a.title, *a.questions, " ".join(a.tags)):
                self._keys.append(a.slug)
                self._texts.append(utils.default_process(text))
        self.threshold = threshold

    def search(self, query: str, limit: int = 5) -> list[Hit]:
        q = utils.default_process(query or "")
        if not q:
            return []
        best: dict[str, float] = {}
        for _, value, idx in process.extract(q, self._texts, scorer=fuzz.token_set_ratio, limit=limit * 8,
                                             processor=None):
            best[self._keys[idx]] = max(best.get(self._keys[idx], 0.0), float(value))
        ranked = sorted(best.items(), key=lambda kv: -kv[1])[:limit]
        return [_hit(self.articles[slug], value, self.threshold) for slug, value in ranked]


def _hit(article: Article, value: float, threshold: float) -> Hit:
    return Hit(article.slug, article.title, article.summary, value, value >= threshold)


BASELINES = (("BM25", BM25Baseline, [x / 2 for x in range(0, 61)]), ("rapidfuzz", FuzzBaseline, range(0, 101, 2)))


def evaluate(articles: Sequence[Article], queries: Sequence[Query], heldout: Sequence[Query] = (),
             folds: Sequence[calibration.Fold] | None = None,
             ranker: SemanticRanker | None = None) -> dict[str, dict[str, float]]:
    """Metrics per method (a column each), plus the threshold each used.

    "ours" is what the bot runs: fused with ``ranker`` when given, else lexical; with a ranker the lexical
    variant's held-out figures are a column too, so the fusion's gain is measured in the same run.
    """
    ours = SearchIndex(articles, semantic=ranker)
    results = {"ours": _figures(ours, queries)}
    folds = calibration.cross_validate(articles, queries, semantic=ranker) if folds is None else folds
    results[f"ours ({len(folds)}-fold)"] = calibration.cross_validated(folds) | {"threshold": float("nan")}
    if heldout:
        results["ours held-out"] = _figures(ours, heldout)
        if ranker is not None:
            results["lexical held-out"] = _figures(SearchIndex(articles), heldout)
    same = answers(articles)
    for name, make, grid in BASELINES:
        baseline = make(articles)
        ranked = rank_all(baseline.search, queries, same)
        threshold = calibrate(ranked, list(grid))
        results[name] = score(ranked, threshold) | {"threshold": threshold}
        if heldout:
            results[f"{name} held-out"] = score(rank_all(baseline.search, heldout, same), threshold) | {"threshold": threshold}
    return results


def _figures(index: SearchIndex, queries: Sequence[Query]) -> dict[str, float]:
    ranked = rank_all(lambda q: index.search(q, limit=5), queries, answers(index.articles.values()))
    return score(ranked, index.threshold) | {"threshold": index.threshold}


def report(results: dict[str, dict[str, float]], queries: Sequence[Query], heldout: Sequence[Query] = (),
           folds: Sequence[calibration.Fold] = (), fused: bool = False) -> str:
    """Per-fold lines, then a plain-text table: one row per metric, one column per method."""
    lines = [_count("tuning set", queries), _count("held-out split", heldout)] if heldout else [_count("tuning set", queries)]
    for fold in folds:
        t = fold.tuning
        lines.append(f"fold {fold.number} ({fold.size:>3} queries; threshold {t.threshold:.2f}, language bonus "
                     f"{t.language_bonus:.2f}, confidence weight {t.w_confidence:.2f}, semantic share "
                     f"{t.alpha:.2f}): "
                     + "  ".join(f"{k} {v:.3f}" for k, v in fold.figures.items()))
    methods = list(results)
    lines.append(f"{'metric':<18}" + "".join(f"{m:>19}" for m in methods))
    for metric in (*METRICS, "threshold"):
        lines.append(f"{metric:<18}" + "".join(f"{results[m][metric]:>19.3f}" for m in methods))
    lines.append("ours: " + ("lexical + semantic ranker (fused)" if fused else "lexical only (semantic model not installed)")
                 + ", fixed tuning on the tuning set it was chosen on; ours (k-fold): tuning fitted on the other folds,")
    lines.append("grouped by article; held-out: the frozen split no tuning reads; baselines: threshold fitted on the")
    lines.append("tuning set (their best case there) and applied unchanged to the held-out split")
    return "\n".join(lines)


def _count(name: str, queries: Sequence[Query]) -> str:
    answerable = sum(q.expected != NO_ANSWER for q in queries)
    return f"{name}: {len(queries)} queries ({answerable} answerable, {len(queries) - answerable} no-answer)"


def run(articles: Sequence[Article], queries_path: Path | str = QUERIES_PATH,
        heldout_path: Path | str | None = HELDOUT_PATH) -> str:
    """What ``flask --app wsgi kb eval`` prints."""
    queries = load_queries(queries_path)
    heldout = load_queries(heldout_path) if heldout_path else []
    ranker = semantic.build(articles)
    folds = calibration.cross_validate(articles, queries, semantic=ranker)
    return report(evaluate(articles, queries, heldout, folds, ranker), queries, heldout, folds, ranker is not None)


if __name__ == "__main__":
    from knowledge.article import load_dir

    print(run(load_dir()))

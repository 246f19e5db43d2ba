"""Measure search quality on labelled citizen queries, against two baselines, in one run.

Metrics (a hit only counts when it is *confident*, i.e. when the bot would actually show it):
hit@1 and hit@3 and MRR@5 over answerable queries; correct-refusal rate over queries labelled ``-``
(no confident hit at all). Our threshold is fixed in ``knowledge.search.THRESHOLD``; each baseline's
threshold is fitted on this very query set, which is the baselines' best case, not ours.
"""
from __future__ import annotations

import csv
import dataclasses
from pathlib import Path
from typing import Callable, Protocol, Sequence

from rank_bm25 import BM25Okapi
from rapidfuzz import fuzz, process, utils

from knowledge.article import Article
from knowledge.search import Hit, SearchIndex

NO_ANSWER = "-"
QUERIES_PATH = Path(__file__).parent / "eval" / "queries.tsv"
METRICS = ("hit@1", "hit@3", "MRR@5", "correct refusals")


@dataclasses.dataclass(frozen=True)
class Query:
    text: str
    expected: str  # a slug, or NO_ANSWER


class Searcher(Protocol):
    def search(self, query: str, limit: int = 3) -> list[Hit]: ...


def load_queries(path: Path | str = QUERIES_PATH) -> list[Query]:
    """Rows of ``query<TAB>expected`` after a header line; blank lines and ``#`` lines are skipped."""
    with open(path, encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle, delimiter="\t", quoting=csv.QUOTE_NONE))
    return [Query(r[0].strip(), r[1].strip()) for r in rows[1:]
            if len(r) >= 2 and r[0].strip() and not r[0].startswith("#")]


def score(ranked: Sequence[tuple[list[tuple[str, float]], str]], threshold: float) -> dict[str, float]:
    """Metrics from (ranked (slug, score) pairs, expected) for every query, at one threshold."""
    hit1 = hit3 = rr = answerable = refused = unanswerable = 0.0
    for pairs, expected in ranked:
        shown = [slug for slug, s in pairs[:5] if s >= threshold]
        if expected == NO_ANSWER:
            unanswerable += 1
            refused += not shown
            continue
        answerable += 1
        if expected in shown:
            position = shown.index(expected) + 1
            hit1 += position == 1
            hit3 += position <= 3
            rr += 1 / position
    return {"hit@1": hit1 / max(answerable, 1), "hit@3": hit3 / max(answerable, 1),
            "MRR@5": rr / max(answerable, 1), "correct refusals": refused / max(unanswerable, 1)}


def objective(metrics: dict[str, float]) -> float:
    """What calibration maximises: answers and refusals weigh the same."""
    return (metrics["MRR@5"] + metrics["correct refusals"]) / 2


def calibrate(ranked, candidates: Sequence[float]) -> float:
    """The threshold among ``candidates`` with the best objective (ties: the lowest, answers more)."""
    return max(candidates, key=lambda t: (objective(score(ranked, t)), -t))


def rank_all(search: Callable[[str], list[Hit]], queries: Sequence[Query]):
    return [([(h.slug, h.score) for h in search(q.text)], q.expected) for q in queries]


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


OUR_GRID = [x / 100 for x in range(30, 96)]


def cross_validated(ranked, grid: Sequence[float]) -> dict[str, float]:
    """Two-fold check against overfitting: fit the threshold on one half, score the other half."""
    halves = ranked[0::2], ranked[1::2]
    folds = [score(halves[1 - i], calibrate(halves[i], grid)) for i in (0, 1)]
    return {k: (folds[0][k] + folds[1][k]) / 2 for k in folds[0]}


def evaluate(articles: Sequence[Article], queries: Sequence[Query]) -> dict[str, dict[str, float]]:
    """Metrics per method, plus the threshold each used."""
    ours = SearchIndex(articles)
    ranked = rank_all(lambda q: ours.search(q, limit=5), queries)
    results = {"ours": score(ranked, ours.threshold) | {"threshold": ours.threshold}}
    results["ours (2-fold)"] = cross_validated(ranked, OUR_GRID) | {"threshold": float("nan")}
    for name, baseline, grid in (("BM25", BM25Baseline(articles), [x / 2 for x in range(0, 61)]),
                                 ("rapidfuzz", FuzzBaseline(articles), range(0, 101, 2))):
        ranked = rank_all(baseline.search, queries)
        threshold = calibrate(ranked, list(grid))
        results[name] = score(ranked, threshold) | {"threshold": threshold}
    return results


def report(results: dict[str, dict[str, float]], queries: Sequence[Query]) -> str:
    """A plain-text table: one row per metric, one column per method."""
    methods = list(results)
    answerable = sum(q.expected != NO_ANSWER for q in queries)
    lines = [f"{len(queries)} queries ({answerable} answerable, {len(queries) - answerable} no-answer)",
             f"{'metric':<18}" + "".join(f"{m:>15}" for m in methods)]
    for metric in (*METRICS, "threshold"):
        lines.append(f"{metric:<18}" + "".join(f"{results[m][metric]:>15.3f}" for m in methods))
    lines.append("ours: fixed threshold (knowledge.search.THRESHOLD); ours (2-fold): threshold fitted on one half")
    lines.append("of the queries and scored on the other; baselines: threshold fitted on all queries (best case)")
    return "\n".join(lines)


def run(articles: Sequence[Article], queries_path: Path | str = QUERIES_PATH) -> str:
    """What ``flask --app wsgi kb eval`` prints."""
    queries = load_queries(queries_path)
    return report(evaluate(articles, queries), queries)


def calibrate_ours(articles: Sequence[Article], queries_path: Path | str = QUERIES_PATH) -> float:
    """The threshold to write into knowledge.search.THRESHOLD after the base or the queries change."""
    index = SearchIndex(articles)
    return calibrate(rank_all(lambda q: index.search(q, limit=5), load_queries(queries_path)), OUR_GRID)


if __name__ == "__main__":
    import sys

    from knowledge.article import load_dir

    print(calibrate_ours(load_dir()) if "--calibrate" in sys.argv else run(load_dir()))

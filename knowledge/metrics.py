"""Labelled queries and the figures search quality is judged by (shared by evaluation and calibration).

A hit only counts when it is *confident*, i.e. when the bot would actually show it: hit@1, hit@3 and
MRR@5 over answerable queries; correct refusals over queries labelled ``-`` (no confident hit at all).
"""
from __future__ import annotations

import csv
import dataclasses
from pathlib import Path
from typing import Callable, Iterable, Mapping, Sequence

NO_ANSWER = "-"
METRICS = ("hit@1", "hit@3", "MRR@5", "correct refusals")


@dataclasses.dataclass(frozen=True)
class Query:
    text: str
    expected: str  # a slug, or NO_ANSWER


def load_queries(path: Path | str) -> list[Query]:
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


def rank_all(search: Callable, queries: Sequence[Query], same: Mapping[str, str] | None = None):
    """(ranked (slug, score) pairs, expected) per query; ``same`` maps an article to the answer it gives."""
    same = same or {}
    return [([(same.get(h.slug, h.slug), h.score) for h in search(q.text)], same.get(q.expected, q.expected))
            for q in queries]


def answers(articles: Iterable) -> dict[str, str]:
    """An English twin gives the same answer as its Indonesian article: either one is a hit for either label.

    Which of the two the citizen sees is the language rule's business (tests/test_language.py), not this figure's.
    """
    lang = {a.slug: a.lang for a in articles}
    same = {}
    for a in articles:
        if a.twin in lang and a.lang != lang[a.twin]:
            english, indonesian = (a.slug, a.twin) if a.lang == "en" else (a.twin, a.slug)
            same[english] = indonesian
    return same


def mean(figures: Sequence[dict[str, float]]) -> dict[str, float]:
    return {k: sum(f[k] for f in figures) / len(figures) for k in METRICS}

"""Calibration: grouped k-fold on the tuning set only; the held-out split stays unseen."""
from __future__ import annotations

import builtins
import io
from contextlib import redirect_stdout
from pathlib import Path

import pytest

from knowledge import calibration
from knowledge.article import load_dir
from knowledge.evaluation import HELDOUT_PATH, QUERIES_PATH, load_queries
from knowledge.metrics import NO_ANSWER, Query, answers

KNOWLEDGE = Path(calibration.__file__).parent


def test_paraphrases_of_one_article_never_sit_in_two_folds():
    """Nor do an article's and its twin's."""
    queries, same = load_queries(QUERIES_PATH), answers(load_dir())
    folds_of: dict[str, set[int]] = {}
    for q in queries:
        folds_of.setdefault(calibration.group_of(q, same), set()).add(calibration.fold_of(q, same=same))
    assert all(len(f) == 1 for f in folds_of.values())
    assert len({calibration.fold_of(q) for q in queries}) == calibration.FOLDS
    assert calibration.fold_of(Query("x", "konsep-ipm")) == calibration.fold_of(Query("y", "konsep-ipm"))
    assert calibration.fold_of(Query("x", "en-hdi-concept"), same=same) == calibration.fold_of(Query("y", "konsep-ipm"))


def test_calibration_never_reads_the_heldout_split(monkeypatch):
    """The tuning code opens the tuning set and never the held-out file, and does not name it."""
    opened = []
    real_open = builtins.open

    def spy(file, *args, **kwargs):
        opened.append(Path(str(file)).name)
        return real_open(file, *args, **kwargs)

    monkeypatch.setattr(builtins, "open", spy)
    monkeypatch.setattr(calibration, "FOLDS", 2)
    monkeypatch.setattr(calibration, "LANGUAGE_BONUSES", (0.1,))
    monkeypatch.setattr(calibration, "CONFIDENCE_WEIGHTS", (0.5,))
    monkeypatch.setattr(calibration, "ALPHAS", (0.3,))
    with redirect_stdout(io.StringIO()) as out:
        calibration.main()
    assert "fold 2" in out.getvalue() and QUERIES_PATH.name in opened
    assert HELDOUT_PATH.name not in opened
    for module in ("calibration.py", "metrics.py", "search.py", "semantic.py", "embedding.py"):
        assert HELDOUT_PATH.name not in (KNOWLEDGE / module).read_text(encoding="utf-8"), module


def test_heldout_split_is_separate_and_valid():
    """Frozen, disjoint from the tuning set, labelled with existing articles, with refusals in it."""
    heldout, tuning = load_queries(HELDOUT_PATH), load_queries(QUERIES_PATH)
    assert len(heldout) >= 100
    assert not {q.text.lower() for q in heldout} & {q.text.lower() for q in tuning}
    slugs = {a.slug for a in load_dir()}
    assert {q.expected for q in heldout} - {NO_ANSWER} <= slugs
    assert 0.15 <= sum(q.expected == NO_ANSWER for q in heldout) / len(heldout) <= 0.3


@pytest.mark.parametrize("query, lang", [
    ("where is your office", "en"), ("alamat kantor bps dmn", "id"), ("how can i file a complaint", "en"),
    ("mau komplain kemana", "id"), ("is the consultation free", "en"), ("konsultasi bayar ga", "id"),
])
def test_citizens_language_comes_first(query, lang):
    """English questions get the English twin first, Indonesian questions the Indonesian article."""
    from knowledge.search import SearchIndex

    index = SearchIndex(load_dir())
    hit = index.search(query)[0]
    assert hit.confident and index.articles[hit.slug].lang == lang

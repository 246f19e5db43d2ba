"""English twins: the most asked articles have one, and search lists an article or its twin, never both."""
from __future__ import annotations

from collections import Counter

import pytest

from knowledge.article import ArticleError, load_dir, parse
from knowledge.evaluation import QUERIES_PATH, load_queries
from knowledge.metrics import NO_ANSWER, answers
from knowledge.search import SearchIndex

MOST_ASKED = 40


@pytest.fixture(scope="module")
def articles():
    return {a.slug: a for a in load_dir()}


@pytest.fixture(scope="module")
def index(articles):
    return SearchIndex(list(articles.values()))


def test_every_twin_is_an_article_in_the_other_language(articles):
    twins = [a for a in articles.values() if a.twin]
    assert len(twins) >= MOST_ASKED
    for article in twins:
        assert article.twin in articles, article.slug
        assert articles[article.twin].lang != article.lang, article.slug
    assert len({a.twin for a in twins}) == len(twins), "one article has two twins"


def test_the_most_asked_articles_have_an_english_twin(articles):
    """Most asked = most labelled phrasings in the tuning set (an English label counts for its Indonesian twin)."""
    same = answers(articles.values())
    asked = Counter(same.get(q.expected, q.expected) for q in load_queries(QUERIES_PATH) if q.expected != NO_ANSWER)
    ranked = sorted((s for s in asked if articles[s].lang == "id"), key=lambda s: (-asked[s], s))[:MOST_ASKED]
    twinned = set(same.values())
    assert [s for s in ranked if s not in twinned] == []


def test_a_twin_must_name_another_article():
    text = "---\ntitle: A\nlang: en\ntwin: {}\n---\nbody\n"
    assert parse(text.format("data-x"), "en-a").twin == "data-x"
    for bad in ("en-a", "Data X!"):
        with pytest.raises(ArticleError, match="twin"):
            parse(text.format(bad), "en-a")


@pytest.mark.parametrize("query, expected", [
    ("data inflasi lubuklinggau", "data-inflasi-lubuklinggau"),
    ("what is the inflation rate in lubuklinggau", "en-inflation-data"),
    ("garis kemiskinan itu apa", "garis-kemiskinan"),
    ("what is the poverty line", "en-poverty-line"),
    ("kode kbli untuk warung makan", "kbli-usaha-makanan-minuman"),
    ("kbli code for a restaurant", "en-kbli-food-beverage"),
])
def test_one_of_two_twins_in_the_query_language(index, articles, query, expected):
    """The twin in the citizen's language answers; its other-language twin is not listed beside it."""
    hits = index.search(query, limit=5)
    slugs = [h.slug for h in hits]
    assert slugs[0] == expected
    assert articles[expected].twin not in slugs and not any(articles[s].twin == expected for s in slugs)


def test_no_result_list_holds_both_twins(index, articles):
    for query in load_queries(QUERIES_PATH):
        slugs = {h.slug for h in index.search(query.text, limit=5)}
        assert not any(articles[s].twin in slugs for s in slugs), query.text

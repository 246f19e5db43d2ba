"""The article files: they parse, are complete, and the eval labels point at them."""
from __future__ import annotations

import re

import pytest

from knowledge.article import ARTICLES_DIR, ArticleError, dump, load_dir, parse
from knowledge.evaluation import NO_ANSWER, load_queries

ARTICLES = load_dir()
# A run of digits that could be a statistic ("12,5 persen", "235.000 jiwa"), as opposed to a
# code, a year or an opening hour.
FIGURE = re.compile(r"\b\d{1,3}(?:[.,]\d+)+\b\s*(?:persen|%|jiwa|orang|ribu|juta|miliar|rupiah)", re.I)


def test_enough_articles_with_unique_slugs():
    slugs = [a.slug for a in ARTICLES]
    assert len(slugs) >= 150 and len(set(slugs)) == len(slugs)


@pytest.mark.parametrize("article", ARTICLES, ids=lambda a: a.slug)
def test_article_is_complete(article):
    """Several question phrasings, tags, a source, and a summary paragraph short enough for WhatsApp."""
    assert len(article.questions) >= 3 and len(article.tags) >= 3
    assert article.source and article.lang in ("id", "en")
    assert len(article.summary) <= 700


@pytest.mark.parametrize("article", ARTICLES, ids=lambda a: a.slug)
def test_article_round_trips(article):
    """Each file is in the canonical form ``dump`` writes, so diffs in pull requests stay small."""
    assert parse(dump(article), article.slug) == article
    assert (ARTICLES_DIR / f"{article.slug}.md").exists()


@pytest.mark.parametrize("article", ARTICLES, ids=lambda a: a.slug)
def test_no_unsourced_figures(article):
    """Articles point to publications instead of quoting statistics (never invent a figure)."""
    assert not FIGURE.search(article.body), FIGURE.search(article.body).group(0)


def test_eval_labels_reference_existing_articles():
    slugs = {a.slug for a in ARTICLES}
    assert {q.expected for q in load_queries()} - {NO_ANSWER} <= slugs


def test_eval_queries_are_not_copied_from_articles():
    """Queries are written as citizens would; only a few short ones coincide with an article phrasing."""
    phrasings = {q.lower().strip() for a in ARTICLES for q in a.questions}
    queries = load_queries()
    copied = [q.text for q in queries if q.text.lower().strip() in phrasings]
    assert len(copied) <= 0.03 * len(queries), copied


@pytest.mark.parametrize("front, problem", [
    ("- just\n- a list", "key: value"),
    ("title: T\nquestions: berapa jumlah penduduk", "questions"),
    ("title: T\ntags: penduduk", "tags"),
    ("title: T\nlang: indonesia", "lang"),
    ("title: " + "x" * 300, "title"),
])
def test_malformed_front_matter_is_refused_by_name(front, problem):
    """Front matter that would crash or corrupt the import (a string read letter by letter) names file and field."""
    with pytest.raises(ArticleError, match=rf"^bad-article: .*{problem}"):
        parse(f"---\n{front}\n---\nIsi artikel.\n", "bad-article")


def test_file_with_byte_order_mark_parses(tmp_path):
    """A file saved by an editor that writes a UTF-8 byte order mark is still an article."""
    (tmp_path / "dengan-bom.md").write_text("\ufeff---\ntitle: T\n---\nIsi artikel.\n", encoding="utf-8")
    assert load_dir(tmp_path)[0].title == "T"


def test_non_utf8_file_is_named(tmp_path):
    """A file saved in Latin-1 gives an ArticleError naming the file, not a bare UnicodeDecodeError."""
    (tmp_path / "latin.md").write_bytes("---\ntitle: Dat\xe9\n---\nIsi.\n".encode("latin-1"))
    with pytest.raises(ArticleError, match="latin.md.*UTF-8"):
        load_dir(tmp_path)


def test_empty_list_items_are_skipped():
    """A bullet left empty ('-' alone) is no question, not the question 'None'."""
    article = parse("---\ntitle: T\nquestions:\n- berapa penduduk\n-\ntags:\n-\n- penduduk\n---\nIsi.\n", "x-y")
    assert (article.questions, article.tags) == (("berapa penduduk",), ("penduduk",))

"""Knowledge upkeep: create and edit articles, unanswered questions most frequent first, convert one."""
from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select

from bot import clock
from bot.console.knowledge import slugify
from bot.models import KnowledgeArticle, UnansweredQuery
from knowledge.article import SLUG
from knowledge.store import record_unanswered
from tests.console_support import db, login, make_officer, post

ARTICLE = {"title": "Data inflasi Kota Lubuklinggau", "body": "Inflasi bulanan diumumkan BPS setiap awal bulan.",
           "questions": "berapa inflasi lubuklinggau\ninflasi bulan ini", "tags": "inflasi, harga",
           "lang": "id", "source": "BRS", "active": "on"}


@pytest.fixture
def officer_client(app, client):
    make_officer(app)
    login(client)
    return client


def _search(app, text):
    with db(app) as session:
        return [h.slug for h in app.extensions["knowledge"].search(session, text, limit=3) if h.confident]


def test_create_article_refreshes_search(app, officer_client):
    """A new article is stored with a slug and the bot's search finds it at once."""
    assert _search(app, "berapa inflasi lubuklinggau") == []
    response = post(officer_client, "/console/knowledge/new", ARTICLE)
    assert response.status_code == 302
    with db(app) as session:
        article = session.scalar(select(KnowledgeArticle))
        assert article.slug == "data-inflasi-kota-lubuklinggau"
        assert article.questions == ["berapa inflasi lubuklinggau", "inflasi bulan ini"]
        assert article.tags == ["inflasi", "harga"]
    assert _search(app, "berapa inflasi lubuklinggau") == ["data-inflasi-kota-lubuklinggau"]


def test_edit_article_and_deactivate(app, officer_client):
    """Editing bumps updated_at; unticking Active takes it out of the search."""
    post(officer_client, "/console/knowledge/new", ARTICLE)
    with db(app) as session:
        article = session.scalar(select(KnowledgeArticle))
        before = article.updated_at
    clock.freeze(clock.now() + dt.timedelta(minutes=5))
    post(officer_client, f"/console/knowledge/{article.id}", {**ARTICLE, "title": "Inflasi", "active": "", "version": 1})
    with db(app) as session:
        article = session.get(KnowledgeArticle, article.id)
        assert article.title == "Inflasi" and not article.active and article.updated_at > before
    assert _search(app, "berapa inflasi lubuklinggau") == []
    assert "Inflasi" in officer_client.get(f"/console/knowledge/{article.id}").get_data(as_text=True)


def test_article_needs_title_and_body(app, officer_client):
    """Missing title or body: 400 with a message, nothing stored."""
    response = post(officer_client, "/console/knowledge/new", {**ARTICLE, "body": ""})
    assert response.status_code == 400 and "Judul dan isi wajib diisi." in response.get_data(as_text=True)
    with db(app) as session:
        assert session.scalar(select(KnowledgeArticle)) is None


def test_same_title_gets_its_own_slug(app, officer_client):
    """Two articles with one title get distinct slugs."""
    post(officer_client, "/console/knowledge/new", ARTICLE)
    post(officer_client, "/console/knowledge/new", ARTICLE)
    with db(app) as session:
        assert sorted(session.scalars(select(KnowledgeArticle.slug))) == [
            "data-inflasi-kota-lubuklinggau", "data-inflasi-kota-lubuklinggau-2"]


def test_unanswered_most_frequent_first_and_convert(app, officer_client):
    """The most-asked gap comes first; converting it prefills the question and links the article."""
    with db(app) as session:
        record_unanswered(session, "jumlah sapi di lubuklinggau", "jumlah sapi lubuklinggau")
        for _ in range(3):
            record_unanswered(session, "harga cabai hari ini", "harga cabai")
        session.commit()
        top = session.scalar(select(UnansweredQuery).where(UnansweredQuery.normalized == "harga cabai"))
    page = officer_client.get("/console/knowledge/unanswered").get_data(as_text=True)
    assert page.index("harga cabai hari ini") < page.index("jumlah sapi di lubuklinggau")
    form = officer_client.get(f"/console/knowledge/new?from={top.id}").get_data(as_text=True)
    assert "harga cabai hari ini</textarea>" in form
    post(officer_client, "/console/knowledge/new", {**ARTICLE, "title": "Harga cabai", "from": top.id,
                                                   "questions": "harga cabai hari ini"})
    with db(app) as session:
        assert session.get(UnansweredQuery, top.id).article_id is not None
    assert "Sudah jadi artikel" in officer_client.get("/console/knowledge/unanswered").get_data(as_text=True)


def test_list_and_search_articles(app, officer_client):
    """The list shows articles; its search uses the bot's own index."""
    post(officer_client, "/console/knowledge/new", ARTICLE)
    assert "Data inflasi Kota Lubuklinggau" in officer_client.get("/console/knowledge/").get_data(as_text=True)
    found = officer_client.get("/console/knowledge/", query_string={"q": "inflasi bulan ini"})
    assert "Data inflasi Kota Lubuklinggau" in found.get_data(as_text=True)
    assert officer_client.get("/console/knowledge/999").status_code == 404


@pytest.mark.parametrize("title, slug", [
    ("Jumlah Penduduk 2024", "jumlah-penduduk-2024"), ("A", "artikel-a"), ("?", "artikel"),
    ("Ümit ve İnflasi", "umit-ve-inflasi"), ("x" * 300, "x" * 100),
])
def test_slug_is_one_kb_import_accepts(title, slug):
    """A console title becomes a file name the import takes back (a one-letter slug used to stop it)."""
    assert slugify(title) == slug and SLUG.match(slug)


def test_dismissed_entry_leaves_the_list_for_good(app, officer_client):
    """An officer dismisses a one-off; asked again, it is still counted but stays off the list."""
    with db(app) as session:
        record_unanswered(session, "data jumlah kucing liar di llg", "data jumlah kucing liar llg")
        session.commit()
        row = session.scalar(select(UnansweredQuery))
    assert "kucing liar" in officer_client.get("/console/knowledge/unanswered").get_data(as_text=True)
    page = post(officer_client, f"/console/knowledge/unanswered/{row.id}/dismiss", follow_redirects=True)
    assert "Diabaikan." in page.get_data(as_text=True) and "kucing liar" not in page.get_data(as_text=True)
    with db(app) as session:
        record_unanswered(session, "data jumlah kucing liar di llg", "data jumlah kucing liar llg")
        session.commit()
        assert session.get(UnansweredQuery, row.id).count == 2
    assert "kucing liar" not in officer_client.get("/console/knowledge/unanswered").get_data(as_text=True)
    assert post(officer_client, "/console/knowledge/unanswered/99999/dismiss").status_code == 404


@pytest.mark.parametrize("text", ["halo min", "makasih banyak kak", "ya", "tidak", "ok", "thanks", "🙏🙏", "selamat pagi"])
def test_courtesy_and_yes_no_are_never_counted(app, text):
    """Greetings, thanks, yes/no and messages without words are no knowledge gap."""
    with db(app) as session:
        record_unanswered(session, text, text)
        record_unanswered(session, "jumlah sapi perah di llg", "jumlah sapi perah llg")
        session.commit()
        assert [r.example for r in session.scalars(select(UnansweredQuery))] == ["jumlah sapi perah di llg"]

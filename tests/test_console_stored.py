"""What is stored is shown: the close outcome (ticket page, CSV), who wrote a note, and article versions
where a stale save is refused with the colleague's text shown and the officer's own kept."""
from __future__ import annotations

import csv
import io
import re

from sqlalchemy import select

from bot.models import KnowledgeArticle
from tests.console_support import db, login, make_officer, open_ticket, post


def test_outcome_on_the_ticket_and_in_the_csv(app, client):
    """The outcome typed at closing shows on the closed ticket and in the export's own column."""
    make_officer(app, "siti")
    make_officer(app, "boss", role="supervisor")
    _, ticket = open_ticket(app)
    login(client, "siti")
    post(client, f"/console/t/{ticket}/close", {"outcome": "=Tabel dikirim lewat e-mail", "confirm": "yes"})
    page = client.get(f"/console/t/{ticket}").get_data(as_text=True)
    assert re.search(r'id="outcome">=Tabel dikirim lewat e-mail', page)
    supervisor = app.test_client()
    login(supervisor, "boss")
    rows = list(csv.DictReader(io.StringIO(supervisor.get("/console/dashboard/export.csv").get_data(as_text=True))))
    assert [r["outcome"] for r in rows if r["ticket"] == ticket] == ["'=Tabel dikirim lewat e-mail"]


def test_note_shows_its_author(app, client):
    """A note names the officer who wrote it."""
    make_officer(app, "siti", name="Siti Aminah")
    _, ticket = open_ticket(app)
    login(client, "siti")
    post(client, f"/console/t/{ticket}/note", {"text": "Warga minta data per desa."})
    page = client.get(f"/console/t/{ticket}").get_data(as_text=True)
    assert re.search(r'class="note"><small>Siti Aminah · [^<]+WIB</small> Warga minta data per desa.', page)


def _article(client, **fields) -> int:
    form = {"title": "Inflasi", "body": "Inflasi bulanan.", "questions": "", "tags": "", "lang": "id", "source": "",
            "active": "on", "version": "0", **fields}
    location = post(client, "/console/knowledge/new", form).headers["Location"]
    return int(location.rstrip("/").rsplit("/", 1)[1])


def _form(article_id: int, **fields) -> dict:
    return {"title": "Inflasi", "body": "Inflasi bulanan.", "questions": "", "tags": "", "lang": "id", "source": "",
            "active": "on", **fields}


def test_article_saves_bump_the_version_and_name_the_saver(app, client):
    """Each save raises the version by one and records who saved."""
    make_officer(app, "siti", name="Siti Aminah")
    login(client, "siti")
    article_id = _article(client)
    post(client, f"/console/knowledge/{article_id}", _form(article_id, body="Inflasi bulanan Kota.", version="1"))
    with db(app) as session:
        article = session.get(KnowledgeArticle, article_id)
        assert (article.version, article.body, article.updated_by.name) == (2, "Inflasi bulanan Kota.", "Siti Aminah")
    page = client.get(f"/console/knowledge/{article_id}").get_data(as_text=True)
    assert "Versi 2 · disimpan oleh Siti Aminah" in page and 'name="version" value="2"' in page


def test_stale_article_save_is_refused_and_both_texts_shown(app, client):
    """Rudi saved in between: Siti's save of version 1 gets 409, Rudi's text and a diff, her text kept."""
    make_officer(app, "siti", name="Siti Aminah")
    make_officer(app, "rudi", name="Rudi Hartono")
    login(client, "siti")
    article_id = _article(client)
    rudi = app.test_client()
    login(rudi, "rudi")
    post(rudi, f"/console/knowledge/{article_id}", _form(article_id, body="Inflasi tahunan (y-on-y).", version="1"))
    response = post(client, f"/console/knowledge/{article_id}", _form(article_id, body="Inflasi bulanan m-to-m.",
                                                                       version="1"))
    page = response.get_data(as_text=True)
    assert response.status_code == 409
    assert "Petugas lain menyimpan artikel ini lebih dulu." in page and "Rudi Hartono" in page
    assert '<span class="del">-Inflasi tahunan (y-on-y).</span>' in page
    assert '<span class="add">+Inflasi bulanan m-to-m.</span>' in page
    assert ">Inflasi bulanan m-to-m.</textarea>" in page and 'name="version" value="2"' in page
    with db(app) as session:
        assert session.get(KnowledgeArticle, article_id).body == "Inflasi tahunan (y-on-y)."
    post(client, f"/console/knowledge/{article_id}", _form(article_id, body="Inflasi bulanan m-to-m.", version="2"))
    with db(app) as session:
        article = session.get(KnowledgeArticle, article_id)
        assert (article.version, article.body) == (3, "Inflasi bulanan m-to-m.")


def test_article_without_version_is_refused(app, client):
    """A post that names no version (an old tab, a hand-made request) cannot overwrite: 409, nothing saved."""
    make_officer(app, "siti")
    login(client, "siti")
    article_id = _article(client)
    form = _form(article_id, body="Lain.")
    for version in (None, "abc", "-1"):
        data = form if version is None else {**form, "version": version}
        assert post(client, f"/console/knowledge/{article_id}", data).status_code == 409
    with db(app) as session:
        assert session.scalar(select(KnowledgeArticle.body)) == "Inflasi bulanan."

"""Errors inside the console: styled pages in the officer's language, a logged reference for a 500,
a confirmation before closing, and a post from an ended session led back to its page after login."""
from __future__ import annotations

import logging
import re

import pytest
from sqlalchemy import select

from bot.console import conversation
from bot.models import Consultation, Officer
from tests.console_support import csrf_token, db, login, make_officer, open_ticket, post

PAGES = {  # status -> (Indonesian title, English title)
    400: ("Permintaan tidak bisa diproses", "The request could not be processed"),
    403: ("Akses ditolak", "Access denied"),
    404: ("Halaman tidak ditemukan", "Page not found"),
    500: ("Terjadi kesalahan", "Something went wrong"),
}


def _in(client, lang: str) -> None:
    post(client, "/console/lang", {"lang": lang, "next": "/console/"})


def _styled(response, status: int, lang: str) -> str:
    """The console's own page: layout, title in ``lang``, a way back to the inbox, no Werkzeug text."""
    page = response.get_data(as_text=True)
    assert response.status_code == status
    assert PAGES[status][0 if lang == "id" else 1] in page and f'<html lang="{lang}">' in page
    assert 'class="brand"' in page and 'href="/console/"' in page  # the console header and a way back
    assert "Traceback" not in page and "werkzeug" not in page.lower()
    return page


@pytest.fixture
def officer(app, client):
    make_officer(app)
    login(client)


@pytest.mark.parametrize("lang", ["id", "en"])
def test_unknown_ticket_is_a_console_404(app, client, officer, lang):
    _in(client, lang)
    _styled(client.get("/console/t/PST-2026-999999"), 404, lang)


@pytest.mark.parametrize("lang", ["id", "en"])
def test_officer_on_the_dashboard_gets_a_console_403(app, client, officer, lang):
    _in(client, lang)
    _styled(client.get("/console/dashboard/"), 403, lang)


@pytest.mark.parametrize("lang", ["id", "en"])
def test_bad_request_is_a_console_400(app, client, officer, lang):
    """Both ways to a 400: a NUL character, and a form whose CSRF token is missing."""
    _in(client, lang)
    _styled(client.get("/console/?q=a%00b"), 400, lang)
    page = _styled(client.post("/console/availability"), 400, lang)
    assert "CSRF" not in page  # no details of the error


@pytest.mark.parametrize("lang", ["id", "en"])
def test_server_error_is_logged_with_the_reference_the_page_shows(app, client, officer, monkeypatch, caplog,
                                                                    lang):
    """A crash shows the reference and nothing of the exception; the log has both, under that reference."""
    app.config["PROPAGATE_EXCEPTIONS"] = False  # as in production: Flask turns the exception into a 500
    _, ticket = open_ticket(app)
    _in(client, lang)

    def broken(*_args, **_kwargs):
        raise RuntimeError("secret detail from the database")
    monkeypatch.setattr(conversation.history, "messages", broken)
    with caplog.at_level(logging.ERROR, logger="bot.console.errors"):
        page = _styled(client.get(f"/console/t/{ticket}"), 500, lang)
    reference = re.search(r'class="reference">([0-9A-F]{8})<', page).group(1)
    assert "secret detail" not in page
    (record,) = [r for r in caplog.records if reference in r.getMessage()]
    assert record.exc_info[0] is RuntimeError and "conversation.show" in record.getMessage()
    assert ticket not in record.getMessage()  # the endpoint, not the path, is logged
    feed = client.get(f"/console/t/{ticket}/feed.json")
    assert feed.status_code == 500 and re.fullmatch(r"[0-9A-F]{8}", feed.get_json()["reference"])


def test_stranger_gets_a_console_404_with_a_login_link(app, client):
    response = client.get("/console/no-such-page")
    page = response.get_data(as_text=True)
    assert response.status_code == 404 and "Halaman tidak ditemukan" in page and 'href="/console/login"' in page


def test_errors_outside_the_console_stay_plain(app, client):
    response = client.get("/no-such-page")
    assert response.status_code == 404 and "Halaman tidak ditemukan" not in response.get_data(as_text=True)


def test_close_asks_for_confirmation_first(app, client, officer):
    """The first post only shows what closing does, the outcome kept; the second (confirm=yes) closes."""
    citizen, ticket = open_ticket(app)
    before = citizen.state()
    response = post(client, f"/console/t/{ticket}/close", {"outcome": "Tabel <4.1> dikirim"})
    page = response.get_data(as_text=True)
    assert response.status_code == 200 and "Ya, tutup konsultasi" in page
    assert 'value="Tabel &lt;4.1&gt; dikirim"' in page and f'href="/console/t/{ticket}"' in page
    assert citizen.state() == before  # not asked for a rating yet
    with db(app) as session:
        assert session.scalar(select(Consultation.status).where(Consultation.ticket == ticket)) != "closed"
    post(client, f"/console/t/{ticket}/close", {"outcome": "Tabel 4.1 dikirim", "confirm": "yes"})
    with db(app) as session:
        closed = session.scalar(select(Consultation).where(Consultation.ticket == ticket))
        assert (closed.status, closed.outcome) == ("closed", "Tabel 4.1 dikirim")
    assert citizen.state() == "rating"


def test_post_after_the_session_ended_leads_back_to_its_page(app, client):
    """A reply posted from an ended session changes nothing and the login returns to the ticket."""
    officer_id = make_officer(app)
    _, ticket = open_ticket(app)
    login(client)
    token = csrf_token(client, f"/console/t/{ticket}")
    with db(app) as session:
        session.get(Officer, officer_id).active = False  # the login ends (as with a new password elsewhere)
        session.commit()
    response = client.post(f"/console/t/{ticket}/reply", data={"text": "Datanya ada", "csrf_token": token},
                           headers={"Referer": f"http://localhost/console/t/{ticket}"})
    assert response.status_code == 302
    assert response.headers["Location"].endswith(f"/console/login?next=/console/t/{ticket}")
    foreign = client.post(f"/console/t/{ticket}/reply", data={"text": "x", "csrf_token": token},
                          headers={"Referer": "http://evil.example/console/t/x"})
    assert "next" not in foreign.headers["Location"]


def test_error_and_follow_up_phrases_have_english():
    """Phrases kept in module tables (not written as _("...") where used) need their English twin too."""
    from bot.console import errors, i18n, schedule
    phrases = [text for pair in errors.PAGES.values() for text in pair]
    phrases += [schedule.PICK_KIND, schedule.NEED_TIME, schedule.PAST_TIME, schedule.OFFICE_CLOSED,
                schedule.NEED_LINK, schedule.BAD_LINK]
    assert [p for p in phrases if p not in i18n.EN] == []

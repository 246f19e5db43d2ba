"""Flagged messages reach officers: a Needs-attention list with a count, links, raw mail, and 'handled'."""
from __future__ import annotations

import pytest
from sqlalchemy import select

from bot import clock, inbox, pipeline
from bot.channels.email import ingest
from bot.envelope import Inbound
from bot.models import Message
from tests.console_support import db, login, make_officer, open_ticket, post

RAW = (b"From: <script>alert(1)</script> <robot@example.org>\r\nSubject: =?x?broken\r\n"
       b"Content-Type: text/plain\r\n\r\n<b>tebal</b> \xff\xfe bytes that are not UTF-8\r\n")


@pytest.fixture
def flagged(app, client):
    """An open WhatsApp ticket whose citizen's message broke the engine, plus a mail nobody could read."""
    make_officer(app)
    citizen, ticket = open_ticket(app)
    with db(app) as session:
        failed, _ = inbox.accept(session, Inbound(channel="whatsapp", address=citizen.address, text="Pesan yang bikin error",
                                                  external_id="SM-broken", received_at=clock.now()))
        pipeline.flag_failed(session, failed.id)
        unreadable = ingest.store_unreadable(session, RAW, "could not parse: test").message
        session.commit()
        ids = failed.id, unreadable.id
    login(client)
    return ticket, ids


def _flags(app) -> dict[int, bool]:
    with db(app) as session:
        return dict(session.execute(select(Message.id, Message.flagged).where(Message.direction == "in")).all())


def test_inbox_shows_the_count(app, client, flagged):
    """The inbox has a Needs-attention tab with the number of flagged messages, also in its polling feed."""
    page = client.get("/console/").get_data(as_text=True)
    assert "Perlu perhatian" in page and 'data-count-for="attention">2<' in page
    assert client.get("/console/inbox.json").get_json()["counts"]["attention"] == 2


def test_list_links_each_message(app, client, flagged):
    """The engine failure links to its ticket; the unthreaded mail links to its own page."""
    ticket, (failed_id, mail_id) = flagged
    page = client.get("/console/attention/").get_data(as_text=True)
    assert f"/console/t/{ticket}#m{failed_id}" in page and "engine error" in page
    assert f"/console/attention/{mail_id}" in page and "could not parse: test" in page
    assert "<script>alert(1)</script>" not in page


def test_raw_mail_is_shown_escaped(app, client, flagged):
    """The original bytes of an unreadable mail show as text: markup escaped, bad bytes replaced."""
    _, (_, mail_id) = flagged
    page = client.get(f"/console/attention/{mail_id}").get_data(as_text=True)
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page and "&lt;b&gt;tebal&lt;/b&gt;" in page
    assert "<script>alert(1)" not in page and "<b>tebal</b>" not in page and "\ufffd" in page


def test_flagged_message_shows_in_its_conversation(app, client, flagged):
    """In the chat the flagged message carries a mark and a 'handled' button that returns to the chat."""
    ticket, (failed_id, _) = flagged
    page = client.get(f"/console/t/{ticket}").get_data(as_text=True)
    assert f"/console/attention/{failed_id}/handled" in page and 'class="tag flag"' in page
    response = post(client, f"/console/attention/{failed_id}/handled", {"next": f"/console/t/{ticket}"})
    assert response.status_code == 302 and response.headers["Location"].endswith(f"/console/t/{ticket}")
    assert _flags(app)[failed_id] is False


def test_mark_handled_once(app, client, flagged):
    """Handled clears the flag and the count; a second click says someone already did it."""
    _, (_, mail_id) = flagged
    first = post(client, f"/console/attention/{mail_id}/handled", follow_redirects=True).get_data(as_text=True)
    assert "Ditandai selesai." in first and f"/console/attention/{mail_id}/handled" not in first
    assert client.get("/console/inbox.json").get_json()["counts"]["attention"] == 1
    second = post(client, f"/console/attention/{mail_id}/handled", follow_redirects=True).get_data(as_text=True)
    assert "Sudah ditangani petugas lain." in second


@pytest.mark.parametrize("target", ["https://evil.example/", "//evil.example/console/", "/webhooks/twilio/status"])
def test_handled_never_redirects_outside_the_console(app, client, flagged, target):
    """The 'next' of the handled form is only followed inside the console."""
    _, (_, mail_id) = flagged
    response = post(client, f"/console/attention/{mail_id}/handled", {"next": target})
    assert response.headers["Location"].endswith("/console/")


def test_unknown_message_is_404(app, client, flagged):
    """A message id that does not exist is a 404 on both routes."""
    assert client.get("/console/attention/999999").status_code == 404
    assert post(client, "/console/attention/999999/handled").status_code == 404

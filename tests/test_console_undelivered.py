"""Undeliverable replies are shown with their error, and a WhatsApp one can go again by e-mail.

Real parts: the fake Twilio over HTTP, a real RQ worker, and a real aiosmtpd server.
"""
from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select

from bot import clock, create_app
from bot.models import Message
from tests.console_support import db, login, make_officer, open_ticket, post
from tests.support.whatsapp import run_worker, wa_env  # noqa: F401  (fixture)

REPLY = "Tabel kemiskinan ada di Kota Lubuklinggau Dalam Angka 2024."


@pytest.fixture
def both_app(wa_env, smtp_server):
    """WhatsApp pointed at the fake Twilio (no template configured) and mail at a real SMTP server."""
    app = create_app({**wa_env, **smtp_server.settings()})
    yield app
    app.extensions["db"].engine.dispose()


def _officer_rows(app) -> list[Message]:
    with db(app) as session:
        return list(session.scalars(select(Message).where(Message.author == "officer").order_by(Message.id)))


def _reply(app, channel="whatsapp", address="+6281234567890", hours_later=0):
    make_officer(app)
    _, ticket = open_ticket(app, channel=channel, address=address)
    client = app.test_client()
    login(client)
    clock.freeze(clock.now() + dt.timedelta(hours=hours_later))
    post(client, f"/console/t/{ticket}/reply", {"text": REPLY})
    run_worker(app)
    return client, ticket


def test_whatsapp_outside_window_is_shown_and_resent_by_email(both_app, fake_twilio, smtp_server):
    """Past 24 hours with no template the reply is undeliverable: the chat says so and offers the e-mail."""
    client, ticket = _reply(both_app, hours_later=30)
    (failed,) = _officer_rows(both_app)
    assert failed.status == "undeliverable" and fake_twilio.messages == []
    page = client.get(f"/console/t/{ticket}").get_data(as_text=True)
    assert "tak terkirim: undeliverable" in page and "s-undeliverable" in page
    assert f"/console/t/{ticket}/resend/{failed.id}" in page and "Kirim ulang lewat e-mail (budi@example.org)" in page
    assert "tak terkirim" in client.get(f"/console/t/{ticket}/feed.json").get_json()["statuses"][str(failed.id)]

    response = post(client, f"/console/t/{ticket}/resend/{failed.id}", follow_redirects=True)
    assert "Dikirim ulang lewat e-mail." in response.get_data(as_text=True)
    run_worker(both_app)
    (mail,) = smtp_server.wait_for(1)
    assert mail.rcpt_tos == ["budi@example.org"] and REPLY in mail.message.get_body(("plain",)).get_content()
    original, resent = _officer_rows(both_app)
    assert (resent.channel, resent.status, resent.meta["resend_of"]) == ("email", "sent", original.id)
    page = client.get(f"/console/t/{ticket}").get_data(as_text=True)
    assert f"/resend/{failed.id}" not in page  # offered once
    again = post(client, f"/console/t/{ticket}/resend/{failed.id}", follow_redirects=True).get_data(as_text=True)
    assert "Pesan ini tidak bisa dikirim ulang lewat e-mail." in again and len(_officer_rows(both_app)) == 2


def test_twilio_refusal_is_shown_with_its_code(both_app, fake_twilio):
    """A permanent Twilio error marks the reply failed, shows the reason, and offers the e-mail."""
    fake_twilio.fail_next(1, 63024)
    client, ticket = _reply(both_app)
    (failed,) = _officer_rows(both_app)
    page = client.get(f"/console/t/{ticket}").get_data(as_text=True)
    assert failed.status == "failed" and f"gagal: {failed.error}" in page.replace("&#39;", "'")
    assert f"/resend/{failed.id}" in page


def test_smtp_550_is_shown_without_a_pointless_resend(both_app, smtp_server):
    """A mail the server refused for good shows as failed with the server's words; e-mail is not offered again."""
    smtp_server.fail_next(1, 550)
    client, ticket = _reply(both_app, channel="email", address="rina@example.org")
    (failed,) = _officer_rows(both_app)
    assert failed.status == "failed" and failed.error.startswith("SMTP 550")
    page = client.get(f"/console/t/{ticket}").get_data(as_text=True)
    assert "gagal: SMTP 550" in page and "/resend/" not in page
    assert post(client, f"/console/t/{ticket}/resend/{failed.id}").status_code == 302
    assert len(_officer_rows(both_app)) == 1


def test_resend_of_another_tickets_message_is_404(both_app, fake_twilio):
    """A message id is only resent under its own ticket."""
    client, _ = _reply(both_app, hours_later=30)
    (failed,) = _officer_rows(both_app)
    _, other = open_ticket(both_app, address="+6281299990000", name="Rina Wati")
    assert post(client, f"/console/t/{other}/resend/{failed.id}").status_code == 404

"""Conversation view: history across channels, live feed, reply, notes, close, follow-up, suggestions."""
from __future__ import annotations

import datetime as dt
import re

import pytest
from sqlalchemy import select

from bot import clock
from bot.console import schedule
from bot.models import Consultation, FollowUp, KnowledgeArticle, Message, Note
from tests.console_support import db, login, make_officer, open_ticket, post
from tests.talk import Citizen



@pytest.fixture
def ticket(app, client):
    """A WhatsApp ticket and a logged-in officer."""
    make_officer(app)
    citizen, ticket = open_ticket(app)
    login(client)
    return citizen, ticket


def _out(app, ticket_author="officer"):
    with db(app) as session:
        return session.scalars(select(Message).where(Message.author == ticket_author).order_by(Message.id)).all()


def test_history_spans_channels(app, client, ticket):
    """The citizen's mail (same verified address) shows beside the WhatsApp chat, bot part included."""
    citizen, number = ticket
    Citizen(app, "email", "budi@example.org", profile_name="Budi Santoso").say("Saya kirim juga lewat e-mail, terima kasih")
    page = client.get(f"/console/t/{number}").get_data(as_text=True)
    assert "Saya kirim juga lewat e-mail" in page
    assert "Selamat datang di layanan konsultasi" in page  # the bot's greeting
    assert 'aria-label="WhatsApp"' in page and 'aria-label="E-mail"' in page


def test_page_shows_the_confirmed_request_with_its_type(app, client, ticket):
    """The ticket's structured request: the citizen's words, the kind of request, area, period and purpose."""
    _, number = ticket
    page = client.get(f"/console/t/{number}").get_data(as_text=True)
    assert re.search(r"Jenis permintaan</dt><dd>permintaan data</dd>", page)
    assert "Kecamatan Lubuklinggau Barat" in page and "<dd>2023</dd>" in page and "<dd>skripsi</dd>" in page


def test_reply_goes_out_on_the_citizens_channel(app, client, ticket):
    """A reply becomes a queued WhatsApp outbox row with the officer's name, and the bot goes quiet."""
    citizen, number = ticket
    post(client, f"/console/t/{number}/reply", {"text": "Datanya ada di Lubuklinggau Dalam Angka 2024."})
    (row,) = _out(app)
    assert (row.channel, row.address, row.status) == ("whatsapp", "+6281234567890", "queued")
    assert "Lubuklinggau Dalam Angka 2024" in row.body and "Siti" in row.body
    assert citizen.state() == "handoff"
    assert citizen.say("Baik, terima kasih") == ""  # silent during hand-off


def test_empty_reply_is_refused(app, client, ticket):
    """A blank reply queues nothing and says why."""
    response = post(client, f"/console/t/{ticket[1]}/reply", {"text": "   "}, follow_redirects=True)
    assert "Balasan kosong." in response.get_data(as_text=True)
    assert _out(app) == []


def test_long_reply_is_refused_not_cut(app, client, ticket):
    """A reply over the limit goes nowhere instead of cut short; the browser's CRLF line ends count once."""
    number = ticket[1]
    assert re.search(r'<textarea name="text" id="reply-text"[^>]* maxlength="4000"', client.get(f"/console/t/{number}").text)
    response = post(client, f"/console/t/{number}/reply", {"text": "x" * 4001}, follow_redirects=True)
    assert "Terlalu panjang" in response.get_data(as_text=True) and _out(app) == []
    post(client, f"/console/t/{number}/reply", {"text": "baris\r\n" * 600})  # 4,200 as posted, 3,600 as typed
    (row,) = _out(app)
    assert "baris\n" * 599 + "baris" in row.body


def test_feed_returns_new_messages_and_statuses(app, client, ticket):
    """The polling endpoint returns only messages after the given id, rendered, plus delivery statuses."""
    citizen, number = ticket
    first = client.get(f"/console/t/{number}/feed.json").get_json()
    last = max(m["id"] for m in first["messages"])
    post(client, f"/console/t/{number}/reply", {"text": "Kami cek dulu ya."})
    citizen.say("Oke ditunggu")
    data = client.get(f"/console/t/{number}/feed.json", query_string={"after": last}).get_json()
    assert len(data["messages"]) == 2 and "Oke ditunggu" in data["messages"][1]["html"]
    (reply,) = _out(app)
    assert "antre" in data["statuses"][str(reply.id)]


def test_delivery_failure_is_shown(app, client, ticket):
    """A permanently failed send shows as failed, with the reason, in the history."""
    post(client, f"/console/t/{ticket[1]}/reply", {"text": "Halo"})
    with db(app) as session:
        row = session.scalar(select(Message).where(Message.author == "officer"))
        row.status, row.error = "failed", "63016 outside the 24h window"
        session.commit()
    page = client.get(f"/console/t/{ticket[1]}").get_data(as_text=True)
    assert "gagal: 63016 outside the 24h window" in page


def test_notes_stay_internal(app, client, ticket):
    """A note is stored and shown, and nothing is sent to the citizen."""
    post(client, f"/console/t/{ticket[1]}/note", {"text": "Tanyakan ke bidang sosial"})
    with db(app) as session:
        assert session.scalar(select(Note.text)) == "Tanyakan ke bidang sosial"
    assert "Tanyakan ke bidang sosial" in client.get(f"/console/t/{ticket[1]}").get_data(as_text=True)
    assert _out(app) == []


def test_close_asks_for_rating_and_shows_it(app, client, ticket):
    """Close with an outcome: the citizen is asked to rate; their score appears on the page and in the feed."""
    citizen, number = ticket
    post(client, f"/console/t/{number}/close", {"outcome": "Tabel dikirim lewat e-mail", "confirm": "yes"})
    assert citizen.state() == "rating"
    citizen.say("4")
    page = client.get(f"/console/t/{number}").get_data(as_text=True)
    assert "Skor: 4/4" in page and "Konsultasi ini sudah ditutup." in page
    assert "4/4" in client.get(f"/console/t/{number}/feed.json").get_json()["rating"]
    response = post(client, f"/console/t/{number}/reply", {"text": "lagi"}, follow_redirects=True)
    assert "Konsultasi ini sudah ditutup." in response.get_data(as_text=True)


@pytest.mark.parametrize("channel,address", [("whatsapp", "+6281211112222"), ("email", "rina@example.org")])
def test_follow_up_invitation(app, client, channel, address):
    """A Zoom follow-up is stored and the invitation goes out on the ticket's channel with an .ics in meta."""
    make_officer(app)
    _, number = open_ticket(app, channel=channel, address=address, name="Rina Wati")
    login(client)
    when = (clock.now() + dt.timedelta(days=2)).astimezone(dt.timezone(dt.timedelta(hours=7)))
    post(client, f"/console/t/{number}/follow-up", {"kind": "zoom", "starts_at": when.strftime("%Y-%m-%dT10:00"),
                                                   "link": "https://zoom.us/j/123456789"})
    (row,) = _out(app)
    assert row.channel == channel and "https://zoom.us/j/123456789" in row.body and "10.00 WIB" in row.body
    assert row.meta["ics"].startswith("BEGIN:VCALENDAR\r\n") and "DTSTART:" in row.meta["ics"]
    assert row.meta["ics_filename"] == f"{number}.ics"
    with db(app) as session:
        follow_up = session.scalar(select(FollowUp))
        assert follow_up.kind == "zoom" and follow_up.starts_at.astimezone(when.tzinfo).hour == 10


@pytest.mark.parametrize("form,field,problem", [
    ({"kind": "zoom", "starts_at": "2099-01-01T10:00", "link": ""}, "link", schedule.NEED_LINK),
    ({"kind": "zoom", "starts_at": "2099-01-01T10:00", "link": "javascript:alert(1)"}, "link", schedule.BAD_LINK),
    ({"kind": "visit", "starts_at": "2001-01-01T10:00"}, "starts_at", schedule.PAST_TIME),
    ({"kind": "visit", "starts_at": "besok"}, "starts_at", schedule.NEED_TIME),
    ({"kind": "party", "starts_at": "2099-01-01T10:00"}, "kind", schedule.PICK_KIND),
    ({"kind": "visit", "starts_at": "2099-01-03T10:00"}, "starts_at", schedule.OFFICE_CLOSED),  # a Saturday
    ({"kind": "visit", "starts_at": "2099-01-05T18:00"}, "starts_at", schedule.OFFICE_CLOSED),  # Monday evening
])
def test_follow_up_rejects_bad_input(app, client, ticket, form, field, problem):
    """Bad follow-up input sends nothing; the page comes back (400) naming the wrong field, input kept."""
    response = post(client, f"/console/t/{ticket[1]}/follow-up", form)
    page = response.get_data(as_text=True)
    assert response.status_code == 400
    assert f'<span class="field-error" id="fu-{field}-error">{problem}</span>' in page.replace("&#39;", "'")
    assert re.search(rf'name="{field}"[^>]*aria-invalid="true"', page)
    assert f'value="{form["starts_at"]}"' in page  # what the officer typed is still there
    assert _out(app) == []


def test_knowledge_suggestions(app, client, ticket):
    """An article matching the last question is suggested with an insert button."""
    with db(app) as session:
        session.add(KnowledgeArticle(slug="kemiskinan", title="Data kemiskinan Kota Lubuklinggau",
                                     body="Persentase penduduk miskin dimuat di publikasi Kota Lubuklinggau Dalam Angka.",
                                     questions=["berapa jumlah penduduk miskin lubuklinggau"], tags=["kemiskinan"],
                                     lang="id", source="", active=True, updated_at=clock.now()))
        session.commit()
    page = client.get(f"/console/t/{ticket[1]}").get_data(as_text=True)
    assert "Data kemiskinan Kota Lubuklinggau" in page and 'class="insert"' in page


def test_whatsapp_window_warning(app, client, ticket):
    """A day after the citizen's last WhatsApp message the reply box warns and names the e-mail."""
    clock.freeze(clock.now() + dt.timedelta(hours=25))
    page = client.get(f"/console/t/{ticket[1]}").get_data(as_text=True)
    assert "Jendela 24 jam WhatsApp sudah tertutup" in page and "budi@example.org" in page


@pytest.mark.parametrize("hours,channel", [(25, "email"), (1, "whatsapp")])
def test_reply_by_email_when_window_closed(app, client, ticket, hours, channel):
    """With the window closed the officer may send the reply to the verified e-mail; inside it, never."""
    clock.freeze(clock.now() + dt.timedelta(hours=hours))
    post(client, f"/console/t/{ticket[1]}/reply", {"text": "Jawaban lewat e-mail", "via": "email"})
    (row,) = _out(app)
    assert row.channel == channel
    assert row.address == ("budi@example.org" if channel == "email" else "+6281234567890")


def test_unknown_ticket_is_404(app, client, ticket):
    """A ticket that does not exist is a 404 on every page of it."""
    assert client.get("/console/t/PST-1999-000999").status_code == 404
    assert client.get("/console/t/PST-1999-000999/feed.json").status_code == 404
    assert post(client, "/console/t/PST-1999-000999/reply", {"text": "x"}).status_code == 404


def test_attachments_are_listed(app, client, ticket):
    """Media the citizen sent shows by name, type and size under its message."""
    from bot.models import Attachment

    citizen, number = ticket
    citizen.say("Ini foto tabelnya")
    with db(app) as session:
        message = session.scalar(select(Message).where(Message.body == "Ini foto tabelnya"))
        session.add(Attachment(message_id=message.id, filename="<tabel>.jpg", content_type="image/jpeg", size=20480,
                               status="stored"))
        session.commit()
    page = client.get(f"/console/t/{number}").get_data(as_text=True)
    assert "&lt;tabel&gt;.jpg" in page and "image/jpeg, 20.0 KB" in page


def test_suggestions_come_from_the_whole_request_without_scores(app, client, ticket):
    """A detail as the last message ("untuk tahun 2023") still gets suggestions for the ticket's question; no raw score."""
    with db(app) as session:
        session.add(KnowledgeArticle(slug="kemiskinan", title="Data kemiskinan Kota Lubuklinggau",
                                     body="Persentase penduduk miskin dimuat di publikasi Kota Lubuklinggau Dalam Angka.",
                                     questions=["berapa jumlah penduduk miskin lubuklinggau"], tags=["kemiskinan"],
                                     lang="id", source="", active=True, updated_at=clock.now()))
        consultation = session.scalar(select(Consultation).where(Consultation.ticket == ticket[1]))
        consultation.question, consultation.data_needed = "untuk tahun 2023", "jumlah penduduk miskin lubuklinggau"
        session.commit()
    page = client.get(f"/console/t/{ticket[1]}").get_data(as_text=True)
    suggestions = page[page.index('class="suggestions"'):]
    assert "Data kemiskinan Kota Lubuklinggau" in suggestions
    assert not re.search(r"<small>\(\d", suggestions[:suggestions.index("</ul>")])

"""New activity per officer: unread markers, last message and preview, the title count and the feed, on both databases."""
from __future__ import annotations

import re

import pytest
from sqlalchemy import select

from bot import clock
from bot.console import activity
from bot.models import Consultation, Message, TicketRead
from tests.console_support import db, login, make_officer, open_ticket


@pytest.fixture
def ticket(app, open_office):
    make_officer(app, "siti", name="Siti Aminah")
    return open_ticket(app)


def _row(page: str, ticket: str) -> str:
    return re.search(rf'<tr class="[^"]*" data-ticket="{ticket}">.*?</tr>', page, re.S).group(0)


def _title(page: str) -> str:
    return re.search(r"<title>(.*?)</title>", page, re.S).group(1)


def _consultation_id(app, ticket: str) -> int:
    with db(app) as session:
        return session.scalar(select(Consultation.id).where(Consultation.ticket == ticket))


def test_a_new_ticket_is_unread_until_its_page_is_opened(app, client, ticket):
    """The title counts it and the row is marked; opening the ticket clears both; a new citizen message brings them back."""
    citizen, number = ticket
    login(client)
    page = client.get("/console/?tab=all").get_data(as_text=True)
    assert _title(page).startswith("(1) Kotak masuk")
    assert "unread" in _row(page, number) and 'class="tag new"' in _row(page, number)

    client.get(f"/console/t/{number}")
    page = client.get("/console/?tab=all").get_data(as_text=True)
    assert _title(page).startswith("Kotak masuk")
    assert 'class="tag new"' not in _row(page, number)

    citizen.say("Tolong juga data tahun 2022 ya")
    page = client.get("/console/?tab=all").get_data(as_text=True)
    assert _title(page).startswith("(1) Kotak masuk")
    assert "1 baru" in _row(page, number)


def test_unread_is_per_officer(app, client, ticket):
    """Siti opening the ticket does not make it read for Budi."""
    _, number = ticket
    make_officer(app, "budi")
    login(client)
    client.get(f"/console/t/{number}")
    other = app.test_client()
    login(other, "budi")
    assert 'class="tag new"' in _row(other.get("/console/?tab=all").get_data(as_text=True), number)
    assert 'class="tag new"' not in _row(client.get("/console/?tab=all").get_data(as_text=True), number)


def test_the_feed_marks_read_only_what_a_visible_tab_showed(app, client, ticket):
    """A poll without ``seen=1`` (a hidden tab) leaves the message unread; a visible poll reads it."""
    citizen, number = ticket
    login(client)
    client.get(f"/console/t/{number}")
    with db(app) as session:
        before = session.scalar(select(Message.id).order_by(Message.id.desc()).limit(1))
    citizen.say("Apakah bisa dikirim hari ini?")
    feed = client.get(f"/console/t/{number}/feed.json?after={before}").get_json()
    assert any("dikirim hari ini" in m["html"] for m in feed["messages"])
    assert "1 baru" in _row(client.get("/console/?tab=all").get_data(as_text=True), number)
    client.get(f"/console/t/{number}/feed.json?after={before}&seen=1")
    assert 'class="tag new"' not in _row(client.get("/console/?tab=all").get_data(as_text=True), number)


def test_inbox_feed_reports_the_tickets_that_call_for_the_officer(app, client, ticket):
    """``unread`` maps each of my (or nobody's) unread tickets to its newest unseen citizen message, with its number."""
    _, number = ticket
    login(client)
    data = client.get("/console/inbox.json?tab=mine").get_json()
    cid = str(_consultation_id(app, number))
    with db(app) as session:
        newest = session.scalar(select(Message.id).where(Message.author == "citizen").order_by(Message.id.desc())
                                .limit(1))
    assert data["unread"] == {cid: newest} and data["tickets"] == {cid: number}
    client.get(f"/console/t/{number}")
    assert client.get("/console/inbox.json").get_json()["unread"] == {}


def test_a_colleagues_ticket_is_marked_but_not_counted(app, client, ticket):
    """Budi sees Siti's unread ticket marked in All open, but his title counts only his and unassigned ones."""
    _, number = ticket
    make_officer(app, "budi", available=False)
    login(client, "budi")
    page = client.get("/console/?tab=all").get_data(as_text=True)
    assert 'class="tag new"' in _row(page, number)
    assert _title(page).startswith("Kotak masuk")
    assert client.get("/console/inbox.json").get_json()["unread"] == {}


def test_last_message_time_and_a_masked_escaped_preview(app, client, ticket):
    """The preview shows the last message escaped, without the e-mail address or phone number in it."""
    citizen, number = ticket
    citizen.say("<b>kirim</b> ke budi.lain@example.org atau 0812-3456-7899 ya")
    login(client)
    row = _row(client.get("/console/?tab=all").get_data(as_text=True), number)
    assert "&lt;b&gt;kirim&lt;/b&gt; ke … atau … ya" in row
    assert "example.org" not in row and "3456" not in row
    assert re.search(r"<span class=\"said-at\">\w{3}, \d+ \w{3} \d{4} \d\d\.\d\d WIB</span>", row)


@pytest.mark.parametrize("body, shown", [
    ("NIK saya 1671234567890001, nomor +62 812 3456 7890", "NIK saya …, nomor …"),
    ("tahun 2023 dan 2024", "tahun 2023 dan 2024"),
    ("a\n\n  b", "a b"),
    ("x" * 200, "x" * 79 + "…"),
    (None, ""),
])
def test_preview(body, shown):
    """Long numbers and addresses are hidden, years kept, whitespace folded, length capped."""
    assert activity.preview(body) == shown


def test_the_read_mark_never_moves_back(app, ticket):
    """An older page load finishing late cannot make messages unread again."""
    _, number = ticket
    cid = _consultation_id(app, number)
    with db(app) as session:
        officer_id = session.scalar(select(Consultation.assigned_officer_id).where(Consultation.id == cid)) or 1
        for message_id in (50, 20, 50):
            activity.mark_seen(session, officer_id, cid, message_id, clock.now())
            session.commit()
        assert session.scalars(select(TicketRead.seen_message_id)).all() == [50]

"""Urgency at a glance: the due phrase in working time, the legend, the overdue banner and the priority flag."""
from __future__ import annotations

import datetime as dt
import re
from zoneinfo import ZoneInfo

from sqlalchemy import select

from bot import clock
from bot.models import Consultation
from tests.console_support import db, login, make_officer, open_ticket, post
from tests.talk import next_address

WIB = ZoneInfo("Asia/Jakarta")
MONDAY_MORNING = dt.datetime(2026, 11, 23, 8, 0, tzinfo=WIB)


def _due(app, ticket: str) -> dt.datetime:
    with db(app) as session:
        return session.scalar(select(Consultation.due_at).where(Consultation.ticket == ticket)).astimezone(WIB)


def _at_local(day: dt.datetime, hour: int, minute: int = 0) -> None:
    clock.freeze(day.replace(hour=hour, minute=minute).astimezone(dt.timezone.utc))


def _ticket_opened_monday(app, **kwargs) -> str:
    clock.freeze(MONDAY_MORNING.astimezone(dt.timezone.utc))
    return open_ticket(app, **kwargs)[1]


def _plain(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def test_inbox_says_working_hours_left_in_wib(app, client):
    """On the due day at 12:40 the inbox says "3 jam lagi" beside the due time in the office's format, and
    the legend explains every dot."""
    make_officer(app)
    ticket = _ticket_opened_monday(app)
    due = _due(app, ticket)
    assert due.hour == 16 and due.weekday() < 4  # Monday-Thursday close at 16:00
    _at_local(due, 12, 40)
    login(client)
    page = _plain(client.get("/console/?tab=all").get_data(as_text=True))
    assert f"{due.day} November 2026 pukul 16.00 WIB 3 jam lagi" in page
    assert "Keterangan" in page and "lewat tenggat, belum dijawab" in page and "sudah dijawab" in page
    feed = client.get("/console/inbox.json?tab=all").get_json()
    assert "3 jam lagi" in feed["html"]


def test_english_phrase_and_legend(app, client):
    make_officer(app)
    ticket = _ticket_opened_monday(app)
    _at_local(_due(app, ticket), 12, 40)
    login(client)
    post(client, "/console/lang", {"lang": "en", "next": "/console/"})
    page = _plain(client.get("/console/?tab=all").get_data(as_text=True))
    assert "November 2026 at 16:00 WIB 3 working hours left" in page and "Legend" in page


def test_overdue_banner_on_the_ticket(app, client):
    """No banner before the due time; the morning after it, a banner says how late in working hours."""
    make_officer(app)
    ticket = _ticket_opened_monday(app)
    due = _due(app, ticket)
    login(client)
    _at_local(due, 15)
    page = client.get(f"/console/t/{ticket}").get_data(as_text=True)
    assert 'id="overdue"' not in page and "1 jam lagi" in page
    _at_local(due + dt.timedelta(days=1), 10)
    page = client.get(f"/console/t/{ticket}").get_data(as_text=True)
    banner = _plain(re.search(r'<p class="flash error overdue".*?</p>', page, re.S).group(0))
    assert "Lewat tenggat" in banner and "lewat 2 jam" in banner and "pukul 16.00 WIB" in banner


def test_answered_ticket_has_no_banner_and_no_phrase(app, client):
    """The promise is the first answer: once answered, a past due time is no longer a warning."""
    make_officer(app)
    ticket = _ticket_opened_monday(app)
    login(client)
    post(client, f"/console/t/{ticket}/reply", {"text": "Baik, kami carikan datanya."})
    _at_local(_due(app, ticket) + dt.timedelta(days=1), 10)
    page = client.get(f"/console/t/{ticket}").get_data(as_text=True)
    assert 'id="overdue"' not in page and "lewat" not in _plain(page).split("Tenggat", 1)[1].split("Petugas", 1)[0]


def _order(client) -> list[str]:
    return re.findall(r"PST-\d{4}-\d+(?=</a>)", client.get("/console/?tab=all").get_data(as_text=True))


def test_priority_flag_sorts_first_and_keeps_who_and_when(app, client):
    make_officer(app, name="Siti Aminah")
    first = _ticket_opened_monday(app)
    clock.freeze(clock.now() + dt.timedelta(minutes=5))
    second = open_ticket(app, address=next_address(), name="Rina Wati")[1]
    login(client)
    assert _order(client) == [first, second]

    flagged_at = clock.now() + dt.timedelta(minutes=1)
    clock.freeze(flagged_at)
    page = post(client, f"/console/t/{second}/priority", {"flag": "1"}, follow_redirects=True).get_data(as_text=True)
    assert "Ditandai prioritas." in page and "oleh Siti Aminah" in _plain(page)
    assert _order(client) == [second, first]
    assert "⚑ Prioritas" in client.get("/console/?tab=all").get_data(as_text=True)

    clock.freeze(flagged_at + dt.timedelta(hours=1))
    post(client, f"/console/t/{second}/priority", {"flag": "1"})  # a second click keeps the first who/when
    with db(app) as session:
        row = session.scalar(select(Consultation).where(Consultation.ticket == second))
        assert row.priority_at == flagged_at and row.priority_by.name == "Siti Aminah"

    page = post(client, f"/console/t/{second}/priority", {"flag": "0"}, follow_redirects=True).get_data(as_text=True)
    assert "Tanda prioritas dihapus." in page
    assert _order(client) == [first, second]
    with db(app) as session:
        row = session.scalar(select(Consultation).where(Consultation.ticket == second))
        assert (row.priority_at, row.priority_by_id) == (None, None)


def test_closed_ticket_cannot_be_flagged(app, client):
    make_officer(app)
    ticket = _ticket_opened_monday(app)
    login(client)
    post(client, f"/console/t/{ticket}/close", {"outcome": "selesai", "confirm": "yes"})
    page = post(client, f"/console/t/{ticket}/priority", {"flag": "1"}, follow_redirects=True).get_data(as_text=True)
    assert "Konsultasi ini sudah ditutup." in page
    with db(app) as session:
        assert session.scalar(select(Consultation.priority_at).where(Consultation.ticket == ticket)) is None



def test_ticket_times_in_wib(app, client):
    """Messages, the opening time and the due time on the ticket page carry WIB in the office's format."""
    make_officer(app)
    ticket = _ticket_opened_monday(app)
    login(client)
    page = _plain(client.get(f"/console/t/{ticket}").get_data(as_text=True))
    assert "23 Nov 2026 08.00 WIB" in page and "Senin, 23 November 2026 pukul 08.00 WIB" in page
    post(client, "/console/lang", {"lang": "en", "next": "/console/"})
    page = _plain(client.get(f"/console/t/{ticket}").get_data(as_text=True))
    assert "23 Nov 2026 08:00 WIB" in page and "Monday, 23 November 2026 at 08:00 WIB" in page

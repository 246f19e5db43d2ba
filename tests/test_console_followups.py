"""Follow-ups cancelled or moved from the conversation view: the citizen is told, the calendar follows."""
from __future__ import annotations

import datetime as dt
import re

import pytest
from sqlalchemy import select

from bot import clock
from bot.console import schedule
from bot.models import FollowUp, Message
from tests.console_support import db, login, make_officer, open_ticket, post
from workers import sweeper

WIB = dt.timezone(dt.timedelta(hours=7))
MONDAY = dt.datetime(2026, 11, 30, 2, 0, tzinfo=dt.timezone.utc)  # 09:00 WIB, a working day



def _local(days: int, hour: int = 10) -> str:
    return (clock.now() + dt.timedelta(days=days)).astimezone(WIB).strftime(f"%Y-%m-%dT{hour:02d}:00")


def _sent(app, kind: str) -> list[Message]:
    with db(app) as session:
        rows = session.scalars(select(Message).where(Message.direction == "out").order_by(Message.id))
        return [m for m in rows if (m.meta or {}).get("kind") == kind]


def _follow_up(app) -> FollowUp:
    with db(app) as session:
        return session.scalar(select(FollowUp))


def _sequence(ics: str) -> int:
    return int(re.search(r"SEQUENCE:(\d+)", ics).group(1))


@pytest.fixture
def booked(app, client):
    """A WhatsApp ticket with a Zoom meeting booked three days ahead by a logged-in officer; (ticket, follow-up id)."""
    clock.freeze(MONDAY)
    make_officer(app)
    _, ticket = open_ticket(app)
    login(client)
    post(client, f"/console/t/{ticket}/follow-up", {"kind": "zoom", "starts_at": _local(3),
                                                   "link": "https://zoom.us/j/111"})
    return ticket, _follow_up(app).id


def test_cancel_tells_the_citizen_and_withdraws_the_event(app, client, booked):
    """Cancelling stamps cancelled_at and queues a message on the citizen's channel with a CANCEL calendar."""
    ticket, follow_up_id = booked
    clock.advance(dt.timedelta(minutes=5))
    response = post(client, f"/console/t/{ticket}/follow-up/{follow_up_id}/cancel", follow_redirects=True)
    assert "Tindak lanjut dibatalkan; warga diberi tahu." in response.get_data(as_text=True)
    assert _follow_up(app).cancelled_at == clock.now()
    (invite,), (cancel,) = _sent(app, "follow_up"), _sent(app, "follow_up_cancelled")
    assert (cancel.channel, cancel.address, cancel.status) == ("whatsapp", "+6281234567890", "queued")
    assert ticket in cancel.body and "dibatalkan" in cancel.body and "Kamis, 3 Desember 2026" in cancel.body
    uid = re.search(r"UID:\S+", invite.meta["ics"]).group(0)
    assert "METHOD:CANCEL" in cancel.meta["ics"] and "STATUS:CANCELLED" in cancel.meta["ics"]
    assert uid in cancel.meta["ics"] and _sequence(cancel.meta["ics"]) > _sequence(invite.meta["ics"])
    page = client.get(f"/console/t/{ticket}").get_data(as_text=True)
    assert "Dibatalkan" in page and f"/follow-up/{follow_up_id}/cancel" not in page


def test_cancelled_follow_up_gets_no_reminder(app, client, booked):
    """The sweeper's day-before reminder skips a meeting that was cancelled."""
    ticket, follow_up_id = booked
    post(client, f"/console/t/{ticket}/follow-up/{follow_up_id}/cancel")
    clock.advance(dt.timedelta(days=2, hours=1))
    sweeper.sweep(app)
    assert _sent(app, "follow_up_reminder") == []
    assert _follow_up(app).reminded_at is None


def test_uncancelled_follow_up_is_reminded(app, client, booked):
    """The same meeting, not cancelled, is reminded the day before (the test above proves something)."""
    clock.advance(dt.timedelta(days=2, hours=1))
    sweeper.sweep(app)
    assert len(_sent(app, "follow_up_reminder")) == 1


@pytest.mark.parametrize("days,reminded", [(5, False), (0, True)])
def test_reschedule_moves_the_meeting(app, client, booked, days, reminded):
    """A new time updates the same event; a reminder is due again unless the new time is within a day."""
    ticket, follow_up_id = booked
    clock.advance(dt.timedelta(minutes=5))
    post(client, f"/console/t/{ticket}/follow-up/{follow_up_id}/reschedule",
         {"starts_at": _local(days, hour=15), "link": "https://zoom.us/j/222"})
    item = _follow_up(app)
    assert item.starts_at.astimezone(WIB).hour == 15 and item.link == "https://zoom.us/j/222"
    assert (item.reminded_at is not None) is reminded and item.cancelled_at is None
    (invite,), (moved,) = _sent(app, "follow_up"), _sent(app, "follow_up_rescheduled")
    assert moved.body.startswith("Jadwal diubah") and "15.00 WIB" in moved.body and "zoom.us/j/222" in moved.body
    assert re.search(r"UID:\S+", invite.meta["ics"]).group(0) in moved.meta["ics"]
    assert _sequence(moved.meta["ics"]) > _sequence(invite.meta["ics"])


@pytest.mark.parametrize("action,form,problem", [
    ("reschedule", {"starts_at": "2001-01-01T10:00", "link": "https://zoom.us/j/1"}, schedule.PAST_TIME),
    ("reschedule", {"starts_at": "lusa", "link": "https://zoom.us/j/1"}, schedule.NEED_TIME),
    ("reschedule", {"starts_at": "2099-01-01T10:00", "link": "javascript:alert(1)"}, schedule.BAD_LINK),
])
def test_reschedule_rejects_bad_input(app, client, booked, action, form, problem):
    """A bad new time or link changes nothing and sends nothing; the message says which field is wrong."""
    ticket, follow_up_id = booked
    before = _follow_up(app).starts_at
    response = post(client, f"/console/t/{ticket}/follow-up/{follow_up_id}/{action}", form, follow_redirects=True)
    assert problem in response.get_data(as_text=True)
    assert _follow_up(app).starts_at == before and _sent(app, "follow_up_rescheduled") == []


@pytest.mark.parametrize("action", ["cancel", "reschedule"])
def test_cancelled_or_past_follow_up_is_left_alone(app, client, booked, action):
    """A second cancel, or any change to a meeting already past, sends nothing more."""
    ticket, follow_up_id = booked
    post(client, f"/console/t/{ticket}/follow-up/{follow_up_id}/cancel")
    response = post(client, f"/console/t/{ticket}/follow-up/{follow_up_id}/{action}",
                    {"starts_at": _local(4), "link": "https://zoom.us/j/3"}, follow_redirects=True)
    assert "Tindak lanjut ini sudah lewat atau dibatalkan." in response.get_data(as_text=True)
    assert len(_sent(app, "follow_up_cancelled")) == 1 and _sent(app, "follow_up_rescheduled") == []


def test_follow_up_of_another_ticket_is_404(app, client, booked):
    """A follow-up id is only reachable under its own ticket."""
    _, follow_up_id = booked
    _, other = open_ticket(app, address="+6281299990000", name="Rina Wati")
    assert post(client, f"/console/t/{other}/follow-up/{follow_up_id}/cancel").status_code == 404
    assert _follow_up(app).cancelled_at is None


def test_cancellation_in_english(app, client, booked):
    """A citizen who chose English is told in English."""
    ticket, follow_up_id = booked
    from bot.models import Conversation
    with db(app) as session:
        for conversation in session.scalars(select(Conversation)):
            conversation.lang = "en"
        session.commit()
    post(client, f"/console/t/{ticket}/follow-up/{follow_up_id}/cancel")
    (cancel,) = _sent(app, "follow_up_cancelled")
    assert "is cancelled" in cancel.body and "Thursday, 3 December 2026" in cancel.body

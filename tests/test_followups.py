"""The sweeper's small duties: follow-up reminders the day before, and handing out unassigned tickets."""
from __future__ import annotations

import datetime as dt

from sqlalchemy import select

from bot import clock
from bot.models import Consultation, FollowUp, Message, Officer
from tests import journeys as j
from workers import sweeper


def _officer(session, username="rina", available=True):
    officer = Officer(username=username, name=username.title(), role="officer", password_hash="x",
                      available=available, created_at=clock.now())
    session.add(officer)
    session.commit()
    return officer


def _book(app, citizen, starts_in: dt.timedelta) -> int:
    with app.app_context(), app.extensions["db"].session() as s:
        consultation = s.get(Consultation, j.consultation_of(app, citizen).id)
        follow_up = FollowUp(consultation_id=consultation.id, officer_id=_officer(s).id, kind="zoom",
                             starts_at=clock.now() + starts_in, link="https://zoom.us/j/123", created_at=clock.now())
        s.add(follow_up)
        s.commit()
        return follow_up.id


def _reminders(app):
    with app.app_context(), app.extensions["db"].session() as s:
        return [m for m in s.scalars(select(Message).where(Message.direction == "out")) if
                (m.meta or {}).get("kind") == "follow_up_reminder"]


def test_reminder_the_day_before_once(app, knowledge):
    """A meeting in three days is reminded once, a day ahead, on the citizen's channel."""
    clock.freeze(dt.datetime(2026, 12, 1, 2, 0, tzinfo=dt.timezone.utc))
    c = j.handoff(app)
    _book(app, c, dt.timedelta(days=3))
    sweeper.sweep(app)
    assert _reminders(app) == []
    clock.advance(dt.timedelta(days=2, hours=1))
    sweeper.sweep(app)
    sweeper.sweep(app)
    (reminder,) = _reminders(app)
    assert reminder.address == c.address and "Pengingat untuk besok" in reminder.body
    assert "zoom.us/j/123" in reminder.body


def test_meeting_booked_for_tomorrow_gets_no_extra_reminder(app, knowledge):
    """The invitation of a meeting less than a day away is reminder enough."""
    c = j.handoff(app)
    _book(app, c, dt.timedelta(hours=20))
    sweeper.sweep(app)
    assert _reminders(app) == []


def test_sweeper_hands_unassigned_tickets_to_an_available_officer(app, knowledge, open_office):
    """A ticket nobody claimed gets an officer on the next sweep, even if no one opens the inbox."""
    c = j.waiting(app)
    with app.app_context(), app.extensions["db"].session() as s:
        _officer(s, "budi", available=False)
        officer_id = _officer(s, "sari").id
    assert sweeper.sweep(app).get("assigned") == 1
    assert j.consultation_of(app, c).assigned_officer_id == officer_id

"""Deadlines kept in the database and acted on by the sweeper: due times, inactivity, races."""
from __future__ import annotations

import datetime as dt
import threading

import pytest
from sqlalchemy import select

from bot import clock
from bot.models import Consultation, Conversation, Message
from bot.texts import WIB
from tests import journeys
from workers import sweeper

DAY = dt.timedelta(days=1)


def wib(*args) -> dt.datetime:
    return dt.datetime(*args, tzinfo=WIB)


def rows(app, **where) -> list[Message]:
    with app.app_context(), app.extensions["db"].session() as s:
        query = select(Message).where(Message.direction == "out").order_by(Message.id)
        for key, value in where.items():
            query = query.where(getattr(Message, key) == value)
        return list(s.scalars(query))


def reminders(app, citizen) -> list[Message]:
    return [r for r in rows(app, address=citizen.address) if r.meta.get("kind") == "inactivity_reminder"]


def swept(app) -> dict[str, int]:
    """What one sweep did about inactivity (outbox re-enqueues are tested elsewhere)."""
    return {k: v for k, v in sweeper.sweep(app).items() if k in ("reminded", "closed", "errors")}


def conversation(app, citizen) -> Conversation:
    with app.app_context(), app.extensions["db"].session() as s:
        return s.scalar(select(Conversation).join(Conversation.identity)
                        .where(Conversation.identity.has(address=citizen.address)).order_by(Conversation.id.desc()))


@pytest.mark.parametrize("opened, due", [
    (wib(2026, 5, 29, 15, 0), wib(2026, 6, 4, 16, 0)),  # Friday; Vesak Sunday, Pancasila Monday
    (wib(2026, 3, 13, 15, 0), wib(2026, 3, 25, 16, 0)),  # Friday; Nyepi, Idul Fitri and its cuti bersama
    (wib(2026, 6, 5, 15, 0), wib(2026, 6, 10, 16, 0)),  # Friday before a plain weekend
    (wib(2026, 6, 10, 16, 30), wib(2026, 6, 15, 16, 0)),  # Wednesday after closing time still counts as day 0
])
def test_consultation_due_time_counts_working_days(app, opened, due):
    """A request made clear at ``opened`` is due at closing time of the third working day after."""
    clock.freeze(opened)
    citizen = journeys.waiting(app)
    assert journeys.consultation_of(app, citizen).due_at == due


# state reached, state after the day-7 close, what the close says
JOURNEYS = [
    (journeys.ask_name, "closed", "Percakapan ditutup"),
    (journeys.clarify, "closed", "Percakapan ditutup"),
    (journeys.results, "closed", "Percakapan ditutup"),
    (journeys.handoff, "rating", "ditutup"),
    (journeys.rating, "closed", "Percakapan ditutup"),
]


@pytest.mark.parametrize("walk, after, says", JOURNEYS, ids=[j[0].__name__ for j in JOURNEYS])
def test_reminder_on_day_5_and_close_on_day_7_in_every_state(app, knowledge, walk, after, says):
    """Silence gets one reminder at day 5 and one close at day 7, whatever the citizen was doing."""
    clock.freeze(wib(2026, 6, 5, 10, 0))  # a Friday: the week of silence crosses a weekend
    citizen = walk(app)
    clock.advance(5 * DAY - dt.timedelta(minutes=1))
    assert swept(app) == {}
    clock.advance(dt.timedelta(minutes=2))
    assert swept(app) == {"reminded": 1}
    assert swept(app) == {}
    (reminder,) = reminders(app, citizen)
    assert "2 hari" in reminder.body
    clock.advance(2 * DAY)
    assert swept(app) == {"closed": 1}
    assert swept(app) == {}
    assert citizen.state() == after
    assert says in rows(app, address=citizen.address)[-1].body
    assert len(reminders(app, citizen)) == 1


def test_closed_consultation_says_no_response_and_asks_for_rating(app):
    """The day-7 close of a ticket in hand-off records "no_response" and asks for a rating."""
    clock.freeze(wib(2026, 6, 5, 10, 0))
    citizen = journeys.handoff(app)
    clock.advance(7 * DAY)
    assert swept(app) == {"closed": 1}
    consultation = journeys.consultation_of(app, citizen)
    assert (consultation.status, consultation.close_reason) == ("closed", "no_response")
    assert "1" in rows(app, address=citizen.address)[-1].body and citizen.state() == "rating"


def test_citizen_message_before_the_deadline_resets_it(app):
    """A word from the citizen on day 4 moves both deadlines a full delay from that word."""
    clock.freeze(wib(2026, 6, 5, 10, 0))
    citizen = journeys.clarify(app)
    clock.advance(4 * DAY)
    citizen.say("data kemiskinan")
    clock.advance(4 * DAY)
    assert swept(app) == {}
    clock.advance(DAY + dt.timedelta(minutes=1))
    assert swept(app) == {"reminded": 1}


def test_waiting_for_the_office_never_times_out(app):
    """A consultation waiting for its first officer reply is the office's debt: no inactivity close."""
    clock.freeze(wib(2026, 6, 5, 10, 0))
    citizen = journeys.waiting(app)
    clock.advance(30 * DAY)
    assert swept(app).get("closed") is None and swept(app).get("reminded") is None
    assert citizen.state() == "waiting"


def test_unprocessed_citizen_message_holds_the_close(app):
    """A reply stored but not yet processed (its job is still queued) keeps the conversation open."""
    from bot import inbox
    from bot.envelope import Inbound

    clock.freeze(wib(2026, 6, 5, 10, 0))
    citizen = journeys.clarify(app)
    clock.advance(7 * DAY)
    with app.app_context(), app.extensions["db"].session() as s:
        inbox.accept(s, Inbound(channel=citizen.channel, address=citizen.address, text="masih di sini",
                                external_id="late-1", received_at=clock.now()))
        s.commit()
    assert "closed" not in swept(app)
    assert citizen.state() == "clarify"


@pytest.mark.parametrize("sweepers", [2, 4])
def test_racing_sweepers_remind_and_close_once(app, sweepers):
    """Several sweeps at the same moment still give each conversation one reminder and one close."""
    clock.freeze(wib(2026, 6, 5, 10, 0))
    citizens = [journeys.clarify(app) for _ in range(3)]

    def race() -> list[dict]:
        barrier, results = threading.Barrier(sweepers), []

        def run():
            barrier.wait()
            results.append(sweeper.sweep(app))
        threads = [threading.Thread(target=run) for _ in range(sweepers)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        return results

    clock.advance(5 * DAY + dt.timedelta(minutes=1))
    assert sum(r.get("reminded", 0) for r in race()) == 3
    clock.advance(2 * DAY)
    assert sum(r.get("closed", 0) for r in race()) == 3
    for citizen in citizens:
        assert len(reminders(app, citizen)) == 1
        assert sum("Percakapan ditutup" in r.body for r in rows(app, address=citizen.address)) == 1
        assert conversation(app, citizen).end_reason == "no_response"


def test_inactivity_close_needs_no_consultation_rows(app):
    """Conversations without any ticket end with reason no_response and clear their deadlines."""
    clock.freeze(wib(2026, 6, 5, 10, 0))
    citizen = journeys.ask_name(app)
    clock.advance(7 * DAY)
    swept(app)
    ended = conversation(app, citizen)
    assert (ended.end_reason, ended.close_at, ended.remind_at) == ("no_response", None, None)
    with app.app_context(), app.extensions["db"].session() as s:
        assert s.scalar(select(Consultation.id)) is None


def test_complaint_detour_does_not_close_a_ticket_the_office_owes(app):
    """Silence in a complaint begun while waiting for the first officer reply neither reminds nor closes."""
    clock.freeze(wib(2026, 6, 1, 10, 0))
    citizen = journeys.waiting(app)
    citizen.say("PENGADUAN")
    assert citizen.state() == "complaint"
    clock.advance(5 * DAY + dt.timedelta(minutes=1))
    assert swept(app) == {}
    clock.advance(2 * DAY)
    assert swept(app) == {}
    consultation = journeys.consultation_of(app, citizen)
    assert consultation.status != "closed" and consultation.close_reason is None
    assert reminders(app, citizen) == [] and conversation(app, citizen).close_at is None


def test_follow_up_left_unanswered_by_the_officer_never_closes_as_no_response(app):
    """In a hand-off the citizen's follow-up stops their clock; the officer's next message restarts it."""
    clock.freeze(wib(2026, 6, 1, 10, 0))
    citizen = journeys.handoff(app)
    clock.advance(DAY)
    citizen.say("Terima kasih, untuk tahun 2024 apakah ada juga?")
    clock.advance(30 * DAY)
    assert swept(app) == {}
    assert citizen.state() == "handoff" and journeys.consultation_of(app, citizen).close_reason is None
    journeys.officer_event(app, citizen, text="Ada, di tabel 4.2.")
    clock.advance(5 * DAY + dt.timedelta(minutes=1))
    assert swept(app) == {"reminded": 1}
    clock.advance(2 * DAY)
    assert swept(app) == {"closed": 1}
    assert journeys.consultation_of(app, citizen).close_reason == "no_response"

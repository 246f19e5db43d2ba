"""Round-robin rules with a frozen clock: office hours only (not Saturday, a holiday or the evening), only
available officers, supervisors only when they opt in; what waited is handed out by the sweeper at opening."""
from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import select

from bot import assignment, clock, services
from bot.models import Consultation, Handover, Officer
from tests.support.office_time import WEDNESDAY_10
from tests.console_support import db, make_officer, open_ticket
from tests.talk import next_address
from workers import sweeper

WIB = ZoneInfo("Asia/Jakarta")
CLOSED = {
    "saturday": dt.datetime(2026, 12, 5, 10, 0, tzinfo=WIB),
    "christmas": dt.datetime(2026, 12, 25, 10, 0, tzinfo=WIB),
    "evening": dt.datetime(2026, 12, 2, 19, 0, tzinfo=WIB),
    "before_opening": dt.datetime(2026, 12, 3, 7, 0, tzinfo=WIB),
}


def _holders(app, tickets):
    with db(app) as session:
        held = dict(session.execute(select(Consultation.ticket, Consultation.assigned_officer_id)).all())
    return [held[t] for t in tickets]


def _distribute(app) -> int:
    with app.app_context(), db(app) as session:
        count = assignment.assign_pending(session, services.calendar(app))
        session.commit()
        return count


def test_round_robin_takes_turns_in_office_hours(app, open_office):
    """Three tickets over two available officers: A, B, A; the unavailable one and the admin get none."""
    a, b = make_officer(app, "a"), make_officer(app, "b")
    make_officer(app, "c", available=False)
    make_officer(app, "root", role="admin")
    tickets = [open_ticket(app, address=next_address())[1] for _ in range(3)]
    assert _distribute(app) == 3
    assert _holders(app, tickets) == [a, b, a]
    with db(app) as session:
        kinds = list(session.scalars(select(Handover.kind).order_by(Handover.id)))
    assert kinds == ["auto"] * 3


def test_nobody_available_leaves_the_ticket_waiting(app, open_office):
    """Nobody available: the ticket stays unassigned."""
    make_officer(app, available=False)
    _, ticket = open_ticket(app)
    assert _distribute(app) == 0
    assert _holders(app, [ticket]) == [None]


@pytest.mark.parametrize("moment", CLOSED.values(), ids=CLOSED.keys())
def test_closed_office_hands_nothing_out_until_the_sweeper_finds_it_open(app, moment):
    """Saturday, Christmas, the evening or 07:00: the ticket waits; the first sweep after opening hands it out."""
    clock.freeze(moment)
    siti = make_officer(app, "siti")
    _, ticket = open_ticket(app)
    assert _distribute(app) == 0
    assert sweeper.sweep(app).get("assigned") is None
    assert _holders(app, [ticket]) == [None]
    opening = services.calendar(app).next_opening(moment)
    assert opening > moment
    clock.freeze(opening - dt.timedelta(minutes=1))
    assert sweeper.sweep(app).get("assigned") is None
    clock.freeze(opening)
    assert sweeper.sweep(app)["assigned"] == 1
    assert _holders(app, [ticket]) == [siti]


@pytest.mark.parametrize("opted_in", [False, True])
def test_supervisor_takes_round_robin_only_when_opted_in(app, open_office, opted_in):
    """An available supervisor gets a turn only after opting in; an officer always does."""
    siti = make_officer(app, "siti")
    boss = make_officer(app, "boss", role="supervisor")
    if opted_in:
        with db(app) as session:
            session.get(Officer, boss).supervisor_opt_in = True
            session.commit()
    tickets = [open_ticket(app, address=next_address())[1] for _ in range(2)]
    assert _distribute(app) == 2
    assert sorted(_holders(app, tickets)) == sorted([siti, boss] if opted_in else [siti, siti])


def test_unavailable_supervisor_who_opted_in_gets_nothing(app, open_office):
    """Opting in does not override availability."""
    boss = make_officer(app, "boss", role="supervisor", available=False)
    with db(app) as session:
        session.get(Officer, boss).supervisor_opt_in = True
        session.commit()
    _, ticket = open_ticket(app)
    assert _distribute(app) == 0
    assert _holders(app, [ticket]) == [None]


def test_loads_count_open_tickets_per_officer(app, open_office):
    """The transfer list's figure: open tickets held, closed ones not counted."""
    siti = make_officer(app, "siti")
    tickets = [open_ticket(app, address=next_address())[1] for _ in range(2)]
    _distribute(app)
    with db(app) as session:
        assert assignment.loads(session) == {siti: 2}
        session.scalar(select(Consultation).where(Consultation.ticket == tickets[0])).status = "closed"
        session.commit()
        assert assignment.loads(session) == {siti: 1}

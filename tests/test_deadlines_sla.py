"""The SLA: officer reminders at shares of the working time, escalation at the due time, office hours."""
from __future__ import annotations

import datetime as dt

import pytest
from bot import create_app
from sqlalchemy import select

from bot import clock
from bot.models import Consultation, Handover, Message, Officer
from bot.texts import WIB
from tests import journeys
from workers import sweeper
from workers.redelivery import live
from workers.queue import get_redis

SMTP = {"SMTP_HOST": "127.0.0.1", "SMTP_PORT": "2525"}  # nothing is sent here: rows are checked


def wib(*args) -> dt.datetime:
    return dt.datetime(*args, tzinfo=WIB)


@pytest.fixture
def mail_app(env):
    application = create_app({**env, **SMTP})
    yield application
    application.extensions["db"].engine.dispose()


def add_officers(app, *roles: str) -> list[int]:
    with app.app_context(), app.extensions["db"].session() as s:
        staff = [Officer(username=f"{role}{i}", name=f"{role.title()} {i}", email=f"{role}{i}@bps.go.id", role=role,
                         password_hash="-", created_at=clock.now()) for i, role in enumerate(roles)]
        s.add_all(staff)
        s.commit()
        return [o.id for o in staff]


def open_ticket(app, at: dt.datetime, assigned: int | None = None) -> Consultation:
    clock.freeze(at)
    consultation = journeys.consultation_of(app, journeys.waiting(app))
    if assigned:
        with app.app_context(), app.extensions["db"].session() as s:
            s.get(Consultation, consultation.id).assigned_officer_id = assigned
            s.commit()
    return consultation


def staff_mail(app) -> list[Message]:
    with app.app_context(), app.extensions["db"].session() as s:
        return [m for m in s.scalars(select(Message).where(Message.author == "system").order_by(Message.id))
                if m.meta.get("kind") == "staff"]


def sla_at(app, at: dt.datetime) -> dict[str, int]:
    clock.freeze(at)
    return {k: v for k, v in sweeper.sweep(app).items() if k in ("sla_reminded", "escalated", "errors")}


def test_reminders_at_half_and_four_fifths_of_working_time(mail_app):
    """Opened Monday 08:00, due Thursday 16:00 (33.5 working hours): reminders Wednesday 07:45, Thursday 09:18."""
    officer, _ = add_officers(mail_app, "officer", "officer")
    open_ticket(mail_app, wib(2026, 6, 8, 8, 0), assigned=officer)
    assert sla_at(mail_app, wib(2026, 6, 10, 7, 44)) == {}
    assert sla_at(mail_app, wib(2026, 6, 10, 7, 46)) == {"sla_reminded": 1}
    assert sla_at(mail_app, wib(2026, 6, 10, 12, 0)) == {}
    assert sla_at(mail_app, wib(2026, 6, 11, 9, 17)) == {}
    assert sla_at(mail_app, wib(2026, 6, 11, 9, 19)) == {"sla_reminded": 1}
    first, second = staff_mail(mail_app)
    assert {first.address, second.address} == {"officer0@bps.go.id"}
    assert "50%" in first.meta["subject"] and "80%" in second.meta["subject"]
    assert first.next_attempt_at == wib(2026, 6, 10, 7, 46)  # inside office hours: not held


def test_unassigned_ticket_reminds_everyone_who_answers(mail_app):
    """Without an assignee the reminder goes to officers and supervisors, not to admins."""
    add_officers(mail_app, "officer", "supervisor", "admin")
    open_ticket(mail_app, wib(2026, 6, 8, 8, 0))
    sla_at(mail_app, wib(2026, 6, 10, 8, 0))
    assert sorted(m.address for m in staff_mail(mail_app)) == ["officer0@bps.go.id", "supervisor1@bps.go.id"]


@pytest.mark.parametrize("opened, due, held_until", [
    (wib(2026, 6, 8, 8, 0), wib(2026, 6, 11, 16, 0), wib(2026, 6, 12, 7, 30)),  # Thursday closing time
    (wib(2026, 6, 9, 9, 0), wib(2026, 6, 12, 16, 30), wib(2026, 6, 15, 7, 30)),  # Friday: held over the weekend
    (wib(2026, 3, 13, 15, 0), wib(2026, 3, 25, 16, 0), wib(2026, 3, 26, 7, 30)),  # across Idul Fitri
])
def test_breach_flags_and_mails_supervisors_in_office_hours_only(mail_app, opened, due, held_until):
    """At the due time the ticket is flagged and supervisors are mailed, but not before the office opens."""
    officer, supervisor, admin = add_officers(mail_app, "officer", "supervisor", "admin")
    ticket = open_ticket(mail_app, opened, assigned=officer)
    assert sla_at(mail_app, due - dt.timedelta(minutes=1)).get("escalated") is None
    assert sla_at(mail_app, due) == {"escalated": 1}
    assert sla_at(mail_app, due + dt.timedelta(hours=1)) == {}
    with mail_app.app_context(), mail_app.extensions["db"].session() as s:
        flagged = s.get(Consultation, ticket.id)
        assert flagged.breached_at == flagged.escalated_at == due
    escalations = [m for m in staff_mail(mail_app) if m.meta["notice"] == "sla_breach"]
    assert sorted(m.address for m in escalations) == ["admin2@bps.go.id", "supervisor1@bps.go.id"]
    assert {m.next_attempt_at for m in escalations} == {held_until}
    redis = get_redis(mail_app)
    sla_at(mail_app, held_until - dt.timedelta(minutes=1))
    assert not any(live(redis, f"deliver:{m.id}") for m in escalations)
    sla_at(mail_app, held_until)
    assert all(live(redis, f"deliver:{m.id}") for m in escalations)


def test_idul_fitri_does_not_use_up_the_promise(mail_app):
    """Nine closed days of Nyepi, Idul Fitri and cuti bersama pass without a reminder or a breach."""
    officer, = add_officers(mail_app, "officer")
    open_ticket(mail_app, wib(2026, 3, 13, 15, 0), assigned=officer)
    assert sla_at(mail_app, wib(2026, 3, 17, 11, 1)) == {"sla_reminded": 1}  # 50 %: 13.5 of 27 hours
    assert sla_at(mail_app, wib(2026, 3, 24, 23, 0)) == {}
    assert sla_at(mail_app, wib(2026, 3, 25, 10, 37)) == {"sla_reminded": 1}  # 80 %: 21.6 hours


def test_first_response_ends_the_sla(mail_app):
    """Once an officer has answered, no reminder and no breach follow."""
    officer, _ = add_officers(mail_app, "officer", "supervisor")
    clock.freeze(wib(2026, 6, 8, 8, 0))
    journeys.handoff(mail_app)
    assert sla_at(mail_app, wib(2026, 6, 12, 8, 0)) == {}
    assert staff_mail(mail_app) == []


def test_breach_without_smtp_still_flags(app):
    """With mail off, the breach is still flagged for the console; no mail rows are written."""
    add_officers(app, "supervisor")
    ticket = open_ticket(app, wib(2026, 6, 8, 8, 0))
    assert sla_at(app, wib(2026, 6, 11, 16, 0)) == {"escalated": 1}
    with app.app_context(), app.extensions["db"].session() as s:
        assert s.get(Consultation, ticket.id).breached_at is not None
    assert staff_mail(app) == []


@pytest.mark.parametrize("reassign, owner", [("true", 1), ("false", 0)])
def test_breach_reassigns_when_configured(env, reassign, owner):
    """SLA_BREACH_REASSIGN hands a late ticket to the next available officer."""
    application = create_app({**env, **SMTP, "SLA_BREACH_REASSIGN": reassign})
    ids = add_officers(application, "officer", "officer", "supervisor")
    ticket = open_ticket(application, wib(2026, 6, 8, 8, 0), assigned=ids[0])
    with application.app_context(), application.extensions["db"].session() as s:
        s.get(Officer, ids[2]).available = False
        s.commit()
    sla_at(application, wib(2026, 6, 11, 16, 0))
    with application.app_context(), application.extensions["db"].session() as s:
        assert s.get(Consultation, ticket.id).assigned_officer_id == ids[owner]
        moves = [(h.kind, h.from_officer_id, h.to_officer_id) for h in s.scalars(select(Handover))]
        assert moves == ([] if owner == 0 else [("escalation", ids[0], ids[owner])])  # on the ticket's timeline
    application.extensions["db"].engine.dispose()

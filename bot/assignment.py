"""Who answers a consultation: round-robin in office hours, claim, transfer and takeover, each one recorded.

Round-robin runs only while the office is open (the office calendar: hours, holidays, cuti bersama);
a ticket arriving at night or on a Saturday waits, and the sweeper (or the first officer who opens the
inbox) hands it out once the office opens. It picks an active officer marked available, or a supervisor
who is available and opted in (admins run the system, they do not take tickets), whose
``last_assigned_at`` is oldest, never-assigned first. Every write is a conditional UPDATE, so two
officers clicking "claim" at once, or two web workers distributing at once, never give one ticket two
owners; every change of hands is a :class:`~bot.models.Handover` row, the ticket's assignment timeline.
"""
from __future__ import annotations

import datetime as dt
import enum
import logging
from typing import Optional

from sqlalchemy import and_, func, or_, select, update
from sqlalchemy.orm import Session

from bot import clock
from bot.models import OPEN_STATUSES, Consultation, Handover, Officer, Role
from bot.workcalendar import WorkCalendar

log = logging.getLogger(__name__)
MAX_REASON = 1000
TAKES_TICKETS = (Role.OFFICER.value, Role.SUPERVISOR.value)  # admins run the system


class Kind(str, enum.Enum):
    AUTO = "auto"  # round-robin
    CLAIM = "claim"  # an officer took an unassigned ticket
    ASSIGN = "assign"  # a supervisor gave it to someone
    TRANSFER = "transfer"  # the holder passed it on, with a reason
    TAKEOVER = "takeover"  # a supervisor took an overdue ticket over
    ESCALATION = "escalation"  # the sweeper moved it past its due time (SLA_BREACH_REASSIGN)


def takes_round_robin():
    """The rule in one place: active, available, and an officer, or a supervisor who opted in."""
    return and_(Officer.active, Officer.available, or_(
        Officer.role == Role.OFFICER.value,
        and_(Officer.role == Role.SUPERVISOR.value, Officer.supervisor_opt_in)))


def next_officer(session: Session) -> Optional[Officer]:
    """The eligible officer who has waited longest for a ticket."""
    return session.scalar(
        select(Officer).where(takes_round_robin())
        .order_by(Officer.last_assigned_at.is_not(None), Officer.last_assigned_at, Officer.id).limit(1))


def assign(session: Session, consultation: Consultation, officer: Officer, kind: Kind = Kind.ASSIGN, *,
           by: Optional[Officer] = None, reason: Optional[str] = None, only_if_unassigned: bool = False,
           from_officer_id: Optional[int] = None) -> bool:
    """Give ``consultation`` to ``officer`` and record it; False when the condition no longer holds.

    The receiver is told (inbox notice until they open the ticket) unless they did it themselves or it
    was round-robin, the normal way a ticket arrives."""
    now = clock.now()
    previous = None if only_if_unassigned else from_officer_id or consultation.assigned_officer_id
    query = update(Consultation).where(Consultation.id == consultation.id,
                                       Consultation.status.in_(OPEN_STATUSES))
    if only_if_unassigned:
        query = query.where(Consultation.assigned_officer_id.is_(None))
    if from_officer_id is not None:
        query = query.where(Consultation.assigned_officer_id == from_officer_id)
    done = session.execute(query.values(assigned_officer_id=officer.id, assigned_at=now)
                           .execution_options(synchronize_session=False)).rowcount == 1
    if done:
        officer.last_assigned_at = now
        told = by is None or by.id == officer.id
        session.add(Handover(consultation_id=consultation.id, kind=Kind(kind).value, by_officer_id=by and by.id,
                             from_officer_id=previous, to_officer_id=officer.id, reason=reason, at=now,
                             seen_at=now if told else None))
        session.refresh(consultation)
        log.info("consultation %s assigned to officer %s (%s)", consultation.id, officer.id, Kind(kind).value)
    return done


def auto_assign(session: Session, consultation: Consultation) -> Optional[Officer]:
    """Round-robin for one unassigned consultation; None when nobody is available."""
    officer = next_officer(session)
    if officer is None or not assign(session, consultation, officer, Kind.AUTO, only_if_unassigned=True):
        return None
    session.flush()
    return officer


def assign_pending(session: Session, calendar: WorkCalendar, now: Optional[dt.datetime] = None) -> int:
    """Distribute every open, unassigned consultation, earliest due first, if the office is open now.

    Returns how many found an officer. Called when an officer opens the inbox and by every sweep, so
    what arrived overnight is handed out in the first minutes of the working day."""
    if not calendar.is_open(now or clock.now()):
        return 0
    waiting = session.scalars(
        select(Consultation).where(Consultation.status.in_(OPEN_STATUSES), Consultation.assigned_officer_id.is_(None))
        .order_by(Consultation.due_at, Consultation.id)).all()
    assigned = 0
    for consultation in waiting:
        if auto_assign(session, consultation) is None:
            break
        assigned += 1
    return assigned


def loads(session: Session) -> dict[int, int]:
    """Open tickets each officer holds, for the transfer list and the team page."""
    return dict(session.execute(
        select(Consultation.assigned_officer_id, func.count()).where(
            Consultation.status.in_(OPEN_STATUSES), Consultation.assigned_officer_id.is_not(None))
        .group_by(Consultation.assigned_officer_id)).all())


def timeline(session: Session, consultation: Consultation) -> list[Handover]:
    return list(session.scalars(select(Handover).where(Handover.consultation_id == consultation.id)
                                .order_by(Handover.id)))


def unseen(session: Session, officer_id: int) -> list[Handover]:
    """Tickets someone else handed to this officer that they have not opened since."""
    return list(session.scalars(select(Handover).where(
        Handover.to_officer_id == officer_id, Handover.seen_at.is_(None)).order_by(Handover.id)))


def mark_seen(session: Session, consultation: Consultation, officer_id: int) -> None:
    session.execute(update(Handover).where(
        Handover.consultation_id == consultation.id, Handover.to_officer_id == officer_id,
        Handover.seen_at.is_(None)).values(seen_at=clock.now()))

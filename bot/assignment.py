"""Who answers a consultation: round-robin among available officers, plus claim and transfer.

Round-robin picks the available, active officer (role officer or supervisor; admins run the
system, they do not take tickets) whose ``last_assigned_at`` is oldest, never-assigned first.
Every write is a conditional UPDATE, so two officers clicking "claim" at once, or two web
workers distributing at once, never give one ticket two owners.
"""
from __future__ import annotations

import logging
from typing import Optional

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from bot import clock
from bot.models import OPEN_STATUSES, Consultation, Officer, Role

log = logging.getLogger(__name__)
TAKES_TICKETS = (Role.OFFICER.value, Role.SUPERVISOR.value)


def next_officer(session: Session) -> Optional[Officer]:
    """The available officer who has waited longest for a ticket."""
    return session.scalar(
        select(Officer).where(Officer.active, Officer.available, Officer.role.in_(TAKES_TICKETS))
        .order_by(Officer.last_assigned_at.is_not(None), Officer.last_assigned_at, Officer.id).limit(1))


def assign(session: Session, consultation: Consultation, officer: Officer, *, only_if_unassigned: bool = False,
           from_officer_id: Optional[int] = None) -> bool:
    """Give ``consultation`` to ``officer``; False when the condition no longer holds (someone was faster)."""
    now = clock.now()
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
        session.refresh(consultation)
        log.info("consultation %s assigned to officer %s", consultation.id, officer.id)
    return done


def auto_assign(session: Session, consultation: Consultation) -> Optional[Officer]:
    """Round-robin for one unassigned consultation; None when nobody is available."""
    officer = next_officer(session)
    if officer is None or not assign(session, consultation, officer, only_if_unassigned=True):
        return None
    session.flush()
    return officer


def assign_pending(session: Session) -> int:
    """Distribute every open, unassigned consultation, earliest due first; returns how many found an officer.

    Called when an officer opens the inbox; the deadline sweeper may call it too.
    """
    waiting = session.scalars(
        select(Consultation).where(Consultation.status.in_(OPEN_STATUSES), Consultation.assigned_officer_id.is_(None))
        .order_by(Consultation.due_at, Consultation.id)).all()
    assigned = 0
    for consultation in waiting:
        if auto_assign(session, consultation) is None:
            break
        assigned += 1
    return assigned

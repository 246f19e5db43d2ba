"""The answer promise: officer reminders at ``SLA_REMINDER_FRACTIONS`` of the working time, then escalation.

Time counts in office working time between the moment the request became clear and ``due_at``
(weekends, holidays and cuti bersama do not count), the way ``due_at`` was computed. The promise is
about the first officer reply: once ``first_response_at`` is set, nothing more happens. The first
configured fraction is recorded in ``sla_reminded_50_at`` and the second in ``sla_reminded_80_at``
(the defaults, 50 % and 80 %, gave the columns their names). At ``due_at`` the ticket is flagged
(``breached_at``, which the console shows), supervisors are mailed (``escalated_at``) and, with
``SLA_BREACH_REASSIGN``, the ticket moves to the next available officer. Staff mail is only written
when SMTP is configured, and is held until office hours (:mod:`bot.staffmail`).
"""
from __future__ import annotations

import datetime as dt
import logging
from typing import Optional

from flask import Flask
from sqlalchemy import select
from sqlalchemy.orm import Session

from bot import assignment, clock, services, staffmail
from bot.console.sla import used
from bot.models import OPEN_STATUSES, Consultation, Handover, Message, Officer, Role

log = logging.getLogger(__name__)
MODEL = Consultation
REMINDER_COLUMNS = ("sla_reminded_50_at", "sla_reminded_80_at")
ANSWERING = (Role.OFFICER.value, Role.SUPERVISOR.value)
ESCALATION = (Role.SUPERVISOR.value, Role.ADMIN.value)


def due(app: Flask, session: Session, now: dt.datetime, limit: int) -> list[int]:
    """Unanswered tickets with a reminder or the breach due (decided without locking anything)."""
    waiting = session.scalars(
        select(Consultation).where(Consultation.status.in_(OPEN_STATUSES), Consultation.first_response_at.is_(None),
                                   Consultation.due_at.is_not(None), Consultation.breached_at.is_(None))
        .order_by(Consultation.due_at, Consultation.id)).all()
    return [c.id for c in waiting if next_step(app, c, now) is not None][:limit]


def next_step(app: Flask, consultation: Consultation, now: dt.datetime) -> Optional[int]:
    """-1 for the breach, else the index of the reminder due now; None when nothing is due."""
    if (consultation.status not in OPEN_STATUSES or consultation.first_response_at is not None
            or consultation.breached_at is not None or consultation.due_at is None):
        return None
    if now >= consultation.due_at:
        return -1
    fractions = app.config["SETTINGS"].sla_reminder_fractions
    share = used(consultation, now, services.calendar(app))
    reached = [i for i, fraction in enumerate(fractions) if share >= fraction]
    if reached and getattr(consultation, REMINDER_COLUMNS[reached[-1]]) is None:
        return reached[-1]
    return None


def act(app: Flask, session: Session, consultation: Consultation) -> tuple[Optional[str], list[Message]]:
    """On the locked row: send the reminder or escalate the breach, each once."""
    now = clock.now()
    step = next_step(app, consultation, now)
    if step is None:
        return None, []
    if step == -1:
        return "escalated", _escalate(app, session, consultation, now)
    for column in REMINDER_COLUMNS[:step + 1]:  # a skipped earlier reminder is not sent late
        if getattr(consultation, column) is None:
            setattr(consultation, column, now)
    fraction = app.config["SETTINGS"].sla_reminder_fractions[step]
    return "sla_reminded", _mail(app, session, _answering(session, consultation), "sla_reminder", consultation,
                                 percent=round(fraction * 100), days=app.config["SETTINGS"].sla_working_days)


def _escalate(app: Flask, session: Session, consultation: Consultation, now: dt.datetime) -> list[Message]:
    consultation.breached_at = consultation.escalated_at = now
    previous = consultation.assigned_officer
    moved_to = _reassign(session, consultation, now) if app.config["SETTINGS"].sla_breach_reassign else None
    log.warning("consultation %s passed its due time; escalated", consultation.id)
    supervisors = session.scalars(select(Officer).where(Officer.active, Officer.role.in_(ESCALATION))
                                  .order_by(Officer.id)).all()
    return _mail(app, session, supervisors, "sla_breach", consultation,
                 officer_name=previous.name if previous else None, reassigned_to=moved_to.name if moved_to else None)


def _reassign(session: Session, consultation: Consultation, now: dt.datetime) -> Optional[Officer]:
    """The available officer who has waited longest, other than the late one, takes the ticket.

    The consultation row is locked by the sweeper, so a console claim racing this waits for it.
    """
    current = consultation.assigned_officer_id
    officer = session.scalar(
        select(Officer).where(assignment.takes_round_robin(), Officer.id != (current or 0))
        .order_by(Officer.last_assigned_at.is_not(None), Officer.last_assigned_at, Officer.id).limit(1))
    if officer is not None:
        consultation.assigned_officer_id, consultation.assigned_at = officer.id, now
        officer.last_assigned_at = now
        session.add(Handover(consultation_id=consultation.id, kind=assignment.Kind.ESCALATION.value,
                             from_officer_id=current, to_officer_id=officer.id, at=now))  # the receiver is told
        log.info("consultation %s reassigned to officer %s after its due time", consultation.id, officer.id)
    return officer


def _answering(session: Session, consultation: Consultation) -> list[Officer]:
    """The assigned officer, or everyone who answers tickets while nobody is assigned."""
    officer = consultation.assigned_officer
    if officer is not None and officer.active:
        return [officer]
    return list(session.scalars(select(Officer).where(Officer.active, Officer.role.in_(ANSWERING))
                                .order_by(Officer.id)))


def _mail(app: Flask, session: Session, officers, notice: str, consultation: Consultation, **values) -> list[Message]:
    settings = app.config["SETTINGS"]
    if not settings.smtp_enabled:
        return []
    return staffmail.queue(session, services.calendar(app), officers, notice, consultation,
                           url=f"{settings.public_base_url}/console/", **values)

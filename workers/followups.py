"""Follow-up meetings (Zoom or office visit): a reminder to the citizen the day before.

A meeting booked less than a day ahead gets no reminder: the invitation itself is that fresh.
"""
from __future__ import annotations

import datetime as dt
from typing import Optional

from flask import Flask
from sqlalchemy import select
from sqlalchemy.orm import Session

from bot import clock, outbox
from bot.console import invitation
from bot.models import Consultation, FollowUp, Message

MODEL = FollowUp
AHEAD = dt.timedelta(days=1)


def due(_app: Flask, session: Session, now: dt.datetime, limit: int) -> list[int]:
    return list(session.scalars(
        select(FollowUp.id).where(FollowUp.reminded_at.is_(None), FollowUp.cancelled_at.is_(None),
                                  FollowUp.starts_at > now, FollowUp.starts_at <= now + AHEAD)
        .order_by(FollowUp.starts_at).limit(limit)))


def act(_app: Flask, session: Session, follow_up: FollowUp) -> tuple[Optional[str], list[Message]]:
    now = clock.now()
    if follow_up.reminded_at is not None or follow_up.cancelled_at is not None or follow_up.starts_at <= now:
        return None, []
    follow_up.reminded_at = now
    if follow_up.starts_at - follow_up.created_at < AHEAD:
        return None, []
    consultation = session.get(Consultation, follow_up.consultation_id)
    out = invitation.message(session, consultation, follow_up, now, officer_id=None, reminder=True)
    return "follow_up_reminded", outbox.store(session, [out])

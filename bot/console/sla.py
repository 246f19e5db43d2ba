"""Where a consultation stands against its promise: the first answer by ``due_at``.

The share of the promise used up is measured in working time (holidays and weekends do not
count), the same way the due time was computed: green below 50 %, amber from 50 %, red once the
due time has passed without an answer. Answered tickets are "done" for the SLA.
"""
from __future__ import annotations

import datetime as dt
from typing import Optional

from bot.models import Consultation
from bot.workcalendar import WorkCalendar

AMBER_FROM = 0.5


def used(consultation: Consultation, now: dt.datetime, calendar: WorkCalendar) -> Optional[float]:
    """Fraction of the working time between clarification and due time already spent."""
    start = consultation.clarified_at or consultation.opened_at
    if consultation.due_at is None or start is None:
        return None
    total = calendar.working_time_between(start, consultation.due_at)
    if now >= consultation.due_at:
        return 1.0
    if not total:
        return 0.0
    return calendar.working_time_between(start, now) / total


def colour(consultation: Consultation, now: dt.datetime, calendar: WorkCalendar) -> str:
    if consultation.first_response_at is not None:
        return "done"
    if consultation.due_at is not None and now >= consultation.due_at:
        return "red"
    share = used(consultation, now, calendar)
    return "amber" if share is not None and share >= AMBER_FROM else "green"


def met(consultation: Consultation, now: dt.datetime) -> Optional[bool]:
    """True/False once known; None while the due time is ahead and no answer was sent."""
    if consultation.due_at is None:
        return None
    if consultation.first_response_at is not None:
        return consultation.first_response_at <= consultation.due_at
    return False if now >= consultation.due_at else None

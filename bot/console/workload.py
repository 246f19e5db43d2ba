"""Per officer: what they hold now (open, overdue) and how their first answers in the period met the promise.

An answer is credited to the officer who sent the ticket's first reply, not to whoever holds the ticket
now (a transfer after answering does not move the credit); a ticket answered without an officer's message
(an old row, a CLI close) falls back to its holder. Open and overdue count what each officer holds now.
"""
from __future__ import annotations

import dataclasses
import datetime as dt
from typing import Iterable, Optional

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from bot.console import metrics
from bot.models import OPEN_STATUSES, Consultation, Message, Officer
from bot.workcalendar import WorkCalendar


@dataclasses.dataclass
class Load:
    officer: Optional[Officer]  # None: the row for tickets nobody holds
    open: int = 0
    overdue: int = 0
    in_sla: int = 0
    late: int = 0
    first_response: metrics.Times = dataclasses.field(default_factory=metrics.Times)

    @property
    def compliance(self) -> Optional[float]:
        answered = self.in_sla + self.late
        return 100.0 * self.in_sla / answered if answered else None


def first_responders(session: Session, ids: list[int]) -> dict[int, int]:
    """consultation id -> the officer who sent its first reply."""
    if not ids:
        return {}
    first = (select(Message.consultation_id, func.min(Message.id).label("mid"))
             .where(Message.consultation_id.in_(ids), Message.author == "officer", Message.officer_id.is_not(None))
             .group_by(Message.consultation_id).subquery())
    return dict(session.execute(select(Message.consultation_id, Message.officer_id)
                                .join(first, first.c.mid == Message.id)).all())


def build(session: Session, calendar: WorkCalendar, now: dt.datetime,
          period: Iterable[Consultation]) -> list[Load]:
    """One row per active officer (name order), then one for unassigned tickets when there are any."""
    officers = session.scalars(select(Officer).where(Officer.active.is_(True)).order_by(Officer.name)).all()
    loads: dict[Optional[int], Load] = {o.id: Load(o) for o in officers}
    loads[None] = Load(None)

    def load_of(officer_id: Optional[int]) -> Load:
        if officer_id not in loads:  # a locked account still holding tickets shows under its name
            loads[officer_id] = Load(session.get(Officer, officer_id))
        return loads[officer_id]

    for c in session.scalars(select(Consultation).where(Consultation.status.in_(OPEN_STATUSES))):
        row = load_of(c.assigned_officer_id)
        row.open += 1
        row.overdue += c.first_response_at is None and c.due_at is not None and c.due_at <= now
    answered = [c for c in period if c.first_response_at is not None]
    credit = first_responders(session, [c.id for c in answered])
    for c in answered:
        row = load_of(credit.get(c.id, c.assigned_officer_id))
        if c.due_at is not None:
            row.in_sla += c.first_response_at <= c.due_at
            row.late += c.first_response_at > c.due_at
        row.first_response.add(calendar, c.clarified_at or c.opened_at, c.first_response_at)
    unassigned = loads.pop(None)
    rows = list(loads.values())
    busy = unassigned.open or unassigned.in_sla or unassigned.late
    return rows + [unassigned] if busy else rows

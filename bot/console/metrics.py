"""Supervisor figures over a period: volumes, response and resolution times, SLA, ratings.

Times are working hours (:meth:`WorkCalendar.working_time_between`), the unit the office's
promise is made in: a question sent on Friday evening and answered Monday at 08:00 took half an
hour, not two and a half days.
"""
from __future__ import annotations

import dataclasses
import datetime as dt
import statistics
from collections import Counter, defaultdict
from typing import Optional

from sqlalchemy import select
from sqlalchemy.orm import Session, joinedload

from bot.console import sla
from bot.models import OPEN_STATUSES, Consultation, Message, Rating
from bot.workcalendar import WorkCalendar


@dataclasses.dataclass
class Report:
    days: list[dt.date]
    inbound: dict[str, Counter]  # channel -> day -> count of citizen messages
    opened: dict[str, Counter]  # channel -> day -> consultations opened
    first_response_hours: list[float]
    resolution_hours: list[float]
    sla_met: int
    sla_missed: int
    open_breaches: list[Consultation]
    ratings: Counter
    rows: list[dict]

    @property
    def sla_compliance(self) -> Optional[float]:
        judged = self.sla_met + self.sla_missed
        return 100.0 * self.sla_met / judged if judged else None

    @property
    def rating_average(self) -> Optional[float]:
        total = sum(self.ratings.values())
        return sum(score * n for score, n in self.ratings.items()) / total if total else None


def summary(values: list[float]) -> dict[str, Optional[float]]:
    if not values:
        return {"average": None, "median": None, "count": 0}
    return {"average": statistics.fmean(values), "median": statistics.median(values), "count": len(values)}


def _hours(calendar: WorkCalendar, start: Optional[dt.datetime], end: Optional[dt.datetime]) -> Optional[float]:
    if start is None or end is None or end < start:
        return None
    return calendar.working_time_between(start, end).total_seconds() / 3600


def build(session: Session, calendar: WorkCalendar, now: dt.datetime, days: int) -> Report:
    tz = calendar.tz
    today = now.astimezone(tz).date()
    day_list = [today - dt.timedelta(days=n) for n in range(days - 1, -1, -1)]
    since = dt.datetime.combine(day_list[0], dt.time(), tz)
    inbound: dict[str, Counter] = defaultdict(Counter)
    for channel, created in session.execute(select(Message.channel, Message.created_at).where(
            Message.direction == "in", Message.created_at >= since)):
        inbound[channel][created.astimezone(tz).date()] += 1
    consultations = session.scalars(select(Consultation).where(Consultation.opened_at >= since)
                                    .options(joinedload(Consultation.assigned_officer))
                                    .order_by(Consultation.opened_at)).all()
    scores = dict(session.execute(select(Rating.consultation_id, Rating.score).where(
        Rating.consultation_id.in_([c.id for c in consultations]))).all()) if consultations else {}
    report = Report(day_list, inbound, defaultdict(Counter), [], [], 0, 0, [], Counter(scores.values()), [])
    for c in consultations:
        report.opened[c.channel][c.opened_at.astimezone(tz).date()] += 1
        start = c.clarified_at or c.opened_at
        first, resolved = _hours(calendar, start, c.first_response_at), _hours(calendar, start, c.closed_at)
        if first is not None:
            report.first_response_hours.append(first)
        if resolved is not None and c.close_reason in ("officer", "citizen"):
            report.resolution_hours.append(resolved)
        verdict = sla.met(c, now)
        report.sla_met += verdict is True
        report.sla_missed += verdict is False
        report.rows.append(_row(c, first, resolved, verdict, scores.get(c.id), tz))
    report.open_breaches = list(session.scalars(select(Consultation).where(
        Consultation.status.in_(OPEN_STATUSES), Consultation.first_response_at.is_(None),
        Consultation.due_at < now).order_by(Consultation.due_at)))
    return report


def _row(c: Consultation, first: Optional[float], resolved: Optional[float], verdict: Optional[bool],
         score: Optional[int], tz) -> dict:
    def local(moment):
        return moment.astimezone(tz).strftime("%Y-%m-%d %H:%M") if moment else ""

    return {"ticket": c.ticket, "channel": c.channel, "status": c.status, "opened": local(c.opened_at),
            "due": local(c.due_at), "first_response": local(c.first_response_at), "closed": local(c.closed_at),
            "first_response_working_hours": "" if first is None else f"{first:.2f}",
            "resolution_working_hours": "" if resolved is None else f"{resolved:.2f}",
            "sla_met": {True: "yes", False: "no", None: ""}[verdict], "rating": score or "",
            "officer": c.assigned_officer.name if c.assigned_officer else "", "close_reason": c.close_reason or "",
            "outcome": c.outcome or ""}

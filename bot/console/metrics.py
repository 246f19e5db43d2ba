"""Supervisor figures over a period: volumes, response and resolution times, SLA, ratings.

Times are working hours (:meth:`WorkCalendar.working_time_between`), the unit the office's
promise is made in: a question sent on Friday evening and answered Monday at 08:00 took half an
hour, not two and a half days. The clock starts at the office's next opening after the question.
An answer sent before that opening (Saturday, to a Friday-evening question) took no working time
at all; counting it as 0.0 h dragged the median to zero on weekends, so such answers are counted
apart ("outside office hours") and the median and mean describe answers given in working time.
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
    first_response: Times
    resolution: Times
    sla_met: int
    sla_missed: int
    open_breaches: list[Consultation]
    ratings: Counter
    rows: list[dict]
    consultations: list[Consultation]  # opened in the period, for the per-officer and topic tables

    @property
    def sla_compliance(self) -> Optional[float]:
        judged = self.sla_met + self.sla_missed
        return 100.0 * self.sla_met / judged if judged else None

    @property
    def rating_average(self) -> Optional[float]:
        total = sum(self.ratings.values())
        return sum(score * n for score, n in self.ratings.items()) / total if total else None


def hours(calendar: WorkCalendar, start: Optional[dt.datetime], end: Optional[dt.datetime]) -> Optional[float]:
    """Working hours from ``start`` to ``end``; None when either is unknown or they are out of order."""
    if start is None or end is None or end < start:
        return None
    return calendar.working_time_between(start, end).total_seconds() / 3600


def before_opening(calendar: WorkCalendar, start: Optional[dt.datetime], end: Optional[dt.datetime],
                   spent: Optional[float] = None) -> bool:
    """``end`` came while the office was closed, before it next opened after ``start``: no working time passed.

    ``spent`` (their :func:`hours`, when the caller has it) spares the calendar look-up for the many spans that
    took working time."""
    if start is None or end is None or end < start or (spent is not None and spent > 0):
        return False
    return end < calendar.next_opening(start)


@dataclasses.dataclass
class Times:
    """Working-hour spans, and how many answers came before the office even opened (kept out of the median)."""
    hours: list[float] = dataclasses.field(default_factory=list)
    off_hours: int = 0

    def add(self, calendar: WorkCalendar, start: Optional[dt.datetime], end: Optional[dt.datetime]) -> Optional[float]:
        """Count the span; returns its working hours (None when unknown) for the caller's own use."""
        value = hours(calendar, start, end)
        if value is None:
            return None
        if before_opening(calendar, start, end, value):
            self.off_hours += 1
        else:
            self.hours.append(value)
        return value

    def summary(self) -> dict[str, Optional[float]]:
        values = self.hours
        return {"average": statistics.fmean(values) if values else None,
                "median": statistics.median(values) if values else None,
                "count": len(values), "off_hours": self.off_hours}


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
    report = Report(day_list, inbound, defaultdict(Counter), Times(), Times(), 0, 0, [], Counter(scores.values()), [],
                    list(consultations))
    for c in consultations:
        report.opened[c.channel][c.opened_at.astimezone(tz).date()] += 1
        start = c.clarified_at or c.opened_at
        first = report.first_response.add(calendar, start, c.first_response_at)
        resolved = (report.resolution.add(calendar, start, c.closed_at) if c.close_reason in ("officer", "citizen")
                    else hours(calendar, start, c.closed_at))
        verdict = sla.met(c, now)
        report.sla_met += verdict is True
        report.sla_missed += verdict is False
        outside = before_opening(calendar, start, c.first_response_at, first)
        report.rows.append(_row(c, first, resolved, outside, verdict, scores.get(c.id), tz))
    report.open_breaches = list(session.scalars(select(Consultation).where(
        Consultation.status.in_(OPEN_STATUSES), Consultation.first_response_at.is_(None),
        Consultation.due_at < now).order_by(Consultation.due_at).options(joinedload(Consultation.assigned_officer))))
    return report


def _row(c: Consultation, first: Optional[float], resolved: Optional[float], outside: bool,
         verdict: Optional[bool], score: Optional[int], tz) -> dict:
    def local(moment):
        return moment.astimezone(tz).strftime("%Y-%m-%d %H:%M") if moment else ""

    return {"ticket": c.ticket, "channel": c.channel, "status": c.status, "opened": local(c.opened_at),
            "due": local(c.due_at), "first_response": local(c.first_response_at), "closed": local(c.closed_at),
            "first_response_working_hours": "" if first is None else f"{first:.2f}",
            "resolution_working_hours": "" if resolved is None else f"{resolved:.2f}",
            "first_response_outside_hours": "yes" if outside else "",
            "sla_met": {True: "yes", False: "no", None: ""}[verdict], "rating": score or "",
            "officer": c.assigned_officer.name if c.assigned_officer else "", "close_reason": c.close_reason or "",
            "outcome": c.outcome or ""}

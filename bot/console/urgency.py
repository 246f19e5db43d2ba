"""How near a ticket's due time is, said the way an officer thinks of it: in working time.

"3 jam lagi" on a Friday evening for a Monday-closing due time would be wrong in calendar time and
right in working time, so every amount here is measured with the office's calendar (weekends,
holidays and cuti bersama do not count). Short spans are minutes or hours of open office time;
longer ones are working days counted by date. The templates are Indonesian source text: the
console's English lookup (bot.console.i18n) translates them.
"""
from __future__ import annotations

import datetime as dt
from typing import Callable, Optional

from bot.workcalendar import WorkCalendar

HOUR = dt.timedelta(hours=1)
# Below this much open time a span is said in hours even when it crosses a night or a weekend.
DAY_IN_HOURS = dt.timedelta(hours=8)
NOW = dt.timedelta(minutes=1)  # within a minute either side of the due time is "due now"

AHEAD = {"minute": ("1 menit lagi", "%d menit lagi"), "hour": ("1 jam lagi", "%d jam lagi"),
         "day": ("1 hari kerja lagi", "%d hari kerja lagi")}
LATE = {"minute": ("lewat 1 menit", "lewat %d menit"), "hour": ("lewat 1 jam", "lewat %d jam"),
        "day": ("lewat 1 hari kerja", "lewat %d hari kerja")}
DUE_NOW, OVERDUE = "jatuh tempo sekarang", "lewat tenggat"


def _working_days_after(calendar: WorkCalendar, first: dt.date, last: dt.date) -> int:
    """Working days d with first < d <= last."""
    count, day = 0, first + dt.timedelta(days=1)
    while day <= last:
        count += calendar.is_working_day(day)
        day += dt.timedelta(days=1)
    return count


def _amount(calendar: WorkCalendar, span: dt.timedelta, earlier: dt.datetime,
            later: dt.datetime) -> tuple[str, int]:
    """(unit, count) for `span` of open time between two moments; days are counted by working date."""
    if span < HOUR:
        return "minute", max(1, int(span.total_seconds() // 60))
    days = _working_days_after(calendar, earlier.astimezone(calendar.tz).date(), later.astimezone(calendar.tz).date())
    if span < DAY_IN_HOURS or days == 0:
        return "hour", int(span / HOUR)
    return "day", days


def describe(due: Optional[dt.datetime], now: dt.datetime, calendar: WorkCalendar) -> tuple[str, Optional[int]]:
    """(template, count) for the due time seen from `now`; ("", None) when there is no due time.

    The template is one of AHEAD/LATE/DUE_NOW/OVERDUE; it holds ``%d`` when count is above 1.
    Overdue with no open time since (the office closed at the due time and has not opened again)
    is simply OVERDUE: no working time has been lost yet.
    """
    if due is None:
        return "", None
    if abs(now - due) < NOW:
        return DUE_NOW, None
    if now < due:
        unit, count = _amount(calendar, calendar.working_time_between(now, due), now, due)
        return AHEAD[unit][count != 1], count
    late = calendar.working_time_between(due, now)
    if late < NOW:
        return OVERDUE, None
    unit, count = _amount(calendar, late, due, now)
    return LATE[unit][count != 1], count


def phrase(due: Optional[dt.datetime], now: dt.datetime, calendar: WorkCalendar,
           translate: Callable[[str], str] = lambda text: text) -> str:
    """The relative phrase, e.g. "3 jam lagi" or (translated) "2 working days overdue"."""
    template, count = describe(due, now, calendar)
    text = translate(template) if template else ""
    return text % count if "%d" in text else text

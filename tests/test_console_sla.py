"""SLA colours in working time: green, amber from half the promise used, red once due, done when answered."""
from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from bot.console import sla
from bot.models import Consultation
from bot.workcalendar import WorkCalendar, parse_office_hours

WIB = ZoneInfo("Asia/Jakarta")
CALENDAR = WorkCalendar(parse_office_hours("mon-thu 07:30-16:00, fri 07:30-16:30"))
MONDAY = dt.datetime(2026, 11, 23, 7, 30, tzinfo=WIB)


FRIDAY = dt.datetime(2026, 11, 27, 7, 30, tzinfo=WIB)


def _ticket(answered: dt.datetime | None = None, start: dt.datetime = MONDAY) -> Consultation:
    due = CALENDAR.add_working_days(start, 3)
    return Consultation(clarified_at=start, opened_at=start, due_at=due, first_response_at=answered)


@pytest.mark.parametrize("start,now,colour", [
    (MONDAY, MONDAY + dt.timedelta(hours=3), "green"),
    (MONDAY, dt.datetime(2026, 11, 24, 12, 0, tzinfo=WIB), "green"),
    (MONDAY, dt.datetime(2026, 11, 25, 16, 0, tzinfo=WIB), "amber"),  # Wednesday evening: 75 % used
    (MONDAY, dt.datetime(2026, 11, 27, 9, 0, tzinfo=WIB), "red"),  # due Thursday 16:00
    (FRIDAY, dt.datetime(2026, 11, 30, 7, 0, tzinfo=WIB), "green"),  # the weekend does not use the promise up
])
def test_colour(start, now, colour):
    """The colour follows the working time used, not the calendar time."""
    assert sla.colour(_ticket(start=start), now.astimezone(dt.timezone.utc), CALENDAR) == colour


@pytest.mark.parametrize("answered,verdict", [(MONDAY + dt.timedelta(hours=1), True),
                                              (dt.datetime(2026, 12, 2, 9, 0, tzinfo=WIB), False), (None, False)])
def test_met(answered, verdict):
    """An answer by the due time meets the SLA; a late one or none (once due) does not."""
    ticket = _ticket(answered)
    now = dt.datetime(2026, 12, 3, 9, 0, tzinfo=WIB)
    assert sla.met(ticket, now) is verdict
    assert sla.colour(ticket, now, CALENDAR) == ("done" if answered else "red")

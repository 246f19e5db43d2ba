"""The relative due phrase counts working time: weekends, holidays and cuti bersama do not bring a due time nearer."""
from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from bot.console import i18n, urgency
from bot.workcalendar import WorkCalendar, parse_office_hours

WIB = ZoneInfo("Asia/Jakarta")
CALENDAR = WorkCalendar(parse_office_hours("mon-thu 07:30-16:00, fri 07:30-16:30"))


def _at(day: int, hour: int, minute: int = 0, second: int = 0, month: int = 11) -> dt.datetime:
    return dt.datetime(2026, month, day, hour, minute, second, tzinfo=WIB).astimezone(dt.timezone.utc)


@pytest.mark.parametrize("now,due,expected", [
    (_at(23, 12, 40), _at(23, 16), "3 jam lagi"),  # Monday noon, due at closing
    (_at(23, 15), _at(23, 16), "1 jam lagi"),
    (_at(23, 15, 30), _at(23, 16), "30 menit lagi"),
    (_at(23, 15, 59), _at(23, 16), "1 menit lagi"),
    (_at(23, 16), _at(23, 16), "jatuh tempo sekarang"),  # exactly due
    (_at(23, 15, 59, 30), _at(23, 16), "jatuh tempo sekarang"),  # within the minute
    (_at(23, 10), _at(26, 16), "3 hari kerja lagi"),  # Monday morning, due Thursday
    (_at(28, 10), _at(30, 11, 30), "4 jam lagi"),  # Saturday: the weekend is not working time (49.5 h on the wall)
    (_at(27, 17), _at(30, 16), "1 hari kerja lagi"),  # Friday evening, due Monday closing
    (_at(23, 10, month=12), _at(28, 16, month=12), "1 hari kerja lagi"),  # 24 cuti bersama, 25 Christmas, weekend
    (_at(26, 20), _at(26, 16), "lewat tenggat"),  # the office closed at the due time: no working time lost yet
    (_at(30, 7, 45), _at(27, 16, 30), "lewat 15 menit"),  # Friday's due time, Monday 15 min after opening
    (_at(27, 10), _at(26, 16), "lewat 2 jam"),
    (_at(30, 10), _at(26, 16), "lewat 2 hari kerja"),  # Thursday's due time: Friday and Monday are late
    (_at(28, 10, month=12), _at(23, 16, month=12), "lewat 2 jam"),  # the Christmas days do not count as late
    (_at(27, 17), _at(27, 16), "lewat 30 menit"),  # a 16:00 due time on Friday, which closes at 16:30
])
def test_phrase(now, due, expected):
    assert urgency.phrase(due, now, CALENDAR) == expected


def test_no_due_time_says_nothing():
    assert urgency.phrase(None, _at(23, 10), CALENDAR) == ""


@pytest.mark.parametrize("now,due,expected", [
    (_at(23, 12, 40), _at(23, 16), "3 working hours left"), (_at(23, 15, 59), _at(23, 16), "1 minute left"),
    (_at(23, 10), _at(26, 16), "3 working days left"), (_at(30, 10), _at(26, 16), "2 working days overdue"),
    (_at(23, 16), _at(23, 16), "due now"), (_at(26, 20), _at(26, 16), "overdue"),
])
def test_english(now, due, expected):
    assert urgency.phrase(due, now, CALENDAR, lambda text: i18n.EN[text]) == expected


def test_every_template_has_english():
    """The templates are looked up by the console's English switch, so each needs its twin."""
    templates = [t for pair in (*urgency.AHEAD.values(), *urgency.LATE.values()) for t in pair]
    missing = [t for t in [*templates, urgency.DUE_NOW, urgency.OVERDUE] if t not in i18n.EN]
    assert missing == []

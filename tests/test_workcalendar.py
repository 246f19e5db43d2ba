"""Tests for the working-time calendar (office hours, holidays, cuti bersama, due times)."""
import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings, strategies as st

from bot.workcalendar import DEFAULT_OFFICE_HOURS, WorkCalendar, parse_office_hours

WIB = ZoneInfo("Asia/Jakarta")
UTC = dt.timezone.utc
CAL = WorkCalendar(parse_office_hours(DEFAULT_OFFICE_HOURS))


def wib(*args: int) -> dt.datetime:
    return dt.datetime(*args, tzinfo=WIB)


def test_parse_default_hours():
    """The default text gives Mon-Thu until 16:00, Fri until 16:30 and a closed weekend."""
    hours = parse_office_hours(DEFAULT_OFFICE_HOURS)
    mon_thu = ((dt.time(7, 30), dt.time(16)),)
    assert hours == {0: mon_thu, 1: mon_thu, 2: mon_thu, 3: mon_thu,
                     4: ((dt.time(7, 30), dt.time(16, 30)),), 5: (), 6: ()}


def test_parse_several_intervals_and_closed():
    """A day may have a lunch break, and "closed" is accepted and means no intervals."""
    hours = parse_office_hours("Mon 07:30-12:00 13:00-16:00, sat closed")
    assert hours[0] == ((dt.time(7, 30), dt.time(12)), (dt.time(13), dt.time(16)))
    assert hours[5] == () and hours[1] == ()


@pytest.mark.parametrize("text, message", [
    ("", "expected"),
    ("mon", "expected"),
    ("mon 07:30-16:00,", "expected"),
    ("monday 07:30-16:00", "not a day"),
    ("xyz 07:30-16:00", "not a day"),
    ("fri-mon 07:30-16:00", "backwards"),
    ("mon 7.30-16.00", "not an interval"),
    ("mon 07:30-25:00", "not an interval"),
    ("mon 16:00-07:30", "empty"),
    ("mon 07:30-12:00 11:00-16:00", "overlap"),
    ("mon-thu 07:30-16:00, wed 08:00-12:00", "repeats"),
    ("sat closed 07:30-12:00", "not an interval"),
])
def test_parse_errors(text, message):
    """Bad office-hours text raises ValueError saying what is wrong."""
    with pytest.raises(ValueError, match=message):
        parse_office_hours(text)


@pytest.mark.parametrize("at, expected", [
    (wib(2026, 3, 2, 7, 29), False),
    (wib(2026, 3, 2, 7, 30), True),
    (wib(2026, 3, 2, 15, 59, 59), True),
    (wib(2026, 3, 2, 16, 0), False),
    (wib(2026, 3, 2, 16, 1), False),
    (wib(2026, 3, 6, 7, 29), False),
    (wib(2026, 3, 6, 7, 30), True),
    (wib(2026, 3, 6, 16, 0), True),
    (wib(2026, 3, 6, 16, 1), True),
    (wib(2026, 3, 6, 16, 30), False),
    (wib(2026, 3, 7, 10, 0), False),  # Saturday
    (dt.datetime(2026, 3, 2, 0, 30, tzinfo=UTC), True),  # 07:30 WIB
    (dt.datetime(2026, 3, 1, 23, 59, tzinfo=UTC), False),  # 06:59 WIB
])
def test_is_open(at, expected):
    """Opening minute is open, closing minute is closed; Friday closes at 16:30; any tz works."""
    assert CAL.is_open(at) is expected


@pytest.mark.parametrize("method", ["is_open", "next_opening"])
def test_naive_datetime_rejected(method):
    """Naive datetimes are ambiguous and raise ValueError."""
    with pytest.raises(ValueError, match="naive"):
        getattr(CAL, method)(dt.datetime(2026, 3, 2, 10))


@pytest.mark.parametrize("at, expected", [
    (wib(2026, 3, 2, 10), wib(2026, 3, 2, 10)),
    (wib(2026, 3, 2, 6), wib(2026, 3, 2, 7, 30)),
    (wib(2026, 3, 6, 16, 30), wib(2026, 3, 9, 7, 30)),
    (wib(2026, 8, 14, 17), wib(2026, 8, 18, 7, 30)),  # Independence Day Monday
    (dt.datetime(2026, 3, 2, 3, tzinfo=UTC), wib(2026, 3, 2, 10)),
])
def test_next_opening(at, expected):
    """Next opening is `at` itself when open, else the next opening after weekends and holidays."""
    result = CAL.next_opening(at)
    assert result == expected and result.tzinfo == WIB


def test_idul_fitri_2026_days_from_package():
    """The package gives Nyepi, Idul Fitri and their cuti bersama of 18-24 March 2026."""
    assert CAL.holiday_name(dt.date(2026, 3, 18)) == "Cuti Bersama Hari Suci Nyepi"
    assert CAL.holiday_name(dt.date(2026, 3, 19)) == "Hari Suci Nyepi"
    assert CAL.holiday_name(dt.date(2026, 3, 20)) == "Cuti Bersama Hari Raya Idul Fitri"
    assert CAL.holiday_name(dt.date(2026, 3, 21)) == "Hari Raya Idul Fitri"
    assert CAL.holiday_name(dt.date(2026, 3, 22)) == "Hari kedua dari Hari Raya Idul Fitri"
    assert CAL.holiday_name(dt.date(2026, 3, 23)) == "Cuti Bersama Hari Raya Idul Fitri"
    assert CAL.holiday_name(dt.date(2026, 3, 24)) == "Cuti Bersama Hari Raya Idul Fitri"
    assert CAL.holiday_name(dt.date(2026, 3, 25)) is None
    working = [d for d in range(16, 28) if CAL.is_working_day(dt.date(2026, 3, d))]
    assert working == [16, 17, 25, 26, 27]


def test_christmas_2025_2026_days_from_package():
    """Christmas and its cuti bersama are closed: 25-26 Dec 2025 and 24-25 Dec 2026."""
    for day in (dt.date(2025, 12, 25), dt.date(2025, 12, 26), dt.date(2026, 12, 24), dt.date(2026, 12, 25)):
        assert not CAL.is_working_day(day) and "Natal" in CAL.holiday_name(day)
    assert CAL.holiday_name(dt.date(2026, 12, 24)) == "Cuti Bersama Hari Raya Natal"


def test_holiday_names_in_english_on_request():
    """The language of holiday names can be chosen."""
    english = WorkCalendar(parse_office_hours(DEFAULT_OFFICE_HOURS), language="en_US")
    assert english.holiday_name(dt.date(2026, 3, 21)) == "Eid al-Fitr"


@pytest.mark.parametrize("start, n, due", [
    # Friday 15:00 before a plain weekend: Mon, Tue, Wed.
    (wib(2026, 3, 6, 15), 3, wib(2026, 3, 11, 16)),
    # Clear at 07:31 still makes that day day 0; after closing is the same.
    (wib(2026, 3, 2, 7, 31), 3, wib(2026, 3, 5, 16)),
    (wib(2026, 3, 2, 18), 3, wib(2026, 3, 5, 16)),
    # Saturday and Sunday are day 0; the following working days count from 1.
    (wib(2026, 3, 7, 10), 3, wib(2026, 3, 11, 16)),
    (wib(2026, 3, 8, 10), 1, wib(2026, 3, 9, 16)),
    # Friday before Independence Day Monday (2026-08-17): Tue, Wed, Thu.
    (wib(2026, 8, 14, 15), 3, wib(2026, 8, 20, 16)),
    # Friday before Waisak Monday + cuti bersama Tuesday 2025: Wed, Thu, Fri (16:30).
    (wib(2025, 5, 9, 15), 3, wib(2025, 5, 16, 16, 30)),
    # Across Nyepi and Idul Fitri 2026 (18-24 March closed).
    (wib(2026, 3, 17, 10), 3, wib(2026, 3, 27, 16, 30)),
    (wib(2026, 3, 16, 10), 3, wib(2026, 3, 26, 16)),
    (wib(2026, 3, 20, 10), 1, wib(2026, 3, 25, 16)),
    # Across Christmas + cuti bersama 2026 (24-25 Dec) and New Year 2027.
    (wib(2026, 12, 23, 9), 3, wib(2026, 12, 30, 16)),
    (wib(2026, 12, 29, 9), 3, wib(2027, 1, 4, 16)),
    # n=0: that day's closing if still open today, else the next working day's.
    (wib(2026, 3, 2, 6), 0, wib(2026, 3, 2, 16)),
    (wib(2026, 3, 6, 10), 0, wib(2026, 3, 6, 16, 30)),
    (wib(2026, 3, 6, 17), 0, wib(2026, 3, 9, 16)),
    (wib(2026, 3, 21, 10), 0, wib(2026, 3, 25, 16)),
    # A UTC start is read in WIB: Friday 20:00 UTC is Saturday 03:00 WIB.
    (dt.datetime(2026, 3, 6, 20, tzinfo=UTC), 1, wib(2026, 3, 9, 16)),
])
def test_add_working_days(start, n, due):
    """Due time is the closing time of the n-th working day after the day the request became clear."""
    result = CAL.add_working_days(start, n)
    assert result == due and result.tzinfo == WIB


def test_add_working_days_rejects_negative():
    """A negative number of working days is a programming error."""
    with pytest.raises(ValueError, match="n must be"):
        CAL.add_working_days(wib(2026, 3, 2, 10), -1)


def test_extra_closed_dates():
    """Extra closed dates are skipped like holidays but have no holiday name."""
    cal = WorkCalendar(parse_office_hours(DEFAULT_OFFICE_HOURS),
                       extra_closed=[dt.date(2026, 3, 10), dt.date(2026, 3, 11)])
    assert not cal.is_working_day(dt.date(2026, 3, 10)) and cal.holiday_name(dt.date(2026, 3, 10)) is None
    assert not cal.is_open(wib(2026, 3, 10, 10))
    assert cal.next_opening(wib(2026, 3, 9, 17)) == wib(2026, 3, 12, 7, 30)
    assert cal.add_working_days(wib(2026, 3, 6, 15), 3) == wib(2026, 3, 13, 16, 30)


def test_never_open_raises():
    """A calendar without any office hours fails clearly instead of looping forever."""
    cal = WorkCalendar(parse_office_hours("sat closed"))
    with pytest.raises(ValueError, match="never open"):
        cal.next_opening(wib(2026, 3, 2, 10))


def test_lunch_break():
    """Time in a lunch break is closed and not counted."""
    cal = WorkCalendar(parse_office_hours("mon-fri 07:30-12:00 13:00-16:00"))
    assert not cal.is_open(wib(2026, 3, 2, 12, 30))
    assert cal.next_opening(wib(2026, 3, 2, 12, 30)) == wib(2026, 3, 2, 13)
    assert cal.working_time_between(wib(2026, 3, 2, 11), wib(2026, 3, 2, 14)) == dt.timedelta(hours=2)


@pytest.mark.parametrize("a, b, expected", [
    # Friday 16:00 to Monday 08:00 across a weekend: 30 min Friday + 30 min Monday.
    (wib(2026, 3, 6, 16), wib(2026, 3, 9, 8), dt.timedelta(hours=1)),
    # Monday 15:00 to Tuesday 09:00 across closing time: 1 h + 1.5 h.
    (wib(2026, 3, 2, 15), wib(2026, 3, 3, 9), dt.timedelta(hours=2, minutes=30)),
    # Whole Monday-Friday week: 4 x 8.5 h + 9 h.
    (wib(2026, 3, 2), wib(2026, 3, 9), dt.timedelta(hours=43)),
    # Idul Fitri week: only Wednesday 25 to Friday 27 March count.
    (wib(2026, 3, 18), wib(2026, 3, 25), dt.timedelta()),
    (wib(2026, 3, 2, 10), wib(2026, 3, 2, 10), dt.timedelta()),
    # Reversed order gives the negative.
    (wib(2026, 3, 3, 9), wib(2026, 3, 2, 15), -dt.timedelta(hours=2, minutes=30)),
])
def test_working_time_between(a, b, expected):
    """Only office-open time counts; weekends, nights and holidays do not."""
    assert CAL.working_time_between(a, b) == expected


moments = st.datetimes(min_value=dt.datetime(2025, 1, 1), max_value=dt.datetime(2027, 12, 31),
                       timezones=st.sampled_from([WIB, UTC]))


@settings(max_examples=200, deadline=None)
@given(start=moments, n=st.integers(min_value=0, max_value=15))
def test_due_time_is_a_working_day_closing_time(start, n):
    """The due time is the closing time of a working day and never before the start."""
    due = CAL.add_working_days(start, n)
    assert due.tzinfo == WIB and due >= start
    assert CAL.is_working_day(due.date())
    assert CAL.is_open(due - dt.timedelta(microseconds=1)) and not CAL.is_open(due)
    assert due == CAL.closing_time(due.date())


@settings(max_examples=200, deadline=None)
@given(a=moments, b=moments, n=st.integers(min_value=0, max_value=15))
def test_due_time_is_monotonic_in_start(a, b, n):
    """A later start never gets an earlier due time."""
    a, b = sorted((a, b))
    assert CAL.add_working_days(a, n) <= CAL.add_working_days(b, n)


@settings(max_examples=200, deadline=None)
@given(a=moments, b=moments, c=moments)
def test_working_time_is_additive(a, b, c):
    """Working time from a to b plus b to c equals a to c, in any order."""
    w = CAL.working_time_between
    assert w(a, b) + w(b, c) == w(a, c)


@settings(max_examples=200, deadline=None)
@given(at=moments)
def test_next_opening_is_open(at):
    """next_opening returns an open moment not before `at`, with no open time in between."""
    opening = CAL.next_opening(at)
    assert opening >= at and CAL.is_open(opening)
    assert CAL.working_time_between(at, opening) == dt.timedelta()

"""Working-time calendar of the PST office: office hours, holidays, cuti bersama and due times.

Pure: settings are passed in, nothing is read from the environment or a database.
"""
from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from zoneinfo import ZoneInfo

import holidays

OfficeHours = dict[int, tuple[tuple[dt.time, dt.time], ...]]

DEFAULT_OFFICE_HOURS = "mon-thu 07:30-16:00, fri 07:30-16:30"
DAY_NAMES = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
# How far next_opening/add_working_days look ahead before concluding the office never opens.
MAX_SEARCH_DAYS = 2 * 366

_DAYS_RE = re.compile(r"^([a-z]{3})(?:-([a-z]{3}))?$")
_INTERVAL_RE = re.compile(r"^(\d{1,2}):(\d{2})-(\d{1,2}):(\d{2})$")


def parse_office_hours(text: str) -> OfficeHours:
    """Parse "mon-thu 07:30-16:00, fri 07:30-16:30" into weekday -> open intervals.

    Clauses are separated by commas; each names a day or a day range (mon-thu, not wrapping past
    sun) followed by one or more HH:MM-HH:MM intervals, or by the word "closed". Days that are not
    mentioned are closed. Every weekday 0..6 is a key; closed days map to an empty tuple.
    """
    hours: OfficeHours = {day: () for day in range(7)}
    seen: set[int] = set()
    for clause in text.lower().split(","):
        words = clause.split()
        if len(words) < 2:
            raise ValueError(f"office hours: expected '<days> <HH:MM-HH:MM>...' or '<days> closed', got {clause.strip()!r}")
        days = _parse_days(words[0])
        if seen & set(days):
            raise ValueError(f"office hours: {words[0]!r} repeats a day already given")
        seen.update(days)
        if words[1:] == ["closed"]:
            continue
        intervals = tuple(_parse_interval(word) for word in words[1:])
        _check_intervals(intervals, words[0])
        for day in days:
            hours[day] = intervals
    return hours


def _parse_days(word: str) -> list[int]:
    """Turn "mon" or "mon-thu" into weekday numbers."""
    match = _DAYS_RE.match(word)
    if not match or any(name and name not in DAY_NAMES for name in match.groups()):
        raise ValueError(f"office hours: {word!r} is not a day or day range like 'mon' or 'mon-thu'")
    first = DAY_NAMES.index(match[1])
    last = DAY_NAMES.index(match[2]) if match[2] else first
    if last < first:
        raise ValueError(f"office hours: day range {word!r} runs backwards")
    return list(range(first, last + 1))


def _parse_interval(word: str) -> tuple[dt.time, dt.time]:
    """Turn "07:30-16:00" into a pair of times."""
    match = _INTERVAL_RE.match(word)
    try:
        if not match:
            raise ValueError
        return dt.time(int(match[1]), int(match[2])), dt.time(int(match[3]), int(match[4]))
    except ValueError:
        raise ValueError(f"office hours: {word!r} is not an interval like '07:30-16:00'") from None


def _check_intervals(intervals: tuple[tuple[dt.time, dt.time], ...], where: object) -> None:
    """Intervals must be non-empty, in order and not overlapping, so sums and searches stay simple."""
    previous_end = dt.time.min
    for index, (start, end) in enumerate(intervals):
        if start >= end:
            raise ValueError(f"office hours for {where}: interval {start:%H:%M}-{end:%H:%M} is empty")
        if index and start < previous_end:
            raise ValueError(f"office hours for {where}: intervals overlap or are out of order")
        previous_end = end


class WorkCalendar:
    """Answers "is the office open?" and "when is a request due?" in the office's time zone."""

    def __init__(self, office_hours: OfficeHours, extra_closed: Iterable[dt.date] = (),
                 tz: str = "Asia/Jakarta", *, language: str = "id"):
        for day, intervals in office_hours.items():
            if day not in range(7):
                raise ValueError(f"office hours: weekday {day!r} is not 0 (Mon) .. 6 (Sun)")
            _check_intervals(intervals, DAY_NAMES[day])
        self.office_hours = {day: tuple(office_hours.get(day, ())) for day in range(7)}
        self.extra_closed = frozenset(extra_closed)
        self.tz = ZoneInfo(tz)
        self.language = language
        self._holidays_by_year: dict[int, holidays.HolidayBase] = {}

    def _holidays(self, year: int) -> holidays.HolidayBase:
        """Public holidays plus cuti bersama (the package's "government" category), cached per year."""
        if year not in self._holidays_by_year:
            self._holidays_by_year[year] = holidays.country_holidays(
                "ID", years=year, categories=("public", "government"), language=self.language)
        return self._holidays_by_year[year]

    def holiday_name(self, day: dt.date) -> str | None:
        """Name of the holiday or cuti bersama on `day` (Indonesian by default); None otherwise.

        Extra closed dates have no name here: the caller knows why it closed the office.
        """
        return self._holidays(day.year).get(day)

    def is_working_day(self, day: dt.date) -> bool:
        """A day with office hours that is neither a holiday, cuti bersama nor an extra closed date."""
        return (bool(self.office_hours[day.weekday()]) and day not in self.extra_closed
                and day not in self._holidays(day.year))

    def _intervals(self, day: dt.date) -> list[tuple[dt.datetime, dt.datetime]]:
        """Aware open intervals of `day`; empty on non-working days."""
        if not self.is_working_day(day):
            return []
        return [(dt.datetime.combine(day, start, self.tz), dt.datetime.combine(day, end, self.tz))
                for start, end in self.office_hours[day.weekday()]]

    def _local(self, at: dt.datetime) -> dt.datetime:
        if at.tzinfo is None or at.utcoffset() is None:
            raise ValueError(f"naive datetime {at.isoformat()}: pass an aware datetime")
        return at.astimezone(self.tz)

    def _working_days_from(self, day: dt.date):
        """Working days from `day` on (inclusive), giving up after MAX_SEARCH_DAYS."""
        for offset in range(MAX_SEARCH_DAYS):
            candidate = day + dt.timedelta(days=offset)
            if self.is_working_day(candidate):
                yield candidate
        raise ValueError(f"the office is never open in the {MAX_SEARCH_DAYS} days from {day}")

    def is_open(self, at: dt.datetime) -> bool:
        """Open intervals include their opening minute and exclude their closing one (16:00 is closed)."""
        at = self._local(at)
        return any(start <= at < end for start, end in self._intervals(at.date()))

    def next_opening(self, at: dt.datetime) -> dt.datetime:
        """`at` itself (in the office tz) if open, else the next moment the office opens."""
        at = self._local(at)
        for day in self._working_days_from(at.date()):
            for start, end in self._intervals(day):
                if at < end:
                    return max(start, at)
        raise AssertionError("unreachable: _working_days_from raises when it runs out")

    def closing_time(self, day: dt.date) -> dt.datetime:
        """End of the last open interval of a working day."""
        intervals = self._intervals(day)
        if not intervals:
            raise ValueError(f"{day} is not a working day")
        return intervals[-1][1]

    def add_working_days(self, start: dt.datetime, n: int) -> dt.datetime:
        """Due time of a request that became clear at `start`, with `n` working days to answer.

        The local date of `start` is day 0, whatever the hour (even 07:31) and whether or not it
        is a working day or past closing; the due time is the closing time of the n-th working day
        after it. Friday 15:00 with n=3 before a plain weekend is due Wednesday at closing.
        n=0 is due at the closing time of that day if it is a working day and not yet closed,
        else at the next working day's closing time: a due time never lies before `start`.
        """
        if n < 0:
            raise ValueError(f"n must be >= 0, got {n}")
        at = self._local(start)
        if n == 0:
            return self.closing_time(self.next_opening(at).date())
        days = self._working_days_from(at.date() + dt.timedelta(days=1))
        for _ in range(n - 1):
            next(days)
        return self.closing_time(next(days))

    def working_time_between(self, a: dt.datetime, b: dt.datetime) -> dt.timedelta:
        """Office-open time in [a, b]; negative when b is before a, so spans add up in any order."""
        a, b = self._local(a), self._local(b)
        if b < a:
            return -self.working_time_between(b, a)
        total = dt.timedelta()
        day = a.date()
        while day <= b.date():
            for start, end in self._intervals(day):
                total += max(dt.timedelta(), min(end, b) - max(start, a))
            day += dt.timedelta(days=1)
        return total

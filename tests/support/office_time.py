"""A moment when the office is open, for tests whose behaviour depends on office hours.

Tickets are handed out automatically only in office hours, so a test that expects a hand-out freezes the clock
here rather than depending on the day it runs.
"""
from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

WEDNESDAY_10 = dt.datetime(2026, 12, 2, 10, 0, tzinfo=ZoneInfo("Asia/Jakarta"))  # no holiday that day

"""Every time in the console is the office's, in its own short form, rendered on the server in either language."""
from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from bot import clock, texts
from bot.console import i18n, labels
from tests.console_support import login, make_officer, open_ticket, post

WIB = ZoneInfo("Asia/Jakarta")


@pytest.mark.parametrize("lang,tz,expected", [
    ("id", "Asia/Jakarta", "Sen, 7 Des 2026 14.05 WIB"),
    ("en", "Asia/Jakarta", "Mon, 7 Dec 2026 14:05 WIB"),
    ("id", "Asia/Makassar", "Sen, 7 Des 2026 15.05 WITA"),  # another OFFICE_TIMEZONE names its own zone
    ("xx", "Asia/Jakarta", "Sen, 7 Des 2026 14.05 WIB"),
])
def test_short_form(lang, tz, expected):
    """Abbreviated weekday and month, the office's clock notation, the zone's name."""
    moment = dt.datetime(2026, 12, 7, 7, 5, tzinfo=dt.timezone.utc)
    assert texts.short_when(lang, moment, ZoneInfo(tz)) == expected


def test_every_label_has_english():
    """Channel, state and close-reason labels all have an English twin."""
    phrases = [*labels.CHANNELS.values(), *labels.STATUSES.values(), *labels.CLOSE_REASONS.values()]
    assert [p for p in phrases if p not in i18n.EN] == []


def test_ticket_page_times(app, client):
    """Message stamps and the opening time read in WIB, in the office's form, whatever the language."""
    make_officer(app)
    clock.freeze(dt.datetime(2026, 12, 7, 14, 5, tzinfo=WIB))
    _, ticket = open_ticket(app, channel="terminal", address="uji-1")
    login(client)
    page = client.get(f"/console/t/{ticket}").get_data(as_text=True)
    assert "<time>Sen, 7 Des 2026 14.05 WIB</time>" in page
    assert "Senin, 7 Desember 2026 pukul 14.05 WIB" in page  # opened: the long form of the same office format
    assert 'aria-label="Obrolan uji"' in page and 'aria-label="Terminal"' not in page
    post(client, "/console/lang", {"lang": "en", "next": "/console/"})
    page = client.get(f"/console/t/{ticket}").get_data(as_text=True)
    assert "<time>Mon, 7 Dec 2026 14:05 WIB</time>" in page and 'aria-label="Test chat"' in page

"""The inbox's closed tab: closed and cancelled tickets, newest first, never the open ones."""
from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from bot import clock
from bot.console import queue_view
from bot.models import Citizen, Consultation
from tests.console_support import db, login, make_officer

WIB = ZoneInfo("Asia/Jakarta")
MONDAY = dt.datetime(2026, 12, 7, 9, 0, tzinfo=WIB)


@pytest.fixture
def tickets(app):
    """PST-C1 closed yesterday, PST-C2 cancelled an hour ago, PST-C3 still open."""
    make_officer(app, "siti", available=False)
    with db(app) as session:
        citizen = Citizen(name="Warga", email="warga@example.org", created_at=MONDAY)
        session.add(citizen)
        session.flush()
        for ticket, status, closed in (("PST-C1", "closed", MONDAY - dt.timedelta(days=3)),
                                       ("PST-C2", "cancelled", MONDAY - dt.timedelta(hours=1)),
                                       ("PST-C3", "open", None)):
            session.add(Consultation(ticket=ticket, citizen_id=citizen.id, channel="terminal", status=status,
                                     question="data penduduk", opened_at=MONDAY - dt.timedelta(days=5),
                                     due_at=MONDAY + dt.timedelta(days=1), closed_at=closed,
                                     close_reason="officer" if closed else None))
        session.commit()
    clock.freeze(MONDAY)


def test_closed_tab_lists_closed_newest_first(app, client, tickets):
    """Cancelled an hour ago comes before closed three days ago; the open ticket is not there."""
    login(client)
    page = client.get("/console/?tab=closed").get_data(as_text=True)
    assert 'id="tab-closed"' in page and "PST-C3" not in page
    assert page.index("PST-C2") < page.index("PST-C1")
    assert "Dibatalkan · Sen, 7 Des 2026 08.00 WIB" in page and "Ditutup · Jum, 4 Des 2026 09.00 WIB" in page
    feed = client.get("/console/inbox.json?tab=closed").get_json()
    assert "PST-C1" in feed["html"] and "PST-C2" in feed["html"] and "PST-C3" not in feed["html"]
    assert "PST-C3" in client.get("/console/?tab=all").get_data(as_text=True)


def test_closed_tab_is_bounded(app, client, tickets):
    """Only the newest CLOSED_LIMIT closed tickets are loaded; search reaches the rest."""
    with db(app) as session:
        citizen_id = session.query(Citizen.id).scalar()
        for n in range(queue_view.CLOSED_LIMIT):
            session.add(Consultation(ticket=f"PST-N{n:03d}", citizen_id=citizen_id, channel="email", status="closed",
                                     question="q", opened_at=MONDAY - dt.timedelta(days=9),
                                     closed_at=MONDAY - dt.timedelta(days=2, minutes=n), close_reason="citizen"))
        session.commit()
    login(client)
    page = client.get("/console/?tab=closed").get_data(as_text=True)
    assert "PST-C2" in page and "PST-N000" in page and "PST-C1" not in page  # C1 closed 3 days ago: the 102nd
    assert "PST-C1" in client.get("/console/?q=PST-C1").get_data(as_text=True)


@pytest.mark.parametrize("tab", ["closed\x01", "CLOSED", "../closed", ""])
def test_unknown_tab_is_mine(app, client, tickets, tab):
    """A tab that is not one of ours falls back to Mine, never an error."""
    login(client)
    response = client.get("/console/", query_string={"tab": tab})
    assert response.status_code == 200 and "PST-C1" not in response.get_data(as_text=True)

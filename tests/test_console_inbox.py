"""Inbox: tabs by SLA, round-robin on opening, claim, search (rules: test_assignment_rules, transfers:
test_console_handover)."""
from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select

from bot import clock
from bot.models import Consultation, Officer
from tests.console_support import db, login, make_officer, open_ticket, post
from tests.support.office_time import WEDNESDAY_10


def _holder(app, ticket: str):
    with db(app) as session:
        return session.scalar(select(Consultation.assigned_officer_id).where(Consultation.ticket == ticket))


def test_inbox_assigns_and_lists_mine(app, client):
    """Opening the inbox in office hours hands the waiting ticket to the available officer, shown under Mine."""
    clock.freeze(WEDNESDAY_10)
    me = make_officer(app)
    _, ticket = open_ticket(app)
    login(client)
    page = client.get("/console/").get_data(as_text=True)
    assert ticket in page and "Budi Santoso" in page
    assert _holder(app, ticket) == me


def test_claim_only_once(app, client):
    """Claim takes an unassigned ticket; a second claim by another officer is refused."""
    make_officer(app, "siti", available=False)
    other = make_officer(app, "andi", available=False)
    _, ticket = open_ticket(app)
    login(client, "andi")
    post(client, f"/console/t/{ticket}/claim")
    assert _holder(app, ticket) == other
    client2 = app.test_client()
    login(client2, "siti")
    response = post(client2, f"/console/t/{ticket}/claim", follow_redirects=True)
    assert "Tiket sudah dipegang petugas lain." in response.get_data(as_text=True)
    assert _holder(app, ticket) == other


def test_tabs_by_sla(app, client):
    """A ticket past its due time without an answer is red and listed under Breached."""
    make_officer(app, available=False)
    _, ticket = open_ticket(app)
    login(client)
    assert "sla-green" in client.get("/console/?tab=unassigned").get_data(as_text=True)
    clock.freeze(clock.now() + dt.timedelta(days=10))
    page = client.get("/console/?tab=breached").get_data(as_text=True)
    assert ticket in page and "sla-red" in page


def test_waiting_for_citizen_tab(app, client):
    """After the officer's reply the ticket moves from Mine to Waiting for citizen."""
    clock.freeze(WEDNESDAY_10)
    make_officer(app)
    _, ticket = open_ticket(app)
    login(client)
    assert ticket in client.get("/console/?tab=mine").get_data(as_text=True)
    post(client, f"/console/t/{ticket}/reply", {"text": "Data ada di publikasi Kota Lubuklinggau Dalam Angka."})
    assert ticket not in client.get("/console/?tab=mine").get_data(as_text=True)
    assert ticket in client.get("/console/?tab=waiting").get_data(as_text=True)


@pytest.mark.parametrize("query", ["budi santoso", "budi@example.org", "0812", "penduduk miskin", "PST-", "+62812"])
def test_search(app, client, query):
    """Search finds the ticket by name, e-mail, phone (0… or +62…), text and ticket number."""
    make_officer(app)
    citizen, ticket = open_ticket(app, address="+6281299990000")
    login(client)
    assert ticket in client.get("/console/", query_string={"q": query}).get_data(as_text=True)


def test_search_misses(app, client):
    """A query nobody matches shows the empty state, not every ticket (wildcards are escaped)."""
    make_officer(app)
    _, ticket = open_ticket(app)
    login(client)
    for query in ("zzz-nothing", "%", "_"):
        page = client.get("/console/", query_string={"q": query}).get_data(as_text=True)
        assert ticket not in page


def test_availability_toggle(app, client):
    """The pill switches the officer out of (and back into) round-robin."""
    officer_id = make_officer(app)
    login(client)
    post(client, "/console/availability")
    with db(app) as session:
        assert session.get(Officer, officer_id).available is False

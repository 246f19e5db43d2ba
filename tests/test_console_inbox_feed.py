"""The inbox refreshes itself: its polling feed carries the table and every tab count, as the page would."""
from __future__ import annotations

import datetime as dt

import pytest

from bot import clock
from tests.console_support import login, make_officer, open_ticket
from tests.talk import next_address
from tests.support.office_time import WEDNESDAY_10


def _feed(client, **args) -> dict:
    response = client.get("/console/inbox.json", query_string=args)
    assert response.status_code == 200 and response.mimetype == "application/json"
    return response.get_json()


def test_new_ticket_appears_with_its_count(app, client):
    """A ticket opened after the page loaded shows up in the feed's table and counts."""
    make_officer(app, available=False)
    _, first = open_ticket(app)
    login(client)
    before = _feed(client, tab="unassigned")
    assert first in before["html"] and before["counts"]["unassigned"] == 1
    _, second = open_ticket(app, address=next_address(), name="Rina Wati")
    after = _feed(client, tab="unassigned")
    assert first in after["html"] and second in after["html"]
    assert (after["counts"]["unassigned"], after["counts"]["all"], after["counts"]["mine"]) == (2, 2, 0)


def test_sla_colour_changes_as_time_passes(app, client):
    """The same ticket polled later turns from green to red and counts as breached."""
    make_officer(app, available=False)
    _, ticket = open_ticket(app)
    login(client)
    fresh = _feed(client, tab="all")
    assert "sla-green" in fresh["html"] and fresh["counts"]["breached"] == 0
    clock.freeze(clock.now() + dt.timedelta(days=10))
    late = _feed(client, tab="all")
    assert "sla-red" in late["html"] and "sla-green" not in late["html"] and late["counts"]["breached"] == 1


def test_feed_assigns_like_the_page(app, client):
    """Polling hands out unassigned tickets round-robin in office hours, as opening the inbox does."""
    clock.freeze(WEDNESDAY_10)
    make_officer(app, available=True)
    _, ticket = open_ticket(app)
    login(client)
    data = _feed(client, tab="mine")
    assert ticket in data["html"] and data["counts"]["unassigned"] == 0


@pytest.mark.parametrize("query,hit", [("Budi", True), ("tidak-ada-yang-cocok", False)])
def test_feed_follows_the_search(app, client, query, hit):
    """A search page polls the same search."""
    make_officer(app)
    _, ticket = open_ticket(app)
    login(client)
    assert (ticket in _feed(client, q=query)["html"]) is hit


def test_page_points_at_its_feed(app, client):
    """The inbox page names the feed of its own tab and loads the polling script."""
    make_officer(app)
    login(client)
    page = client.get("/console/?tab=waiting").get_data(as_text=True)
    assert 'data-feed="/console/inbox.json?tab=waiting"' in page and "console.js" in page


def test_feed_needs_login(client):
    """A stranger polling the feed gets 401, not data."""
    assert client.get("/console/inbox.json").status_code == 401

"""Supervisor dashboard: working-hour times, SLA compliance, breaches, ratings, CSV, queue health."""
from __future__ import annotations

import csv
import datetime as dt
import io
from zoneinfo import ZoneInfo

import pytest

from bot import clock
from tests.console_support import login, make_officer, open_ticket, post
from tests.talk import next_address

MONDAY_8 = dt.datetime(2026, 11, 23, 8, 0, tzinfo=ZoneInfo("Asia/Jakarta"))


@pytest.fixture
def figures(app, client):
    """One ticket answered after 2 working hours and closed after 3 (rated 4); one left to breach."""
    make_officer(app, "boss", role="supervisor", available=False)
    clock.freeze(MONDAY_8)
    citizen, answered = open_ticket(app)
    _, breached = open_ticket(app, address=next_address(), name="Rina Wati")
    login(client, "boss")
    clock.freeze(MONDAY_8 + dt.timedelta(hours=2))
    post(client, f"/console/t/{answered}/reply", {"text": "Data ada di BRS."})
    clock.freeze(MONDAY_8 + dt.timedelta(hours=3))
    post(client, f"/console/t/{answered}/close", {"outcome": "Tabel dikirim", "confirm": "yes"})
    citizen.say("4")
    clock.freeze(MONDAY_8 + dt.timedelta(days=7))
    return answered, breached


def test_dashboard_figures(client, figures):
    """SLA 50 %, first response 2.0 h, resolution 3.0 h, one open breach, average rating 4.00."""
    answered, breached = figures
    page = client.get("/console/dashboard/").get_data(as_text=True)
    assert '<p class="figure" id="sla">50 %</p>' in page
    assert '<p class="figure">2.0</p>' in page and '<p class="figure">3.0</p>' in page
    assert "Pelanggaran terbuka (1)" in page and breached in page
    assert '<p class="figure">4.00</p>' in page
    assert page.count('<svg class="chart"') == 3


def test_csv_export(client, figures):
    """One row per consultation with working hours, SLA verdict and rating."""
    answered, breached = figures
    response = client.get("/console/dashboard/export.csv?days=30")
    assert response.mimetype == "text/csv"
    rows = {r["ticket"]: r for r in csv.DictReader(io.StringIO(response.get_data(as_text=True)))}
    assert rows[answered]["first_response_working_hours"] == "2.00"
    assert rows[answered]["resolution_working_hours"] == "3.00"
    assert (rows[answered]["sla_met"], rows[answered]["rating"]) == ("yes", "4")
    assert rows[breached]["sla_met"] == "no"


def test_queue_health(app, client, fresh_redis):
    """Queue counts show to admins on their own page while Redis is up; a clear notice when it is down."""
    make_officer(app, "root", role="admin")
    login(client, "root")
    page = client.get("/console/admin/queues").get_data(as_text=True)
    assert "inbound" in page and "outbound" in page and "Pekerja" in page
    fresh_redis.stop()
    try:
        assert "Redis tidak terjangkau" in client.get("/console/admin/queues").get_data(as_text=True)
    finally:
        fresh_redis.start()


def test_queues_are_for_admins_only(app, client):
    """Supervisors see the dashboard without RQ internals and may not open the queue page."""
    make_officer(app, "boss", role="supervisor")
    login(client, "boss")
    page = client.get("/console/dashboard/").get_data(as_text=True)
    assert "Pekerja" not in page and "/console/admin/queues" not in page
    assert client.get("/console/admin/queues").status_code == 403


@pytest.mark.parametrize("days", ["7", "90", "banyak"])
def test_periods(app, client, days):
    """Known periods are honoured, anything else falls back to 30 days."""
    make_officer(app, "boss", role="supervisor")
    login(client, "boss")
    assert client.get(f"/console/dashboard/?days={days}").status_code == 200


@pytest.mark.parametrize("value,cell", [("=HYPERLINK(1)", "'=HYPERLINK(1)"), ("+62812", "'+62812"), ("-1", "'-1"),
                                        ("@SUM", "'@SUM"), ("PST-2026-000001", "PST-2026-000001"), (4, "4")])
def test_csv_cells_are_not_formulas(value, cell):
    """Cells a spreadsheet would run as formulas are quoted."""
    from bot.console.dashboard import _cell

    assert _cell(value) == cell

"""Dashboard figures against hand-computed expectations: a weekend reply, Christmas and cuti bersama, transfers
(the tickets and why each figure is what it is: tests/dashboard_support.py)."""
from __future__ import annotations

import csv
import io

import pytest
from flask import Flask
from sqlalchemy import select

from bot.console import metrics, topics, workload
from bot.models import Consultation
from tests.console_support import db, login, post
from tests.dashboard_support import NOW, at, seed_office


@pytest.fixture
def office(app: Flask):
    return seed_office(app)


def _report(app):
    with db(app) as session:
        report = metrics.build(session, app.extensions["calendar"], NOW, 30)
        loads = {row.officer.username if row.officer else None: row
                 for row in workload.build(session, app.extensions["calendar"], NOW, report.consultations)}
        return report, loads


def test_overall_figures(app, office):
    """First answers 7.5, 2.5, 0.5 h (+1 outside hours); resolution 3.0 h (+1 outside hours); SLA 3 of 6."""
    report, _ = _report(app)
    assert sorted(report.first_response.hours) == [0.5, 2.5, 7.5]
    assert report.first_response.summary() == {"average": 3.5, "median": 2.5, "count": 3, "off_hours": 1}
    assert report.resolution.summary() == {"average": 3.0, "median": 3.0, "count": 1, "off_hours": 1}
    assert (report.sla_met, report.sla_missed) == (3, 3)
    assert [c.ticket for c in report.open_breaches] == ["T4", "T6"]


def test_per_officer(app, office):
    """Ani: 1 open, 3 answered in time (one outside hours), median 1.5 h; Budi: 3 open, 1 overdue, 1 late, 7.5 h."""
    _, loads = _report(app)
    ani, budi, sari, nobody = loads["ani"], loads["budi"], loads["sari"], loads[None]
    assert (ani.open, ani.overdue, ani.in_sla, ani.late, ani.compliance) == (1, 0, 3, 0, 100.0)
    assert ani.first_response.summary() == {"average": 1.5, "median": 1.5, "count": 2, "off_hours": 1}
    assert (budi.open, budi.overdue, budi.in_sla, budi.late, budi.compliance) == (3, 1, 0, 1, 0.0)
    assert budi.first_response.summary()["median"] == 7.5
    assert (sari.open, sari.in_sla, sari.late, sari.compliance) == (0, 0, 0, None)
    assert (nobody.open, nobody.overdue) == (1, 1)


def test_off_hours_rule():
    """Only an answer before the office's next opening is counted apart; one after it counts its working time."""
    from bot.workcalendar import WorkCalendar, parse_office_hours

    calendar = WorkCalendar(parse_office_hours("mon-thu 07:30-16:00, fri 07:30-16:30"))
    friday_evening = at(18, 17)
    assert metrics.before_opening(calendar, friday_evening, at(19, 10))  # Saturday
    assert metrics.before_opening(calendar, friday_evening, at(21, 7, 29))  # Monday, a minute before opening
    assert not metrics.before_opening(calendar, friday_evening, at(21, 7, 30))
    assert metrics.hours(calendar, friday_evening, at(21, 8, 30)) == 1.0
    assert not metrics.before_opening(calendar, at(23, 10), at(26, 10))  # answered on a Saturday after work time
    assert metrics.hours(calendar, at(23, 10), at(26, 10)) == 6.0  # Wednesday's 6 h; the holidays add nothing
    times = metrics.Times()
    times.add(calendar, friday_evening, at(19, 10))
    assert times.summary() == {"average": None, "median": None, "count": 0, "off_hours": 1}


def test_topics_by_kind(app, office):
    """Request kinds with their human labels, most frequent first; a ticket without a kind says so."""
    report, _ = _report(app)
    assert topics.kinds(report.consultations, lambda s: s) == [
        ("permintaan data", 3), ("Belum diisi", 1), ("kode klasifikasi", 1), ("lainnya", 1),
        ("layanan atau prosedur", 1)]


def test_topics_by_article(app, office, knowledge):
    """Each request counts under the article it confidently matches; a greeting under "no matching article"."""
    questions = {"T1": "kode KBLI untuk usaha warung kopi", "T2": "data inflasi lubuklinggau 2024",
                 "T3": "inflasi bulanan kota lubuklinggau", "T4": "halo", "T5": "jam buka PST", "T6": "halo",
                 "T7": "halo"}
    with db(app) as session:
        for c in session.scalars(select(Consultation)):
            c.question, c.data_needed = questions[c.ticket], None
        session.commit()
        index = knowledge.index(session)
        report = metrics.build(session, app.extensions["calendar"], NOW, 30)
        ranked = topics.articles(index, report.consultations, lambda s: s)
    assert ranked == [("Tidak cocok dengan artikel mana pun", 3), ("Data inflasi dan harga di Kota Lubuklinggau", 2),
                      ("Cara mencari kode KBLI untuk usaha Anda", 1), ("Jam layanan PST BPS Kota Lubuklinggau", 1)]


def test_dashboard_page(app, client, office):
    """The page shows each officer's row as computed above, in human labels, and no RQ internals."""
    login(client, "sari")
    page = client.get("/console/dashboard/?days=30").get_data(as_text=True)
    ani = _row(page, "ani")
    assert ('<td class="n open">1</td>' in ani and '<td class="n in-sla">3</td>' in ani
            and '<td class="n compliance">100 %</td>' in ani and ">1.5 <small>(+1 di luar jam kerja)" in ani)
    budi = _row(page, "budi")
    assert '<td class="n open">3</td>' in budi and '<td class="n overdue alert">1</td>' in budi
    assert '<td class="n late">1</td>' in budi and '<td class="n median">7.5</td>' in budi
    assert "Belum ditugaskan" in page and "+ 1 di luar jam kerja, sebelum kantor buka" in page
    assert "permintaan data" in page and "E-mail" in page and ">email<" not in page and "terminal" not in page
    post(client, "/console/lang", {"lang": "en", "next": "/console/dashboard/"})
    english = client.get("/console/dashboard/?days=30").get_data(as_text=True)
    assert "Workload per officer" in english and "Answered late" in english and "data request" in english
    assert "outside office hours, before the office opened" in english


def test_csv_labels(app, client, office):
    """The export names channels, states, kinds and close reasons as the screen does and marks off-hours answers."""
    login(client, "sari")
    rows = {r["ticket"]: r for r in csv.DictReader(io.StringIO(
        client.get("/console/dashboard/export.csv?days=30").get_data(as_text=True)))}
    assert (rows["T1"]["channel"], rows["T1"]["status"], rows["T1"]["close_reason"]) == (
        "E-mail", "Ditutup", "Ditutup petugas")
    assert rows["T1"]["first_response_outside_hours"] == "yes" and rows["T1"]["first_response_working_hours"] == "0.00"
    assert (rows["T2"]["request_type"], rows["T2"]["first_response_working_hours"]) == ("permintaan data", "7.50")
    assert rows["T5"]["request_type"] == "Belum diisi"


def _row(page: str, username: str) -> str:
    start = page.index(f'<tr data-officer="{username}">')
    return page[start:page.index("</tr>", start)]

"""Supervisor dashboard: the period's figures, per-officer workload, topics, SVG charts and a CSV export."""
from __future__ import annotations

import csv
import io

from flask import Blueprint, Response, current_app, render_template, request

from bot import clock, services
from bot.console import charts, labels, metrics, topics, workload
from bot.console.auth import role_required
from bot.console.i18n import gettext as _
from bot.db import get_session

bp = Blueprint("dashboard", __name__, url_prefix="/console/dashboard")
PERIODS = (7, 30, 90)
COLUMNS = ("ticket", "channel", "status", "request_type", "topic", "opened", "due", "first_response", "closed",
           "first_response_working_hours", "first_response_outside_hours", "resolution_working_hours", "sla_met",
           "rating", "officer", "close_reason", "outcome")


def _days() -> int:
    days = request.args.get("days", 30, type=int)
    return days if days in PERIODS else 30


def _report(days: int) -> metrics.Report:
    return metrics.build(get_session(), services.calendar(current_app), clock.now(), days)


@bp.get("/")
@role_required("supervisor")
def index():
    days, session = _days(), get_session()
    report = _report(days)
    names = {code: labels.channel(code, _) for code in set(report.inbound) | set(report.opened)}
    index = current_app.extensions["knowledge"].index(session)
    return render_template(
        "console/dashboard.html", report=report, days=days, periods=PERIODS,
        first=report.first_response.summary(), resolution=report.resolution.summary(),
        officers=workload.build(session, services.calendar(current_app), clock.now(), report.consultations),
        kinds=topics.kinds(report.consultations, _),
        articles=topics.articles(index, report.consultations, _),
        inbound_chart=charts.stacked_bars(report.days, report.inbound, _("Pesan masuk"), names),
        opened_chart=charts.stacked_bars(report.days, report.opened, _("Konsultasi dibuka"), names),
        rating_chart=charts.rating_bars(report.ratings, _("Penilaian")))


def _cell(value) -> str:
    """Spreadsheets run cells starting with = + - @ as formulas: quote them."""
    text = str(value)
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


@bp.get("/export.csv")
@role_required("supervisor")
def export():
    """One row per consultation; codes become the labels the officers read on screen."""
    days, session = _days(), get_session()
    report = _report(days)
    index = current_app.extensions["knowledge"].index(session)
    by_ticket = {c.ticket: c for c in report.consultations}
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=COLUMNS)
    writer.writeheader()
    for row in report.rows:
        c = by_ticket[row["ticket"]]
        row = {**row, "channel": labels.channel(c.channel, _), "status": labels.status(c.status, _),
               "close_reason": labels.close_reason(c.close_reason, _),
               "request_type": topics.kind_label(c.request_type, _),
               "topic": topics.article_of(index, c) or ""}
        writer.writerow({key: _cell(row[key]) for key in COLUMNS})
    return Response(buffer.getvalue(), mimetype="text/csv",
                    headers={"Content-Disposition": f"attachment; filename=pst-consultations-{days}d.csv"})

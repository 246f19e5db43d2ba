"""Supervisor dashboard: the period's figures, SVG charts, a CSV export and RQ queue health."""
from __future__ import annotations

import csv
import io

from flask import Blueprint, Response, current_app, render_template, request
from redis.exceptions import RedisError
from rq import Worker
from rq.registry import FailedJobRegistry, ScheduledJobRegistry, StartedJobRegistry

from bot import clock, services
from bot.console import charts, metrics
from bot.console.auth import role_required
from bot.db import get_session
from workers.queue import QUEUES, get_queue, get_redis

bp = Blueprint("dashboard", __name__, url_prefix="/console/dashboard")
PERIODS = (7, 30, 90)
COLUMNS = ("ticket", "channel", "status", "opened", "due", "first_response", "closed",
           "first_response_working_hours", "resolution_working_hours", "sla_met", "rating", "officer", "close_reason",
           "outcome")


def _days() -> int:
    days = request.args.get("days", 30, type=int)
    return days if days in PERIODS else 30


def queue_health() -> dict:
    """Per queue: waiting, running, scheduled and failed jobs; plus live workers. None when Redis is down."""
    try:
        queues = []
        for name in QUEUES:
            queue = get_queue(name)
            queues.append({"name": name, "waiting": queue.count,
                           "started": StartedJobRegistry(queue=queue).count,
                           "scheduled": ScheduledJobRegistry(queue=queue).count,
                           "failed": FailedJobRegistry(queue=queue).count})
        return {"queues": queues, "workers": Worker.count(connection=get_redis())}
    except RedisError:
        return {"queues": None, "workers": 0}


@bp.get("/")
@role_required("supervisor")
def index():
    days = _days()
    report = metrics.build(get_session(), services.calendar(current_app), clock.now(), days)
    return render_template(
        "console/dashboard.html", report=report, days=days, periods=PERIODS, health=queue_health(),
        first=metrics.summary(report.first_response_hours), resolution=metrics.summary(report.resolution_hours),
        inbound_chart=charts.stacked_bars(report.days, report.inbound, "inbound"),
        opened_chart=charts.stacked_bars(report.days, report.opened, "opened"),
        rating_chart=charts.rating_bars(report.ratings, "ratings"))


def _cell(value) -> str:
    """Spreadsheets run cells starting with = + - @ as formulas: quote them."""
    text = str(value)
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


@bp.get("/export.csv")
@role_required("supervisor")
def export():
    days = _days()
    report = metrics.build(get_session(), services.calendar(current_app), clock.now(), days)
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=COLUMNS)
    writer.writeheader()
    for row in report.rows:
        writer.writerow({key: _cell(row[key]) for key in COLUMNS})
    return Response(buffer.getvalue(), mimetype="text/csv",
                    headers={"Content-Disposition": f"attachment; filename=pst-consultations-{days}d.csv"})

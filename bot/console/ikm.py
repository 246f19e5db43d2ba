"""The IKM report for supervisors: per period and channel, a table, a chart and the same figures as CSV."""
from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from flask import Blueprint, Response, current_app, render_template, request

from bot import clock
from bot.console import charts
from bot.console.auth import role_required
from bot.console.i18n import gettext as _
from bot.db import get_session
from bot.models import ELEMENTS
from bot.survey import ikm

bp = Blueprint("ikm", __name__, url_prefix="/console/ikm")


def _query() -> tuple[dt.date, dt.date, str, str | None]:
    """From, to (inclusive) and period from the query string; this year so far when absent; an error when bad."""
    today = clock.now().astimezone(ZoneInfo(current_app.config["SETTINGS"].office_timezone)).date()
    by = request.args.get("by", "month")
    try:
        start = dt.date.fromisoformat(request.args.get("from") or today.replace(month=1, day=1).isoformat())
        end = dt.date.fromisoformat(request.args.get("to") or today.isoformat())
    except ValueError:
        return today.replace(month=1, day=1), today, "month", _("Tanggal harus berbentuk TTTT-BB-HH.")
    if by not in ikm.PERIODS:
        return start, end, "month", _("Periode tidak dikenal.")
    if end < start:
        return start, end, by, _("Tanggal akhir sebelum tanggal awal.")
    return start, end, by, None


@bp.get("/")
@role_required("supervisor")
def index():
    start, end, by, error = _query()
    rows = [] if error else ikm.report(get_session(), current_app.config["SETTINGS"], start, end, by)
    overall = [(r.period, float(r.result.ikm), r.result.grade) for r in rows if r.channel == ikm.ALL]
    return render_template("console/ikm.html", rows=rows, start=start, end=end, by=by, periods=ikm.PERIODS,
                           error=error, elements=ELEMENTS, grades=ikm.GRADES,
                           chart=charts.ikm_bars(overall, "IKM")), 400 if error else 200


@bp.get("/ikm.csv")
@role_required("supervisor")
def export():
    start, end, by, error = _query()
    if error:
        return Response(error + "\n", status=400, mimetype="text/plain")
    rows = ikm.report(get_session(), current_app.config["SETTINGS"], start, end, by)
    return Response(ikm.as_csv(rows), mimetype="text/csv",
                    headers={"Content-Disposition": f"attachment; filename=ikm-{start}-{end}-{by}.csv"})

"""The team page: who is available for round-robin and how many open tickets each holds.

Supervisors set any colleague's availability (someone is ill, in a meeting, on leave) and opt themselves
in or out of round-robin; officers see the page too, so they know whom to transfer to.
"""
from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_login import current_user
from sqlalchemy import select

from bot import assignment, clock, services
from bot.console.auth import role_required
from bot.console.i18n import gettext as _
from bot.db import get_session
from bot.models import Officer, Role

bp = Blueprint("team", __name__, url_prefix="/console/team")


@bp.get("/")
def index():
    session = get_session()
    members = session.scalars(select(Officer).where(Officer.active, Officer.role.in_(assignment.TAKES_TICKETS))
                              .order_by(Officer.name))
    return render_template("console/team.html", members=list(members), loads=assignment.loads(session),
                           office_open=services.calendar().is_open(clock.now()))


@bp.post("/<id:officer_id>/availability")
@role_required("supervisor")
def availability(officer_id: int):
    """The form says the state it wants (``available=1``/``0``), so a double click leaves it as meant."""
    session = get_session()
    officer = session.get(Officer, officer_id)
    if officer is None or not officer.active or officer.role not in assignment.TAKES_TICKETS:
        abort(404)
    officer.available = request.form.get("available") == "1"
    session.commit()
    flash((_("%s tersedia.") if officer.available else _("%s tidak tersedia.")) % officer.name, "ok")
    return redirect(url_for("team.index"))


@bp.post("/opt-in")
@role_required("supervisor")
def opt_in():
    """A supervisor's own choice to take round-robin tickets (off by default: they review and take over)."""
    session = get_session()
    officer = session.get(Officer, current_user.officer_id)
    if officer.role != Role.SUPERVISOR.value:
        abort(403)
    officer.supervisor_opt_in = request.form.get("opt_in") == "1"
    session.commit()
    flash(_("Anda ikut pembagian otomatis.") if officer.supervisor_opt_in
          else _("Anda tidak ikut pembagian otomatis."), "ok")
    return redirect(url_for("team.index"))

"""The inbox: open consultations by SLA, search, availability, who holds which ticket, and which come first."""
from __future__ import annotations

from flask import Blueprint, current_app, flash, jsonify, redirect, render_template, request, url_for
from flask_login import current_user

from bot import assignment, clock, services
from bot.console import activity, attention, lookup, queue_view
from bot.console.i18n import gettext as _
from bot.db import get_session
from bot.models import OPEN_STATUSES

bp = Blueprint("inbox", __name__, url_prefix="/console")


def _view() -> dict:
    """What the inbox page and its polling feed both show: the chosen tab (or search) and every count."""
    session, now = get_session(), clock.now()
    calendar = services.calendar(current_app)
    if assignment.assign_pending(session, calendar, now):
        session.commit()
    q = request.args.get("q", "").strip()[:100]
    tab = request.args.get("tab", "mine")
    tab = tab if tab in queue_view.TABS or tab == queue_view.CLOSED else "mine"
    tabs = queue_view.split(queue_view.open_rows(session, now, calendar), current_user.officer_id)
    if q:
        rows = queue_view.search(session, q, now, calendar)
    else:
        rows = queue_view.closed_rows(session, now, calendar) if tab == queue_view.CLOSED else tabs[tab]
    alerts = _unread(session, tabs["all"], rows)
    return dict(tabs=tabs, tab=tab, rows=rows, q=q, attention=attention.count(session),
                alerts={cid: row.unread_newest for cid, row in alerts.items()},
                alert_tickets={cid: row.consultation.ticket for cid, row in alerts.items()})


def _unread(session, open_rows, shown) -> dict[int, queue_view.Row]:
    """Mark every row with what this officer has not read; return the tickets that call for them (theirs or
    nobody's), by consultation id, for the title count and notifications."""
    me = current_user.officer_id
    marks = activity.unread(session, me, {row.consultation.id for row in [*open_rows, *shown]})
    for row in [*open_rows, *shown]:
        row.unread, row.unread_newest = marks.get(row.consultation.id, (0, 0))
    return {row.consultation.id: row for row in open_rows
            if row.unread and row.consultation.assigned_officer_id in (None, me)}


@bp.get("/")
def index():
    session = get_session()
    return render_template("console/inbox.html", **_view(), me=lookup.me(session), officers=lookup.officers(session),
                           handed=assignment.unseen(session, current_user.officer_id))


@bp.get("/inbox.json")
def feed():
    """The table and the tab counts, rendered by the same escaped partial as the page, for polling."""
    view = _view()
    counts = {tab: len(rows) for tab, rows in view["tabs"].items()}
    return jsonify(html=render_template("console/_queue.html", **view), counts={**counts, "attention": view["attention"]},
                   unread=view["alerts"], tickets=view["alert_tickets"])


@bp.post("/availability")
def availability():
    session = get_session()
    officer = lookup.me(session)
    officer.available = not officer.available
    session.commit()
    return redirect(url_for("inbox.index"))


@bp.post("/t/<ticket>/claim")
def claim(ticket: str):
    session = get_session()
    consultation = lookup.consultation(session, ticket)
    me = lookup.me(session)
    if assignment.assign(session, consultation, me, assignment.Kind.CLAIM, by=me, only_if_unassigned=True):
        session.commit()
        flash(_("Tiket diambil."), "ok")
    else:
        flash(_("Tiket sudah dipegang petugas lain."), "error")
    return redirect(url_for("conversation.show", ticket=consultation.ticket))


@bp.post("/t/<ticket>/priority")
def priority(ticket: str):
    """Any officer flags an open ticket as urgent (``flag=1``) or clears it (``flag=0``); who and when are kept.

    The form says which state it wants, so a double click or two officers at once leave it as they meant.
    """
    session = get_session()
    consultation = lookup.consultation(session, ticket)
    wanted = request.form.get("flag") == "1"
    if consultation.status not in OPEN_STATUSES:
        flash(_("Konsultasi ini sudah ditutup."), "error")
    elif wanted and consultation.priority_at is None:
        consultation.priority_at, consultation.priority_by_id = clock.now(), current_user.officer_id
        session.commit()
        flash(_("Ditandai prioritas."), "ok")
    elif not wanted and consultation.priority_at is not None:
        consultation.priority_at = consultation.priority_by_id = None
        session.commit()
        flash(_("Tanda prioritas dihapus."), "ok")
    return redirect(url_for("conversation.show", ticket=consultation.ticket))

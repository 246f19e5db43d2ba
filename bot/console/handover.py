"""A ticket changing hands in the console: transfer (with a reason) or assignment, and a supervisor's takeover.

Each is a conditional UPDATE in :mod:`bot.assignment` plus a ``handovers`` row, the ticket's assignment
timeline. The receiver of a transfer sees a notice in their inbox until they open the ticket and, if
their account has an e-mail address, gets a mail (held until office hours, like every staff mail).
"""
from __future__ import annotations

from flask import Blueprint, current_app, flash, redirect, request, url_for
from flask_login import current_user

from bot import assignment, clock, services, staffmail
from bot.console import lookup, sla
from bot.console.conversation import page
from bot.console.auth import role_required
from bot.console.i18n import gettext as _
from bot.db import get_session
from bot.models import OPEN_STATUSES, Officer
from workers.jobs import enqueue_delivery

bp = Blueprint("handover", __name__, url_prefix="/console/t")


def _back(ticket: str):
    return redirect(url_for("conversation.show", ticket=ticket))


def _problem(consultation, target, reason: str) -> tuple[str, str] | None:
    """(field, message) for what is wrong with a transfer form, or None."""
    if target is None or not target.active or target.role not in assignment.TAKES_TICKETS:
        return "officer", _("Pilih petugas yang menerima tiket.")
    if target.id == consultation.assigned_officer_id:
        return "officer", _("Tiket ini sudah dipegang petugas itu.")
    if not reason:
        return "reason", _("Alasan pengalihan wajib diisi.")
    if len(reason) > assignment.MAX_REASON:
        return "reason", _("Alasan terlalu panjang: paling banyak 1000 karakter.")
    return None


@bp.post("/<ticket>/assign")
def transfer(ticket: str):
    """Supervisors assign any ticket; an officer transfers only a ticket they hold; a reason is required."""
    session = get_session()
    consultation = lookup.consultation(session, ticket)
    holder = consultation.assigned_officer_id
    if consultation.status not in OPEN_STATUSES:
        flash(_("Konsultasi ini sudah ditutup."), "error")
        return _back(consultation.ticket)
    if not (current_user.at_least("supervisor") or holder == current_user.officer_id):
        flash(_("Anda tidak boleh melakukan itu."), "error")
        return _back(consultation.ticket)
    target = session.get(Officer, request.form.get("officer_id", type=lookup.row_id) or 0)
    reason = request.form.get("reason", "").replace("\r\n", "\n").strip()
    problem = _problem(consultation, target, reason)
    if problem:
        flash(problem[1], "error")
        typed = {"officer_id": target.id if target else None, "reason": reason, "wrong": problem[0]}
        return page(session, consultation, 400, transfer=typed)
    me = lookup.me(session)
    kind = assignment.Kind.TRANSFER if holder == me.id else assignment.Kind.ASSIGN
    if not assignment.assign(session, consultation, target, kind, by=me, reason=reason,
                             only_if_unassigned=holder is None, from_officer_id=holder):
        flash(_("Tiket sudah berpindah tangan; muat ulang halaman."), "error")
        return _back(consultation.ticket)
    rows = _mail(session, consultation, target, me, reason)
    session.commit()
    now = clock.now()
    enqueue_delivery([row for row in rows if not staffmail.held(row, now)])
    flash(_("Tiket dialihkan ke %s.") % target.name, "ok")
    return _back(consultation.ticket)


def _mail(session, consultation, target: Officer, by: Officer, reason: str):
    settings = current_app.config["SETTINGS"]
    if not settings.smtp_enabled or target.id == by.id:
        return []
    return staffmail.queue(session, services.calendar(), [target], "handover", consultation, by=by.name,
                           reason=reason, url=f"{settings.public_base_url}/console/t/{consultation.ticket}")


@bp.post("/<ticket>/takeover")
@role_required("supervisor")
def takeover(ticket: str):
    """One click: a supervisor takes an overdue, unanswered ticket from whoever holds it."""
    session = get_session()
    consultation = lookup.consultation(session, ticket)
    holder = consultation.assigned_officer_id
    overdue = sla.colour(consultation, clock.now(), services.calendar()) == "red"
    if consultation.status not in OPEN_STATUSES or not overdue:
        flash(_("Hanya tiket terbuka yang lewat tenggat yang bisa diambil alih."), "error")
    elif holder == current_user.officer_id:
        flash(_("Tiket ini sudah Anda pegang."), "error")
    else:
        me = lookup.me(session)
        moved = assignment.assign(session, consultation, me, assignment.Kind.TAKEOVER, by=me,
                                  only_if_unassigned=holder is None, from_officer_id=holder)
        session.commit()
        flash(_("Tiket diambil alih.") if moved else _("Tiket sudah berpindah tangan; muat ulang halaman."),
              "ok" if moved else "error")
    return _back(consultation.ticket)

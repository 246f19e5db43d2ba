"""A citizen's personal data from the console: export and erasure (supervisors), the access log (admins).

Every read or change is written to the access log by :mod:`bot.personal_data`, in the same
transaction as the action itself.
"""
from __future__ import annotations

import json

from flask import Blueprint, Response, abort, current_app, flash, redirect, render_template, request, url_for
from flask_login import current_user
from sqlalchemy import func, select

from bot import clock, outbox, personal_data
from bot.console.auth import role_required
from bot.console.i18n import gettext as _
from bot.db import get_session
from bot.models import AccessLog, Citizen, Consultation, Officer
from workers.jobs import enqueue_delivery

bp = Blueprint("privacy", __name__, url_prefix="/console")
PAGE_SIZE = 50
MAX_REASON = 500


def audit_view(session, consultation: Consultation) -> None:
    """A staff member opened a consultation (and so read the citizen's data)."""
    personal_data.audit(session, "view", actor=current_user.username, officer_id=current_user.officer_id,
                        citizen_id=consultation.citizen_id, conversation_id=consultation.conversation_id,
                        consultation_id=consultation.id)
    session.commit()


def _citizen(session, citizen_id: int) -> Citizen:
    return session.get(Citizen, citizen_id) or abort(404)


def _back(citizen_id: int):
    """Back to the citizen's newest ticket page (the only page that shows a citizen)."""
    ticket = get_session().scalar(select(Consultation.ticket).where(Consultation.citizen_id == citizen_id)
                                  .order_by(Consultation.id.desc()).limit(1))
    return redirect(url_for("conversation.show", ticket=ticket) if ticket else url_for("inbox.index"))


def _reason() -> str:
    return request.form.get("reason", "").replace("\r\n", "\n").strip()[:MAX_REASON]


def _log(session, action: str, citizen: Citizen, reason: str | None = None) -> None:
    personal_data.audit(session, action, actor=current_user.username, officer_id=current_user.officer_id,
                        citizen_id=citizen.id, reason=reason)


@bp.post("/citizens/<id:citizen_id>/export")
@role_required("supervisor")
def export(citizen_id: int):
    """``how=download``: a JSON file for the supervisor to hand over; ``how=mail``: to the proven e-mail."""
    session = get_session()
    citizen = _citizen(session, citizen_id)
    if request.form.get("how") == "mail":
        if not (citizen.email and citizen.email_verified_at):
            flash(_("Warga ini tidak punya e-mail terverifikasi."), "error")
            return _back(citizen_id)
        rows = outbox.store(session, [personal_data.export_mail(session, citizen, clock.now())])
        _log(session, "export_mail", citizen, _reason())
        session.commit()
        enqueue_delivery(rows)
        flash(_("Salinan data dikirim ke e-mail warga."), "ok")
        return _back(citizen_id)
    data = personal_data.export(session, citizen, clock.now())
    _log(session, "export", citizen, _reason())
    session.commit()
    return Response(json.dumps(data, indent=2, ensure_ascii=False), mimetype="application/json",
                    headers={"Content-Disposition": f'attachment; filename="citizen-{citizen_id}.json"'})


@bp.post("/citizens/<id:citizen_id>/erase")
@role_required("supervisor")
def erase(citizen_id: int):
    """Erasure needs a reason (kept in the access log) and the confirmation box ticked."""
    session = get_session()
    citizen = _citizen(session, citizen_id)
    reason = _reason()
    if not reason or request.form.get("confirm") != "yes":
        flash(_("Isi alasan dan centang konfirmasi untuk menghapus."), "error")
        return _back(citizen_id)
    settings = current_app.config["SETTINGS"]
    if personal_data.erase_citizen(session, citizen, clock.now(), settings.var_path, reason):
        _log(session, "erase", citizen, reason)
        flash(_("Data warga dihapus."), "ok")
    else:
        flash(_("Data warga ini sudah dihapus."), "ok")
    session.commit()
    return _back(citizen_id)


@bp.get("/audit")
@role_required("admin")
def access_log():
    """Newest first, ``PAGE_SIZE`` rows a page."""
    session = get_session()
    page = min(max(request.args.get("page", 1, type=int), 1), 10**6)
    total = session.scalar(select(func.count(AccessLog.id)))
    rows = session.execute(
        select(AccessLog, Officer.name).outerjoin(Officer, AccessLog.officer_id == Officer.id)
        .order_by(AccessLog.at.desc(), AccessLog.id.desc()).offset((page - 1) * PAGE_SIZE).limit(PAGE_SIZE)).all()
    return render_template("console/access_log.html", rows=rows, page=page,
                           pages=max((total + PAGE_SIZE - 1) // PAGE_SIZE, 1))

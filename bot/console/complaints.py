"""Complaints for supervisors: the list with due times, one complaint, its status, assignee and answer.

Only supervisors (and admins) work complaints: a complaint is often about an officer. The answer goes out
through :func:`bot.complaints.respond` on the citizen's own channel (commit, then enqueue, as everywhere);
changes lock the complaint row, so two supervisors saving at once both land in turn, never half each.
"""
from __future__ import annotations

from flask import Blueprint, abort, current_app, flash, redirect, render_template, request, url_for
from flask_login import current_user
from sqlalchemy import func, select

from bot import clock, complaints, personal_data
from bot.console import lookup, urgency
from bot.console.auth import role_required
from bot.console.i18n import gettext as _
from bot.db import get_session
from bot.models import Citizen, Complaint, ComplaintStatus, Consultation, Message, Officer
from workers.jobs import enqueue_delivery

bp = Blueprint("complaints", __name__, url_prefix="/console/complaints")
STATUSES = tuple(s.value for s in ComplaintStatus)
LABELS = {"new": "Baru", "in_progress": "Sedang ditangani", "answered": "Sudah dijawab", "closed": "Selesai"}
FILTERS = ("open",) + STATUSES + ("all",)  # "open": new and in progress, the default
LIMIT = 200


def count_open(session) -> int:
    """Complaints the office still owes an answer, for the navigation badge."""
    return session.scalar(select(func.count()).select_from(Complaint)
                          .where(Complaint.status.in_(complaints.OPEN), Complaint.reference.is_not(None))) or 0


def _complaint(session, reference: str, lock: bool = False) -> Complaint:
    return complaints.by_reference(session, reference, lock=lock) or abort(404)


def _due(complaint: Complaint, now) -> str:
    """ "2 hari kerja lagi" / "lewat 1 hari kerja" while the answer is owed; empty once answered or closed."""
    if complaint.status not in complaints.OPEN:
        return ""
    return urgency.phrase(complaint.due_at, now, current_app.extensions["calendar"], _)


@bp.get("/")
@role_required("supervisor")
def index():
    session, now = get_session(), clock.now()
    shown = request.args.get("status", "open")
    shown = shown if shown in FILTERS else "open"
    query = select(Complaint, Citizen.name, Consultation.ticket, Officer.name).where(Complaint.reference.is_not(None))
    query = (query.outerjoin(Citizen, Complaint.citizen_id == Citizen.id)
             .outerjoin(Consultation, Complaint.consultation_id == Consultation.id)
             .outerjoin(Officer, Complaint.assigned_officer_id == Officer.id))
    if shown == "open":
        query = query.where(Complaint.status.in_(complaints.OPEN))
    elif shown != "all":
        query = query.where(Complaint.status == shown)
    rows = session.execute(query.order_by(Complaint.due_at.is_not(None), Complaint.due_at, Complaint.id)
                           .limit(LIMIT)).all()
    items = [dict(c=c, citizen=citizen, ticket=ticket, officer=officer, due=_due(c, now),
                  overdue=complaints.overdue(c, now)) for c, citizen, ticket, officer in rows]
    return render_template("console/complaints.html", items=items, shown=shown, filters=FILTERS, labels=LABELS,
                           total=count_open(session))


@bp.get("/<reference>")
@role_required("supervisor")
def show(reference: str):
    session = get_session()
    complaint = _complaint(session, reference)
    personal_data.audit(session, "view_complaint", actor=current_user.username, officer_id=current_user.officer_id,
                        citizen_id=complaint.citizen_id, conversation_id=complaint.conversation_id,
                        consultation_id=complaint.consultation_id)
    session.commit()
    return _page(session, complaint)


def _page(session, complaint: Complaint, status: int = 200, typed: str = ""):
    now = clock.now()
    return render_template(
        "console/complaint.html", c=complaint, labels=LABELS, statuses=STATUSES, officers=lookup.officers(session),
        citizen=session.get(Citizen, complaint.citizen_id) if complaint.citizen_id else None,
        ticket=session.get(Consultation, complaint.consultation_id) if complaint.consultation_id else None,
        responder=session.get(Officer, complaint.responded_by_id) if complaint.responded_by_id else None,
        sent=session.get(Message, complaint.response_message_id) if complaint.response_message_id else None,
        reachable=complaints.reachable(session, complaint), due=_due(complaint, now),
        overdue=complaints.overdue(complaint, now), typed=typed, max_text=complaints.MAX_RESPONSE,
        after=_answered_mark(complaint)), status


def _answered_mark(complaint: Complaint) -> str:
    """Which answer the form was written after: a double click, or a colleague's answer meanwhile, is refused."""
    return str(complaint.response_message_id or "")


def _back(complaint: Complaint):
    return redirect(url_for("complaints.show", reference=complaint.reference))


@bp.post("/<reference>/handle")
@role_required("supervisor")
def handle(reference: str):
    """Status and assignee in one form; an unknown status or officer changes nothing and says why."""
    session = get_session()
    complaint = _complaint(session, reference, lock=True)
    status = request.form.get("status", "")
    raw = request.form.get("assignee", "").strip()
    try:
        assignee = lookup.row_id(raw) if raw else 0  # empty: nobody
    except ValueError:
        assignee = None
    officer = session.get(Officer, assignee) if assignee else None
    if status not in STATUSES or assignee is None or (assignee and (officer is None or not officer.active)):
        flash(_("Status atau petugas tidak dikenal; tidak ada yang berubah."), "error")
        return _back(complaint)
    if (complaint.status, complaint.assigned_officer_id) == (status, officer.id if officer else None):
        flash(_("Tidak ada yang berubah."), "ok")
        return _back(complaint)
    complaint.status, complaint.assigned_officer_id = status, officer.id if officer else None
    complaint.updated_at = clock.now()
    session.commit()
    flash(_("Pengaduan disimpan."), "ok")
    return _back(complaint)


@bp.post("/<reference>/respond")
@role_required("supervisor")
def respond(reference: str):
    """Send the answer to the citizen; a refused answer (empty, too long, no channel, or written before another
    answer went out: 409) is shown again, kept."""
    session = get_session()
    complaint = _complaint(session, reference, lock=True)
    answer = request.form.get("text", "").replace("\r\n", "\n").strip()
    stale = request.form.get("after", "") != _answered_mark(complaint)
    problem = (_("Tanggapan kosong.") if not answer else
               _("Terlalu panjang: paling banyak 4000 karakter.") if len(answer) > complaints.MAX_RESPONSE else
               _("Tanggapan lain sudah terkirim sementara itu; periksa sebelum mengirim lagi.") if stale else None)
    if problem is None:
        try:
            rows = complaints.respond(session, complaint, lookup.me(session), answer, clock.now())
        except complaints.Unreachable:
            problem = _("Pengaduan ini tidak punya kanal untuk menjawab warga.")
    if problem is not None:
        flash(problem, "error")
        session.rollback()
        return _page(session, _complaint(session, reference), 409 if stale else 400,
                     typed=answer[:complaints.MAX_RESPONSE])
    session.commit()
    enqueue_delivery(rows)
    flash(_("Tanggapan masuk antrean kirim ke warga."), "ok")
    return _back(complaint)

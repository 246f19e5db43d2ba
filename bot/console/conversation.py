"""One consultation: the whole history, live updates, reply, notes, request corrections, follow-up and close.

Replies and closes go through :mod:`bot.pipeline` (the engine moves the conversation to
HANDOFF, so the bot stays quiet but for commands) and out through the outbox on the citizen's
own channel: commit first, then enqueue, as everywhere else.
"""
from __future__ import annotations

import datetime as dt

from flask import Blueprint, abort, current_app, flash, jsonify, redirect, render_template, request, url_for
from flask import session as flask_session
from flask_login import current_user

from bot import assignment, clock, filetypes, outbox, personal_data, pipeline
from bot.console import activity, files, history, invitation, lookup, privacy, request_form, saved_replies, schedule
from bot.console.i18n import gettext as _
from bot.db import get_session
from bot.envelope import Channel, Outbound
from bot.models import OPEN_STATUSES, FollowUp, Message, Note
from workers import followups
from workers.jobs import enqueue_delivery

bp = Blueprint("conversation", __name__, url_prefix="/console/t")
MAX_TEXT = 4000
REQUEST_ERRORS = {"too_long": "%s terlalu panjang.", "required": "%s wajib diisi.", "type": "%s tidak dikenal."}


def _back(ticket: str):
    return redirect(url_for("conversation.show", ticket=ticket))


def _send(session, rows) -> None:
    session.commit()
    enqueue_delivery(rows)


def _typed(field: str) -> str | None:
    """A textarea as the officer typed it (browsers post CRLF line ends), or None when over ``MAX_TEXT``."""
    text = request.form.get(field, "").replace("\r\n", "\n").strip()
    return text if len(text) <= MAX_TEXT else None


@bp.get("/<ticket>")
def show(ticket: str):
    session = get_session()
    consultation = lookup.consultation(session, ticket)
    assignment.mark_seen(session, consultation, current_user.officer_id)
    privacy.audit_view(session, consultation)  # commits
    shown = history.messages(session, consultation)
    rendered = page(session, consultation, shown=shown)
    _seen(session, consultation, shown)
    return rendered


def _seen(session, consultation, shown) -> None:
    """The officer has these messages in front of them: the ticket is read up to the newest (see activity)."""
    if shown:
        activity.mark_seen(session, current_user.officer_id, consultation.id, shown[-1].id, clock.now())
        session.commit()


def page(session, consultation, status: int = 200, typed: dict | None = None, others=(), wrong: str | None = None,
         schedule_form: schedule.Schedule | None = None, transfer: dict | None = None, shown=None):
    """The ticket page; after a refused request edit, with the officer's input (``typed``), the field that is
    ``wrong`` or the ``others``' changes saved meanwhile; after a refused follow-up or transfer, its input."""
    now = clock.now()
    question = history.request_text(session, consultation)
    suggestions = current_app.extensions["knowledge"].search(session, question, limit=3) if question else []
    # One-shot mark of a reply just queued: console.js then forgets the draft it kept for this ticket.
    reply_sent = flask_session.pop("console_reply_sent", None) == consultation.ticket
    return render_template(
        "console/conversation.html", c=consultation,
        messages=shown if shown is not None else history.messages(session, consultation),
        notes=history.notes(session, consultation), follow_ups=history.follow_ups(session, consultation),
        rating=history.rating(session, consultation), suggestions=suggestions,
        request_types=request_form.TYPE_LABELS, request_changes=request_form.changes(session, consultation),
        request_version=request_form.version(session, consultation),
        request_typed=typed or request_form.current(consultation), request_others=others, request_wrong=wrong,
        window_closed=history.whatsapp_window_closed(session, consultation, now),
        is_open=consultation.status in OPEN_STATUSES, officers=lookup.officers(session), now=now, max_text=MAX_TEXT,
        schedule_form=schedule_form, reply_sent=reply_sent, handovers=assignment.timeline(session, consultation),
        loads=assignment.loads(session), transfer=transfer or {},
        saved_replies=saved_replies.for_ticket(session, consultation)), status


@bp.get("/<ticket>/feed.json")
def feed(ticket: str):
    """Messages after ``after`` (rendered by the same escaped partial as the page) and every status."""
    session = get_session()
    consultation = lookup.consultation(session, ticket)
    after = request.args.get("after", 0, type=int)
    rows = history.messages(session, consultation)
    new = [m for m in rows if m.id > after]
    if new and request.args.get("seen") == "1":  # sent only while the tab is visible: the officer sees them
        _seen(session, consultation, new)
    rating = history.rating(session, consultation)
    return jsonify(
        messages=[{"id": m.id, "html": render_template("console/_message.html", m=m, c=consultation)} for m in new],
        statuses={str(m.id): _status_label(m) for m in rows if m.direction == "out"},
        status=consultation.status,
        rating=render_template("console/_rating.html", rating=rating) if rating else None)


def _status_label(message) -> str:
    return render_template("console/_status.html", m=message).strip()


@bp.post("/<ticket>/reply")
def reply(ticket: str):
    """A reply, with at most one file (checked for the channel it goes on, stored with the outbox row)."""
    session = get_session()
    consultation = pipeline.locked(session, lookup.consultation(session, ticket))
    text = _typed("text")
    email = _email_instead(session, consultation)
    try:
        upload = files.read(request.files.get("file"), Channel.EMAIL.value if email else consultation.channel)
    except filetypes.Refused as refused:
        message, args = files.refusal(refused.reason)
        flash(_(message) % args, "error")
        return _back(consultation.ticket)
    if upload and text == "":
        text = f"📎 {upload.filename}"
    if consultation.status not in OPEN_STATUSES:
        flash(_("Konsultasi ini sudah ditutup."), "error")
    elif text is None:
        flash(_("Terlalu panjang: paling banyak 4000 karakter."), "error")
    elif not text:
        flash(_("Balasan kosong."), "error")
    else:
        rows = pipeline.officer_reply(session, consultation, text, lookup.me(session))
        for row in rows:
            if row.author == "officer":
                if email:
                    row.channel, row.address = Channel.EMAIL.value, email
                if upload:
                    files.attach(row, upload)
        _send(session, rows)
        flask_session["console_reply_sent"] = consultation.ticket
        flash(_("Balasan masuk antrean kirim."), "ok")
    return _back(consultation.ticket)


def _email_instead(session, consultation) -> str | None:
    """WhatsApp's window is closed and the officer chose the citizen's verified e-mail for this reply."""
    email = consultation.citizen.email if consultation.citizen else None
    if request.form.get("via") != "email" or not email:
        return None
    return email if history.whatsapp_window_closed(session, consultation, clock.now()) else None


@bp.post("/<ticket>/request")
def edit_request(ticket: str):
    """Correct the request; refused when another officer saved a change since the form was loaded."""
    session = get_session()
    consultation = pipeline.locked(session, lookup.consultation(session, ticket))
    if consultation.citizen.erased_at is not None:
        flash(_("Data warga ini sudah dihapus."), "error")
        return _back(consultation.ticket)
    try:
        values = request_form.read(request.form)
    except request_form.Invalid as bad:
        flash(_(REQUEST_ERRORS[bad.reason]) % _(request_form.FIELD_LABELS[bad.field]), "error")
        typed = {f.name: request.form.get(f.name, "") for f in request_form.FIELDS}
        return page(session, consultation, 400, typed=typed, wrong=bad.field)
    base = request.form.get("version", -1, type=int)
    others = request_form.changes(session, consultation, after=base)
    if base < 0 or others:
        flash(_("Petugas lain mengubah permintaan ini lebih dulu. Periksa perubahannya, lalu simpan lagi."), "error")
        return page(session, consultation, 409, typed=request_form.rebase(consultation, values, others),
                     others=others)
    if request_form.apply(session, consultation, values, current_user.officer_id, clock.now()):
        personal_data.audit(session, "edit_request", actor=current_user.username,
                            officer_id=current_user.officer_id, citizen_id=consultation.citizen_id,
                            conversation_id=consultation.conversation_id, consultation_id=consultation.id)
        session.commit()
        flash(_("Permintaan disimpan."), "ok")
    else:
        flash(_("Tidak ada yang berubah."), "ok")
    return _back(consultation.ticket)


@bp.post("/<ticket>/resend/<id:message_id>")
def resend(ticket: str, message_id: int):
    """A reply that could not be delivered goes again, as a new row, to the citizen's verified e-mail."""
    session = get_session()
    consultation = lookup.consultation(session, ticket)
    failed = session.get(Message, message_id, with_for_update=True)
    if failed is None or failed.consultation_id != consultation.id:
        abort(404)
    email = history.resend_address(failed, consultation)
    if email is None:
        flash(_("Pesan ini tidak bisa dikirim ulang lewat e-mail."), "error")
        return _back(consultation.ticket)
    (row,) = outbox.store(session, [Outbound(
        channel=Channel.EMAIL.value, address=email, text=failed.body, author=failed.author,
        conversation_id=failed.conversation_id, consultation_id=consultation.id, officer_id=current_user.officer_id,
        subject=(failed.meta or {}).get("subject"), meta={"resend_of": failed.id})])
    files.copy(failed, row)
    failed.meta = {**(failed.meta or {}), "resent_as": row.id}
    _send(session, [row])
    flash(_("Dikirim ulang lewat e-mail."), "ok")
    return _back(consultation.ticket)


@bp.post("/<ticket>/note")
def note(ticket: str):
    session = get_session()
    consultation = lookup.consultation(session, ticket)
    text = _typed("text")
    if text is None:
        flash(_("Terlalu panjang: paling banyak 4000 karakter."), "error")
    elif not text:
        flash(_("Catatan kosong."), "error")
    else:
        session.add(Note(consultation_id=consultation.id, officer_id=current_user.officer_id, text=text,
                         created_at=clock.now()))
        session.commit()
        flash(_("Catatan disimpan."), "ok")
    return _back(consultation.ticket)


@bp.post("/<ticket>/close")
def close(ticket: str):
    """Closing asks first: without ``confirm`` the officer gets a page that says what closing does (no JS needed)."""
    session = get_session()
    consultation = pipeline.locked(session, lookup.consultation(session, ticket))
    if consultation.status not in OPEN_STATUSES:
        flash(_("Konsultasi ini sudah ditutup."), "error")
        return _back(consultation.ticket)
    outcome = request.form.get("outcome", "").strip()[:MAX_TEXT] or None
    if request.form.get("confirm") != "yes":
        return render_template("console/close_confirm.html", c=consultation, outcome=outcome or "",
                               max_text=MAX_TEXT)
    _send(session, pipeline.close(session, consultation, lookup.me(session), outcome))
    flash(_("Konsultasi ditutup; warga diminta memberi penilaian."), "ok")
    return _back(consultation.ticket)


@bp.post("/<ticket>/follow-up")
def follow_up(ticket: str):
    """Book a follow-up; a mistake re-shows the page (400) with the input kept and the wrong field named."""
    session, now = get_session(), clock.now()
    consultation = lookup.consultation(session, ticket)
    if consultation.status not in OPEN_STATUSES:
        flash(_("Konsultasi ini sudah ditutup."), "error")
        return _back(consultation.ticket)
    entry = schedule.read(request.form, request.form.get("kind", ""), now)
    if entry.errors:
        return page(session, consultation, 400, schedule_form=entry)
    officer = lookup.me(session)
    item = FollowUp(consultation_id=consultation.id, officer_id=officer.id, kind=entry.kind,
                    starts_at=entry.starts_at, link=entry.link, created_at=now)
    session.add(item)
    session.flush()
    _send(session, invitation.send(session, consultation, item, officer, now))
    flash(_("Undangan tindak lanjut masuk antrean kirim."), "ok")
    return _back(consultation.ticket)


def _upcoming(session, consultation, follow_up_id: int, now: dt.datetime):
    """The ticket's follow-up, locked, if it is still ahead and not cancelled (else a flash and None)."""
    item = session.get(FollowUp, follow_up_id, with_for_update=True)
    if item is None or item.consultation_id != consultation.id:
        abort(404)
    if item.cancelled_at is not None or item.starts_at <= now:
        flash(_("Tindak lanjut ini sudah lewat atau dibatalkan."), "error")
        return None
    return item


@bp.post("/<ticket>/follow-up/<id:follow_up_id>/cancel")
def cancel_follow_up(ticket: str, follow_up_id: int):
    """Cancel a meeting: the citizen is told on their channel, and the sweeper sends no reminder."""
    session, now = get_session(), clock.now()
    consultation = lookup.consultation(session, ticket)
    item = _upcoming(session, consultation, follow_up_id, now)
    if item is not None:
        item.cancelled_at = now
        _send(session, invitation.send(session, consultation, item, lookup.me(session), now,
                                       kind=invitation.CANCELLED))
        flash(_("Tindak lanjut dibatalkan; warga diberi tahu."), "ok")
    return _back(consultation.ticket)


@bp.post("/<ticket>/follow-up/<id:follow_up_id>/reschedule")
def reschedule_follow_up(ticket: str, follow_up_id: int):
    """A new time (and link) for the same meeting; a reminder is due again unless the new time is within a day."""
    session, now = get_session(), clock.now()
    consultation = lookup.consultation(session, ticket)
    item = _upcoming(session, consultation, follow_up_id, now)
    entry = schedule.read(request.form, item.kind, now) if item is not None else None
    if entry is not None and entry.errors:
        flash(" ".join(_(text) for text in entry.errors.values()), "error")
    elif item is not None:
        item.starts_at, item.link = entry.starts_at, entry.link
        item.reminded_at = now if item.starts_at - now < followups.AHEAD else None  # this message reminds enough
        _send(session, invitation.send(session, consultation, item, lookup.me(session), now,
                                       kind="follow_up_rescheduled"))
        flash(_("Jadwal tindak lanjut diubah; warga diberi tahu."), "ok")
    return _back(consultation.ticket)

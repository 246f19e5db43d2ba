"""One consultation: the whole history, live updates, reply, notes, follow-up and close.

Replies and closes go through :mod:`bot.pipeline` (the engine moves the conversation to
HANDOFF, so the bot stays quiet but for commands) and out through the outbox on the citizen's
own channel: commit first, then enqueue, as everywhere else.
"""
from __future__ import annotations

import datetime as dt

from flask import Blueprint, current_app, flash, jsonify, redirect, render_template, request, url_for
from flask_login import current_user

from bot import clock, pipeline
from bot.console import history, invitation, lookup
from bot.console.i18n import gettext as _
from bot.db import get_session
from bot.envelope import Channel
from bot.models import OPEN_STATUSES, FollowUp, Note
from workers.jobs import enqueue_delivery

bp = Blueprint("conversation", __name__, url_prefix="/console/t")
MAX_TEXT = 4000
FOLLOW_UP_KINDS = ("zoom", "visit")


def _back(ticket: str):
    return redirect(url_for("conversation.show", ticket=ticket))


def _send(session, rows) -> None:
    session.commit()
    enqueue_delivery(rows)


@bp.get("/<ticket>")
def show(ticket: str):
    session, now = get_session(), clock.now()
    consultation = lookup.consultation(session, ticket)
    question = history.last_question(session, consultation)
    suggestions = current_app.extensions["knowledge"].search(session, question, limit=3) if question else []
    return render_template(
        "console/conversation.html", c=consultation, messages=history.messages(session, consultation),
        notes=history.notes(session, consultation), follow_ups=history.follow_ups(session, consultation),
        rating=history.rating(session, consultation), suggestions=suggestions,
        window_closed=history.whatsapp_window_closed(session, consultation, now),
        is_open=consultation.status in OPEN_STATUSES, officers=lookup.officers(session))


@bp.get("/<ticket>/feed.json")
def feed(ticket: str):
    """Messages after ``after`` (rendered by the same escaped partial as the page) and every status."""
    session = get_session()
    consultation = lookup.consultation(session, ticket)
    after = request.args.get("after", 0, type=int)
    rows = history.messages(session, consultation)
    new = [m for m in rows if m.id > after]
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
    session = get_session()
    consultation = lookup.consultation(session, ticket)
    text = request.form.get("text", "").strip()[:MAX_TEXT]
    if consultation.status not in OPEN_STATUSES:
        flash(_("Konsultasi ini sudah ditutup."), "error")
    elif not text:
        flash(_("Balasan kosong."), "error")
    else:
        rows = pipeline.officer_reply(session, consultation, text, lookup.me(session))
        if request.form.get("via") == "email":
            _by_email(session, consultation, rows)
        _send(session, rows)
        flash(_("Balasan masuk antrean kirim."), "ok")
    return _back(consultation.ticket)


def _by_email(session, consultation, rows) -> None:
    """WhatsApp's window is closed: the officer chose the citizen's verified e-mail for this reply."""
    email = consultation.citizen.email if consultation.citizen else None
    if not email or not history.whatsapp_window_closed(session, consultation, clock.now()):
        return
    for row in rows:
        if row.author == "officer":
            row.channel, row.address = Channel.EMAIL.value, email


@bp.post("/<ticket>/note")
def note(ticket: str):
    session = get_session()
    consultation = lookup.consultation(session, ticket)
    text = request.form.get("text", "").strip()[:MAX_TEXT]
    if not text:
        flash(_("Catatan kosong."), "error")
    else:
        session.add(Note(consultation_id=consultation.id, officer_id=current_user.officer_id, text=text,
                         created_at=clock.now()))
        session.commit()
        flash(_("Catatan disimpan."), "ok")
    return _back(consultation.ticket)


@bp.post("/<ticket>/close")
def close(ticket: str):
    session = get_session()
    consultation = lookup.consultation(session, ticket)
    if consultation.status not in OPEN_STATUSES:
        flash(_("Konsultasi ini sudah ditutup."), "error")
        return _back(consultation.ticket)
    outcome = request.form.get("outcome", "").strip()[:MAX_TEXT] or None
    _send(session, pipeline.close(session, consultation, lookup.me(session), outcome))
    flash(_("Konsultasi ditutup; warga diminta memberi penilaian."), "ok")
    return _back(consultation.ticket)


def _parse_local(value: str) -> dt.datetime | None:
    """``datetime-local`` input, in the office's time zone."""
    try:
        naive = dt.datetime.fromisoformat(value)
    except ValueError:
        return None
    return naive.replace(tzinfo=current_app.extensions["calendar"].tz) if naive.tzinfo is None else naive


@bp.post("/<ticket>/follow-up")
def follow_up(ticket: str):
    session, now = get_session(), clock.now()
    consultation = lookup.consultation(session, ticket)
    kind = request.form.get("kind", "")
    starts_at = _parse_local(request.form.get("starts_at", ""))
    link = request.form.get("link", "").strip()[:1024] or None
    valid_link = link is None or link.startswith(("https://", "http://"))
    if (kind not in FOLLOW_UP_KINDS or starts_at is None or starts_at <= now or not valid_link
            or (kind == "zoom" and not link) or consultation.status not in OPEN_STATUSES):
        flash(_("Isi waktu (dan tautan untuk Zoom)."), "error")
        return _back(consultation.ticket)
    officer = lookup.me(session)
    item = FollowUp(consultation_id=consultation.id, officer_id=officer.id, kind=kind,
                    starts_at=starts_at.astimezone(dt.timezone.utc), link=link if kind == "zoom" else None,
                    created_at=now)
    session.add(item)
    session.flush()
    _send(session, invitation.send(session, consultation, item, officer, now))
    flash(_("Undangan tindak lanjut masuk antrean kirim."), "ok")
    return _back(consultation.ticket)

"""Saved replies: texts the office sends often, kept by supervisors and picked with "/" in the reply box.

One deployment serves one office, so the list is the office's: every officer sees and uses it; supervisors
(and admins) create, edit and delete. ``{nama}``, ``{tiket}`` and ``{tenggat}`` are filled on the ticket's
page by :func:`fill` (a plain substitution of those three names, never ``str.format``, which would read
attributes out of a stored text); a placeholder with no value on that ticket is left as typed.
"""
from __future__ import annotations

import re

from flask import Blueprint, current_app, flash, redirect, render_template, request, url_for
from flask_login import current_user
from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError

from bot import clock, texts
from bot.console.auth import role_required
from bot.console.i18n import gettext as _
from bot.db import get_session
from bot.models import Consultation, SavedReply

bp = Blueprint("saved_replies", __name__, url_prefix="/console/replies")
PLACEHOLDER = re.compile(r"\{(nama|tiket|tenggat)\}")
MAX_TITLE, MAX_BODY = 80, 4000


class Invalid(ValueError):
    """A form field that cannot be saved: ``field`` names it, ``text`` says why (Indonesian source text)."""

    def __init__(self, field: str, text: str):
        super().__init__(text)
        self.field, self.text = field, text


def fill(body: str, consultation: Consultation) -> str:
    """The reply for this ticket: the citizen's name, the ticket number and the due time in the office's format
    (WIB, in the citizen's language, as the bot writes dates)."""
    citizen = consultation.citizen
    lang = citizen.lang if citizen is not None else "id"
    tz = current_app.extensions["calendar"].tz
    values = {"nama": citizen.name if citizen is not None and citizen.erased_at is None else None,
              "tiket": consultation.ticket,
              "tenggat": texts.when(lang, consultation.due_at, tz) if consultation.due_at else None}
    return PLACEHOLDER.sub(lambda hit: values[hit.group(1)] or hit.group(0), body)


def all_replies(session) -> list[SavedReply]:
    return list(session.scalars(select(SavedReply).order_by(func.lower(SavedReply.title))))


def for_ticket(session, consultation: Consultation) -> list[dict]:
    """What the "/" picker offers on a ticket's page: each title with its text already filled."""
    return [{"title": r.title, "text": fill(r.body, consultation)} for r in all_replies(session)]


def _read(session, current: SavedReply | None) -> tuple[str, str]:
    """The posted title and body, checked; raises :class:`Invalid` naming the field."""
    title = " ".join(request.form.get("title", "").split())
    body = request.form.get("body", "").replace("\r\n", "\n").strip()
    if not title:
        raise Invalid("title", "Judul wajib diisi.")
    if len(title) > MAX_TITLE:
        raise Invalid("title", "Judul terlalu panjang: paling banyak 80 karakter.")
    if not body:
        raise Invalid("body", "Isi balasan wajib diisi.")
    if len(body) > MAX_BODY:
        raise Invalid("body", "Terlalu panjang: paling banyak 4000 karakter.")
    same = session.scalar(select(SavedReply.id).where(func.lower(SavedReply.title) == title.lower()))
    if same is not None and (current is None or same != current.id):
        raise Invalid("title", "Judul ini sudah dipakai balasan lain.")
    return title, body


def _page(session, status: int = 200, wrong: Invalid | None = None, editing: int | None = None):
    """The list; after a refused save, the form that was sent keeps its input and names the wrong field."""
    typed = {"title": request.form.get("title", ""), "body": request.form.get("body", "")} if wrong else {}
    return render_template("console/saved_replies.html", replies=all_replies(session), wrong=wrong, typed=typed,
                           editing=editing, max_title=MAX_TITLE, max_body=MAX_BODY), status


@bp.get("/")
def index():
    return _page(get_session())


def _save(session, reply: SavedReply | None):
    try:
        title, body = _read(session, reply)
    except Invalid as bad:
        flash(_(bad.text), "error")
        return _page(session, 400, bad, editing=reply.id if reply else None)
    reply = reply or SavedReply()
    reply.title, reply.body = title, body
    reply.updated_by_id, reply.updated_at = current_user.officer_id, clock.now()
    session.add(reply)
    try:
        session.commit()
    except IntegrityError:  # another supervisor took the same title a moment ago
        session.rollback()
        bad = Invalid("title", "Judul ini sudah dipakai balasan lain.")
        flash(_(bad.text), "error")
        return _page(session, 400, bad, editing=reply.id)
    flash(_("Balasan tersimpan disimpan."), "ok")
    return redirect(url_for("saved_replies.index"))


@bp.post("/")
@role_required("supervisor")
def create():
    return _save(get_session(), None)


@bp.post("/<id:reply_id>")
@role_required("supervisor")
def update(reply_id: int):
    session = get_session()
    reply = session.get(SavedReply, reply_id)
    if reply is None:
        flash(_("Balasan tersimpan ini sudah dihapus."), "error")
        return redirect(url_for("saved_replies.index"))
    return _save(session, reply)


@bp.post("/<id:reply_id>/delete")
@role_required("supervisor")
def delete(reply_id: int):
    session = get_session()
    reply = session.get(SavedReply, reply_id)
    if reply is not None:
        session.delete(reply)
        session.commit()
    flash(_("Balasan tersimpan dihapus."), "ok")
    return redirect(url_for("saved_replies.index"))

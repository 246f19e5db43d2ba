"""Messages that need a person: mail held by the loop guard or unreadable, engine failures, stuck sends.

Each flagged row links to its ticket when it has one; otherwise (a robot's mail, mail we could not
parse, a stranger's first message) to its own page, which shows the original mail bytes as
escaped text. *Selesai* clears the flag with a conditional UPDATE, so two officers never both
"handle" the same message without noticing.
"""
from __future__ import annotations

from typing import Optional

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from bot.console.auth import safe_next
from bot.console.i18n import gettext as _
from bot.db import get_session
from bot.models import Consultation, Message, RawMail

bp = Blueprint("attention", __name__, url_prefix="/console/attention")
LIMIT = 200
RAW_LIMIT = 256 * 1024  # characters of a raw mail shown; the bytes stay whole in the database


def count(session: Session) -> int:
    return session.scalar(select(func.count()).select_from(Message).where(Message.flagged)) or 0


def ticket_of(session: Session, message: Message) -> Optional[str]:
    """The ticket a message belongs to: its own, else the latest of its conversation."""
    if message.consultation_id is not None:
        return session.scalar(select(Consultation.ticket).where(Consultation.id == message.consultation_id))
    if message.conversation_id is None:
        return None
    return session.scalar(select(Consultation.ticket).where(Consultation.conversation_id == message.conversation_id)
                          .order_by(Consultation.id.desc()).limit(1))


@bp.get("/")
def index():
    session = get_session()
    rows = session.scalars(select(Message).where(Message.flagged).order_by(Message.id.desc()).limit(LIMIT)).all()
    items = [(m, ticket_of(session, m)) for m in rows]
    return render_template("console/attention.html", items=items, total=count(session))


@bp.get("/<id:message_id>")
def show(message_id: int):
    session = get_session()
    message = session.get(Message, message_id) or abort(404)
    raw = session.get(RawMail, message_id)
    text = raw.raw.decode("utf-8", errors="replace") if raw else None
    return render_template("console/attention_message.html", m=message, raw=text and text[:RAW_LIMIT],
                           truncated=bool(text) and len(text) > RAW_LIMIT, ticket=ticket_of(session, message))

@bp.post("/<id:message_id>/handled")
def handled(message_id: int):
    session = get_session()
    session.get(Message, message_id) or abort(404)
    cleared = session.execute(update(Message).where(Message.id == message_id, Message.flagged)
                              .values(flagged=False)).rowcount
    session.commit()
    flash(_("Ditandai selesai.") if cleared else _("Sudah ditangani petugas lain."), "ok" if cleared else "error")
    return redirect(safe_next(request.form.get("next") or url_for("attention.index")))

"""``POST /webhooks/twilio/whatsapp`` and ``POST /webhooks/twilio/status``: signed, stored, answered at once.

Twilio waits 15 seconds, may deliver twice and is not the only one who can reach this URL. So a
request is checked (size, form encoding, signature, fields), stored in one transaction keyed on the
MessageSid, and answered with empty TwiML; the engine, media downloads and every Twilio call run
in jobs enqueued after the commit. A repeated MessageSid gets the same 200 and starts nothing.

A plain text (no media) is stored unresolved and enqueued by :class:`.intake.TextIntake`:
concurrent requests share one INSERT and one Redis round trip, no ORM session, no identity or
conversation lookup (the job resolves them, see :mod:`bot.inbox`). A database that cannot take the
message gets Twilio a 503 (nothing was stored, so nothing is half-done).
"""
from __future__ import annotations

import logging

from flask import Blueprint, Response, current_app, request
from sqlalchemy.exc import DBAPIError

from bot import clock
from bot.channels.whatsapp import intake, status
from bot.channels.whatsapp.inbound import InvalidForm, parse
from bot.channels.whatsapp.signature import twilio_signed
from bot.db import get_session

bp = Blueprint("whatsapp", __name__, url_prefix="/webhooks/twilio")
log = logging.getLogger(__name__)
MAX_BODY = 64 * 1024  # Twilio's forms are a few kilobytes; WhatsApp text is at most 4,096 characters
FORM = "application/x-www-form-urlencoded"
EMPTY_TWIML = '<?xml version="1.0" encoding="UTF-8"?><Response></Response>'


def refuse(code: int, reason: str) -> Response:
    log.warning("refused %s (%s): %s", request.path, code, reason)
    return Response(reason + "\n", code, content_type="text/plain; charset=utf-8")


def twiml() -> Response:
    return Response(EMPTY_TWIML, 200, content_type="text/xml; charset=utf-8")


@bp.before_request
def form_only():
    """Size and encoding first: the signature check has to read the form."""
    request.max_content_length = MAX_BODY
    if request.content_length is not None and request.content_length > MAX_BODY:
        return refuse(413, f"body larger than {MAX_BODY} bytes")
    if request.mimetype != FORM:
        return refuse(415, f"expected {FORM}, got {request.mimetype or 'no content type'}")
    return None


@bp.errorhandler(DBAPIError)
def database_unavailable(exc: DBAPIError):
    """Nothing was stored (the statement failed as a whole): tell Twilio to come back, not a stack trace."""
    response = refuse(503, f"database unavailable ({exc.orig.__class__.__name__ if exc.orig else 'error'})")
    response.headers["Retry-After"] = "30"
    return response


@bp.post("/whatsapp")
@twilio_signed
def whatsapp():
    try:
        received = parse(request.form, clock.now())
    except InvalidForm as exc:
        return refuse(400, str(exc))
    if received.plain:
        message_id = current_app.extensions["whatsapp_texts"].store(received.inbound)
    else:
        session = get_session()
        stored = intake.store(session, received)
        session.commit()
        stored.start_jobs()
        message_id = stored.message.id if stored.created else None
    if message_id is not None:
        log.debug("whatsapp message %s stored as %s", received.inbound.external_id, message_id)
    else:
        log.info("whatsapp message %s repeated: already stored", received.inbound.external_id)
    return twiml()


@bp.post("/status")
@twilio_signed
def delivery_status():
    if not request.form.get("MessageSid") or not request.form.get("MessageStatus"):
        return refuse(400, "MessageSid and MessageStatus are required")
    session = get_session()
    try:
        rows = status.apply(session, request.form, status.row_id(request.args.get("m")))
    except status.InvalidCallback as exc:
        return refuse(400, str(exc))
    session.commit()
    if rows:
        from workers.jobs import enqueue_delivery

        enqueue_delivery(rows)
    return Response("", 204)

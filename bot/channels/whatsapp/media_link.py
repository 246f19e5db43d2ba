"""``GET /media/<token>``: an officer's file for Twilio to fetch, behind a signed, expiring link.

Twilio sends WhatsApp media by fetching a URL we give it (GET and HEAD, checking the Content-Type), so
the file must be reachable without a login. The token is the attachment id signed with ``SECRET_KEY``
(itsdangerous, its own salt) and a timestamp from :mod:`bot.clock`: one file, valid ``MEDIA_LINK_TTL``
(an hour by default) after the send that made it. A forged token is 403, an expired one 410; only
files of outbound messages are served, so a link can never reveal what a citizen sent.
"""
from __future__ import annotations

import logging

from flask import Blueprint, Response, current_app, send_file
from itsdangerous import BadSignature, SignatureExpired, URLSafeTimedSerializer
from itsdangerous.timed import TimestampSigner

from bot import clock, filestore
from bot.db import get_session
from bot.models import Attachment

bp = Blueprint("media_link", __name__)
log = logging.getLogger(__name__)
SALT = "whatsapp-media-link"
PATH = "/media/"
# Twilio asks for a short name without spaces in Content-Disposition; the citizen's phone shows it.
SHORT_NAME = 40


class _ClockSigner(TimestampSigner):
    """Timestamps from :func:`bot.clock.now`, so tests can age a link without sleeping."""

    def get_timestamp(self) -> int:
        return int(clock.now().timestamp())


def _serializer(secret: str) -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(secret, salt=SALT, signer=_ClockSigner)


def url(settings, attachment_id: int) -> str:
    """The public URL of one attachment, valid from now for ``MEDIA_LINK_TTL``."""
    return f"{settings.public_base_url}{PATH}{_serializer(settings.secret_key).dumps(attachment_id)}"


def _plain(text: str, status: int) -> Response:
    return Response(text + "\n", status, content_type="text/plain; charset=utf-8")


def _ascii_name(filename: str) -> str:
    name = "".join(ch if ch.isascii() and (ch.isalnum() or ch in "._-") else "_" for ch in filename)
    return name[-SHORT_NAME:] or "file"


@bp.get("/media/<token>")
def serve(token: str):
    settings = current_app.config["SETTINGS"]
    try:
        attachment_id = _serializer(settings.secret_key).loads(
            token, max_age=int(settings.media_link_ttl.total_seconds()))
    except SignatureExpired:
        log.info("media link expired")
        return _plain("link expired", 410)
    except BadSignature:
        log.warning("media link with a bad signature")
        return _plain("forbidden", 403)
    attachment = get_session().get(Attachment, attachment_id) if isinstance(attachment_id, int) else None
    if attachment is None or attachment.message.direction != "out" or attachment.status != "stored":
        return _plain("gone", 410)
    path = filestore.locate(settings.var_path, attachment.path)
    if path is None:
        log.warning("attachment %s has no file on disk", attachment.id)
        return _plain("gone", 410)
    log.info("media link served attachment %s of message %s", attachment.id, attachment.message_id)
    response = send_file(path, mimetype=attachment.content_type, conditional=False, max_age=0)
    response.headers["Content-Disposition"] = f'inline; filename="{_ascii_name(attachment.filename)}"'
    response.headers["Content-Security-Policy"] = "default-src 'none'; sandbox"
    response.headers["Cache-Control"] = "no-store"
    return response

"""Files in the console: staff open citizens' attachments, and officers attach one file to a reply.

Opening: only for logged-in staff (the console gate), each full-size view or download logged as
``open_file`` with the attachment's id. Only a raster image whose first bytes agree with its type is
shown inline; everything else (PDF, SVG, HTML, an unknown type) is a download with
``Content-Disposition: attachment``, and every answer carries ``nosniff`` and a sandboxing CSP, so a
hostile file never runs in the console's origin. Thumbnails are the same picture scaled by the page,
part of the ticket page whose view is already logged.

Attaching: the file's kind comes from its name and must match its bytes (:mod:`bot.filetypes`); it is
written under ``VAR_DIR/replies/`` before the reply's row is committed, so the outbox row and its file
survive a crash together and a retry sends the same bytes.
"""
from __future__ import annotations

import dataclasses
from typing import Optional

from flask import Blueprint, abort, current_app, send_file
from flask_login import current_user
from werkzeug.datastructures import FileStorage

from bot import filestore, filetypes, personal_data
from bot.db import get_session
from bot.models import Attachment, Conversation, Message

bp = Blueprint("files", __name__, url_prefix="/console/files")
SANDBOX = "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; sandbox"
HEAD = 16  # bytes that tell a picture's format
# reason -> Indonesian message (English in bot/console/i18n.py)
REFUSALS = {
    "type": "Jenis berkas ini tidak bisa dikirim: pakai xlsx, csv, pdf, docx, jpg atau png.",
    "empty": "Berkas kosong.",
    "content": "Isi berkas tidak sesuai dengan jenis pada namanya.",
    "not_on_whatsapp": "WhatsApp tidak menerima CSV: kirim sebagai xlsx, atau lewat e-mail.",
    "too_large": "Berkas terlalu besar untuk kanal ini (WhatsApp: gambar 5 MB, lainnya 16 MB; e-mail: %d MB).",
}


@dataclasses.dataclass(frozen=True)
class Upload:
    """An officer's checked file, not yet stored."""

    filename: str
    content_type: str
    data: bytes


def limit_uploads(app) -> None:
    """No request body larger than the largest file a channel takes, plus room for the form (else 413)."""
    largest = max(filetypes.WHATSAPP_MAX, app.config["SETTINGS"].mail_reply_file_max_bytes)
    app.config.setdefault("MAX_CONTENT_LENGTH", largest + 2**20)


def read(upload: Optional[FileStorage], channel: str) -> Optional[Upload]:
    """The form's file checked for ``channel``; None when none was chosen; raises filetypes.Refused."""
    if upload is None or not upload.filename:
        return None
    name = filestore.safe_name(upload.filename)
    data = upload.read()
    settings = current_app.config["SETTINGS"]
    kind = filetypes.check(name, data, channel, settings.mail_reply_file_max_bytes)
    return Upload(name, kind.content_type, data)


def refusal(reason: str) -> tuple[str, tuple]:
    """The message for a refused file and its argument (the mail limit in MB for ``too_large``)."""
    mail_max = current_app.config["SETTINGS"].mail_reply_file_max_bytes
    return REFUSALS[reason], ((mail_max // 2**20,) if reason == "too_large" else ())


def attach(row: Message, upload: Upload) -> None:
    """Write the file under ``VAR_DIR/replies/`` and add it to the outbound row (committed by the caller)."""
    relative, _created = filestore.write(current_app.config["SETTINGS"].var_path, "replies", upload.filename,
                                         upload.data)
    row.attachments.append(Attachment(filename=upload.filename, content_type=upload.content_type,
                                      size=len(upload.data), path=relative, status="stored"))


def copy(source: Message, target: Message) -> None:
    """The same stored files on another row (a resend by e-mail): the bytes are shared, not copied."""
    for a in source.attachments:
        if a.status == "stored":
            target.attachments.append(Attachment(filename=a.filename, content_type=a.content_type, size=a.size,
                                                 path=a.path, status="stored"))


def _stored(session, attachment_id: int) -> tuple[Attachment, object]:
    attachment = session.get(Attachment, attachment_id)
    path = filestore.locate(current_app.config["SETTINGS"].var_path, attachment.path) if attachment else None
    if path is None or attachment.status != "stored":
        abort(404)
    return attachment, path


def _head(path) -> bytes:
    with open(path, "rb") as handle:
        return handle.read(HEAD)


@bp.get("/<id:attachment_id>")
def show(attachment_id: int):
    """Full size (a safe picture) or a download (anything else); logged in the access log."""
    session = get_session()
    attachment, path = _stored(session, attachment_id)
    message = attachment.message
    conversation = session.get(Conversation, message.conversation_id) if message.conversation_id else None
    personal_data.audit(session, "open_file", actor=current_user.username, officer_id=current_user.officer_id,
                        citizen_id=conversation.citizen_id if conversation else None,
                        conversation_id=message.conversation_id, consultation_id=message.consultation_id,
                        attachment_id=attachment.id)
    session.commit()
    inline = filetypes.inline_image(attachment.content_type, _head(path))
    return _send(path, attachment, inline)


@bp.get("/<id:attachment_id>/thumb")
def thumb(attachment_id: int):
    """The picture for the chat's thumbnail; a file that is not a safe picture has none."""
    attachment, path = _stored(get_session(), attachment_id)
    if not filetypes.inline_image(attachment.content_type, _head(path)):
        abort(404)
    return _send(path, attachment, inline=True)


@bp.app_template_filter("shows_inline")
def shows_inline(attachment: Attachment) -> bool:
    """For the chat: does this stored attachment get a thumbnail (a safe picture on disk)?"""
    path = filestore.locate(current_app.config["SETTINGS"].var_path, attachment.path)
    return path is not None and filetypes.inline_image(attachment.content_type, _head(path))


@bp.app_context_processor
def _accept() -> dict:
    return {"file_accept": filetypes.ACCEPT}


def _send(path, attachment: Attachment, inline: bool):
    name = filestore.safe_name(attachment.filename)
    if "." not in name and path.suffix:  # WhatsApp media are "media-0": the stored file knows the extension
        name += path.suffix
    content_type = filetypes.base_type(attachment.content_type) if inline else \
        filetypes.download_type(attachment.content_type)
    response = send_file(path, mimetype=content_type, as_attachment=not inline, download_name=name,
                         conditional=False, etag=False)
    response.headers["Content-Security-Policy"] = SANDBOX
    response.headers["X-Content-Type-Options"] = "nosniff"
    return response

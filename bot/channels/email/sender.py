"""Sending one outbox row by SMTP, threaded under the citizen's last mail of that conversation.

The Message-ID is derived from the row, so a retry after a crash between sending and recording
sends the same Message-ID (clients show one mail) and replies still thread. 4xx answers and network
trouble are temporary (retried with back-off by the job); 5xx answers are permanent and shown to the
officer. A refused login is treated as temporary: it is our configuration, not the citizen's mail.
"""
from __future__ import annotations

import smtplib
import ssl
from typing import Optional

from sqlalchemy import select
from sqlalchemy.orm import Session, object_session

from bot import choices, clock, filestore, verification
from bot.channels import PermanentError, SendResult, TemporaryError
from bot.channels.email.compose import Thread, compose, reply_subject, with_ticket
from bot.envelope import Channel
from bot.models import Consultation, Conversation, Message
from bot.texts import text

AUTOMATIC = {"bot": "auto-replied", "system": "auto-generated"}  # officers' replies carry no Auto-Submitted


def message_id_for(row: Message, domain: str) -> str:
    return f"<pst.{row.id}.{int(row.created_at.timestamp() * 1e6)}@{domain}>"


def _parent(session: Session, row: Message) -> Optional[Message]:
    """The citizen's latest mail in this conversation: the one this row answers."""
    if row.conversation_id is None:
        return None
    return session.scalar(
        select(Message).where(Message.conversation_id == row.conversation_id, Message.direction == "in",
                              Message.channel == Channel.EMAIL.value, Message.address == row.address,
                              Message.external_id.is_not(None))
        .order_by(Message.id.desc()).limit(1))


class SMTPSender:
    """The e-mail channel's Sender (see :mod:`bot.channels`)."""

    def __init__(self, settings, tls_context: Optional[ssl.SSLContext] = None, timeout: float = 30):
        self.settings, self.timeout = settings, timeout
        self.tls_context = tls_context or ssl.create_default_context()

    def build(self, session: Session, row: Message):
        settings = self.settings
        conversation = session.get(Conversation, row.conversation_id) if row.conversation_id else None
        parent = _parent(session, row)
        thread = Thread(parent.external_id, tuple((parent.meta or {}).get("references", []))) if parent else Thread()
        subject = (row.meta or {}).get("subject")
        if not subject:
            earlier = (parent.meta or {}).get("subject") if parent else None
            subject = reply_subject(earlier) if earlier else text(conversation.lang if conversation else "id",
                                                                   "mail_subject")
        ticket = session.get(Consultation, row.consultation_id).ticket if row.consultation_id else None
        body = verification.mail_text(row, settings.secret_key)  # a code mail's code exists only here
        listed = choices.as_list((row.meta or {}).get("choices"))
        if listed:  # a mail cannot have buttons: the choices as a short numbered list, answered by reply
            body = f"{body}\n\n{listed}"
        return compose(sender=settings.mail_from, to=row.address, subject=with_ticket(subject, ticket), text=body,
                       message_id=message_id_for(row, settings.mail_from.rsplit("@", 1)[1]), thread=thread,
                       automatic=AUTOMATIC.get(row.author), date=clock.now(), calendar=_calendar(row.meta),
                       files=self._files(row))

    def _files(self, row: Message) -> list[tuple[str, str, bytes]]:
        """The officer's files, read from ``VAR_DIR``; a file gone from disk fails the row (never a mail without it)."""
        files = []
        for attachment in row.attachments:
            if attachment.status != "stored":
                continue
            path = filestore.locate(self.settings.var_path, attachment.path)
            if path is None:
                raise PermanentError(f"attachment {attachment.id} is missing from disk")
            files.append((attachment.filename, attachment.content_type, path.read_bytes()))
        return files

    def send(self, message: Message) -> SendResult:
        mail = self.build(object_session(message), message)
        self._transmit(mail, message.address)
        return SendResult(external_id=mail["Message-ID"], meta={"subject": mail["Subject"]})

    def _connect(self) -> smtplib.SMTP:
        s = self.settings
        if s.smtp_ssl:
            return smtplib.SMTP_SSL(s.smtp_host, s.smtp_port, timeout=self.timeout, context=self.tls_context)
        client = smtplib.SMTP(s.smtp_host, s.smtp_port, timeout=self.timeout)
        if s.smtp_starttls:
            client.starttls(context=self.tls_context)
        return client

    def _transmit(self, mail, to: str) -> None:
        s = self.settings
        try:
            with self._connect() as client:
                if s.smtp_user:
                    client.login(s.smtp_user, s.smtp_password)
                client.send_message(mail, from_addr=s.mail_from, to_addrs=[to])
        except smtplib.SMTPRecipientsRefused as exc:
            codes = [code for code, _ in exc.recipients.values()]
            error = PermanentError if all(code >= 500 for code in codes) else TemporaryError
            raise error(f"recipient refused ({', '.join(map(str, codes))})") from None
        except smtplib.SMTPAuthenticationError as exc:
            raise TemporaryError(f"SMTP login refused ({exc.smtp_code})") from None
        except smtplib.SMTPResponseException as exc:
            detail = exc.smtp_error.decode(errors="replace") if isinstance(exc.smtp_error, bytes) else exc.smtp_error
            error = PermanentError if exc.smtp_code >= 500 else TemporaryError
            raise error(f"SMTP {exc.smtp_code}: {detail}"[:255]) from None
        except (smtplib.SMTPException, OSError) as exc:
            raise TemporaryError(f"SMTP unavailable ({exc.__class__.__name__})") from None


def _calendar(meta) -> Optional[tuple[str, str]]:
    """The follow-up invitation the console put on the row, if any."""
    meta = meta or {}
    return (meta.get("ics_filename") or "undangan.ics", meta["ics"]) if meta.get("ics") else None

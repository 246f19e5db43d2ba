"""One raw mail into the database: parsed, guarded, threaded, stored with its raw bytes and files.

Everything happens in the caller's transaction; the caller commits and only then flags the mail on
the server and enqueues processing (``Stored.answer``). Storing is idempotent on the Message-ID, so
a mail fetched again after a crash is recognised and not stored twice.

What is stored but never answered: mail from robots (auto-replies, lists, our own address), bounces
(which mark our outbound message failed) and mail we cannot read (flagged for an officer). These rows
have no conversation: they are not part of a dialogue with a citizen. A citizen over the hourly cap
of automatic replies is stored in their conversation, held and flagged: an officer answers instead.
"""
from __future__ import annotations

import dataclasses
import datetime as dt
import logging
import re
from typing import Any, Optional

from sqlalchemy import func, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from bot import clock, inbox
from bot.channels.email import guard
from bot.channels.email.attachments import attach
from bot.channels.email.parsing import ParsedMail, parse, unreadable
from bot.envelope import Channel, Inbound
from bot.models import Consultation, Message, RawMail

log = logging.getLogger(__name__)
EMAIL = Channel.EMAIL.value
TICKET = re.compile(r"\b(PST-\d{4}-\d{6})\b", re.I)
HELD, IGNORED = "held", "ignored"


@dataclasses.dataclass
class Stored:
    message: Message
    created: bool
    answer: bool  # enqueue processing after the commit


def thread_of(session: Session, mail: ParsedMail) -> Optional[int]:
    """The conversation a reply belongs to: ticket tag in the subject, then the ids it answers."""
    tag = TICKET.search(mail.subject)
    if tag:
        conversation_id = session.scalar(
            select(Consultation.conversation_id).where(Consultation.ticket == tag.group(1).upper()))
        if conversation_id:
            return conversation_id
    wanted = mail.in_reply_to + mail.references[::-1]  # the direct parent first, then newest to oldest
    if not wanted:
        return None
    known = dict(session.execute(
        select(Message.external_id, Message.conversation_id)
        .where(Message.channel == EMAIL, Message.external_id.in_(wanted), Message.conversation_id.is_not(None))).all())
    return next((known[i] for i in wanted if i in known), None)


def automatic_replies_last_hour(session: Session, address: str) -> int:
    return session.scalar(select(func.count(Message.id)).where(
        Message.channel == EMAIL, Message.direction == "out", Message.address == address,
        Message.author.in_(("bot", "system")), Message.created_at >= clock.now() - dt.timedelta(hours=1)))


def _mark_bounced(session: Session, bounce: guard.Bounce) -> int:
    if not bounce.message_ids:
        return 0
    return session.execute(
        update(Message).where(Message.channel == EMAIL, Message.direction == "out",
                              Message.external_id.in_(bounce.message_ids), Message.status != "failed")
        .values(status="failed", error=f"bounced: {bounce.reason}"[:255], status_at=clock.now())).rowcount


def _meta(mail: ParsedMail) -> dict[str, Any]:
    meta: dict[str, Any] = {"subject": mail.subject, "references": (mail.references or mail.in_reply_to)[-10:]}
    if mail.in_reply_to:
        meta["in_reply_to"] = mail.in_reply_to[0]
    return meta


def _store_unthreaded(session: Session, mail: ParsedMail, *, status: str, flagged: bool, error: Optional[str],
                      meta: dict[str, Any]) -> tuple[Message, bool]:
    """A row outside any conversation (robots, bounces, unreadable mail)."""
    message = Message(direction="in", channel=EMAIL, address=(mail.sender or "(unknown)")[:254],
                      external_id=mail.message_id, author="citizen", body=mail.reply or mail.text, status=status,
                      flagged=flagged, error=error, meta=meta, created_at=clock.now())
    try:
        with session.begin_nested():
            session.add(message)
    except IntegrityError:
        return inbox.find(session, EMAIL, mail.message_id), False
    return message, True


def _classify(session: Session, mail: ParsedMail, settings) -> tuple[str, Optional[str], dict[str, Any]]:
    """(status, reason, extra meta) of a readable mail that has a sender."""
    sent_domain = settings.mail_from.rsplit("@", 1)[1]
    bounce = guard.bounce(mail, sent_domain)
    if bounce is not None:
        failed = _mark_bounced(session, bounce)
        return IGNORED, "bounce", {"bounced": bounce.message_ids, "marked_failed": failed}
    reason = guard.robot_reason(mail, settings.mail_from)
    if reason:
        return IGNORED, reason, {}
    if automatic_replies_last_hour(session, mail.sender) >= settings.mail_auto_reply_limit:
        return HELD, "automatic reply limit reached", {}
    return "received", None, {}


def store(session: Session, raw: bytes, settings) -> Stored:
    """Store one raw mail (not committed); tells the caller whether to enqueue processing."""
    mail = parse(raw)
    existing = inbox.find(session, EMAIL, mail.message_id)
    if existing is not None:
        return Stored(existing, False, False)
    if mail.problem:
        return _keep(session, mail, raw, settings, *_store_unthreaded(session, mail, status=HELD, flagged=True,
                                                                      error=mail.problem, meta=_meta(mail)))
    meta = _meta(mail)
    status, reason, extra = _classify(session, mail, settings)
    if reason:
        meta.update(extra, guard=reason)
    if status == IGNORED:
        stored = _store_unthreaded(session, mail, status=status, flagged=False, error=None, meta=meta)
    else:
        inbound = Inbound(channel=EMAIL, address=mail.sender, text=mail.reply or mail.subject,
                          external_id=mail.message_id, received_at=clock.now(), profile_name=mail.display_name,
                          meta=meta)
        stored = inbox.accept(session, inbound, status=status, flagged=status == HELD, error=reason,
                              conversation_hint=thread_of(session, mail), new_conversation=True)
    return _keep(session, mail, raw, settings, *stored)


def store_unreadable(session: Session, raw: bytes, problem: str) -> Stored:
    """Last resort when storing the parsed mail failed: the raw bytes, held and flagged for an officer."""
    mail = unreadable(raw, problem)
    existing = inbox.find(session, EMAIL, mail.message_id)
    if existing is not None:
        return Stored(existing, False, False)
    message, created = _store_unthreaded(session, mail, status=HELD, flagged=True, error=problem, meta={})
    return _keep(session, mail, raw, None, message, created)


def _keep(session: Session, mail: ParsedMail, raw: bytes, settings, message: Message, created: bool) -> Stored:
    """The raw bytes and the files beside a newly stored row."""
    if created:
        session.add(RawMail(message_id=message.id, raw=raw))
        if settings is not None:
            attach(message, mail.attachments, settings.var_path, settings.mail_max_attachment_bytes)
        session.flush()
        log.info("mail stored as message %s (%s, %d attachments)", message.id, message.status,
                 len(mail.attachments))
    return Stored(message, created, created and message.status == "received")

"""One raw mail into the database: parsed, guarded, threaded, stored with its raw bytes and files.

Everything happens in the caller's transaction; the caller commits and only then flags the mail on
the server and enqueues processing (``Stored.answer``). Storing is idempotent on the Message-ID, so
a mail fetched again after a crash is recognised and not stored twice.

What is stored but never answered: mail from robots (auto-replies, lists, our own address), bounces
(which mark our outbound message failed) and mail we cannot read (flagged for an officer). These rows
have no conversation: they are not part of a dialogue with a citizen. A citizen over the hourly cap
of automatic replies is stored in their conversation, held and flagged: an officer answers instead.

Speed: the poller stores a fetched batch with ``store_batch``. Everything a mail is checked against
(stored Message-IDs, threads, tickets, identities, reply counts) is looked up for the whole batch in
one query each (``Known``) and kept current as the batch stores, and rows go in without a savepoint
each, flushed together. A duplicate nobody could foresee (a concurrent writer) then fails the whole
transaction with IntegrityError and the poller stores that batch one by one (``store``: savepoints).
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

from bot import clock, inbox, verification
from bot.channels.email import guard
from bot.channels.email.attachments import attach, remove
from bot.channels.email.letter import read as read_letter
from bot.channels.email.parsing import ParsedMail, parse, unreadable
from bot.envelope import Channel
from bot.models import ChannelIdentity, Consultation, Conversation, Message, RawMail

log = logging.getLogger(__name__)
EMAIL = Channel.EMAIL.value
TICKET = re.compile(r"\b(PST-\d{4}-\d{6})\b", re.I)
HELD, IGNORED = "held", "ignored"


@dataclasses.dataclass
class Stored:
    message: Message
    created: bool
    answer: bool  # enqueue processing after the commit


@dataclasses.dataclass
class Known:
    """What a batch looked up in one query each; kept current as the batch stores its mails."""

    messages: dict[str, Message]  # stored e-mails by Message-ID (duplicates are not stored again)
    threads: dict[str, int]  # Message-ID -> conversation, for In-Reply-To / References
    tickets: dict[str, int]  # ticket -> conversation
    identities: dict[str, ChannelIdentity]  # by address
    replies: dict[str, int]  # automatic replies sent to the address in the last hour
    conversations: list[Conversation]  # the threads' conversations, held in the session's identity map
    new: list[tuple[Message, bytes, ParsedMail]] = dataclasses.field(default_factory=list)
    written: list[str] = dataclasses.field(default_factory=list)  # files the batch created, under VAR_DIR


# Code mails are asked for by whoever types an address (limited in bot.verification): counting them here
# would let a stranger use up a person's automatic replies and have their own mail to the office held.
_not_a_code_mail = func.coalesce(Message.meta["kind"].as_string(), "") != verification.KIND


def look_up(session: Session, mails: list[ParsedMail]) -> Known:
    ids = {m.message_id for m in mails}
    refs = {i for m in mails for i in m.in_reply_to + m.references}
    tickets = {t.group(1).upper() for m in mails if (t := TICKET.search(m.subject))}
    senders = {m.sender for m in mails if m.sender}
    email = Message.channel == EMAIL
    known = Known(
        messages={m.external_id: m
                  for m in session.scalars(select(Message).where(email, Message.external_id.in_(ids)))},
        threads=dict(session.execute(select(Message.external_id, Message.conversation_id).where(
            email, Message.external_id.in_(refs), Message.conversation_id.is_not(None))).all()) if refs else {},
        tickets=dict(session.execute(select(Consultation.ticket, Consultation.conversation_id).where(
            Consultation.ticket.in_(tickets), Consultation.conversation_id.is_not(None))).all()) if tickets else {},
        identities={i.address: i for i in session.scalars(select(ChannelIdentity).where(
            ChannelIdentity.channel == EMAIL, ChannelIdentity.address.in_(senders)))} if senders else {},
        replies=dict(session.execute(select(Message.address, func.count(Message.id)).where(
            email, Message.direction == "out", Message.address.in_(senders), Message.author.in_(("bot", "system")),
            _not_a_code_mail, Message.created_at >= clock.now() - dt.timedelta(hours=1))
            .group_by(Message.address)).all())
        if senders else {},
        conversations=[])
    hinted = set(known.threads.values()) | set(known.tickets.values())
    if hinted:
        known.conversations = list(session.scalars(select(Conversation).where(Conversation.id.in_(hinted))))
    return known


def thread_of(known: Known, mail: ParsedMail) -> Optional[int]:
    """The conversation a reply belongs to: ticket tag in the subject, then the ids it answers."""
    tag = TICKET.search(mail.subject)
    if tag and tag.group(1).upper() in known.tickets:
        return known.tickets[tag.group(1).upper()]
    wanted = mail.in_reply_to + mail.references[::-1]  # the direct parent first, then newest to oldest
    return next((known.threads[i] for i in wanted if i in known.threads), None)


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


def _classify(session: Session, known: Known, mail: ParsedMail, settings) -> tuple[str, Optional[str], dict[str, Any]]:
    """(status, reason, extra meta) of a readable mail that has a sender."""
    sent_domain = settings.mail_from.rsplit("@", 1)[1]
    bounce = guard.bounce(mail, sent_domain)
    if bounce is not None:
        failed = _mark_bounced(session, bounce)
        return IGNORED, "bounce", {"bounced": bounce.message_ids, "marked_failed": failed}
    reason = guard.robot_reason(mail, settings.mail_from)
    if reason:
        return IGNORED, reason, {}
    if known.replies.get(mail.sender, 0) >= settings.mail_auto_reply_limit:
        return HELD, "automatic reply limit reached", {}
    return "received", None, {}


def _conversation(session: Session, known: Known, mail: ParsedMail) -> int:
    """The conversation of a citizen's mail: its thread's if open and theirs, else a new one."""
    identity = known.identities.get(mail.sender) or inbox.identity_for(session, EMAIL, mail.sender, mail.display_name)
    known.identities[mail.sender] = identity
    identity.display_name = mail.display_name or identity.display_name  # last_inbound_at: in ``_keep``
    return inbox.conversation_for(session, identity, thread_of(known, mail), new=True).id


def _insert(session: Session, known: Known, mail: ParsedMail, raw: bytes, checked: bool, settings,
            **columns) -> Stored:
    """Add the row and its files (in a savepoint unless ``checked``); ``_keep`` adds the raw mail."""
    message = Message(direction="in", channel=EMAIL, address=(mail.sender or "(unknown)")[:254],
                      external_id=mail.message_id, author="citizen", created_at=clock.now(), **columns)
    if settings is not None:  # before the row is flushed: a new row's empty collection needs no SELECT
        known.written += attach(message, mail.attachments, settings.var_path, settings.mail_max_attachment_bytes)
    if not checked:  # (checked: added in ``_keep``, so new conversations' flushes do not carry it)
        try:
            with session.begin_nested():
                session.add(message)
        except IntegrityError:  # stored meanwhile by someone else
            return Stored(inbox.find(session, EMAIL, mail.message_id), False, False)
    known.messages[mail.message_id] = message
    if message.conversation_id:
        known.threads[mail.message_id] = message.conversation_id
    known.new.append((message, raw, mail))
    return Stored(message, True, message.status == "received")


def _store_one(session: Session, known: Known, mail: ParsedMail, raw: bytes, settings, checked: bool) -> Stored:
    existing = known.messages.get(mail.message_id)
    if existing is not None:
        return Stored(existing, False, False)
    meta = _meta(mail)
    if mail.problem:
        return _insert(session, known, mail, raw, checked, settings, body=mail.reply or mail.text, status=HELD,
                       flagged=True, error=mail.problem, meta=meta)
    status, reason, extra = _classify(session, known, mail, settings)
    if reason:
        meta.update(extra, guard=reason)
    if status == IGNORED:
        return _insert(session, known, mail, raw, checked, settings, body=mail.reply or mail.text, status=status,
                       flagged=False, error=None, meta=meta)
    if mail.display_name:
        meta["profile_name"] = mail.display_name
    letter = read_letter(mail.reply)
    if letter.facts:
        meta["letter"] = letter.facts  # the phone in it is unverified: offered at registration, never linked on
    return _insert(session, known, mail, raw, checked, settings, body=letter.text or mail.subject, status=status,
                   flagged=status == HELD, error=reason, meta=meta,
                   conversation_id=_conversation(session, known, mail))


def store_batch(session: Session, raws: list[bytes], settings, checked: bool = True) -> list[Stored]:
    """Store the mails of one fetch (not committed); each result tells whether to enqueue processing.

    ``checked``: no savepoint per mail (module docstring); the caller falls back to ``store`` on
    IntegrityError."""
    mails = [parse(raw) for raw in raws]
    known = look_up(session, mails)
    try:
        results = [_store_one(session, known, mail, raw, settings, checked) for mail, raw in zip(mails, raws)]
        _keep(session, known)
    except BaseException:  # the rows will not be stored: neither should files nobody refers to
        remove(settings.var_path, known.written)
        raise
    return results


def store(session: Session, raw: bytes, settings) -> Stored:
    """Store one raw mail (not committed), a savepoint around its row."""
    return store_batch(session, [raw], settings, checked=False)[0]


def store_unreadable(session: Session, raw: bytes, problem: str) -> Stored:
    """Last resort when storing the parsed mail failed: the raw bytes, held and flagged for an officer."""
    mail = unreadable(raw, problem)
    known = look_up(session, [mail])
    result = known.messages.get(mail.message_id)
    if result is not None:
        return Stored(result, False, False)
    stored = _insert(session, known, mail, raw, False, None, body="", status=HELD, flagged=True, error=problem, meta={})
    _keep(session, known)
    return stored


def _keep(session: Session, known: Known) -> None:
    """The rows not added yet, then their raw bytes: two flushes, each one INSERT per table."""
    for message, _, mail in known.new:
        session.add(message)
        if message.conversation_id:
            known.identities[mail.sender].last_inbound_at = message.created_at
    session.flush()  # the new rows get their ids
    for message, raw, mail in known.new:
        session.add(RawMail(message_id=message.id, raw=raw))
        log.info("mail stored as message %s (%s, %d attachments)", message.id, message.status,
                 len(mail.attachments))
    session.flush()

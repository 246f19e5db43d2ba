"""A citizen's personal data under UU 27/2022: consent, the copy we owe them, erasure, and the access audit.

One module for the chat commands, the console and the retention sweep, so "erased" means the same
everywhere: the person's name, addresses, words and files are gone; what the office's statistics
need (tickets' times, status and channel, ratings' scores) stays, attached to an anonymous citizen.
Erasure is idempotent: running it again finds nothing left to change.
"""
from __future__ import annotations

import datetime as dt
import json
import logging
import secrets
from pathlib import Path
from typing import Optional

from sqlalchemy import delete, func, or_, select, update
from sqlalchemy.orm import Session

from bot import clock
from bot.envelope import Channel, Outbound
from bot.models import (OPEN_STATUSES, AccessLog, Attachment, ChannelIdentity, Citizen, Complaint, Consent,
                        Consultation, Conversation, FollowUp, Message, Note, Rating, RawMail, RequestChange,
                        UnansweredQuery)
from bot.models.consultation import ConsultationStatus
from bot.models.verification import VerificationEvent
from bot.survey import answers as survey_answers

log = logging.getLogger(__name__)
ERASED = "[dihapus]"
ERASED_PREFIX = "erased:"
CONTROLLER = {"name": "BPS Kota Lubuklinggau", "email": "ipds1674@bps.go.id"}
UNSENT = ("queued", "sending")
TICKET_TEXT = ("question", "data_needed", "area", "period", "purpose", "outcome")


def placeholder() -> str:
    """An address nobody can write from and nothing can be traced back from."""
    return ERASED_PREFIX + secrets.token_hex(12)


# ---- consent ---------------------------------------------------------------------------------------------
def consented(session: Session, identity: ChannelIdentity, citizen: Optional[Citizen], version: str) -> bool:
    """Consent to ``version`` given on this address, or by this citizen on any address."""
    who = Consent.identity_id == identity.id
    if citizen is not None:
        who = or_(who, Consent.citizen_id == citizen.id, Consent.identity_id.in_(
            select(ChannelIdentity.id).where(ChannelIdentity.citizen_id == citizen.id)))
    return session.scalar(select(Consent.id).where(who, Consent.notice_version == version).limit(1)) is not None


def record_consent(session: Session, identity: ChannelIdentity, citizen: Optional[Citizen], version: str,
                   now: dt.datetime) -> Consent:
    consent = Consent(identity_id=identity.id, citizen_id=citizen.id if citizen else None, notice_version=version,
                      channel=identity.channel, given_at=now)
    session.add(consent)
    session.flush()
    log.info("consent %s to notice %s on identity %s", consent.id, version, identity.id)
    return consent


def claim_consents(session: Session, identity: ChannelIdentity, citizen: Citizen) -> None:
    """Consent given before registration belongs to the citizen the address turns out to be."""
    session.execute(update(Consent).where(Consent.identity_id == identity.id, Consent.citizen_id.is_(None))
                    .values(citizen_id=citizen.id))


# ---- audit -----------------------------------------------------------------------------------------------
def audit(session: Session, action: str, *, actor: str, officer_id: Optional[int] = None,
          citizen_id: Optional[int] = None, conversation_id: Optional[int] = None,
          consultation_id: Optional[int] = None, reason: Optional[str] = None,
          attachment_id: Optional[int] = None) -> None:
    """One row of the access log (committed with the caller's work), and one app-log line with ids only."""
    session.add(AccessLog(at=clock.now(), actor=actor[:80], officer_id=officer_id, action=action,
                          citizen_id=citizen_id, conversation_id=conversation_id, consultation_id=consultation_id,
                          attachment_id=attachment_id, reason=(reason or None) and reason[:2000]))
    log.info("personal data %s by %s (officer %s): citizen %s conversation %s consultation %s", action, actor[:80],
             officer_id, citizen_id, conversation_id, consultation_id)


# ---- what we keep ----------------------------------------------------------------------------------------
def _identity_ids(citizen: Citizen) -> list[int]:
    return [i.id for i in citizen.identities]


def _conversation_ids(session: Session, citizen_id: Optional[int], identity_ids: list[int]) -> list[int]:
    who = Conversation.identity_id.in_(identity_ids)
    if citizen_id is not None:
        who = or_(who, Conversation.citizen_id == citizen_id)
    return list(session.scalars(select(Conversation.id).where(who)))


def _when(moment: Optional[dt.datetime]) -> Optional[str]:
    return moment.isoformat(timespec="seconds") if moment else None


def export(session: Session, citizen: Citizen, now: dt.datetime) -> dict:
    """Everything kept about the citizen, as plain data (a JSON download or the mail's body)."""
    identity_ids = _identity_ids(citizen)
    conversations = _conversation_ids(session, citizen.id, identity_ids)
    consents = session.scalars(select(Consent).where(or_(
        Consent.citizen_id == citizen.id, Consent.identity_id.in_(identity_ids))).order_by(Consent.id))
    tickets = session.scalars(select(Consultation).where(Consultation.citizen_id == citizen.id)
                              .order_by(Consultation.id))
    counts = dict(session.execute(select(Message.direction, func.count(Message.id))
                                  .where(Message.conversation_id.in_(conversations)).group_by(Message.direction)).all())
    attachments = session.execute(
        select(Attachment.filename, Attachment.content_type, Attachment.size, Message.created_at)
        .join(Message, Attachment.message_id == Message.id)
        .where(Message.conversation_id.in_(conversations)).order_by(Attachment.id)).all()
    complaints = session.scalars(select(Complaint).where(Complaint.citizen_id == citizen.id).order_by(Complaint.id))
    return {
        "exported_at": _when(now), "controller": CONTROLLER,
        "profile": {"name": citizen.name, "email": citizen.email, "email_verified_at": _when(citizen.email_verified_at),
                    "phone": citizen.phone, "language": citizen.lang, "registered_at": _when(citizen.created_at)},
        "channels": [{"channel": i.channel, "address": i.address} for i in citizen.identities],
        "consents": [{"notice_version": c.notice_version, "channel": c.channel, "given_at": _when(c.given_at)}
                     for c in consents],
        "tickets": [{"ticket": t.ticket, "status": t.status, "channel": t.channel, "question": t.question,
                     "opened_at": _when(t.opened_at), "closed_at": _when(t.closed_at)} for t in tickets],
        "messages": {"from_you": counts.get("in", 0), "to_you": counts.get("out", 0)},
        "attachments": [{"filename": a.filename, "type": a.content_type, "size": a.size, "sent_at": _when(a.created_at)}
                        for a in attachments],
        "complaints": [{"reference": c.reference, "status": c.status, "channel": c.channel, "text": c.text,
                        "filed_at": _when(c.created_at), "answer": c.response, "answered_at": _when(c.responded_at)}
                       for c in complaints],
    }


def as_text(data: dict) -> str:
    """The export as a citizen can read it in a mail: indented JSON, non-ASCII letters kept."""
    return json.dumps(data, indent=2, ensure_ascii=False)


def export_mail(session: Session, citizen: Citizen, now: dt.datetime,
                conversation_id: Optional[int] = None) -> Outbound:
    """The export as a mail to the citizen's proven address, in the citizen's language."""
    from bot.texts import text

    return Outbound(channel=Channel.EMAIL.value, address=citizen.email, author="system",
                    conversation_id=conversation_id, subject=text(citizen.lang, "my_data_subject"),
                    text=text(citizen.lang, "my_data_body", data=as_text(export(session, citizen, now))),
                    meta={"kind": "data_export"})


def mask_email(email: str) -> str:
    """``s***@example.org``: enough for the citizen to recognise, little for someone reading over a shoulder."""
    local, _at, domain = email.partition("@")
    return f"{local[:1]}***@{domain}"


# ---- erasure ---------------------------------------------------------------------------------------------
def erase_person(session: Session, identity: ChannelIdentity, now: dt.datetime, var_dir: Path, reason: str) -> None:
    """HAPUS DATA from a chat: the whole citizen when registered, else what this address left behind."""
    if identity.citizen is not None:
        erase_citizen(session, identity.citizen, now, var_dir, reason)
        return
    for conversation in session.scalars(select(Conversation).where(Conversation.identity_id == identity.id)):
        forget_conversation(session, conversation, now, var_dir, reason)
    _forget_verification(session, [identity.id], None)
    _forget_identity(identity)
    session.flush()


def erase_citizen(session: Session, citizen: Citizen, now: dt.datetime, var_dir: Path, reason: str) -> bool:
    """Anonymise the citizen and everything personal they left; False when that was already done."""
    if citizen.erased_at is not None:
        return False
    identities = list(citizen.identities)
    conversations = _conversation_ids(session, citizen.id, [i.id for i in identities])
    for conversation in session.scalars(select(Conversation).where(Conversation.id.in_(conversations))):
        forget_conversation(session, conversation, now, var_dir, reason)
    tickets = list(session.scalars(select(Consultation).where(Consultation.citizen_id == citizen.id)))
    _forget_tickets(session, tickets, now)
    survey_answers.forget_profiles(session, [t.id for t in tickets])
    for rating in session.scalars(select(Rating).where(Rating.citizen_id == citizen.id, Rating.comment.is_not(None))):
        rating.comment = ERASED
    for complaint in session.scalars(select(Complaint).where(Complaint.citizen_id == citizen.id)):
        complaint.text, complaint.response = ERASED, complaint.response and ERASED
        if complaint.reference:  # its mail to the complaint address quotes the complaint and names the citizen
            _forget_messages(session, select(Message).where(
                Message.conversation_id.is_(None), Message.author == "system",
                Message.body.contains(complaint.reference, autoescape=True)), var_dir)
    stray = or_(*[(Message.channel == i.channel) & (Message.address == i.address) for i in identities],
                Message.address == (citizen.email or ""), Message.address == (citizen.phone or ""))
    _forget_messages(session, select(Message).where(stray), var_dir)  # e.g. a mail not tied to a conversation
    _forget_verification(session, [i.id for i in identities], citizen.email)
    for identity in identities:
        _forget_identity(identity)
    citizen.name, citizen.email, citizen.phone = f"Warga terhapus #{citizen.id}", None, None
    citizen.unverified_phone = None
    citizen.email_verified_at, citizen.erased_at = None, now
    session.flush()
    log.info("citizen %s erased (%s)", citizen.id, "retention" if reason == "retention" else "request")
    return True


def forget_conversation(session: Session, conversation: Conversation, now: dt.datetime, var_dir: Path,
                        reason: str) -> None:
    """The conversation's words, files and scratch data; it ends, and its open tickets close."""
    _forget_messages(session, select(Message).where(Message.conversation_id == conversation.id), var_dir)
    tickets = list(session.scalars(select(Consultation).where(Consultation.conversation_id == conversation.id)))
    _forget_tickets(session, tickets, now)
    conversation.context = {}
    conversation.remind_at = conversation.close_at = None
    if conversation.ended_at is None:
        conversation.state, conversation.ended_at, conversation.end_reason = "closed", now, "erased"
    conversation.anonymised_at = conversation.anonymised_at or now


def _forget_tickets(session: Session, tickets: list[Consultation], now: dt.datetime) -> None:
    """Free text goes; ticket number, channel, status, times and officer stay for the statistics."""
    for ticket in tickets:
        if ticket.status in OPEN_STATUSES:
            ticket.status, ticket.closed_at, ticket.close_reason = ConsultationStatus.CLOSED.value, now, "erased"
        for column in TICKET_TEXT:
            if getattr(ticket, column):
                setattr(ticket, column, ERASED)
    ids = [t.id for t in tickets]
    for note in session.scalars(select(Note).where(Note.consultation_id.in_(ids))):
        note.text = ERASED
    for follow_up in session.scalars(select(FollowUp).where(FollowUp.consultation_id.in_(ids))):
        follow_up.link = None
    session.execute(update(RequestChange).where(RequestChange.consultation_id.in_(ids))
                    .values(old=ERASED, new=ERASED))  # officers' corrections of the citizen's words


def _forget_messages(session: Session, query, var_dir: Path) -> None:
    messages = [m for m in session.scalars(query) if not m.address.startswith(ERASED_PREFIX) or m.body != ERASED]
    bodies = {m.body for m in messages if m.direction == "in" and m.body}
    for message in messages:
        message.body, message.meta, message.error = ERASED, {}, None
        if message.status in UNSENT:
            message.status = "erased"  # never sent now: the delivery job claims only queued rows
        if not message.address.startswith(ERASED_PREFIX):
            message.address = placeholder()
        for attachment in message.attachments:
            _forget_file(session, attachment, var_dir)
    ids = [m.id for m in messages]
    for raw in session.scalars(select(RawMail).where(RawMail.message_id.in_(ids))):
        session.delete(raw)
    _forget_unanswered(session, bodies)


def _forget_file(session: Session, attachment: Attachment, var_dir: Path) -> None:
    """Delete the file unless another person's message holds the same bytes (mail files are content-addressed)."""
    path = attachment.path
    attachment.filename, attachment.path, attachment.source_url, attachment.status = ERASED, None, None, "erased"
    if not path:
        return
    shared = session.scalar(select(Attachment.id).where(Attachment.path == path, Attachment.id != attachment.id)
                            .limit(1))
    if shared is None:
        (Path(var_dir) / path).unlink(missing_ok=True)


def _forget_unanswered(session: Session, bodies: set[str]) -> None:
    """A question nobody could answer keeps its count; its example, the citizen's own words, goes."""
    from bot import intent

    keys = {intent.normalize(b)[:255] for b in bodies} - {""}
    for query in session.scalars(select(UnansweredQuery).where(UnansweredQuery.normalized.in_(keys))):
        query.example = ERASED
        query.normalized = f"{ERASED_PREFIX}{query.id}"


def _forget_verification(session: Session, identity_ids: list[int], email: Optional[str]) -> None:
    """Code-mail counts name the address typed; they only serve limits of the last day, so they simply go."""
    who = VerificationEvent.identity_id.in_(identity_ids)
    if email:
        who = or_(who, VerificationEvent.address == email)
    session.execute(delete(VerificationEvent).where(who))


def _forget_identity(identity: ChannelIdentity) -> None:
    if not identity.address.startswith(ERASED_PREFIX):
        identity.address = placeholder()
    identity.display_name = None


# ---- retention -------------------------------------------------------------------------------------------
def due_for_retention(session: Session, cutoff: dt.datetime, limit: int) -> list[int]:
    """Conversations ended before ``cutoff`` and not yet anonymised, oldest first."""
    return list(session.scalars(select(Conversation.id).where(
        Conversation.ended_at <= cutoff, Conversation.anonymised_at.is_(None))
        .order_by(Conversation.ended_at).limit(limit)))


def retire(session: Session, conversation: Conversation, now: dt.datetime, cutoff: dt.datetime,
           var_dir: Path) -> str:
    """Anonymise one old conversation; its person too when nothing of theirs is newer than ``cutoff``."""
    forget_conversation(session, conversation, now, var_dir, "retention")
    citizen, identity = conversation.citizen, conversation.identity
    audit(session, "retention", actor="retention", citizen_id=citizen.id if citizen else None,
          conversation_id=conversation.id)
    if citizen is not None:
        if not _active_since(session, citizen.id, [i.id for i in citizen.identities], cutoff):
            erase_citizen(session, citizen, now, var_dir, "retention")
            return "citizens anonymised"
    elif identity.citizen_id is None and not _active_since(session, None, [identity.id], cutoff):
        _forget_identity(identity)
    return "conversations anonymised"


def _active_since(session: Session, citizen_id: Optional[int], identity_ids: list[int], cutoff: dt.datetime) -> bool:
    """Anything the person still has going: a conversation not ended (or ended after ``cutoff``), an open ticket."""
    conversations = _conversation_ids(session, citizen_id, identity_ids)
    live = session.scalar(select(Conversation.id).where(
        Conversation.id.in_(conversations), or_(Conversation.ended_at.is_(None), Conversation.ended_at > cutoff))
        .limit(1))
    if live is not None or citizen_id is None:
        return live is not None
    return session.scalar(select(Consultation.id).where(Consultation.citizen_id == citizen_id,
                                                        Consultation.status.in_(OPEN_STATUSES)).limit(1)) is not None


def scrub_sent_notices(session: Session, limit: int) -> int:
    """The erasure notice keeps its real address only until it has been sent (or given up on)."""
    rows = session.scalars(select(Message).join(Conversation, Message.conversation_id == Conversation.id).where(
        Conversation.anonymised_at.is_not(None), Message.direction == "out", Message.status.not_in(UNSENT),
        Message.address.not_like(f"{ERASED_PREFIX}%")).limit(limit)).all()
    for row in rows:
        row.address, row.error = placeholder(), None
    return len(rows)

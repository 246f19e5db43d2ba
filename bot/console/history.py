"""A citizen's whole story for the conversation view: every conversation on every channel.

The bot's messages, the citizen's, officers' replies and their attachments, oldest first, plus
the knowledge suggestions for the latest question and the WhatsApp 24-hour window check.
"""
from __future__ import annotations

import datetime as dt
from typing import Optional

from sqlalchemy import or_, select
from sqlalchemy.orm import Session, selectinload

from bot.envelope import Channel
from bot.models import ChannelIdentity, Consultation, Conversation, FollowUp, Message, Note, Rating

LIMIT = 500
UNDELIVERED = ("failed", "undelivered", "undeliverable")
WHATSAPP_WINDOW = dt.timedelta(hours=24)


def conversation_ids(session: Session, consultation: Consultation) -> list[int]:
    clause = Conversation.id == consultation.conversation_id
    if consultation.citizen_id is not None:
        clause = or_(clause, Conversation.citizen_id == consultation.citizen_id)
    return list(session.scalars(select(Conversation.id).where(clause)))


def messages(session: Session, consultation: Consultation, after: int = 0) -> list[Message]:
    """The newest ``LIMIT`` messages after id ``after``, oldest first."""
    ids = conversation_ids(session, consultation)
    rows = session.scalars(
        select(Message).where(or_(Message.conversation_id.in_(ids), Message.consultation_id == consultation.id),
                              Message.id > after)
        .options(selectinload(Message.attachments)).order_by(Message.id.desc()).limit(LIMIT)).all()
    return list(reversed(rows))


def last_question(session: Session, consultation: Consultation) -> str:
    """What the citizen wrote on this ticket after it was opened, else the ticket's own question.

    The message that opened the ticket answered the last clarifying question ("for a thesis"),
    which is no question to search for.
    """
    opened = consultation.clarified_at or consultation.opened_at
    body = session.scalar(select(Message.body).where(
        Message.consultation_id == consultation.id, Message.direction == "in", Message.created_at > opened)
        .order_by(Message.id.desc()).limit(1))
    return body or consultation.question or ""


def request_text(session: Session, consultation: Consultation) -> str:
    """The whole request to find suggestions for: the question, what data is needed, and the latest message.

    The last message alone is often a detail ("untuk tahun 2023") that names no topic."""
    parts = [consultation.question, consultation.data_needed, last_question(session, consultation)]
    kept = []
    for part in filter(None, (p.strip() for p in parts if p)):
        if part.lower() not in (k.lower() for k in kept):
            kept.append(part)
    return "\n".join(kept)


def whatsapp_window_closed(session: Session, consultation: Consultation, now: dt.datetime) -> bool:
    """WhatsApp accepts free-form text only within 24 hours of the citizen's last message."""
    if consultation.channel != Channel.WHATSAPP.value:
        return False
    identity = session.scalar(select(ChannelIdentity).join(Conversation, Conversation.identity_id == ChannelIdentity.id)
                              .where(Conversation.id == consultation.conversation_id))
    last = identity.last_inbound_at if identity else None
    return last is None or now - last > WHATSAPP_WINDOW


def notes(session: Session, consultation: Consultation) -> list[Note]:
    return list(session.scalars(select(Note).where(Note.consultation_id == consultation.id).order_by(Note.id)))


def follow_ups(session: Session, consultation: Consultation) -> list[FollowUp]:
    return list(session.scalars(select(FollowUp).where(FollowUp.consultation_id == consultation.id)
                                .order_by(FollowUp.starts_at)))


def rating(session: Session, consultation: Consultation) -> Optional[Rating]:
    return session.scalar(select(Rating).where(Rating.consultation_id == consultation.id))


def resend_address(message: Message, consultation: Consultation) -> Optional[str]:
    """The verified e-mail an undelivered outbound message may go to instead, once; None if there is none.

    Only messages that failed on another channel qualify: a mail the server refused (SMTP 550)
    would only be refused again.
    """
    email = consultation.citizen.email if consultation.citizen else None
    if (message.direction != "out" or message.status not in UNDELIVERED or message.channel == Channel.EMAIL.value
            or not email or (message.meta or {}).get("resent_as")):
        return None
    return email

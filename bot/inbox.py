"""Accepting an inbound message: stored (with its identity and conversation) before anything else.

``accept`` is idempotent on (channel, external id), so a webhook delivered twice or a mail fetched
again after a crash is stored once and processed once.
"""
from __future__ import annotations

from typing import Optional

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from bot import clock
from bot.envelope import Inbound
from bot.models import ChannelIdentity, Conversation, Message
from bot.states import State


def identity_for(session: Session, channel: str, address: str, display_name: Optional[str] = None) -> ChannelIdentity:
    query = select(ChannelIdentity).where(ChannelIdentity.channel == channel, ChannelIdentity.address == address)
    identity = session.scalar(query)
    if identity is None:
        try:
            with session.begin_nested():
                identity = ChannelIdentity(channel=channel, address=address, display_name=display_name,
                                           created_at=clock.now())
                session.add(identity)
        except IntegrityError:  # created by a concurrent request
            identity = session.scalar(query)
    if display_name and identity.display_name != display_name:
        identity.display_name = display_name[:120]
    return identity


def conversation_for(session: Session, identity: ChannelIdentity, hint: Optional[int] = None,
                     new: bool = False) -> Conversation:
    """The identity's open conversation, or a new one when the last has ended.

    A channel that threads its messages (e-mail: ticket tag, In-Reply-To) passes ``hint``, used when it
    is an open conversation of this identity; with ``new`` an unthreaded message starts a conversation.
    """
    conversation = session.get(Conversation, hint) if hint else None
    if conversation is None or conversation.identity_id != identity.id or conversation.ended_at is not None:
        conversation = None if new else session.scalar(
            select(Conversation).where(Conversation.identity_id == identity.id, Conversation.ended_at.is_(None))
            .order_by(Conversation.id.desc()).limit(1))
    if conversation is None:
        now = clock.now()
        conversation = Conversation(identity=identity, citizen_id=identity.citizen_id, state=State.NEW.value,
                                    lang="id", context={}, created_at=now, last_activity_at=now)
        session.add(conversation)
        session.flush()
    return conversation


def find(session: Session, channel: str, external_id: str) -> Optional[Message]:
    return session.scalar(select(Message).where(Message.channel == channel, Message.external_id == external_id))


def accept(session: Session, inbound: Inbound, *, status: str = "received", flagged: bool = False,
           error: Optional[str] = None, conversation_hint: Optional[int] = None,
           new_conversation: bool = False) -> tuple[Message, bool]:
    """Store ``inbound``; returns (message, created). The caller commits, then enqueues processing.

    ``conversation_hint`` / ``new_conversation``: see :func:`conversation_for` (e-mail threading)."""
    existing = find(session, inbound.channel, inbound.external_id)
    if existing is not None:
        return existing, False
    identity = identity_for(session, inbound.channel, inbound.address, inbound.profile_name)
    identity.last_inbound_at = inbound.received_at
    conversation = conversation_for(session, identity, conversation_hint, new_conversation)
    meta = dict(inbound.meta)
    if inbound.profile_name:
        meta["profile_name"] = inbound.profile_name
    message = Message(direction="in", channel=inbound.channel, address=inbound.address,
                      external_id=inbound.external_id, author="citizen", body=inbound.text, status=status,
                      flagged=flagged, error=error, meta=meta, conversation_id=conversation.id,
                      created_at=inbound.received_at)
    try:
        with session.begin_nested():
            session.add(message)
    except IntegrityError:  # the same message arrived twice at once
        return find(session, inbound.channel, inbound.external_id), False
    return message, True

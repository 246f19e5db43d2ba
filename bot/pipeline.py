"""What happens to a stored message: the engine answers, the answers become outbox rows.

Used alike by the RQ job, the terminal chat and the officer commands; the callers commit and then
enqueue the returned rows (see :mod:`workers.jobs`).
"""
from __future__ import annotations

import logging
from typing import Optional

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot import inbox, outbox, services
from bot.envelope import Outbound
from bot.models import Consultation, Conversation, Message, OPEN_STATUSES, Officer
from bot.states import Event
from bot.texts import text

log = logging.getLogger(__name__)


class NotFound(LookupError):
    """No such ticket (or it is no longer open)."""


def process(session: Session, message_id: int) -> list[Message]:
    """Run the engine on this message and on any earlier unprocessed one of the same conversation.

    A message the webhook stored unresolved gets its identity and conversation here first."""
    message = session.get(Message, message_id)
    if message is None or message.direction != "in" or message.status != "received":
        return []
    if message.conversation_id is None:
        inbox.resolve(session, message)
    # Lock the conversation first: a second job for the same message waits here, then finds it done.
    conversation = session.get(Conversation, message.conversation_id, with_for_update=True)
    pending = session.scalars(
        select(Message).where(Message.conversation_id == message.conversation_id, Message.direction == "in",
                              Message.status == "received", Message.id <= message.id).order_by(Message.id)).all()
    engine = services.engine(session)
    rows: list[Message] = []
    for item in pending:
        rows += outbox.store(session, engine.process(item))
        log.info("message %s processed: conversation %s now %s", item.id, conversation.id, conversation.state)
    return rows


def flag_failed(session: Session, message_id: int) -> list[Message]:
    """Mark a message the engine choked on, and tell the citizen a person will read it."""
    message = session.get(Message, message_id)
    if message is None or message.status != "received":
        return []
    if message.conversation_id is None:  # the failed attempt's resolution was rolled back with it
        inbox.resolve(session, message)
    message.status, message.flagged, message.error = "failed", True, "engine error; see the worker log"
    conversation = session.get(Conversation, message.conversation_id)
    identity = conversation.identity
    apology = Outbound(channel=identity.channel, address=identity.address, conversation_id=conversation.id,
                       text=text(conversation.lang, "engine_error"))
    return outbox.store(session, [apology])


def locked(session: Session, consultation: Consultation) -> Consultation:
    """The ticket, read again once its conversation is locked (the engine's lock order), before a reply or close:
    a close another officer committed meanwhile is seen, not undone or announced twice."""
    session.get(Conversation, consultation.conversation_id, with_for_update=True)
    session.refresh(consultation)
    return consultation


def open_ticket(session: Session, ticket: str) -> Consultation:
    """An open ticket by number, locked (see :func:`locked`), for an officer's reply or close."""
    consultation = session.scalar(select(Consultation).where(Consultation.ticket == ticket.strip().upper()))
    if consultation is None or locked(session, consultation).status not in OPEN_STATUSES:
        raise NotFound(f"{ticket} is not an open consultation")
    return consultation


def officer_reply(session: Session, consultation: Consultation, text: str,
                  officer: Optional[Officer] = None) -> list[Message]:
    """Send an officer's reply to the citizen on the ticket's channel; the bot goes quiet."""
    conversation = session.get(Conversation, consultation.conversation_id, with_for_update=True)
    if consultation.assigned_officer_id is None and officer is not None:
        consultation.assigned_officer_id = officer.id
    out = services.engine(session).fire(
        conversation, Event.OFFICER_REPLY, consultation=consultation, text=text.strip(),
        officer_name=officer.name if officer else "PST", officer_id=officer.id if officer else None)
    return outbox.store(session, out)


def close(session: Session, consultation: Consultation, officer: Optional[Officer] = None,
          outcome: Optional[str] = None) -> list[Message]:
    """An officer closes the ticket; the citizen is asked for a rating."""
    conversation = session.get(Conversation, consultation.conversation_id, with_for_update=True)
    if conversation.ended_at is not None:  # the citizen left that conversation: reopen it for the rating
        conversation.ended_at = None
    out = services.engine(session).fire(conversation, Event.OFFICER_CLOSE, consultation=consultation,
                                        outcome=outcome, officer_id=officer.id if officer else None)
    return outbox.store(session, out)

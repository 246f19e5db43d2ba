"""Citizen silence: a reminder at ``INACTIVITY_REMINDER_AFTER``, the close at ``INACTIVITY_CLOSE_AFTER``.

The engine moves ``remind_at``/``close_at`` after every turn and clears them while the office owes
the answer (a consultation waiting for its first reply, a hand-off whose last word is the
citizen's), so whatever state a conversation is in,
a deadline that is set is a deadline the citizen is running out of. A detour can leave that state
while the office still owes the first reply (a complaint begun while waiting): such deadlines are
dropped here, not acted on. A conversation waiting for a rating is reminded with the rating question
itself, once per ticket. The close is the engine's own
``INACTIVITY_CLOSE`` event: an open ticket closes with reason ``no_response`` and the rating
question follows; without one the conversation simply ends.
"""
from __future__ import annotations

import datetime as dt
import math
from typing import Optional

from flask import Flask
from sqlalchemy import and_, exists, or_, select
from sqlalchemy.orm import Session

from bot import choices, clock, inbox, outbox, services
from bot.context import Context
from bot.envelope import Outbound
from bot.models import OPEN_STATUSES, Consultation, Conversation, Message
from bot.states import Event, State, office_owes
from bot.texts import text

MODEL = Conversation
DAY = dt.timedelta(days=1)


def due(_app: Flask, session: Session, now: dt.datetime, limit: int) -> list[int]:
    """Conversations whose close is due, or whose reminder is due and not yet sent."""
    return list(session.scalars(
        select(Conversation.id).where(
            Conversation.ended_at.is_(None),
            or_(Conversation.close_at <= now,
                and_(Conversation.remind_at <= now, Conversation.reminded_at.is_(None))))
        .order_by(Conversation.id).limit(limit)))


def act(app: Flask, session: Session, conversation: Conversation) -> tuple[Optional[str], list[Message]]:
    """On the locked row: close, remind, or nothing if a turn moved the deadline meanwhile."""
    now = clock.now()
    if conversation.ended_at is not None or _unprocessed_reply(session, conversation):
        return None, []  # a citizen message waits to be processed: it resets the deadline
    if office_owes(State(conversation.state), citizen_wrote_last=False,
                   first_reply_pending=_first_reply_pending(session, conversation)):
        conversation.remind_at = conversation.close_at = None
        return None, []
    if conversation.close_at is not None and conversation.close_at <= now:
        out = services.engine(session, app).fire(conversation, Event.INACTIVITY_CLOSE)
        return "closed", outbox.store(session, out)
    if conversation.remind_at is not None and conversation.remind_at <= now and conversation.reminded_at is None:
        conversation.reminded_at = now
        reminder = (_rating_reminder(session, conversation, now) if conversation.state == State.RATING.value
                    else _reminder(session, conversation, now))
        return ("reminded", outbox.store(session, [reminder])) if reminder else (None, [])
    return None, []


def _days_left(conversation: Conversation, now: dt.datetime) -> int:
    return max(1, math.ceil((conversation.close_at - now) / DAY)) if conversation.close_at else 1


def _reminder(session: Session, conversation: Conversation, now: dt.datetime) -> Outbound:
    days = _days_left(conversation, now)
    identity = conversation.identity
    ticket_id = session.scalar(
        select(Consultation.id).where(Consultation.conversation_id == conversation.id,
                                      Consultation.status.in_(OPEN_STATUSES))
        .order_by(Consultation.id.desc()).limit(1))
    return Outbound(channel=identity.channel, address=identity.address,
                    text=text(conversation.lang, "inactivity_reminder", days=days),
                    conversation_id=conversation.id, consultation_id=ticket_id,
                    meta={"kind": "inactivity_reminder"})


def _rating_reminder(session: Session, conversation: Conversation, now: dt.datetime) -> Optional[Outbound]:
    """The rating question once more, with its list, at most once per ticket (the close follows in silence)."""
    ctx = Context.load(conversation.context)
    consultation = session.get(Consultation, ctx.rating_for) if ctx.rating_for else None
    if consultation is None or consultation.rating_reminded_at is not None:
        return None
    consultation.rating_reminded_at = now
    lang, identity = conversation.lang, conversation.identity
    offered = choices.offer(ctx, conversation.id, choices.named("rating", lambda key: text(lang, key)), lang)
    conversation.context = ctx.dump()
    return Outbound(channel=identity.channel, address=identity.address,
                    text=text(lang, "rating_reminder", ticket=consultation.ticket, days=_days_left(conversation, now)),
                    conversation_id=conversation.id,
                    consultation_id=consultation.id, choices=offered,
                    meta={"kind": "inactivity_reminder", "template": "rating", "ticket": consultation.ticket})


def _first_reply_pending(session: Session, conversation: Conversation) -> bool:
    """An open ticket of this conversation still waits for its first officer reply."""
    return bool(session.scalar(select(exists().where(
        Consultation.conversation_id == conversation.id, Consultation.status.in_(OPEN_STATUSES),
        Consultation.first_response_at.is_(None)))))


def _unprocessed_reply(session: Session, conversation: Conversation) -> bool:
    """Also a message the webhook stored unresolved (no conversation yet) from this conversation's citizen."""
    identity = conversation.identity
    mine = and_(Message.conversation_id == conversation.id, Message.direction == "in")
    return bool(session.scalar(select(exists().where(
        or_(mine, inbox.unresolved(identity.channel, identity.address)), Message.status == "received"))))

"""Storing one inbound WhatsApp message in the request's transaction, and the jobs to start after commit.

Everything a webhook stores is written here in one transaction (message, attachments, and for
unreadable messages the "text please" outbox row), so a failure leaves nothing half-stored. The
work itself (engine, downloads, sends) happens in jobs enqueued only after the commit.

Plain text messages, nearly all traffic, take the short way (:class:`TextIntake`): stored
unresolved, many concurrent requests in one INSERT and their jobs in one Redis round trip, and the
processing job settles who wrote them and in which conversation. Media and unreadable messages are
stored by :func:`store`, eagerly, because what happens to them depends on the conversation's state
(hand-off or not) and language.
"""
from __future__ import annotations

import dataclasses
from typing import Optional

from flask import Flask
from sqlalchemy.orm import Session

from bot import inbox, outbox
from bot.channels.whatsapp.inbound import Received
from bot.db import HeldConnection, get_db
from bot.envelope import Inbound, Outbound
from bot.groupcommit import GroupCommit
from bot.models import Attachment, Conversation, Message
from bot.states import State
from bot.texts import text

UNREADABLE = "unsupported"  # inbound status the engine skips: answered here with "text please"
HANDOFF_STATES = (State.WAITING.value, State.HANDOFF.value)  # media then goes to the officer
STATEMENT_TIMEOUT_MS = 10_000  # under Twilio's 15 s: a stuck database answers 503, not a timeout


@dataclasses.dataclass
class Intake:
    message: Message
    created: bool
    replies: list[Message] = dataclasses.field(default_factory=list)
    attachments: list[Attachment] = dataclasses.field(default_factory=list)

    def start_jobs(self, app: Optional[Flask] = None) -> None:
        """After commit: the engine run (or the ready-made reply) and one download per attachment."""
        from bot.channels.whatsapp import media
        from workers.jobs import enqueue_delivery, enqueue_processing

        if not self.created:
            return
        if self.replies:
            enqueue_delivery(self.replies, app)
        elif self.message.status == "received":
            enqueue_processing(self.message.id, app)
        media.enqueue_downloads(self.attachments, app)


def _wants_text(session: Session, received: Received, message: Message) -> bool:
    """Locations, contacts, stickers always; bare media only outside a hand-off (nobody to show it to)."""
    if not received.readable:
        return True
    if received.inbound.text:
        return False
    state = session.get(Conversation, message.conversation_id).state
    return state not in HANDOFF_STATES


def store(session: Session, received: Received) -> Intake:
    """Store the message once (a repeated MessageSid returns the first one with created=False)."""
    message, created = inbox.accept(session, received.inbound)
    if not created:
        return Intake(message, False)
    intake = Intake(message, True)
    if _wants_text(session, received, message):
        message.status = UNREADABLE
        conversation = session.get(Conversation, message.conversation_id)
        intake.replies = outbox.store(session, [Outbound(
            channel=message.channel, address=message.address, text=text(conversation.lang, "text_only"),
            conversation_id=conversation.id, meta={"in_reply_to": message.id})])
    if received.readable:
        for n, item in enumerate(received.media):
            attachment = Attachment(message=message, filename=f"media-{n}", content_type=item.content_type,
                                    source_url=item.url[:1024], status="pending")
            session.add(attachment)
            intake.attachments.append(attachment)
    session.flush()
    return intake


class TextIntake:
    """Plain texts: committed and enqueued before each request answers, many requests per round trip.

    Concurrent webhook requests (gunicorn threads) share one :class:`~bot.groupcommit.GroupCommit`:
    one ``INSERT … SELECT FROM unnest`` on a connection this process keeps
    (:class:`~bot.db.HeldConnection`), then one RQ ``enqueue_many`` for the new rows. A lone request
    is written by its own thread at once. If Redis cannot take the jobs the rows stay committed and
    the sweeper's redelivery enqueues them (``workers.redelivery``); if the database fails, every
    request of that batch gets the error (the webhook answers 503 and Twilio may retry), also when a
    statement runs past :data:`STATEMENT_TIMEOUT_MS`.
    """

    def __init__(self, app: Flask):
        self.app = app
        self.connection = HeldConnection(get_db(app).engine, statement_timeout_ms=STATEMENT_TIMEOUT_MS)
        self.group: GroupCommit[Inbound, Optional[int]] = GroupCommit(self._write)

    def store(self, inbound: Inbound) -> Optional[int]:
        """The new message's id (committed, processing enqueued), or None when the MessageSid is known."""
        return self.group.submit(inbound)

    def _write(self, batch: list[Inbound]) -> list[Optional[int]]:
        from workers.jobs import enqueue_processing_many

        ids = inbox.commit_unresolved_many(self.connection.engine, batch, self.connection)
        new = [message_id for message_id in ids if message_id is not None]
        if new:
            enqueue_processing_many(new, self.app)
        return ids

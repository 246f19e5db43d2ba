"""Storing one inbound WhatsApp message in the request's transaction, and the jobs to start after commit.

Everything a webhook stores is written here in one transaction (message, attachments, and for
unreadable messages the "text please" outbox row), so a failure leaves nothing half-stored. The
work itself (engine, downloads, sends) happens in jobs enqueued only after the commit.

Plain text messages, nearly all traffic, do not come here: the webhook stores them with one
INSERT (``inbox.commit_unresolved``) and the processing job settles who wrote them and in which
conversation. Media and unreadable messages are stored here, eagerly, because what happens to them
depends on the conversation's state (hand-off or not) and language.
"""
from __future__ import annotations

import dataclasses
from typing import Optional

from flask import Flask
from sqlalchemy.orm import Session

from bot import inbox, outbox
from bot.channels.whatsapp.inbound import Received
from bot.envelope import Outbound
from bot.models import Attachment, Conversation, Message
from bot.states import State
from bot.texts import text

UNREADABLE = "unsupported"  # inbound status the engine skips: answered here with "text please"
HANDOFF_STATES = (State.WAITING.value, State.HANDOFF.value)  # media then goes to the officer


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

"""Drive the real engine as a citizen would: one message in, the bot's words out."""
from __future__ import annotations

import itertools
import uuid

from sqlalchemy import select

from bot import clock, inbox, pipeline
from bot.envelope import Channel, Inbound
from bot.models import Conversation, Message

_seq = itertools.count(1)


class Citizen:
    """A citizen on one channel address, talking to the app's engine through the real pipeline."""

    def __init__(self, app, channel: str = Channel.WHATSAPP.value, address: str = "+6281234567890",
                 profile_name: str | None = None):
        self.app, self.channel, self.address, self.profile_name = app, channel, address, profile_name
        self.outbox: list[Message] = []  # everything queued by the last turn, any channel

    def say(self, text: str, meta: dict | None = None) -> str:
        """Send ``text`` (with the channel's ``meta``); returns what the bot answered on this citizen's own channel."""
        with self.app.app_context(), self.app.extensions["db"].session() as session:
            message, _ = inbox.accept(session, Inbound(
                channel=self.channel, address=self.address, text=text, external_id=f"t-{uuid.uuid4()}",
                received_at=clock.now(), profile_name=self.profile_name, meta=meta or {}))
            session.commit()
            self.outbox = pipeline.process(session, message.id)
            session.commit()
            return self.replies(self.outbox)

    def replies(self, rows) -> str:
        return "\n\n".join(r.body for r in rows if r.channel == self.channel and r.address == self.address)

    def mailed(self) -> list[Message]:
        return [r for r in self.outbox if r.channel == Channel.EMAIL.value and r.channel != self.channel]

    def state(self) -> str:
        with self.app.app_context(), self.app.extensions["db"].session() as session:
            return session.scalar(select(Conversation.state).join(Conversation.identity)
                                  .where(Conversation.identity.has(channel=self.channel, address=self.address))
                                  .order_by(Conversation.id.desc()).limit(1))


def mailed_code(citizen: Citizen) -> str:
    """The verification code of the mail the last turn queued, as the mail sender will write it."""
    import re

    from bot import verification

    (mail,) = [r for r in citizen.outbox if r.meta.get("kind") == verification.KIND]
    body = verification.mail_text(mail, citizen.app.config["SETTINGS"].secret_key)
    return re.search(r"\b(\d{6})\b", body).group(1)


def next_address() -> str:
    return f"+62812{next(_seq):07d}"

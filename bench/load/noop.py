"""The baseline's worker app: the real one, with an engine that answers every message with one fixed text.

``flask --app bench.load.noop worker`` runs the same worker, queues, outbox and sender as
``flask --app wsgi worker``; only the engine is swapped (no production setting can turn the bot off).
What this stack achieves is the pipeline's own ceiling, with the engine's cost taken out.
"""
from __future__ import annotations

from bot import create_app, services
from bot.envelope import Outbound
from bot.models import Message

REPLY = "Terima kasih, pesan Anda sudah kami terima."


class NoopEngine:
    """Marks the message processed and answers it at once, reading nothing else."""

    def __init__(self, session, app=None):
        self.session = session

    def process(self, message: Message) -> list[Outbound]:
        if message.status != "received":
            return []
        message.status = "processed"
        return [Outbound(channel=message.channel, address=message.address, text=REPLY,
                         conversation_id=message.conversation_id)]


services.engine = NoopEngine  # bot.pipeline looks it up through the module at each call
app = create_app()

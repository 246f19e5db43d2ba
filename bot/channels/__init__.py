"""Channel adapters. Each turns its payloads into :class:`bot.envelope.Inbound` values on the way in
and implements :class:`Sender` on the way out; the engine knows none of them."""
from __future__ import annotations

import dataclasses
from typing import Any, Optional, Protocol

from flask import Flask, current_app

from bot.models import Message


class TemporaryError(Exception):
    """Worth retrying later (rate limit, server error, network)."""


class PermanentError(Exception):
    """Retrying cannot help (bad address, rejected content); shown to the officer."""


@dataclasses.dataclass
class SendResult:
    external_id: Optional[str] = None
    status: str = "sent"
    meta: dict[str, Any] = dataclasses.field(default_factory=dict)


class Sender(Protocol):
    def send(self, message: Message) -> SendResult: ...


def register_sender(app: Flask, channel: str, sender: Sender) -> None:
    app.extensions.setdefault("senders", {})[channel] = sender


def sender_for(channel: str, app: Optional[Flask] = None) -> Optional[Sender]:
    return (app or current_app).extensions.get("senders", {}).get(channel)

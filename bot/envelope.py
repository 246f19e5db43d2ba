"""The two values that cross between channels and the engine: what came in, what goes out."""
from __future__ import annotations

import dataclasses
import datetime as dt
import enum
from typing import TYPE_CHECKING, Any, Optional

if TYPE_CHECKING:
    from bot.choices import ChoiceSet


class Channel(str, enum.Enum):
    WHATSAPP = "whatsapp"
    EMAIL = "email"
    TERMINAL = "terminal"  # `flask chat`: a person at a keyboard playing a citizen


@dataclasses.dataclass(frozen=True)
class Inbound:
    """One message as a channel adapter received it, before anything is stored."""

    channel: str
    address: str  # E.164 phone for WhatsApp (+62…), lower-case address for e-mail
    text: str
    external_id: str  # MessageSid / Message-ID: the key that makes a re-delivery harmless
    received_at: dt.datetime
    profile_name: Optional[str] = None  # WhatsApp ProfileName or the mail's display name
    meta: dict[str, Any] = dataclasses.field(default_factory=dict)


@dataclasses.dataclass
class Outbound:
    """One message to send; the outbox stores it as a row before any job sends it."""

    channel: str
    address: str
    text: str
    author: str = "bot"  # bot / officer / system
    conversation_id: Optional[int] = None
    consultation_id: Optional[int] = None
    officer_id: Optional[int] = None
    subject: Optional[str] = None
    meta: dict[str, Any] = dataclasses.field(default_factory=dict)
    choices: Optional[ChoiceSet] = None  # what the citizen may tap or pick (bot.choices); each channel renders it


def proven_email(channel: str, address: str) -> Optional[str]:
    """The e-mail address a channel proves by itself (a mail's sender), if any."""
    if channel == Channel.EMAIL or (channel == Channel.TERMINAL and "@" in address):
        return address.lower()
    return None


def proven_phone(channel: str, address: str) -> Optional[str]:
    """The phone number a channel proves by itself (the WhatsApp sender), if any."""
    if channel == Channel.WHATSAPP or (channel == Channel.TERMINAL and "@" not in address):
        return address
    return None

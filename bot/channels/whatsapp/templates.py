"""WhatsApp's 24-hour window and the pre-approved templates sent outside it.

A free-form message may go out only within 24 hours of the citizen's last message; after that only
an approved template (``ContentSid``) may. Three templates can be configured, chosen by what the
message is: ``TWILIO_TEMPLATE_OFFICER_REPLY``, ``TWILIO_TEMPLATE_CLOSING`` and
``TWILIO_TEMPLATE_RATING``. Each gets the same two variables: ``{{1}}`` the ticket number (or "-")
and ``{{2}}`` the message text on one line, cut to 1,000 characters, so the citizen reads the actual
words. A message may name its template with ``meta["template"]``; otherwise officer replies use the
officer-reply template, messages about a closed ticket the closing one, and the rest of a rating
conversation the rating one.
"""
from __future__ import annotations

import datetime as dt
import json
import re
from typing import Optional

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot import clock
from bot.models import ChannelIdentity, Consultation, Conversation, Message
from bot.states import State

WINDOW = dt.timedelta(hours=24)
KINDS = ("officer_reply", "closing", "rating")
VARIABLE_LIMIT = 1000


def in_window(session: Session, message: Message) -> bool:
    """Did the citizen write to us on WhatsApp less than 24 hours ago?"""
    last = session.scalar(select(ChannelIdentity.last_inbound_at).where(
        ChannelIdentity.channel == message.channel, ChannelIdentity.address == message.address))
    if last is None and message.conversation_id:  # HAPUS DATA erased the address after the citizen wrote
        last = session.scalar(select(Conversation.last_inbound_at).where(Conversation.id == message.conversation_id))
    return last is not None and clock.now() - last < WINDOW


def kind_of(session: Session, message: Message) -> Optional[str]:
    """Which template this message calls for, if any (see the module docstring)."""
    meta = message.meta or {}
    if meta.get("template") in KINDS:
        return meta["template"]
    if message.author == "officer":
        return "officer_reply"
    consultation = session.get(Consultation, message.consultation_id) if message.consultation_id else None
    if consultation is not None and consultation.closed_at is not None:
        return "closing"
    conversation = session.get(Conversation, message.conversation_id) if message.conversation_id else None
    if conversation is not None and conversation.state == State.RATING.value:
        return "rating"
    return None


def content_sid(settings, kind: Optional[str]) -> Optional[str]:
    return getattr(settings, f"twilio_template_{kind}") if kind in KINDS else None


def variables(session: Session, message: Message) -> str:
    """``ContentVariables`` JSON: {{1}} ticket, {{2}} the text flattened (templates allow no newlines)."""
    ticket = (message.meta or {}).get("ticket")
    if ticket is None and message.consultation_id:
        ticket = session.get(Consultation, message.consultation_id).ticket
    flat = re.sub(r"\s+", " ", message.body).strip()
    if len(flat) > VARIABLE_LIMIT:
        flat = flat[:VARIABLE_LIMIT - 1].rstrip() + "…"
    return json.dumps({"1": ticket or "-", "2": flat}, ensure_ascii=False)

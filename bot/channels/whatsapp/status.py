"""Delivery status callbacks: statuses only move forward, whatever order Twilio's callbacks arrive in.

A row sent in several parts keeps each part's status in ``meta["parts"]``; the row shows the least
advanced part, or a failure of any part. A callback that overtakes the sending job (part 1 delivered
before part 2 is sent) only records its part; the job merges it when it finishes. A 63016 failure
reported here (WhatsApp reports the closed window after accepting the message) queues the same words
again as a template.
"""
from __future__ import annotations

import logging
import re
from typing import Mapping, Optional

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot import clock, outbox
from bot.envelope import Channel, Outbound
from bot.models import Message

log = logging.getLogger(__name__)
RANK = {"accepted": 1, "scheduled": 1, "queued": 1, "sending": 2, "sent": 3, "undelivered": 4, "failed": 4,
        "delivered": 5, "read": 6}
FAILED = ("failed", "undelivered")
IN_FLIGHT = (outbox.QUEUED, "sending")  # claimed by workers.jobs.deliver, or waiting for its retry
OUTSIDE_WINDOW = "63016"
MAX_ID = 2**31 - 1  # messages.id is a 32-bit integer: a larger ``m`` is refused, not sent to the database
_ID = re.compile(r"[0-9]{1,10}")  # ASCII only: str.isdigit() also takes "²", which int() refuses
SID = re.compile(r"[A-Za-z0-9]{2,64}")  # Twilio's SIDs are two letters and 32 hex digits


class InvalidCallback(ValueError):
    """The callback cannot be one we asked Twilio for; the text says what is wrong."""


def row_id(raw: Optional[str]) -> Optional[int]:
    """The ``m`` our callback URL carries: None when absent, InvalidCallback when it cannot be a row id."""
    if not raw:
        return None
    if not _ID.fullmatch(raw) or not 0 < int(raw) <= MAX_ID:
        raise InvalidCallback("m is not a message id")
    return int(raw)


def forward(current: Optional[str], new: str) -> bool:
    """Is ``new`` a step forward from ``current``? Unknown statuses never overwrite known ones."""
    return RANK.get(new, 0) > RANK.get(current or "", 0)


def overall(parts: Mapping[str, str]) -> str:
    """One status for a message sent in parts: any failure, else the least advanced part."""
    failed = [s for s in parts.values() if s in FAILED]
    if failed:
        return failed[0]
    return min(parts.values(), key=lambda s: RANK.get(s, 0))


def merge(recorded: Optional[Mapping[str, str]], sent: Mapping[str, str]) -> dict[str, str]:
    """The parts a job sent, in order, each at the more advanced of its own and a callback's status."""
    recorded = recorded or {}
    return {sid: recorded[sid] if forward(state, recorded.get(sid)) else state for sid, state in sent.items()}


def find(session: Session, sid: str, message_id: Optional[int]) -> Optional[Message]:
    """The row, locked: callbacks for two parts of one row arrive together, and each rewrites ``meta``."""
    if message_id is not None:
        row = session.get(Message, message_id, with_for_update=True)
        parts = (row.meta or {}).get("parts") if row is not None else None
        if row is not None and (not parts or sid in parts or row.status in IN_FLIGHT):  # in flight: parts unsaved
            return row
    return session.scalar(select(Message).where(Message.channel == Channel.WHATSAPP.value,
                                                Message.external_id == sid).with_for_update())


def apply(session: Session, form: Mapping[str, str], message_id: Optional[int]) -> list[Message]:
    """Record one callback; returns outbox rows to enqueue (a template retry), after the caller commits."""
    sid, status = (form.get("MessageSid") or "").strip(), (form.get("MessageStatus") or "").strip().lower()
    if not SID.fullmatch(sid):
        raise InvalidCallback("MessageSid is not a Twilio message SID")
    row = find(session, sid, message_id)
    if row is None or row.direction != "out":
        log.info("status callback for unknown message %s ignored", sid)
        return []
    parts = dict((row.meta or {}).get("parts") or {sid: row.status})
    if forward(parts.get(sid), status):
        parts[sid] = status
    error = re.sub(r"[^0-9A-Za-z]", "", form.get("ErrorCode") or "") or None  # a code; nothing else is kept
    row.meta = {**(row.meta or {}), "parts": parts}
    combined = overall(parts)
    in_flight = row.status in IN_FLIGHT  # more parts may follow: the job sets the row's status when done
    moved = not in_flight and forward(row.status, combined)
    if moved:
        row.status, row.status_at = combined, clock.now()
        log.info("message %s is %s", row.id, combined)
    if error and combined in FAILED and (moved or in_flight):
        row.error = f"Twilio error {error}"[:255]  # the column's length: PostgreSQL refuses more
    if status in FAILED and error == OUTSIDE_WINDOW and not row.meta.get("template"):
        return _as_template(session, row)
    return []


def _as_template(session: Session, row: Message) -> list[Message]:
    """The citizen's window closed before WhatsApp delivered: send the same words as a template, once."""
    if row.meta.get("template_retry"):
        return []
    row.meta = {**row.meta, "template_retry": True}
    meta = {"force_template": True, "retry_of": row.id}
    if "ticket" in row.meta:
        meta["ticket"] = row.meta["ticket"]
    return outbox.store(session, [Outbound(
        channel=row.channel, address=row.address, text=row.body, author=row.author,
        conversation_id=row.conversation_id, consultation_id=row.consultation_id, officer_id=row.officer_id,
        meta=meta)])

"""New activity per officer: which tickets have citizen messages they have not seen, and a safe preview.

"Read" means the officer had the ticket's page in front of them after the citizen's last message: opening
the page, or its live feed while the tab was visible, moves their mark to the newest message shown. A
message the bot or an officer wrote never makes a ticket unread.
"""
from __future__ import annotations

import datetime as dt
import re
from typing import Iterable

from sqlalchemy import and_, func, select, update
from sqlalchemy.orm import Session

from bot.db import insert_for
from bot.models import Message, TicketRead

PREVIEW_CHARS = 80
# The inbox shows a citizen's name and question, never their address or number: a preview hides them.
EMAIL = re.compile(r"[^\s@<>]+@[^\s@<>]+")
# A run of digits with spaces, dots or dashes, not inside a word or a ticket number (PST-2026-000012).
NUMBER = re.compile(r"(?<![\w-])\+?\d[\d .\-]*\d")
NUMBER_DIGITS = 9  # phone numbers have 10 or more, NIK 16; "2020-2023" (8) is a period, kept


def mark_seen(session: Session, officer_id: int, consultation_id: int, message_id: int, now: dt.datetime) -> None:
    """Move the officer's mark forward to ``message_id`` (never back: an older page load loses to a newer one)."""
    moved = session.execute(
        update(TicketRead).where(TicketRead.officer_id == officer_id, TicketRead.consultation_id == consultation_id,
                                 TicketRead.seen_message_id < message_id)
        .values(seen_message_id=message_id, seen_at=now)).rowcount
    if not moved:  # no row yet, or it is already this far: a concurrent insert wins harmlessly
        session.execute(insert_for(session, TicketRead).values(
            officer_id=officer_id, consultation_id=consultation_id, seen_message_id=message_id, seen_at=now)
            .on_conflict_do_nothing(index_elements=["officer_id", "consultation_id"]))


def unread(session: Session, officer_id: int, consultation_ids: Iterable[int]) -> dict[int, tuple[int, int]]:
    """``{consultation id: (citizen messages not seen, newest such message id)}`` for the tickets that have any."""
    ids = list(consultation_ids)
    if not ids:
        return {}
    mark = and_(TicketRead.consultation_id == Message.consultation_id, TicketRead.officer_id == officer_id)
    query = (select(Message.consultation_id, func.count(Message.id), func.max(Message.id))
             .outerjoin(TicketRead, mark)
             .where(Message.consultation_id.in_(ids), Message.direction == "in", Message.author == "citizen",
                    Message.id > func.coalesce(TicketRead.seen_message_id, 0))
             .group_by(Message.consultation_id))
    return {cid: (count, newest) for cid, count, newest in session.execute(query)}


def preview(body: str | None) -> str:
    """One line of a message for the inbox: addresses and long numbers hidden, at most ``PREVIEW_CHARS``."""
    text = " ".join((body or "").split())
    text = NUMBER.sub(_hide_long, EMAIL.sub("…", text))
    return text if len(text) <= PREVIEW_CHARS else text[:PREVIEW_CHARS - 1].rstrip() + "…"


def _hide_long(hit: re.Match) -> str:
    number = hit.group(0)
    return "…" if sum(ch.isdigit() for ch in number) >= NUMBER_DIGITS else number

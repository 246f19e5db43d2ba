"""What each officer has seen of a ticket, and the office's saved replies."""
from __future__ import annotations

import datetime as dt
from typing import Optional

from sqlalchemy import ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from bot.models.base import Base


class TicketRead(Base):
    """How far one officer has read one ticket: the newest message id shown to them on its page.

    A ticket is unread for an officer while the citizen wrote a message with a higher id. Ids only:
    erasing a citizen's data leaves nothing here to erase."""

    __tablename__ = "ticket_reads"
    __table_args__ = (UniqueConstraint("officer_id", "consultation_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    officer_id: Mapped[int] = mapped_column(ForeignKey("officers.id"))
    consultation_id: Mapped[int] = mapped_column(ForeignKey("consultations.id"), index=True)
    seen_message_id: Mapped[int]
    seen_at: Mapped[dt.datetime]


class SavedReply(Base):
    """A reply the office sends often; ``{nama}``, ``{tiket}`` and ``{tenggat}`` are filled per ticket."""

    __tablename__ = "saved_replies"

    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str] = mapped_column(String(80), unique=True)
    body: Mapped[str] = mapped_column(Text)
    updated_by_id: Mapped[Optional[int]] = mapped_column(ForeignKey("officers.id"))
    updated_at: Mapped[dt.datetime]

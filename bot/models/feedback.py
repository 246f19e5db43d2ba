"""What citizens tell the office about the service: ratings and complaints."""
from __future__ import annotations

import datetime as dt
import enum
from typing import Optional

from sqlalchemy import CheckConstraint, ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from bot.models.base import Base

RATING_LABELS = {1: "tidak baik", 2: "kurang baik", 3: "baik", 4: "sangat baik"}


class Rating(Base):
    __tablename__ = "ratings"
    __table_args__ = (CheckConstraint("score BETWEEN 1 AND 4", name="score_range"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    consultation_id: Mapped[int] = mapped_column(ForeignKey("consultations.id"), unique=True)
    citizen_id: Mapped[int] = mapped_column(ForeignKey("citizens.id"), index=True)
    score: Mapped[int]
    comment: Mapped[Optional[str]] = mapped_column(Text)
    created_at: Mapped[dt.datetime]


class ComplaintStatus(str, enum.Enum):
    NEW = "new"
    IN_PROGRESS = "in_progress"
    ANSWERED = "answered"
    CLOSED = "closed"


class Complaint(Base):
    """A complaint, kept even when its author never registers (``citizen_id`` is filled in when they do)."""

    __tablename__ = "complaints"

    id: Mapped[int] = mapped_column(primary_key=True)
    reference: Mapped[Optional[str]] = mapped_column(String(20), unique=True)  # ADU-2026-000012; NULL before 0010
    citizen_id: Mapped[Optional[int]] = mapped_column(ForeignKey("citizens.id"), index=True)
    conversation_id: Mapped[Optional[int]] = mapped_column(ForeignKey("conversations.id"), index=True)
    consultation_id: Mapped[Optional[int]] = mapped_column(ForeignKey("consultations.id"))
    channel: Mapped[str] = mapped_column(String(16))
    text: Mapped[str] = mapped_column(Text)
    status: Mapped[str] = mapped_column(String(16), default=ComplaintStatus.NEW.value)
    created_at: Mapped[dt.datetime]
    # The supervisors' handling (0019): who has it, when the answer is due, the answer sent and its message.
    due_at: Mapped[Optional[dt.datetime]] = mapped_column(index=True)
    assigned_officer_id: Mapped[Optional[int]] = mapped_column(ForeignKey("officers.id"))
    response: Mapped[Optional[str]] = mapped_column(Text)
    responded_at: Mapped[Optional[dt.datetime]]
    responded_by_id: Mapped[Optional[int]] = mapped_column(ForeignKey("officers.id"))
    response_message_id: Mapped[Optional[int]] = mapped_column(ForeignKey("messages.id"))
    updated_at: Mapped[Optional[dt.datetime]]

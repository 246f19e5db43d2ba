"""A consultation transaction: the ticket a citizen quotes and the deadlines the office promised."""
from __future__ import annotations

import datetime as dt
import enum
from typing import Optional

from sqlalchemy import ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from bot.models.base import Base
from bot.models.citizen import Citizen


class ConsultationStatus(str, enum.Enum):
    OPEN = "open"  # request clear, waiting for an officer
    IN_PROGRESS = "in_progress"  # an officer has answered
    CLOSED = "closed"
    CANCELLED = "cancelled"


OPEN_STATUSES = (ConsultationStatus.OPEN.value, ConsultationStatus.IN_PROGRESS.value)


class Consultation(Base):
    __tablename__ = "consultations"

    id: Mapped[int] = mapped_column(primary_key=True)
    ticket: Mapped[str] = mapped_column(String(20), unique=True)
    citizen_id: Mapped[int] = mapped_column(ForeignKey("citizens.id"), index=True)
    conversation_id: Mapped[Optional[int]] = mapped_column(ForeignKey("conversations.id"), index=True)
    channel: Mapped[str] = mapped_column(String(16))
    status: Mapped[str] = mapped_column(String(16), index=True)
    question: Mapped[str] = mapped_column(Text)  # in the citizen's own words
    request_type: Mapped[Optional[str]] = mapped_column(String(16))  # bot.request.KINDS; NULL before 0009
    data_needed: Mapped[Optional[str]] = mapped_column(Text)
    area: Mapped[Optional[str]] = mapped_column(String(255))
    period: Mapped[Optional[str]] = mapped_column(String(255))
    purpose: Mapped[Optional[str]] = mapped_column(Text)
    opened_at: Mapped[dt.datetime]
    clarified_at: Mapped[Optional[dt.datetime]]
    due_at: Mapped[Optional[dt.datetime]] = mapped_column(index=True)
    first_response_at: Mapped[Optional[dt.datetime]]
    closed_at: Mapped[Optional[dt.datetime]]
    close_reason: Mapped[Optional[str]] = mapped_column(String(24))  # officer / citizen / no_response / cancelled
    outcome: Mapped[Optional[str]] = mapped_column(Text)
    assigned_officer_id: Mapped[Optional[int]] = mapped_column(ForeignKey("officers.id"), index=True)
    assigned_at: Mapped[Optional[dt.datetime]]
    # SLA bookkeeping for the sweeper: each step happens once.
    sla_reminded_50_at: Mapped[Optional[dt.datetime]]
    sla_reminded_80_at: Mapped[Optional[dt.datetime]]
    breached_at: Mapped[Optional[dt.datetime]]
    escalated_at: Mapped[Optional[dt.datetime]]
    # An officer's "this one first" flag (e.g. "tolong cepat, besok pagi"): when and by whom; NULL = not flagged.
    priority_at: Mapped[Optional[dt.datetime]]
    priority_by_id: Mapped[Optional[int]] = mapped_column(ForeignKey("officers.id"))
    # The rating question and its one reminder, each at most once per ticket (issue 17).
    rating_asked_at: Mapped[Optional[dt.datetime]]
    rating_reminded_at: Mapped[Optional[dt.datetime]]

    citizen: Mapped[Citizen] = relationship()
    assigned_officer: Mapped[Optional["Officer"]] = relationship(foreign_keys=[assigned_officer_id])  # noqa: F821
    priority_by: Mapped[Optional["Officer"]] = relationship(foreign_keys=[priority_by_id])  # noqa: F821


class TicketCounter(Base):
    """Next number per series (``PST`` tickets, ``ADU`` complaints) and year; bumped with an atomic UPDATE."""

    __tablename__ = "ticket_counters"
    __table_args__ = (UniqueConstraint("series", "year"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    series: Mapped[str] = mapped_column(String(8), server_default="PST")
    year: Mapped[int]
    last: Mapped[int] = mapped_column(default=0)

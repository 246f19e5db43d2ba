"""Every message in or out, on any channel; outbound rows are also the outbox."""
from __future__ import annotations

import datetime as dt
from typing import Any, Optional

from sqlalchemy import JSON, BigInteger, ForeignKey, Integer, LargeBinary, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from bot.models.base import Base


class Message(Base):
    __tablename__ = "messages"
    __table_args__ = (UniqueConstraint("channel", "external_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    conversation_id: Mapped[Optional[int]] = mapped_column(ForeignKey("conversations.id"), index=True)
    consultation_id: Mapped[Optional[int]] = mapped_column(ForeignKey("consultations.id"), index=True)
    direction: Mapped[str] = mapped_column(String(3))  # "in" / "out"
    channel: Mapped[str] = mapped_column(String(16))
    address: Mapped[str] = mapped_column(String(254))  # the citizen's (or staff) address on the channel
    external_id: Mapped[Optional[str]] = mapped_column(String(255))  # MessageSid / Message-ID
    author: Mapped[str] = mapped_column(String(12))  # citizen / bot / officer / system
    officer_id: Mapped[Optional[int]] = mapped_column(ForeignKey("officers.id"))
    body: Mapped[str] = mapped_column(Text, default="")
    status: Mapped[str] = mapped_column(String(16), index=True)
    error: Mapped[Optional[str]] = mapped_column(String(255))
    flagged: Mapped[bool] = mapped_column(default=False)
    # Channel details: mail subject / In-Reply-To / References, WhatsApp template key, media counts.
    meta: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    next_attempt_at: Mapped[Optional[dt.datetime]] = mapped_column(index=True)
    created_at: Mapped[dt.datetime] = mapped_column(index=True)
    sent_at: Mapped[Optional[dt.datetime]]
    status_at: Mapped[Optional[dt.datetime]]

    attachments: Mapped[list["Attachment"]] = relationship(back_populates="message", order_by="Attachment.id")


class Attachment(Base):
    """Media or a mail attachment, stored under ``var/`` and shown to the officer."""

    __tablename__ = "attachments"

    id: Mapped[int] = mapped_column(primary_key=True)
    message_id: Mapped[int] = mapped_column(ForeignKey("messages.id"), index=True)
    filename: Mapped[str] = mapped_column(String(255))
    content_type: Mapped[str] = mapped_column(String(127))
    size: Mapped[Optional[int]]
    source_url: Mapped[Optional[str]] = mapped_column(String(1024))
    path: Mapped[Optional[str]] = mapped_column(String(1024))  # relative to VAR_DIR
    status: Mapped[str] = mapped_column(String(16), default="pending")  # pending / stored / too_large / failed

    message: Mapped[Message] = relationship(back_populates="attachments")


class RawMail(Base):
    """The original bytes of an inbound e-mail, always kept for the officer."""

    __tablename__ = "raw_mails"

    message_id: Mapped[int] = mapped_column(ForeignKey("messages.id"), primary_key=True)
    raw: Mapped[bytes] = mapped_column(LargeBinary)


class MailboxState(Base):
    """Where the IMAP poller stopped: UIDVALIDITY and the last UID stored, per folder."""

    __tablename__ = "mailbox_states"

    folder: Mapped[str] = mapped_column(String(255), primary_key=True)
    # IMAP UIDs and UIDVALIDITY are unsigned 32-bit: wider than PostgreSQL's INTEGER.
    uidvalidity: Mapped[int] = mapped_column(BigInteger)
    last_uid: Mapped[int] = mapped_column(BigInteger, default=0)

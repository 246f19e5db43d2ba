"""Citizens and the channel addresses they write from (one citizen, WhatsApp and e-mail)."""
from __future__ import annotations

import datetime as dt
from typing import Optional

from sqlalchemy import ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from bot.models.base import Base


class Citizen(Base):
    __tablename__ = "citizens"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(120))
    # Proven: the sender of a mail, or the code mailed to it; recognises a person and is where we may write.
    email: Mapped[Optional[str]] = mapped_column(String(254), unique=True)
    # Proven by the channel itself (the WhatsApp sender); the only phone that recognises a person.
    phone: Mapped[Optional[str]] = mapped_column(String(20), unique=True)
    # Typed on e-mail, never proven: a contact detail for officers, never used to link or reach anyone.
    unverified_phone: Mapped[Optional[str]] = mapped_column(String(20))
    email_verified_at: Mapped[Optional[dt.datetime]]
    lang: Mapped[str] = mapped_column(String(2), default="id")
    created_at: Mapped[dt.datetime]
    erased_at: Mapped[Optional[dt.datetime]]  # anonymised on request or after retention

    identities: Mapped[list["ChannelIdentity"]] = relationship(back_populates="citizen")


class ChannelIdentity(Base):
    """An address on one channel; unknown senders get one before they are citizens."""

    __tablename__ = "channel_identities"
    __table_args__ = (UniqueConstraint("channel", "address"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    channel: Mapped[str] = mapped_column(String(16))
    address: Mapped[str] = mapped_column(String(254))
    citizen_id: Mapped[Optional[int]] = mapped_column(ForeignKey("citizens.id"), index=True)
    display_name: Mapped[Optional[str]] = mapped_column(String(120))
    last_inbound_at: Mapped[Optional[dt.datetime]]
    created_at: Mapped[dt.datetime]

    citizen: Mapped[Optional[Citizen]] = relationship(back_populates="identities")

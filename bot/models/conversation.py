"""A conversation: one session of a channel identity with the bot, carrying its state."""
from __future__ import annotations

import datetime as dt
from typing import Any, Optional

from sqlalchemy import JSON, ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from bot.models.base import Base
from bot.models.citizen import ChannelIdentity, Citizen


class Conversation(Base):
    __tablename__ = "conversations"

    id: Mapped[int] = mapped_column(primary_key=True)
    identity_id: Mapped[int] = mapped_column(ForeignKey("channel_identities.id"), index=True)
    citizen_id: Mapped[Optional[int]] = mapped_column(ForeignKey("citizens.id"), index=True)
    state: Mapped[str] = mapped_column(String(24))
    lang: Mapped[str] = mapped_column(String(2), default="id")
    # Scratch data of the current step (pending question, clarification answers, code hash).
    context: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    version: Mapped[int] = mapped_column(default=1)
    created_at: Mapped[dt.datetime]
    last_inbound_at: Mapped[Optional[dt.datetime]]
    last_activity_at: Mapped[dt.datetime]
    # Deadlines live here, not in Redis: the sweeper acts on them.
    remind_at: Mapped[Optional[dt.datetime]] = mapped_column(index=True)
    close_at: Mapped[Optional[dt.datetime]] = mapped_column(index=True)
    reminded_at: Mapped[Optional[dt.datetime]]
    ended_at: Mapped[Optional[dt.datetime]] = mapped_column(index=True)
    end_reason: Mapped[Optional[str]] = mapped_column(String(24))
    anonymised_at: Mapped[Optional[dt.datetime]] = mapped_column(index=True)  # retention or erasure done

    identity: Mapped[ChannelIdentity] = relationship()
    citizen: Mapped[Optional[Citizen]] = relationship()

    __mapper_args__ = {"version_id_col": version}

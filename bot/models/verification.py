"""Code mails sent and wrong codes typed, counted to stop mail bombing and code guessing.

The counts live in the database rather than Redis so they survive a restart and hold across
every worker process.
"""
from __future__ import annotations

import datetime as dt

from sqlalchemy import ForeignKey, Index, String
from sqlalchemy.orm import Mapped, mapped_column

from bot.models.base import Base


class VerificationEvent(Base):
    __tablename__ = "verification_events"
    __table_args__ = (Index("ix_verification_events_address_at", "address", "created_at"),
                      Index("ix_verification_events_identity_at", "identity_id", "created_at"))

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(16))  # code_mail / wrong_code
    identity_id: Mapped[int] = mapped_column(ForeignKey("channel_identities.id"))  # who asked or typed
    address: Mapped[str] = mapped_column(String(254))  # the e-mail address the code was for
    created_at: Mapped[dt.datetime]

"""What UU 27/2022 asks the office to keep: consent to the privacy notice, and who touched whose data."""
from __future__ import annotations

import datetime as dt
from typing import Optional

from sqlalchemy import ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from bot.models.base import Base


class Consent(Base):
    """A person agreed to one version of the privacy notice, on one channel address."""

    __tablename__ = "consents"

    id: Mapped[int] = mapped_column(primary_key=True)
    identity_id: Mapped[int] = mapped_column(ForeignKey("channel_identities.id"), index=True)
    citizen_id: Mapped[Optional[int]] = mapped_column(ForeignKey("citizens.id"), index=True)
    notice_version: Mapped[str] = mapped_column(String(16))
    channel: Mapped[str] = mapped_column(String(16))
    given_at: Mapped[dt.datetime]


class AccessLog(Base):
    """One reading of or action on a citizen's data by staff (or the retention sweep); ids only, no content."""

    __tablename__ = "access_log"

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[dt.datetime] = mapped_column(index=True)
    actor: Mapped[str] = mapped_column(String(80))  # officer username, "cli:<username>", "citizen", "retention"
    officer_id: Mapped[Optional[int]] = mapped_column(ForeignKey("officers.id"), index=True)
    action: Mapped[str] = mapped_column(String(24))  # view / open_file / export / export_mail / erase / reply / close / retention
    citizen_id: Mapped[Optional[int]] = mapped_column(ForeignKey("citizens.id"), index=True)
    conversation_id: Mapped[Optional[int]] = mapped_column(ForeignKey("conversations.id"))
    consultation_id: Mapped[Optional[int]] = mapped_column(ForeignKey("consultations.id"))
    attachment_id: Mapped[Optional[int]] = mapped_column(ForeignKey("attachments.id"))  # open_file: which file
    reason: Mapped[Optional[str]] = mapped_column(Text)

"""WhatsApp Content resources (buttons, lists) created at Twilio, one per version of a definition in code."""
from __future__ import annotations

import datetime as dt

from sqlalchemy import String
from sqlalchemy.orm import Mapped, mapped_column

from bot.models.base import Base


class WhatsAppContent(Base):
    """Shared by every worker process: the first to need a definition creates it, the others find it here."""

    __tablename__ = "whatsapp_contents"

    id: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[str] = mapped_column(String(64), unique=True)  # sha256 of the definition's JSON
    friendly_name: Mapped[str] = mapped_column(String(64))
    sid: Mapped[str] = mapped_column(String(34))  # HX…
    created_at: Mapped[dt.datetime]

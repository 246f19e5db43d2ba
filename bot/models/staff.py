"""Officers' own records around a consultation: internal notes and follow-ups."""
from __future__ import annotations

import datetime as dt
from typing import Optional

from sqlalchemy import ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from bot.models.base import Base


class Note(Base):
    """Internal note on a consultation; never sent to the citizen."""

    __tablename__ = "notes"

    id: Mapped[int] = mapped_column(primary_key=True)
    consultation_id: Mapped[int] = mapped_column(ForeignKey("consultations.id"), index=True)
    officer_id: Mapped[int] = mapped_column(ForeignKey("officers.id"))
    text: Mapped[str] = mapped_column(Text)
    created_at: Mapped[dt.datetime]


class FollowUp(Base):
    """A Zoom meeting or office visit agreed with the citizen."""

    __tablename__ = "follow_ups"

    id: Mapped[int] = mapped_column(primary_key=True)
    consultation_id: Mapped[int] = mapped_column(ForeignKey("consultations.id"), index=True)
    officer_id: Mapped[int] = mapped_column(ForeignKey("officers.id"))
    kind: Mapped[str] = mapped_column(String(8))  # zoom / visit
    starts_at: Mapped[dt.datetime] = mapped_column(index=True)
    link: Mapped[Optional[str]] = mapped_column(String(1024))
    reminded_at: Mapped[Optional[dt.datetime]]
    cancelled_at: Mapped[Optional[dt.datetime]]
    created_at: Mapped[dt.datetime]

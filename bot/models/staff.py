"""Officers' own records around a consultation: internal notes and follow-ups."""
from __future__ import annotations

import datetime as dt
from typing import Optional

from sqlalchemy import ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from bot.models.base import Base


class Note(Base):
    """Internal note on a consultation; never sent to the citizen."""

    __tablename__ = "notes"

    id: Mapped[int] = mapped_column(primary_key=True)
    consultation_id: Mapped[int] = mapped_column(ForeignKey("consultations.id"), index=True)
    officer_id: Mapped[int] = mapped_column(ForeignKey("officers.id"))
    text: Mapped[str] = mapped_column(Text)
    created_at: Mapped[dt.datetime]

    officer: Mapped["Officer"] = relationship()  # noqa: F821


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


class RequestChange(Base):
    """One field of a ticket's request corrected by an officer: the old and new value, kept for the record.

    The newest row's id is the request's version: an edit based on an older one is refused (see
    :mod:`bot.console.request_form`). ``old``/``new`` are the citizen's words, so erasure blanks them too."""

    __tablename__ = "request_changes"

    id: Mapped[int] = mapped_column(primary_key=True)
    consultation_id: Mapped[int] = mapped_column(ForeignKey("consultations.id"), index=True)
    officer_id: Mapped[int] = mapped_column(ForeignKey("officers.id"))
    field: Mapped[str] = mapped_column(String(16))  # question / type / data / area / period / purpose
    old: Mapped[Optional[str]] = mapped_column(Text)
    new: Mapped[Optional[str]] = mapped_column(Text)
    at: Mapped[dt.datetime]


class Handover(Base):
    """A ticket changing hands: round-robin, a claim, a transfer (with the reason, required) or a takeover.

    The ticket page lists these as its assignment timeline. ``seen_at`` is set when the receiver opens the
    ticket; until then a transfer made by someone else shows as a notice in the receiver's inbox."""

    __tablename__ = "handovers"

    id: Mapped[int] = mapped_column(primary_key=True)
    consultation_id: Mapped[int] = mapped_column(ForeignKey("consultations.id"), index=True)
    kind: Mapped[str] = mapped_column(String(12))  # bot.assignment.Kind
    by_officer_id: Mapped[Optional[int]] = mapped_column(ForeignKey("officers.id"))  # NULL: round-robin
    from_officer_id: Mapped[Optional[int]] = mapped_column(ForeignKey("officers.id"))
    to_officer_id: Mapped[int] = mapped_column(ForeignKey("officers.id"), index=True)
    reason: Mapped[Optional[str]] = mapped_column(Text)
    at: Mapped[dt.datetime]
    seen_at: Mapped[Optional[dt.datetime]]

    consultation: Mapped["Consultation"] = relationship()  # noqa: F821
    by_officer: Mapped[Optional["Officer"]] = relationship(foreign_keys=[by_officer_id])  # noqa: F821
    from_officer: Mapped[Optional["Officer"]] = relationship(foreign_keys=[from_officer_id])  # noqa: F821
    to_officer: Mapped["Officer"] = relationship(foreign_keys=[to_officer_id])  # noqa: F821

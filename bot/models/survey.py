"""SKM survey answers (PermenPAN-RB 14/2017): nine elements scored 1–4 and an optional respondent profile.

An answer belongs to a *service event*, not to a consultation: ``event_kind`` says what was served
(``consultation`` today, a walk-in ``visit`` later) and ``event_id`` which one, so a visit can be surveyed
without a new table. One answer per event (the unique constraint is the guarantee, not the form). No citizen
column: the report needs none, and the profile is cleared with the event's citizen (``personal_data``).
"""
from __future__ import annotations

import datetime as dt
import enum
from typing import Optional

from sqlalchemy import CheckConstraint, SmallInteger, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from bot.models.base import Base

# The nine elements, in the regulation's order; the column names are u1..u9.
ELEMENTS = ("requirements", "procedure", "time", "cost", "product", "competence", "behaviour", "complaints",
            "facilities")


class ServiceEvent(str, enum.Enum):
    CONSULTATION = "consultation"
    VISIT = "visit"  # walk-in (issue 19): same survey, same report


class SurveyResponse(Base):
    __tablename__ = "survey_responses"
    __table_args__ = (
        UniqueConstraint("event_kind", "event_id"),
        *(CheckConstraint(f"u{n} BETWEEN 1 AND 4", name=f"u{n}_range") for n in range(1, 10)),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    event_kind: Mapped[str] = mapped_column(String(16))
    event_id: Mapped[int]
    channel: Mapped[str] = mapped_column(String(16), index=True)  # whatsapp / email / terminal / walk_in
    u1: Mapped[int] = mapped_column(SmallInteger)
    u2: Mapped[int] = mapped_column(SmallInteger)
    u3: Mapped[int] = mapped_column(SmallInteger)
    u4: Mapped[int] = mapped_column(SmallInteger)
    u5: Mapped[int] = mapped_column(SmallInteger)
    u6: Mapped[int] = mapped_column(SmallInteger)
    u7: Mapped[int] = mapped_column(SmallInteger)
    u8: Mapped[int] = mapped_column(SmallInteger)
    u9: Mapped[int] = mapped_column(SmallInteger)
    sex: Mapped[Optional[str]] = mapped_column(String(8))
    age_band: Mapped[Optional[str]] = mapped_column(String(8))
    education: Mapped[Optional[str]] = mapped_column(String(8))
    occupation: Mapped[Optional[str]] = mapped_column(String(16))
    created_at: Mapped[dt.datetime] = mapped_column(index=True)

    def scores(self) -> tuple[int, ...]:
        return tuple(getattr(self, f"u{n}") for n in range(1, 10))

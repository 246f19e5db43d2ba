"""Office staff who answer consultations in the console."""
from __future__ import annotations

import datetime as dt
import enum
from typing import Optional

from sqlalchemy import String, false
from sqlalchemy.orm import Mapped, mapped_column

from bot.models.base import Base


class Role(str, enum.Enum):
    OFFICER = "officer"
    SUPERVISOR = "supervisor"
    ADMIN = "admin"


class Officer(Base):
    __tablename__ = "officers"

    id: Mapped[int] = mapped_column(primary_key=True)
    username: Mapped[str] = mapped_column(String(64), unique=True)
    name: Mapped[str] = mapped_column(String(120))
    email: Mapped[Optional[str]] = mapped_column(String(254))
    role: Mapped[str] = mapped_column(String(16), default=Role.OFFICER.value)
    password_hash: Mapped[str] = mapped_column(String(255))
    active: Mapped[bool] = mapped_column(default=True)
    available: Mapped[bool] = mapped_column(default=True)  # at work: takes part in auto-assignment
    # Supervisors take round-robin tickets only when they opt in (they review and take over instead).
    supervisor_opt_in: Mapped[bool] = mapped_column(default=False, server_default=false())
    last_assigned_at: Mapped[Optional[dt.datetime]]
    lang: Mapped[str] = mapped_column(String(2), default="id")
    created_at: Mapped[dt.datetime]

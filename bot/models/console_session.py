"""Console logins kept on the server, so logging out (or a new password) really ends them."""
from __future__ import annotations

import datetime as dt

from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column

from bot.models.base import Base


class ConsoleSession(Base):
    """One officer's login in one browser; the cookie holds a random token whose SHA-256 is ``token_hash``.

    ``password_stamp`` is the tail of the password hash at login: a password set any way at all (CLI, admin,
    straight in the database) no longer matches, and the session ends."""

    __tablename__ = "console_sessions"

    id: Mapped[int] = mapped_column(primary_key=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    officer_id: Mapped[int] = mapped_column(ForeignKey("officers.id", ondelete="CASCADE"), index=True)
    password_stamp: Mapped[str] = mapped_column(String(16))
    created_at: Mapped[dt.datetime]
    last_seen_at: Mapped[dt.datetime]

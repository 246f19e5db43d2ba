"""Console logins kept in the database: the cookie carries only a random token naming a row here.

Logging out deletes the row, so a copied cookie stops working too; a new password (set any way: the row
keeps the tail of the hash it was opened with) or a deactivated account ends every login of that officer.
A login also ends after ``CONSOLE_IDLE_TIMEOUT`` without a request of the officer's own (the inbox and chat
polls do not count, or an open tab on an empty desk would stay logged in) and ``CONSOLE_SESSION_MAX`` after
it began. Only the token's SHA-256 is stored: a copy of the database opens no console.

Lifetimes run on the wall clock, not :mod:`bot.clock`: a test that carries a ticket across a weekend
in milliseconds must not log its officer out, and no deadline of the service depends on a login.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import secrets
from typing import Optional

from sqlalchemy import delete, or_, select
from sqlalchemy.orm import Session

from bot.models import ConsoleSession, Officer

TOUCH_EVERY = dt.timedelta(minutes=1)  # last_seen_at is written at most this often, not on every click


def _now() -> dt.datetime:
    return dt.datetime.now(dt.timezone.utc)


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def _stamp(officer: Officer) -> str:
    return officer.password_hash[-16:]


def start(db: Session, officer: Officer, settings) -> str:
    """A new login for ``officer``; returns the token for the cookie. Ended logins are swept on the way."""
    now = _now()
    db.execute(delete(ConsoleSession).where(or_(ConsoleSession.last_seen_at < now - settings.console_idle_timeout,
                                                ConsoleSession.created_at < now - settings.console_session_max)))
    token = secrets.token_urlsafe(32)
    db.add(ConsoleSession(token_hash=_digest(token), officer_id=officer.id, password_stamp=_stamp(officer),
                          created_at=now, last_seen_at=now))
    db.commit()
    return token


def resume(db: Session, token: str, settings, active: bool = True) -> Optional[Officer]:
    """The officer whose login ``token`` names, or None when it has ended (the row is deleted then).

    ``active`` says the request is the officer's own doing (not a poll), which keeps the login alive."""
    row = db.scalar(select(ConsoleSession).where(ConsoleSession.token_hash == _digest(token)))
    if row is None:
        return None
    officer, now = db.get(Officer, row.officer_id), _now()
    if (officer is None or not officer.active or _stamp(officer) != row.password_stamp
            or now - row.last_seen_at > settings.console_idle_timeout
            or now - row.created_at > settings.console_session_max):
        db.delete(row)
        db.commit()
        return None
    if active and now - row.last_seen_at >= TOUCH_EVERY:
        row.last_seen_at = now
        db.commit()
    return officer


def end(db: Session, token: str) -> None:
    db.execute(delete(ConsoleSession).where(ConsoleSession.token_hash == _digest(token)))
    db.commit()


def end_all(db: Session, officer_id: int) -> None:
    """Every login of one officer (new password, deactivated); the caller commits with its own change."""
    db.execute(delete(ConsoleSession).where(ConsoleSession.officer_id == officer_id))

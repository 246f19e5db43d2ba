"""E-mail proof by a mailed code: the code is derived, never stored, and its mails and guesses are limited.

The code is HMAC(SECRET_KEY, conversation id + nonce) cut to six digits. The conversation keeps
only the nonce and the expiry, the outbox row holds a masked text and the nonce; the mail sender
derives the code again when it builds the mail. So no table, log or officer screen ever shows it.

Limits (settings ``VERIFY_*``) are counted with queries over :class:`VerificationEvent`, so they
survive a Redis restart and hold across worker processes: code mails per address per hour and per
day whoever asks, distinct addresses one sender asks for per hour, wrong codes per sender per hour.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import secrets
from typing import NamedTuple, Optional

from sqlalchemy import func, select, text as sql
from sqlalchemy.orm import Session

from bot.models import Message, VerificationEvent
from bot.texts import text

CODE_TTL = dt.timedelta(minutes=30)
KIND = "verification_code"  # Message.meta["kind"] of a code mail
MASK = "••••••"
CODE_MAIL, WRONG_CODE = "code_mail", "wrong_code"
HOUR, DAY = dt.timedelta(hours=1), dt.timedelta(days=1)
LOCK_KEY = int.from_bytes(b"pst-vrfy", "big", signed=True)  # PostgreSQL advisory lock of the code-mail counts


class Refusal(NamedTuple):
    """Why nothing is mailed now (a text key) and when the citizen can try again."""

    key: str
    until: dt.datetime


def new_nonce() -> str:
    return secrets.token_hex(8)


def code_for(secret: str, conversation_id: int, nonce: str) -> str:
    digest = hmac.new(secret.encode(), f"verify:{conversation_id}:{nonce}".encode(), hashlib.sha256).digest()
    return f"{int.from_bytes(digest[:8], 'big') % 10**6:06d}"


def mail_meta(nonce: str, lang: str) -> dict:
    return {"kind": KIND, "nonce": nonce, "lang": lang, "minutes": int(CODE_TTL.total_seconds() // 60)}


def masked_body(lang: str) -> str:
    """What the outbox row keeps of a code mail."""
    return text(lang, "code_mail_body", code=MASK, minutes=int(CODE_TTL.total_seconds() // 60))


def mail_text(row: Message, secret: str) -> str:
    """The text to send for an outbox row: a code mail gets its code here, at send time."""
    meta = row.meta or {}
    if meta.get("kind") != KIND or not meta.get("nonce") or row.conversation_id is None:
        return row.body
    return text(meta.get("lang", "id"), "code_mail_body", code=code_for(secret, row.conversation_id, meta["nonce"]),
                minutes=meta.get("minutes", 30))


def record(session: Session, kind: str, identity_id: int, address: str, now: dt.datetime) -> None:
    session.add(VerificationEvent(kind=kind, identity_id=identity_id, address=address, created_at=now))


def _times(session: Session, since: dt.datetime, *where) -> list[dt.datetime]:
    return list(session.scalars(select(VerificationEvent.created_at)
                                .where(VerificationEvent.created_at > since, *where)
                                .order_by(VerificationEvent.created_at)))


def _free_at(times: list[dt.datetime], limit: int, window: dt.timedelta) -> Optional[dt.datetime]:
    """When fewer than ``limit`` of ``times`` (sorted) are inside the window again; None if already so."""
    return times[len(times) - limit] + window if len(times) >= limit else None


def wrong_code_refusal(session: Session, settings, identity_id: int, now: dt.datetime,
                       extra: int = 0) -> Optional[Refusal]:
    """The sender has typed too many wrong codes this hour (``extra``: one more being typed now)."""
    times = _times(session, now - HOUR, VerificationEvent.kind == WRONG_CODE,
                   VerificationEvent.identity_id == identity_id) + [now] * extra
    until = _free_at(times, settings.verify_wrong_codes_per_hour, HOUR)
    return Refusal("code_limit_wrong", until) if until else None


def wrong_codes_left(session: Session, settings, identity_id: int, now: dt.datetime) -> int:
    used = session.scalar(select(func.count(VerificationEvent.id)).where(
        VerificationEvent.kind == WRONG_CODE, VerificationEvent.identity_id == identity_id,
        VerificationEvent.created_at > now - HOUR))
    return max(settings.verify_wrong_codes_per_hour - used, 0)


def mail_refusal(session: Session, settings, identity_id: int, address: str, now: dt.datetime) -> Optional[Refusal]:
    """Why a code mail to ``address`` asked by this sender may not go now, or None if it may."""
    _lock(session)
    wrong = wrong_code_refusal(session, settings, identity_id, now)
    if wrong:
        return wrong
    mails = VerificationEvent.kind == CODE_MAIL
    to_address = _times(session, now - DAY, mails, VerificationEvent.address == address)
    hourly = [t for t in to_address if t > now - HOUR]
    latest_by_address = dict(session.execute(
        select(VerificationEvent.address, func.max(VerificationEvent.created_at))
        .where(mails, VerificationEvent.identity_id == identity_id, VerificationEvent.created_at > now - HOUR)
        .group_by(VerificationEvent.address)).all())
    others = sorted(t for a, t in latest_by_address.items() if a != address)
    until = max(filter(None, (_free_at(hourly, settings.verify_mails_per_address_hour, HOUR),
                              _free_at(to_address, settings.verify_mails_per_address_day, DAY),
                              _free_at(others, settings.verify_addresses_per_sender_hour, HOUR))), default=None)
    return Refusal("code_limit_mails", until) if until else None


def _lock(session: Session) -> None:
    """Two workers asking for code mails count one after the other (SQLite: BEGIN IMMEDIATE does it already).

    One lock for all addresses, held to the commit: code mails are rare, and a transaction that holds
    a single lock of this kind cannot deadlock with another one."""
    if session.get_bind().dialect.name == "postgresql":
        session.execute(sql("SELECT pg_advisory_xact_lock(:key)"), {"key": LOCK_KEY})

"""The time the service acts on. Production reads the system clock; tests set or move it.

Deadlines are compared with :func:`now`, never with ``datetime.now()`` directly, so a test can
carry a consultation across a weekend in milliseconds.
"""
from __future__ import annotations

import datetime as dt
import threading

_lock = threading.Lock()
_offset = dt.timedelta(0)
_frozen: dt.datetime | None = None


def now() -> dt.datetime:
    """Aware UTC now, shifted or frozen by tests."""
    if _frozen is not None:
        return _frozen
    return dt.datetime.now(dt.timezone.utc) + _offset


def freeze(at: dt.datetime) -> None:
    global _frozen
    if at.tzinfo is None:
        raise ValueError("freeze() needs an aware datetime")
    with _lock:
        _frozen = at.astimezone(dt.timezone.utc)


def advance(delta: dt.timedelta) -> None:
    """Move the clock forward (frozen or running)."""
    global _frozen, _offset
    with _lock:
        if _frozen is not None:
            _frozen += delta
        else:
            _offset += delta


def reset() -> None:
    global _frozen, _offset
    with _lock:
        _frozen, _offset = None, dt.timedelta(0)

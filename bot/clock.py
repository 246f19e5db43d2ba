"""The time the service acts on. Production reads the system clock; tests set or move it.

Deadlines are compared with :func:`now`, never with ``datetime.now()`` directly, so a test can
carry a consultation across a weekend in milliseconds.

A test that runs a real worker in another process sets ``CLOCK_FILE``: then :func:`freeze` and
:func:`advance` also write the frozen instant to that file, and every process built with the same
setting reads it. Leave it unset in production (start-up logs a warning when it is set).
"""
from __future__ import annotations

import datetime as dt
import logging
import os
import threading
from pathlib import Path

log = logging.getLogger(__name__)
_lock = threading.Lock()
_offset = dt.timedelta(0)
_frozen: dt.datetime | None = None
_file: Path | None = None


def now() -> dt.datetime:
    """Aware UTC now, shifted or frozen by tests."""
    if _frozen is not None:
        return _frozen
    if _file is not None:
        shared = _read_file()
        if shared is not None:
            return shared
    return dt.datetime.now(dt.timezone.utc) + _offset


def freeze(at: dt.datetime) -> None:
    global _frozen
    if at.tzinfo is None:
        raise ValueError("freeze() needs an aware datetime")
    with _lock:
        _frozen = at.astimezone(dt.timezone.utc)
        _write_file(_frozen)


def advance(delta: dt.timedelta) -> None:
    """Move the clock forward (frozen or running; a shared clock file is always frozen)."""
    global _frozen, _offset
    if _file is not None and _frozen is None:
        freeze(now() + delta)
        return
    with _lock:
        if _frozen is not None:
            _frozen += delta
            _write_file(_frozen)
        else:
            _offset += delta


def reset() -> None:
    """Back to the system clock; the clock file, if any, is forgotten (not deleted)."""
    global _frozen, _offset, _file
    with _lock:
        _frozen, _offset, _file = None, dt.timedelta(0), None


def use_file(path: str | os.PathLike | None) -> None:
    """Follow the instant written in ``path`` (tests only); None stops following it."""
    global _file
    with _lock:
        _file = Path(path) if path else None


def init_app(app) -> None:
    path = app.config["SETTINGS"].clock_file
    if path:
        log.warning("CLOCK_FILE is set: this process reads the time from %s (tests only)", path)
        use_file(path)


def _read_file() -> dt.datetime | None:
    """The instant in the clock file (read every time: mtimes are too coarse); None when absent or empty."""
    try:
        text = _file.read_text().strip()
    except FileNotFoundError:
        return None
    return dt.datetime.fromisoformat(text).astimezone(dt.timezone.utc) if text else None


def _write_file(at: dt.datetime) -> None:
    if _file is None:
        return
    tmp = _file.with_name(f".{_file.name}.{os.getpid()}")
    tmp.write_text(at.isoformat())
    os.replace(tmp, _file)

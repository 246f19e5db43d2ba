"""Typed readers for setting values; each raises ValueError with a message fit for a person."""
from __future__ import annotations

import datetime as dt
import re
from fractions import Fraction

_DURATION = re.compile(r"^\s*(\d+)\s*([smhdw])\s*$")
_UNIT_SECONDS = {"s": 1, "m": 60, "h": 3600, "d": 86400, "w": 604800}
# Longer than any deadline or interval of the service; far larger values overflow datetimes later.
MAX_DURATION = dt.timedelta(days=366)
_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}


def duration(text: str, maximum: dt.timedelta = MAX_DURATION) -> dt.timedelta:
    """``30s``, ``10m``, ``2h``, ``5d``, ``1w`` → timedelta (positive, at most ``maximum``)."""
    match = _DURATION.match(text or "")
    if not match or int(match.group(1)) == 0:
        raise ValueError(f"{text!r} is not a duration like 30s, 10m, 2h or 5d")
    seconds = int(match.group(1)) * _UNIT_SECONDS[match.group(2)]
    if seconds > maximum.total_seconds():
        raise ValueError(f"{text!r} is longer than {maximum.days} days")
    return dt.timedelta(seconds=seconds)


def boolean(text: str) -> bool:
    value = (text or "").strip().lower()
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    raise ValueError(f"{text!r} is not a yes/no value (use true or false)")


def integer(text: str, minimum: int = 0, maximum: int = 10**9) -> int:
    try:
        value = int(str(text).strip())
    except ValueError:
        raise ValueError(f"{text!r} is not a whole number") from None
    if not minimum <= value <= maximum:
        raise ValueError(f"{value} is outside {minimum}..{maximum}")
    return value


def dates(text: str) -> tuple[dt.date, ...]:
    """Comma- or space-separated ISO dates (``2026-12-24, 2026-12-31``)."""
    out = []
    for token in re.split(r"[,\s]+", (text or "").strip()):
        if token:
            try:
                out.append(dt.date.fromisoformat(token))
            except ValueError:
                raise ValueError(f"{token!r} is not a date like 2026-12-24") from None
    return tuple(out)


def email_address(text: str) -> str:
    value = (text or "").strip()
    if not re.fullmatch(r"[^@\s<>]+@[^@\s<>]+\.[A-Za-z]{2,}", value):
        raise ValueError(f"{text!r} is not an e-mail address")
    return value


def url(text: str, schemes: tuple[str, ...] = ("http", "https")) -> str:
    value = (text or "").strip().rstrip("/")
    if not re.match(rf"^({'|'.join(schemes)})://([^\s/]+|(?<=unix://)/\S+)", value):
        raise ValueError(f"{text!r} is not a URL starting with {' or '.join(s + '://' for s in schemes)}")
    return value


def fractions(text: str, most: int = 2) -> tuple[float, ...]:
    """``0.5, 0.8`` or ``50%, 80%`` → ascending fractions strictly between 0 and 1; ``none``: none.

    (An empty variable means "the default", as for every setting, so switching off needs a word.)"""
    out: list[float] = []
    if (text or "").strip().lower() in ("none", "off"):
        return ()
    for token in re.split(r"[,\s]+", (text or "").strip()):
        if not token:
            continue
        try:
            value = float(token[:-1]) / 100 if token.endswith("%") else float(token)
        except ValueError:
            raise ValueError(f"{token!r} is not a fraction like 0.5 or 50%") from None
        if not 0 < value < 1 or (out and value <= out[-1]):
            raise ValueError(f"{token!r}: give ascending fractions between 0 and 1")
        out.append(value)
    if len(out) > most:
        raise ValueError(f"at most {most} values are allowed")
    return tuple(out)


def weights(text: str, count: int = 9) -> tuple[Fraction, ...]:
    """``equal`` or ``count`` numbers (``1/9``, ``0.125``) that sum to exactly 1, kept as exact fractions.

    Exact, because a weight written 0.111 nine times sums to 0.999 and would cap a perfect IKM at 99.90."""
    value = (text or "").strip().lower()
    if value == "equal":
        return (Fraction(1, count),) * count
    out = []
    for token in re.split(r"[,\s]+", value):
        if token:
            try:
                out.append(Fraction(token))
            except (ValueError, ZeroDivisionError):
                raise ValueError(f"{token!r} is not a weight like 1/9 or 0.125") from None
    if len(out) != count or any(w < 0 for w in out):
        raise ValueError(f"give {count} weights of zero or more (or the word equal)")
    if sum(out) != 1:
        raise ValueError(f"the {count} weights sum to {float(sum(out)):.6g}, not 1")
    return tuple(out)

"""Login throttling: after ``LIMIT`` failures in ``WINDOW`` a username (or a client address) waits.

Counted in Redis so every web worker sees the same numbers; when Redis is down the counts fall
back to this process's memory, which still slows a guesser down instead of letting them through.
"""
from __future__ import annotations

import threading
import time

from redis.exceptions import RedisError

from workers.queue import get_redis

LIMIT = 5
WINDOW = 15 * 60  # seconds
_local: dict[str, list[float]] = {}
_lock = threading.Lock()


def keys(username: str, address: str) -> tuple[str, ...]:
    return (f"console:login-fail:user:{username}", f"console:login-fail:addr:{address}")


def _local_count(key: str, add: bool = False) -> int:
    now = time.monotonic()
    with _lock:
        stamps = [t for t in _local.get(key, []) if now - t < WINDOW]
        if add:
            stamps.append(now)
        _local[key] = stamps
        return len(stamps)


def blocked(names: tuple[str, ...]) -> bool:
    try:
        counts = get_redis().mget(names)
        return any(int(c or 0) >= LIMIT for c in counts)
    except RedisError:
        return any(_local_count(k) >= LIMIT for k in names)


def failed(names: tuple[str, ...]) -> None:
    try:
        pipe = get_redis().pipeline()
        for key in names:
            pipe.incr(key)
            pipe.expire(key, WINDOW)
        pipe.execute()
    except RedisError:
        for key in names:
            _local_count(key, add=True)


def clear(names: tuple[str, ...]) -> None:
    """A successful login forgets the username's failures (not the address's)."""
    try:
        get_redis().delete(names[0])
    except RedisError:
        pass
    with _lock:
        _local.pop(names[0], None)

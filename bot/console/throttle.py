"""Login throttling: after ``USER_LIMIT`` failures in ``WINDOW`` a username waits, after ``ADDRESS_LIMIT`` a
client address does.

The per-username count stops a guesser working on one account. The per-address count stops one address
trying many usernames; it is six times higher because a whole office often reaches the console through one
address (the office's NAT), and one officer's typos must not lock their colleagues out. The address is the
client's only when ``request.remote_addr`` is: behind nginx (the normal deployment) set ``TRUSTED_PROXIES``
to the number of proxies in front of the app, so ProxyFix takes the client from ``X-Forwarded-For`` (see
:func:`bot.create_app`); left at 0 there, every login shares the proxy's address and its count. Only
``X-Forwarded-For`` is trusted this way: the Twilio signature check rebuilds the public URL itself.

Counted in Redis so every web worker sees the same numbers; when Redis is down the counts fall
back to this process's memory, which still slows a guesser down instead of letting them through.
"""
from __future__ import annotations

import logging
import threading
import time

from redis.exceptions import RedisError

from workers.queue import get_redis

USER_LIMIT = 5
ADDRESS_LIMIT = 30
WINDOW = 15 * 60  # seconds
PREFIX = "console:login-fail:"
_LIMITS = (USER_LIMIT, ADDRESS_LIMIT)  # in the order of keys(): the username's, then the address's
_local: dict[str, list[float]] = {}
_lock = threading.Lock()
_warned = False
log = logging.getLogger(__name__)


def keys(username: str, address: str) -> tuple[str, ...]:
    return (f"{PREFIX}user:{username}", f"{PREFIX}addr:{address}")


def warn_untrusted_proxy(req, trusted_proxies: int) -> None:
    """Say once per process that a proxy forwards client addresses this app was not told to trust."""
    global _warned
    if not trusted_proxies and not _warned and "X-Forwarded-For" in req.headers:
        _warned = True
        log.warning("login requests carry X-Forwarded-For but TRUSTED_PROXIES is 0: every login is counted "
                    "against the proxy's address %s; set TRUSTED_PROXIES to the number of proxies in front",
                    req.remote_addr)


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
        return any(int(c or 0) >= limit for c, limit in zip(counts, _LIMITS))
    except RedisError:
        return any(_local_count(k) >= limit for k, limit in zip(names, _LIMITS))


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

"""Login throttling: growing waits per username, a ceiling per client address; both checked and counted at once.

Every attempt is counted *before* its password is checked, in one step with the check of the limits (a Lua
script), so a burst of simultaneous guesses gets no more password checks than the limits allow; a correct
password takes its attempt back. A username gets ``FREE`` attempts, then each further one must wait twice
as long as the one before (2 s, 4 s, 8 s … up to ``LONGEST_WAIT``): a guesser is slowed to a few tries an
hour, yet nobody can lock an officer out for good, as a correct password after the wait still logs in.

The per-address ceiling stops one address trying many usernames; it is six times higher because a whole
office often reaches the console through one address (the office's NAT), and one officer's typos must not
lock their colleagues out. The address is the client's only when ``request.remote_addr`` is: behind nginx
(the normal deployment) set ``TRUSTED_PROXIES`` to the number of proxies in front of the app, so ProxyFix
takes the client from ``X-Forwarded-For`` (see :func:`bot.create_app`); left at 0 there, every login shares
the proxy's address and its count. Only ``X-Forwarded-For`` is trusted this way: the Twilio signature check
rebuilds the public URL itself.

Counted in Redis so every web worker sees the same numbers; when Redis is down the counts fall
back to this process's memory, which still slows a guesser down instead of letting them through.
"""
from __future__ import annotations

import logging
import math
import threading

from redis.exceptions import RedisError

from bot import clock
from workers.queue import get_redis

FREE = 5  # attempts on one username before the waits begin (the fifth sets the first wait)
LONGEST_WAIT = 15 * 60  # seconds
ADDRESS_LIMIT = 30
WINDOW = 15 * 60  # seconds: an address's count, and a username's after its last wait, are forgotten then
PREFIX = "console:login-fail:"
# KEYS: the username's hash (n, next), the address's counter. ARGV: now, FREE, LONGEST_WAIT, WINDOW,
# ADDRESS_LIMIT. Returns "0" when the attempt may go ahead (and is counted), else the seconds to wait. A free
# attempt leaves "next" alone: a simultaneous attempt whose "now" was read a moment earlier must not wait.
_ATTEMPT = """
local now = tonumber(ARGV[1])
local n = tonumber(redis.call('HGET', KEYS[1], 'n') or '0')
local next_at = tonumber(redis.call('HGET', KEYS[1], 'next') or '0')
if now < next_at then return tostring(next_at - now) end
if tonumber(redis.call('GET', KEYS[2]) or '0') >= tonumber(ARGV[5]) then
  return tostring(math.max(redis.call('TTL', KEYS[2]), 1))
end
n = n + 1
local wait = 0
if n >= tonumber(ARGV[2]) then wait = math.min(2 ^ (n - tonumber(ARGV[2]) + 1), tonumber(ARGV[3])) end
redis.call('HSET', KEYS[1], 'n', n)
if wait > 0 then redis.call('HSET', KEYS[1], 'next', tostring(now + wait)) end
redis.call('EXPIRE', KEYS[1], math.ceil(wait + tonumber(ARGV[4])))
if redis.call('INCR', KEYS[2]) == 1 then redis.call('EXPIRE', KEYS[2], tonumber(ARGV[4])) end
return '0'
"""
_SUCCEED = """
redis.call('DEL', KEYS[1])
if tonumber(redis.call('GET', KEYS[2]) or '0') > 0 then redis.call('DECR', KEYS[2]) end
"""
_local: dict[str, list[float]] = {}  # the same records without Redis: username [n, next, expires], address [n, expires]
_lock = threading.Lock()
_warned = False
log = logging.getLogger(__name__)


def keys(username: str, address: str) -> tuple[str, str]:
    return (f"{PREFIX}user:{username}", f"{PREFIX}addr:{address}")


def warn_untrusted_proxy(req, trusted_proxies: int) -> None:
    """Say once per process that a proxy forwards client addresses this app was not told to trust."""
    global _warned
    if not trusted_proxies and not _warned and "X-Forwarded-For" in req.headers:
        _warned = True
        log.warning("login requests carry X-Forwarded-For but TRUSTED_PROXIES is 0: every login is counted "
                    "against the proxy's address %s; set TRUSTED_PROXIES to the number of proxies in front",
                    req.remote_addr)


def wait_for(n: int) -> float:
    """Seconds the attempt after the ``n``-th must wait."""
    return 0.0 if n < FREE else float(min(2 ** (n - FREE + 1), LONGEST_WAIT))


def attempt(names: tuple[str, str]) -> int:
    """0 when a password may be checked now (the attempt is counted), else the whole seconds to wait."""
    now = clock.now().timestamp()
    try:
        script = get_redis().register_script(_ATTEMPT)
        wait = float(script(keys=names, args=[repr(now), FREE, LONGEST_WAIT, WINDOW, ADDRESS_LIMIT]))
    except RedisError:
        wait = _local_attempt(names, now)
    return math.ceil(wait)


def _local_attempt(names: tuple[str, str], now: float) -> float:
    user, address = names
    with _lock:
        n, next_at, expires = _local.get(user, [0, 0.0, 0.0])
        if expires <= now:
            n, next_at = 0, 0.0
        if now < next_at:
            return next_at - now
        count, until = _local.get(address, [0, 0.0])
        if until <= now:
            count, until = 0, now + WINDOW
        if count >= ADDRESS_LIMIT:
            return max(until - now, 1.0)
        wait = wait_for(n + 1)
        _local[user] = [n + 1, now + wait if wait else next_at, now + wait + WINDOW]
        _local[address] = [count + 1, until]
        return 0.0


def succeeded(names: tuple[str, str]) -> None:
    """A correct password: the username's record goes, and the address gets its attempt back."""
    user, address = names
    try:
        get_redis().register_script(_SUCCEED)(keys=names)
    except RedisError:
        pass
    with _lock:
        _local.pop(user, None)
        if address in _local:
            _local[address][0] = max(_local[address][0] - 1, 0)

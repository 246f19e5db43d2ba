"""RQ in one place: the Redis connection, the queues, and enqueueing that survives a Redis outage.

Queues: ``inbound`` (engine runs), ``outbound`` (sends), ``default`` (sweeps, reminders). A failed
enqueue is logged and swallowed: the database row it was about is already committed, and the
sweeper picks it up when Redis is back.
"""
from __future__ import annotations

import datetime as dt
import logging
from typing import Any, Callable, Optional, Sequence

from flask import Flask, current_app
from redis import Redis
from redis.exceptions import RedisError
from rq import Queue, Retry

log = logging.getLogger(__name__)
QUEUES = ("inbound", "outbound", "default")


def init_app(app: Flask) -> None:
    url = app.config["SETTINGS"].redis_url
    app.extensions["redis"] = Redis.from_url(url, socket_connect_timeout=2, socket_timeout=5)


def get_redis(app: Optional[Flask] = None) -> Redis:
    return (app or current_app).extensions["redis"]


def get_queue(name: str, app: Optional[Flask] = None) -> Queue:
    return Queue(name, connection=get_redis(app))


def rq_job_id(job_id: str) -> str:
    """Our readable ids ("deliver:12") in RQ 3's alphabet (letters, digits, "_", "-"): "deliver_12"."""
    return job_id.replace(":", "_")


def enqueue(name: str, func: Callable, *args: Any, job_id: Optional[str] = None,
            delay: Optional[dt.timedelta] = None, retry: Optional[Retry] = None, app: Optional[Flask] = None) -> bool:
    """Enqueue ``func(*args)``; False (and a warning) when Redis cannot take it right now."""
    if not delay:
        return enqueue_many(name, func, [args], [job_id], retry=retry, app=app)
    try:
        get_queue(name, app).enqueue_in(delay, func, *args, job_id=rq_job_id(job_id) if job_id else None, retry=retry)
        return True
    except RedisError as exc:
        _not_enqueued(func, name, exc)
        return False


def enqueue_many(name: str, func: Callable, calls: Sequence[tuple], job_ids: Sequence[Optional[str]],
                 retry: Optional[Retry] = None, app: Optional[Flask] = None) -> bool:
    """Enqueue ``func(*args)`` for each ``args`` in ``calls``, in ONE round trip (one MULTI/EXEC).

    RQ's ``enqueue`` alone makes two round trips per job (register the queue, then save and push);
    its ``enqueue_many`` in a pipeline makes one for all of them. False (and a warning) when Redis
    cannot take them right now."""
    queue = get_queue(name, app)
    try:
        with queue.connection.pipeline() as pipe:
            queue.enqueue_many([Queue.prepare_data(func, args, job_id=rq_job_id(job_id) if job_id else None, retry=retry)
                                for args, job_id in zip(calls, job_ids)], pipeline=pipe)
            pipe.execute()
        return True
    except RedisError as exc:
        _not_enqueued(func, name, exc)
        return False


def _not_enqueued(func: Callable, name: str, exc: RedisError) -> None:
    log.warning("could not enqueue %s on %s (%s); the sweeper will retry", func.__name__, name, exc.__class__.__name__)

"""Periodic jobs on the worker's own RQ scheduler: the deadline sweep, every ``SWEEP_INTERVAL``.

RQ 3.0 offers ``rq cron`` (a separate process with its own job list) and ``Repeat`` (a finite
number of runs); neither survives this Redis, which keeps nothing on disk. So the sweep is a
self-re-enqueuing job: each run first books the next one with ``enqueue_at`` under a job id named
after its time slot (``sweep-<slot>``), so two runs booking the same slot collapse into one job.
A marker key with a short expiry says "a sweep is booked"; when it is missing (Redis restarted
empty, or the chain broke) the worker books one again (:class:`Worker`). Running twice is harmless:
the sweeper is idempotent, the database is the truth.
"""
from __future__ import annotations

import datetime as dt
import logging
import time

from redis import Redis
from rq import Queue, SimpleWorker

log = logging.getLogger(__name__)
QUEUE = "default"
MARKER = "pst:sweep:booked"
# Seconds between the worker's "is a sweep booked?" checks. Not more than RQ's first reconnection
# wait (1 s): the first heartbeat after Redis comes back must always check.
CHECK_EVERY = 1.0


def _slot(interval: dt.timedelta, at: float) -> int:
    return int(at // interval.total_seconds())


def _marker_ttl(interval: dt.timedelta) -> int:
    """Long enough for one late run, short enough that a broken chain is noticed soon."""
    return int(2 * interval.total_seconds()) + 60


def install(connection: Redis, interval: dt.timedelta) -> bool:
    """Run a sweep now unless one is booked; True when this call booked it (idempotent, race-safe)."""
    from workers.sweeper import tick

    if not connection.set(MARKER, "install", nx=True, ex=_marker_ttl(interval)):
        return False
    job_id = f"sweep-{_slot(interval, time.time())}-now"
    Queue(QUEUE, connection=connection).enqueue(tick, job_id=job_id, result_ttl=0, failure_ttl=3600)
    log.info("periodic sweep installed (%s, every %ss)", job_id, int(interval.total_seconds()))
    return True


def book_next(connection: Redis, interval: dt.timedelta) -> str:
    """Book the sweep of the next time slot (real time: the RQ scheduler runs on the system clock)."""
    from workers.sweeper import tick

    slot = _slot(interval, time.time()) + 1
    job_id = f"sweep-{slot}"
    at = dt.datetime.fromtimestamp(slot * interval.total_seconds(), dt.timezone.utc)
    Queue(QUEUE, connection=connection).enqueue_at(at, tick, job_id=job_id, result_ttl=0, failure_ttl=3600)
    connection.set(MARKER, job_id, ex=_marker_ttl(interval))
    return job_id


class Worker(SimpleWorker):
    """A SimpleWorker that re-books the periodic sweep when Redis lost it, and revives its scheduler.

    Redis without persistence forgets scheduled jobs when it restarts, and RQ's scheduler process
    dies with the connection (RQ itself restarts it only at its ten-minute maintenance). The worker
    heart-beats on every pass of its loop, including the first one after Redis is back, so that is
    where it checks.
    """

    sweep_interval = dt.timedelta(minutes=1)
    _next_check = 0.0

    def heartbeat(self, *args, **kwargs):
        super().heartbeat(*args, **kwargs)
        if time.monotonic() < self._next_check:
            return
        self._next_check = time.monotonic() + CHECK_EVERY
        if install(self.connection, self.sweep_interval):
            self._revive_scheduler()

    def _revive_scheduler(self) -> None:
        """What RQ's own maintenance does, done now instead of up to ten minutes later."""
        scheduler = self.scheduler
        if scheduler is not None and (scheduler._process is None or not scheduler._process.is_alive()):
            scheduler.acquire_locks(auto_start=True)

"""The deadline sweeper: acts on whatever the database says is due, then lets the jobs send it.

Each step lists due ids in one short transaction, then handles every id in a transaction of its
own that locks the row (``SELECT … FOR UPDATE`` on PostgreSQL; SQLite's ``BEGIN IMMEDIATE`` takes
the write lock) and checks again that it is still due. Two sweepers running at once therefore queue
behind each other, and the second finds nothing left to do: a reminder or a close happens once.
A step that fails on one row logs it and goes on with the next.
"""
from __future__ import annotations

import dataclasses
import logging
from collections import Counter
from typing import Callable, Optional

from flask import Flask
from sqlalchemy.orm import Session

from bot import assignment, clock, services
from bot.models import Message
from workers import context, followups, inactivity, redelivery, retention, sla
from workers.jobs import enqueue_delivery
from workers.queue import get_redis

log = logging.getLogger(__name__)
BATCH = 200  # rows per step and sweep; the next sweep takes the rest
SWEEPS_DONE = "pst:sweep:done"


@dataclasses.dataclass(frozen=True)
class Step:
    """Due ids of one model, and what to do with one locked row (returns outcome and outbox rows)."""

    name: str
    model: type
    due: Callable[[Flask, Session, object, int], list[int]]
    act: Callable[[Flask, Session, object], tuple[Optional[str], list[Message]]]


STEPS = (
    Step("inactivity", inactivity.MODEL, inactivity.due, inactivity.act),
    Step("sla", sla.MODEL, sla.due, sla.act),
    Step("follow-up", followups.MODEL, followups.due, followups.act),
    Step("retention", retention.MODEL, retention.due, retention.act),
)


def tick() -> dict[str, int]:
    """The periodic RQ job: book the next run first (a crash here must not end the chain), then sweep."""
    from workers import schedule

    app = context.app()
    with app.app_context():
        connection = get_redis(app)
        schedule.book_next(connection, app.config["SETTINGS"].sweep_interval)
        counts = sweep(app)
        connection.incr(SWEEPS_DONE)  # lets a test (or an operator) see that sweeps happen
        return counts


def sweep(app: Flask) -> dict[str, int]:
    """One pass over every deadline; returns how many of each outcome (for logs and tests)."""
    counts: Counter = Counter()
    for step in STEPS:
        with app.extensions["db"].session() as session:
            ids = step.due(app, session, clock.now(), BATCH)
            session.rollback()
        for row_id in ids:
            outcome = _handle(app, step, row_id)
            if outcome:
                counts[outcome] += 1
    with app.extensions["db"].session() as session:
        counts.update(redelivery.run(app, session, clock.now(), BATCH))
    with app.extensions["db"].session() as session:
        counts.update(retention.scrub(app, session, BATCH))
    with app.extensions["db"].session() as session:  # tickets reach an officer even if nobody opens the inbox
        assigned = assignment.assign_pending(session, services.calendar(app))
        session.commit()
    if assigned:
        counts["assigned"] += assigned
    if counts:
        log.info("sweep: %s", ", ".join(f"{k} {v}" for k, v in sorted(counts.items())))
    return dict(counts)


def _handle(app: Flask, step: Step, row_id: int) -> Optional[str]:
    """Lock one row, let the step act if it is still due, commit, then enqueue what became due now."""
    try:
        with app.extensions["db"].session() as session:
            row = session.get(step.model, row_id, with_for_update=True, populate_existing=True)
            outcome, rows = step.act(app, session, row) if row is not None else (None, [])
            session.commit()
    except Exception:  # one bad row must not stop the sweep; it is retried next time
        log.exception("sweep step %s failed on row %s", step.name, row_id)
        return "errors"
    now = clock.now()
    enqueue_delivery([r for r in rows if r.next_attempt_at is None or r.next_attempt_at <= now], app)
    return outcome

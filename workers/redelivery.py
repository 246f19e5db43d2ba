"""Jobs the database is waiting for but Redis does not have (it was down, or restarted empty).

- Outbound rows still ``queued`` whose ``next_attempt_at`` has passed get their ``deliver`` job
  again, unless RQ already holds a live one under the same id. Sending stays once-only because
  ``deliver`` claims the row with a conditional UPDATE; terminal rows never get a job.
- Rows stuck in ``sending`` longer than ``OUTBOX_SENDING_TIMEOUT`` are not resent (the channel
  may have taken them): they become ``failed`` and ``flagged`` for an officer to check.
- Inbound messages still ``received`` a while after they arrived get their processing job again
  (not terminal ones: ``flask chat`` processes its own), and WhatsApp media still ``pending`` its
  download job.
"""
from __future__ import annotations

import datetime as dt
import logging
from collections import Counter

from flask import Flask
from redis import Redis
from redis.exceptions import RedisError
from rq.exceptions import NoSuchJobError
from rq.job import Job, JobStatus
from sqlalchemy import func, or_, select, update
from sqlalchemy.orm import Session

from bot import outbox
from bot.envelope import Channel
from bot.channels.whatsapp.media import enqueue_downloads
from bot.models import Attachment, Message
from workers.jobs import enqueue_delivery, enqueue_processing_many
from workers.queue import get_redis, rq_job_id

log = logging.getLogger(__name__)
LIVE = {JobStatus.QUEUED, JobStatus.SCHEDULED, JobStatus.STARTED, JobStatus.DEFERRED}
INBOUND_GRACE = dt.timedelta(minutes=2)  # longer than "commit, then enqueue" ever takes
STUCK_ERROR = "no confirmation from the channel after {}: not resent, it may have gone out; check it"


def run(app: Flask, session: Session, now: dt.datetime, limit: int) -> Counter:
    counts: Counter = Counter()
    try:
        connection = get_redis(app)
        counts["requeued"] = _requeue_outbound(app, session, connection, now, limit)
        counts["reprocessed"] = _requeue_inbound(app, session, connection, now, limit)
        counts["downloads"] = _requeue_downloads(app, session, connection, now, limit)
    except RedisError as exc:  # the rows wait for the next sweep
        log.warning("redelivery skipped: Redis unavailable (%s)", exc.__class__.__name__)
    counts["stuck"] = _flag_stuck(app, session, now)
    session.commit()
    return +counts


def _requeue_outbound(app: Flask, session: Session, connection: Redis, now: dt.datetime, limit: int) -> int:
    rows = session.scalars(
        select(Message).where(Message.direction == "out", Message.status == outbox.QUEUED,
                              Message.channel != Channel.TERMINAL.value,
                              or_(Message.next_attempt_at.is_(None), Message.next_attempt_at <= now))
        .order_by(Message.id).limit(limit)).all()
    missing = [row for row in rows if outbox.needs_job(row) and not live(connection, f"deliver:{row.id}")]
    enqueue_delivery(missing, app)
    return len(missing)


def _requeue_inbound(app: Flask, session: Session, connection: Redis, now: dt.datetime, limit: int) -> int:
    ids = session.scalars(
        select(Message.id).where(Message.direction == "in", Message.status == "received",
                                 Message.channel != Channel.TERMINAL.value, Message.created_at <= now - INBOUND_GRACE)
        .order_by(Message.id).limit(limit)).all()
    missing = [message_id for message_id in ids if not live(connection, f"inbound:{message_id}")]
    if missing:
        enqueue_processing_many(missing, app)
    return len(missing)


def _requeue_downloads(app: Flask, session: Session, connection: Redis, now: dt.datetime, limit: int) -> int:
    attachments = session.scalars(
        select(Attachment).join(Attachment.message).where(Attachment.status == "pending",
                                                          Message.created_at <= now - INBOUND_GRACE)
        .order_by(Attachment.id).limit(limit)).all()
    missing = [attachment for attachment in attachments if not live(connection, f"media:{attachment.id}")]
    enqueue_downloads(missing, app)
    return len(missing)


def _flag_stuck(app: Flask, session: Session, now: dt.datetime) -> int:
    timeout = app.config["SETTINGS"].outbox_sending_timeout
    result = session.execute(
        update(Message).where(Message.direction == "out", Message.status == "sending",
                              func.coalesce(Message.status_at, Message.created_at) < now - timeout)
        .values(status="failed", flagged=True, status_at=now, error=STUCK_ERROR.format(timeout))
        .execution_options(synchronize_session=False))
    if result.rowcount:
        log.warning("%s outbound message(s) stuck in sending; flagged for an officer", result.rowcount)
    return result.rowcount


def live(connection: Redis, job_id: str) -> bool:
    """Whether RQ holds a job under this id that will still run (queued, scheduled, running)."""
    try:
        return Job.fetch(rq_job_id(job_id), connection=connection).get_status(refresh=False) in LIVE
    except NoSuchJobError:
        return False

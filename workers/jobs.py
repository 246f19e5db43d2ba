"""RQ jobs: importable module-level functions, each idempotent, each with its own session."""
from __future__ import annotations

import datetime as dt
import logging

from rq import Retry
from sqlalchemy import select, update
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm.exc import StaleDataError

from bot import clock, outbox, pipeline
from bot.channels import PermanentError, TemporaryError, sender_for
from bot.channels.whatsapp import status
from bot.models import Message
from workers.context import job_session
from workers.queue import enqueue, enqueue_many

log = logging.getLogger(__name__)
ORDER_GAP = dt.timedelta(seconds=2)  # after the earlier message to the same citizen is due
BACKOFF = (dt.timedelta(seconds=10), dt.timedelta(seconds=30), dt.timedelta(minutes=2), dt.timedelta(minutes=10),
           dt.timedelta(minutes=30))


def enqueue_delivery(rows: list[Message], app=None) -> None:
    """After commit: one send job per outbox row that needs one, all in one Redis round trip."""
    ids = [row.id for row in rows if outbox.needs_job(row)]
    if ids:
        enqueue_many("outbound", deliver, [(message_id,) for message_id in ids],
                     [f"deliver:{message_id}" for message_id in ids], app=app)


PROCESSING_RETRY = Retry(max=3, interval=[1, 5, 30])


def enqueue_processing(message_id: int, app=None) -> bool:
    return enqueue_processing_many([message_id], app)


def enqueue_processing_many(message_ids: list[int], app=None) -> bool:
    """After commit: one processing job per inbound message, all in one Redis round trip."""
    return enqueue_many("inbound", process_message, [(message_id,) for message_id in message_ids],
                        [f"inbound:{message_id}" for message_id in message_ids], retry=PROCESSING_RETRY, app=app)


def process_message(message_id: int) -> int:
    """Answer one inbound message; returns how many outbound rows it produced.

    A database outage or a lost race re-raises so RQ retries the job. Any other failure is a bug:
    the message is flagged for an officer and the citizen is told a person will look, so nothing
    is lost and nobody sees a stack trace.
    """
    with job_session() as (app, session):
        try:
            rows = pipeline.process(session, message_id)
            session.commit()
        except (OperationalError, StaleDataError):
            raise
        except Exception:
            session.rollback()
            log.exception("message %s could not be processed; flagged for an officer", message_id)
            rows = pipeline.flag_failed(session, message_id)
            session.commit()
        enqueue_delivery(rows, app)
        return len(rows)


def deliver(message_id: int) -> str:
    """Send one outbox row once: claimed with a conditional UPDATE so two workers never both send it."""
    with job_session() as (app, session):
        if _wait_for_earlier(session, message_id, app):
            return "waiting"
        claimed = session.execute(
            update(Message).where(Message.id == message_id, Message.status == outbox.QUEUED)
            .values(status="sending", status_at=clock.now(), attempts=Message.attempts + 1)).rowcount
        session.commit()
        if not claimed:
            return "skipped"
        row = session.get(Message, message_id)
        sender = sender_for(row.channel, app)
        try:
            if sender is None:
                raise PermanentError(f"{row.channel} channel is not configured")
            result = sender.send(row)
        except TemporaryError as exc:
            return _retry_later(session, row, str(exc), app)
        except PermanentError as exc:
            _reload(session, row)
            row.status, row.error, row.status_at = "failed", str(exc)[:255], clock.now()
            session.commit()
            # the channel's text may quote the address or number: it stays on the row, for an officer
            log.warning("message %s failed permanently on %s", row.id, row.channel)
            return "failed"
        return _record(session, row, result)


def _wait_for_earlier(session, message_id: int, app) -> bool:
    """Messages to one citizen go out in the order they were written: while an earlier one waits for its
    retry (or is being sent), this one is booked for just after it instead of overtaking it. One never
    tried yet has its job ahead of this one in the queue (or gets it back from the sweeper): no wait."""
    row = session.get(Message, message_id)
    if row is None or row.status != outbox.QUEUED:
        return False
    earlier = session.execute(
        select(Message.id, Message.status, Message.next_attempt_at)
        .where(Message.direction == "out", Message.channel == row.channel, Message.address == row.address,
               Message.id < row.id, Message.attempts > 0, Message.status.in_((outbox.QUEUED, "sending")))
        .order_by(Message.id).limit(1)).first()
    if earlier is None:
        return False
    now = clock.now()
    due = earlier.next_attempt_at if earlier.status == outbox.QUEUED and earlier.next_attempt_at else now
    delay = max(due - now, dt.timedelta(0)) + ORDER_GAP
    _deliver_later(message_id, delay, app)
    log.info("message %s waits %s for message %s", message_id, delay, earlier.id)
    return True


def _reload(session, row: Message, sent: dict | None = None) -> dict:
    """Lock and re-read the row before writing it: status callbacks may have reported parts meanwhile.

    ``meta["parts"]`` becomes the parts this job sent (``sent``, else those it noted while sending),
    each at the more advanced of its own status and a callback's; returned too."""
    sent = sent or (row.meta or {}).get("parts") or {}
    session.refresh(row, with_for_update=True)
    parts = status.merge((row.meta or {}).get("parts"), sent) if sent else {}
    row.meta = {**(row.meta or {}), **({"parts": parts} if parts else {})}
    return parts


def _record(session, row: Message, result) -> str:
    """Store what the sender reports, merged with what status callbacks reported while it was sending."""
    now = clock.now()
    parts = _reload(session, row, result.meta.get("parts"))
    row.external_id = result.external_id or row.external_id
    row.meta = {**row.meta, **result.meta, **({"parts": parts} if parts else {})}
    row.status_at = now
    if result.status == outbox.UNDELIVERABLE:
        row.error = f"undeliverable: {result.meta.get('undeliverable', 'no way to reach the citizen')}"[:255]
    else:
        row.sent_at = now
    if row.status == "sending":  # else the sweeper gave up on it meanwhile: kept
        row.status = result.status
        combined = status.overall(parts) if parts and result.status != outbox.UNDELIVERABLE else None
        if combined and status.forward(result.status, combined):
            row.status = combined  # every part already reported further, or one failed
    session.commit()
    log.info("message %s %s on %s", row.id, result.status, row.channel)
    return result.status


def _retry_later(session, row: Message, reason: str, app) -> str:
    _reload(session, row)
    if row.attempts > len(BACKOFF):
        row.status, row.error = "failed", f"gave up after {row.attempts} attempts: {reason}"[:255]
        session.commit()
        return "failed"
    delay = BACKOFF[row.attempts - 1]
    row.status, row.error, row.next_attempt_at = outbox.QUEUED, reason[:255], clock.now() + delay
    session.commit()
    _deliver_later(row.id, delay, app)
    log.info("message %s will be retried in %s", row.id, delay)
    return "retry"


def _deliver_later(message_id: int, delay: dt.timedelta, app) -> None:
    """The row's delivery job, booked ``delay`` from now under its one job id (a retry, or a wait for order)."""
    enqueue("outbound", deliver, message_id, job_id=f"deliver:{message_id}", delay=delay, app=app)

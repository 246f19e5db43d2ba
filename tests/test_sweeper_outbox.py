"""The sweeper's outbox duties: re-enqueue what Redis lost, never resend, never enqueue terminal rows."""
from __future__ import annotations

import datetime as dt

import pytest

from bot import clock
from bot.models import Message
from workers import sweeper
from workers.queue import get_redis
from workers.redelivery import live

NOW = dt.datetime(2026, 6, 8, 3, 0, tzinfo=dt.timezone.utc)


def add_row(app, channel: str = "whatsapp", status: str = "queued", status_at=None, next_attempt_at=NOW) -> int:
    with app.app_context(), app.extensions["db"].session() as s:
        row = Message(direction="out", channel=channel, address="+6281200000001", author="bot", body="x",
                      status=status, meta={}, created_at=NOW - dt.timedelta(hours=1), status_at=status_at,
                      next_attempt_at=next_attempt_at)
        s.add(row)
        s.commit()
        return row.id


def row(app, message_id: int) -> Message:
    with app.app_context(), app.extensions["db"].session() as s:
        return s.get(Message, message_id)


@pytest.mark.parametrize("channel, requeued", [("whatsapp", True), ("email", True), ("terminal", False)])
def test_queued_rows_get_their_job_back_once(app, channel, requeued):
    """A queued row without a job gets one; a second sweep sees the live job and adds none."""
    clock.freeze(NOW)
    message_id = add_row(app, channel)
    assert sweeper.sweep(app).get("requeued", 0) == int(requeued)
    assert live(get_redis(app), f"deliver:{message_id}") is requeued
    assert sweeper.sweep(app).get("requeued", 0) == 0


def test_rows_not_due_yet_wait(app):
    """A row held until later (staff mail, a retry's back-off) is not enqueued early."""
    clock.freeze(NOW)
    message_id = add_row(app, next_attempt_at=NOW + dt.timedelta(minutes=5))
    assert "requeued" not in sweeper.sweep(app)
    clock.freeze(NOW + dt.timedelta(minutes=5))
    assert sweeper.sweep(app)["requeued"] == 1 and live(get_redis(app), f"deliver:{message_id}")


@pytest.mark.parametrize("age, flagged", [(dt.timedelta(minutes=11), True), (dt.timedelta(minutes=9), False)])
def test_stuck_sending_rows_go_to_an_officer_not_back_to_the_channel(app, age, flagged):
    """A send unconfirmed after OUTBOX_SENDING_TIMEOUT is failed and flagged, never enqueued again."""
    clock.freeze(NOW)
    message_id = add_row(app, status="sending", status_at=NOW - age)
    assert sweeper.sweep(app).get("stuck", 0) == int(flagged)
    stuck = row(app, message_id)
    assert (stuck.status, stuck.flagged) == (("failed", True) if flagged else ("sending", False))
    assert not live(get_redis(app), f"deliver:{message_id}")

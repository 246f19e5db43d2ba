"""The RQ path through a real worker: inbound processed once, outbox rows claimed once."""
from __future__ import annotations

from rq import SimpleWorker
from sqlalchemy import select

from bot import clock, inbox
from bot.envelope import Inbound
from bot.models import Message
from workers import jobs
from workers.queue import QUEUES, get_queue, get_redis


def _store(app, text="halo", external_id="SM1", channel="email", address="warga@example.org"):
    with app.app_context(), app.extensions["db"].session() as s:
        message, created = inbox.accept(s, Inbound(channel, address, text, external_id, clock.now()))
        s.commit()
        return message.id, created


def _work(app):
    with app.app_context():
        SimpleWorker([get_queue(q) for q in QUEUES], connection=get_redis()).work(burst=True)


def test_inbound_job_answers_once_even_if_enqueued_twice(app, knowledge):
    """Two jobs for one message produce one answer."""
    message_id, _ = _store(app)
    with app.app_context():
        assert jobs.enqueue_processing(message_id) and jobs.enqueue_processing(message_id)
    _work(app)
    with app.app_context(), app.extensions["db"].session() as s:
        assert s.get(Message, message_id).status == "processed"
        out = s.scalars(select(Message).where(Message.direction == "out")).all()
    assert len(out) == 1 and "Pemberitahuan privasi" in out[0].body


def test_redelivered_message_is_stored_once(app):
    """The same external id accepted twice is one row."""
    first, created = _store(app)
    again, created_again = _store(app)
    assert first == again and created and not created_again


def test_send_without_a_configured_channel_fails_visibly(app, knowledge):
    """An outbox row for a channel with no sender ends 'failed' with the reason, not lost or retried forever."""
    message_id, _ = _store(app)
    with app.app_context():
        jobs.enqueue_processing(message_id)
        app.extensions.get("senders", {}).pop("email", None)
    _work(app)
    with app.app_context(), app.extensions["db"].session() as s:
        (row,) = s.scalars(select(Message).where(Message.direction == "out")).all()
    assert row.status == "failed" and "not configured" in row.error and row.attempts == 1


def test_deliver_skips_a_row_already_claimed(app, knowledge):
    """A second deliver job for the same row does nothing."""
    message_id, _ = _store(app)
    with app.app_context(), app.extensions["db"].session() as s:
        from bot import pipeline

        (row,) = pipeline.process(s, message_id)
        row.status = "sending"
        s.commit()
        row_id = row.id
    with app.app_context():
        assert jobs.deliver(row_id) == "skipped"


def test_engine_failure_flags_the_message_and_tells_the_citizen(app, monkeypatch):
    """A bug in the engine loses nothing: the message is flagged and the citizen gets an apology."""
    from bot import services

    class Broken:
        def process(self, message):
            raise RuntimeError("bug")

    monkeypatch.setattr(services, "engine", lambda session, app=None: Broken())
    message_id, _ = _store(app, text="halo")
    with app.app_context():
        assert jobs.process_message(message_id) == 1
    with app.app_context(), app.extensions["db"].session() as s:
        message = s.get(Message, message_id)
        (apology,) = s.scalars(select(Message).where(Message.direction == "out")).all()
    assert message.status == "failed" and message.flagged
    assert "Petugas akan membacanya" in apology.body and apology.address == "warga@example.org"


def test_mailbox_state_holds_32bit_unsigned_uids(session):
    """UIDVALIDITY values above 2**31 fit on both databases."""
    from bot.models import MailboxState

    session.add(MailboxState(folder="INBOX", uidvalidity=2**32 - 1, last_uid=2**32 - 2))
    session.commit()
    assert session.get(MailboxState, "INBOX").uidvalidity == 2**32 - 1


def test_two_jobs_racing_on_one_message_answer_once(app, knowledge):
    """Two workers processing the same message at the same moment produce one reply."""
    from tests.support.race import at_once

    message_id, _ = _store(app)
    errors = at_once(app, jobs.process_message, (message_id,), (message_id,))
    with app.app_context(), app.extensions["db"].session() as s:
        out = s.scalars(select(Message).where(Message.direction == "out")).all()
    assert len(out) == 1 and not errors


def test_permanent_failure_log_names_no_address(app, knowledge, caplog):
    """A channel's refusal text (which may quote the address) goes on the row for an officer, not into the log."""
    from bot.channels import PermanentError

    class Refusing:
        def send(self, message):
            raise PermanentError("SMTP 550: 5.1.1 <warga@example.org>: Recipient address rejected")

    message_id, _ = _store(app)
    with app.app_context(), app.extensions["db"].session() as s:
        from bot import pipeline

        (row,) = pipeline.process(s, message_id)
        s.commit()
        row_id = row.id
    app.extensions.setdefault("senders", {})["email"] = Refusing()
    with app.app_context():
        assert jobs.deliver(row_id) == "failed"
    with app.app_context(), app.extensions["db"].session() as s:
        assert "warga@example.org" in s.get(Message, row_id).error
    assert "warga@example.org" not in caplog.text and str(row_id) in caplog.text

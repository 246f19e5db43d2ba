"""Every complaint reaches the complaint mailbox over real SMTP, through an outage; references never collide."""
from __future__ import annotations

import multiprocessing

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from bot import create_app, tickets
from bot.db import make_engine
from bot.models import MailboxState, Message
from tests import journeys as j
from tests.support.whatsapp import release_scheduled, run_worker
from tests.test_email_poller import catch_up, queued
from workers.jobs import enqueue_delivery

WORDS = "petugas di loket kemarin tidak ramah dan saya disuruh menunggu 2 jam, saya kecewa mau mengadu"


@pytest.fixture
def office_app(env, smtp_server, dovecot):
    """Mail goes out through the SMTP test server; the office reads (and receives complaints at) one Dovecot box."""
    app = create_app({**env, **smtp_server.settings(), "MAIL_FROM": dovecot.user, "COMPLAINT_MAILBOX": dovecot.user,
                      "IMAP_HOST": dovecot.host, "IMAP_PORT": str(dovecot.port), "IMAP_USER": dovecot.user,
                      "IMAP_PASSWORD": dovecot.password, "IMAP_SSL": "false"})
    yield app
    app.extensions["db"].engine.dispose()


def _row(app, message_id: int) -> Message:
    with app.app_context(), app.extensions["db"].session() as session:
        return session.get(Message, message_id)


def test_complaint_reaches_the_mailbox_after_an_smtp_outage(office_app, smtp_server, dovecot):
    """The first SMTP attempt is refused (451): the mail waits in the outbox, is retried, and arrives once."""
    citizen = j.ready(office_app)
    reply = citizen.say(WORDS)
    (notice,) = citizen.mailed()
    reference = notice.meta["ticket"]
    assert reference in reply
    smtp_server.fail_next(1)
    enqueue_delivery([notice], office_app)
    run_worker(office_app)
    waiting = _row(office_app, notice.id)
    assert (waiting.status, waiting.attempts) == ("queued", 1) and smtp_server.messages == []
    assert release_scheduled(office_app) == 1
    run_worker(office_app)
    (received,) = smtp_server.wait_for(1)
    assert received.rcpt_tos == [dovecot.user] and _row(office_app, notice.id).status == "sent"
    assert received.message["Subject"] == f"[PST] Pengaduan {reference}"
    assert received.message["Auto-Submitted"] == "auto-generated"
    body = received.message.get_body(("plain",)).get_content()
    assert WORDS in body and f"/console/complaints/{reference}" in body and "Siti Aminah" in body


def test_the_office_poller_never_answers_the_complaint_mail(office_app, smtp_server, dovecot):
    """When the complaint address is the mailbox the bot reads, the mail lands there and is kept, not answered."""
    citizen = j.ready(office_app)
    citizen.say(WORDS)
    enqueue_delivery(citizen.mailed(), office_app)
    run_worker(office_app)
    (received,) = smtp_server.wait_for(1)
    dovecot.append(received.raw)
    with office_app.app_context():
        catch_up(office_app)
        assert queued(office_app) == []  # no engine run, so no answer
    with office_app.app_context(), office_app.extensions["db"].session() as session:
        assert session.get(MailboxState, "INBOX").last_uid == 1  # the poller read past it
        # it is our own sent row (same Message-ID): recognised, not stored again as a citizen's mail
        assert session.scalars(select(Message.id).where(Message.direction == "in",
                                                        Message.channel == "email")).all() == []
        outbound = session.scalars(select(Message.id).where(Message.address == dovecot.user)).all()
        assert outbound == [citizen.mailed()[0].id]


def _allocate_many(url: str, year: int, count: int, results) -> None:
    """One process, as a web or worker process would: its own engine, one transaction per complaint."""
    engine = make_engine(url)
    got = []
    for _ in range(count):
        with Session(engine) as session:
            got.append(tickets.allocate(session, year, tickets.COMPLAINT_PREFIX))
            session.commit()
    engine.dispose()
    results.put(got)


def test_references_are_unique_across_processes(app, database_url):
    """Four processes filing at once get forty different, gapless ADU numbers, apart from ticket numbers."""
    context = multiprocessing.get_context("spawn")
    results = context.Queue()
    workers = [context.Process(target=_allocate_many, args=(database_url, 2026, 10, results)) for _ in range(4)]
    for worker in workers:
        worker.start()
    references = [ref for _ in workers for ref in results.get(timeout=120)]
    for worker in workers:
        worker.join(30)
        assert worker.exitcode == 0
    assert sorted(references) == [f"ADU-2026-{n:06d}" for n in range(1, 41)]
    with app.app_context(), app.extensions["db"].session() as session:
        assert tickets.allocate(session, 2026) == "PST-2026-000001"

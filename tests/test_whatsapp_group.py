"""Plain WhatsApp texts through TextIntake: grouped writes, one job per new message; 503; no webhook cookie."""
from __future__ import annotations

import threading

from flask import request
from flask.sessions import SecureCookieSession
from rq.job import Job

from bot import clock, inbox
from bot.channels.whatsapp.inbound import parse
from bot.models import Message
from tests.console_support import login, make_officer
from tests.support.ports import wait_until
from tests.support.whatsapp import (inbound_form, make_wa_app, post_signed, rows, run_worker, wa_app,  # noqa: F401
                                    wa_client, wa_env)
from workers.queue import get_queue, get_redis, rq_job_id


def _inbound(body: str = "halo", **fields):
    return parse(inbound_form(body, **fields), clock.now()).inbound


def _job_ids(app) -> set[str]:
    return set(get_queue("inbound", app).job_ids)


def test_concurrent_texts_are_stored_in_one_batch_each_with_its_own_id(wa_app, fake_twilio, monkeypatch):
    """7 threads: the first write held, the 6 that queued meanwhile in ONE insert; one job and one reply each."""
    texts = wa_app.extensions["whatsapp_texts"]
    real, entered, release, calls = inbox.commit_unresolved_many, threading.Event(), threading.Event(), []

    def held_first(engine, batch, connection=None):
        calls.append([item.external_id for item in batch])
        if len(calls) == 1:
            entered.set()
            assert release.wait(10)
        return real(engine, batch, connection)

    monkeypatch.setattr(inbox, "commit_unresolved_many", held_first)
    inbounds = [_inbound(f"halo {n}") for n in range(7)]
    got: dict[str, object] = {}

    def store(inbound):
        with wa_app.app_context():
            got[inbound.external_id] = texts.store(inbound)

    threads = [threading.Thread(target=store, args=(inbound,)) for inbound in inbounds]
    threads[0].start()
    assert entered.wait(10)
    for thread in threads[1:]:
        thread.start()
    wait_until(lambda: len(texts.group._queue) >= 6, interval=0.001, what="6 texts queued behind the first")
    release.set()
    for thread in threads:
        thread.join(10)

    assert [len(batch) for batch in calls] == [1, 6] and texts.group.batches == 2
    stored = {row.external_id: row for row in rows(wa_app, Message, Message.direction == "in")}
    assert set(stored) == {inbound.external_id for inbound in inbounds}
    assert got == {sid: row.id for sid, row in stored.items()}
    assert all(row.conversation_id is None and row.status == "received" for row in stored.values())
    assert _job_ids(wa_app) == {rq_job_id(f"inbound:{row.id}") for row in stored.values()}
    for row in stored.values():
        job = Job.fetch(rq_job_id(f"inbound:{row.id}"), connection=get_redis(wa_app))
        assert job.args == (row.id,)

    run_worker(wa_app)
    sent = fake_twilio.wait_for(7)
    assert len(sent) == 7 and {message.to for message in sent} == {f"whatsapp:{i.address}" for i in inbounds}
    assert {row.status for row in rows(wa_app, Message, Message.direction == "in")} == {"processed"}


def test_a_known_message_sid_is_not_stored_or_enqueued_again(wa_app):
    """The same MessageSid twice: an id, then None; one row and one job."""
    texts = wa_app.extensions["whatsapp_texts"]
    inbound = _inbound()
    with wa_app.app_context():
        first = texts.store(inbound)
        assert isinstance(first, int)
        assert texts.store(inbound) is None
    assert [row.id for row in rows(wa_app, Message)] == [first]
    assert _job_ids(wa_app) == {rq_job_id(f"inbound:{first}")}


def test_a_database_that_cannot_take_the_message_gets_twilio_a_503(make_wa_app, fake_twilio):
    """No database: 503 with Retry-After and a one-line reason, not a stack trace."""
    down = make_wa_app(DATABASE_URL="postgresql+psycopg://postgres@127.0.0.1:1/nothing")
    response = post_signed(down.test_client(), fake_twilio.auth_token, inbound_form("halo"))
    assert response.status_code == 503
    assert response.headers["Retry-After"] == "30"
    assert response.mimetype == "text/plain"
    body = response.get_data(as_text=True)
    assert body.startswith("database unavailable") and body.count("\n") == 1 and body.endswith("\n")
    assert "Traceback" not in body
    assert get_queue("inbound", down).count == 0


def test_webhook_answers_without_a_cookie_and_the_console_keeps_its_session(wa_app, wa_client, fake_twilio):
    """Webhook responses set no cookie (null session); console requests still get and set one."""
    response = post_signed(wa_client, fake_twilio.auth_token, inbound_form("halo"))
    assert response.status_code == 200 and "Set-Cookie" not in response.headers
    interface = wa_app.session_interface
    for path in ("/webhooks/twilio/whatsapp", "/webhooks/twilio/status", "/healthz", "/console"):
        with wa_app.test_request_context(path, method="POST"):
            assert interface.is_null_session(interface.open_session(wa_app, request)), path
    with wa_app.test_request_context("/console/login"):
        opened = interface.open_session(wa_app, request)
        assert isinstance(opened, SecureCookieSession) and not interface.is_null_session(opened)

    console = wa_app.test_client()
    page = console.get("/console/login")
    assert page.status_code == 200 and "session=" in page.headers.get("Set-Cookie", "")
    make_officer(wa_app)
    assert login(console).status_code == 302
    assert console.get("/console/").status_code == 200  # the login session is carried by the cookie
    again = post_signed(console, fake_twilio.auth_token, inbound_form("lagi"))
    assert again.status_code == 200 and "Set-Cookie" not in again.headers

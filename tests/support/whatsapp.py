"""Helpers for the WhatsApp tests: an app wired to the fake Twilio, signed webhook posts, a burst worker."""
from __future__ import annotations

import itertools
import uuid

import pytest
from rq import SimpleWorker
from twilio.request_validator import RequestValidator

from bot import create_app
from workers.queue import QUEUES, get_redis

BASE = "http://testserver"
INBOUND = "/webhooks/twilio/whatsapp"
STATUS = "/webhooks/twilio/status"
_numbers = itertools.count(1)


@pytest.fixture
def wa_env(env, fake_twilio) -> dict[str, str]:
    return {**env, "TWILIO_ACCOUNT_SID": fake_twilio.account_sid, "TWILIO_AUTH_TOKEN": fake_twilio.auth_token,
            "TWILIO_WHATSAPP_FROM": "+14155238886", "TWILIO_API_BASE": fake_twilio.url,
            "TWILIO_CONTENT_API_BASE": fake_twilio.url}


@pytest.fixture
def make_wa_app(wa_env):
    """Factory of apps wired to the fake Twilio, with extra settings (``PUBLIC_BASE_URL="…"``)."""
    made = []

    def make(**settings):
        made.append(create_app({**wa_env, **settings}))
        return made[-1]

    yield make
    for application in made:
        application.extensions["db"].engine.dispose()


@pytest.fixture
def wa_app(make_wa_app):
    return make_wa_app()


@pytest.fixture
def wa_client(wa_app):
    return wa_app.test_client()


def message_sid() -> str:
    return "SM" + uuid.uuid4().hex


def phone() -> str:
    return f"+6281300{next(_numbers):06d}"


def inbound_form(body: str = "halo", *, sid: str | None = None, sender: str | None = None, **extra) -> dict:
    """The form Twilio posts for an inbound WhatsApp message."""
    number = sender or phone()
    form = {"SmsMessageSid": sid, "MessageSid": sid or message_sid(), "AccountSid": "AC" + "0" * 32,
            "From": f"whatsapp:{number}", "To": "whatsapp:+14155238886", "Body": body, "NumMedia": "0",
            "NumSegments": "1", "WaId": number.lstrip("+"), "ProfileName": "Budi", "ApiVersion": "2010-04-01"}
    form["SmsMessageSid"] = form["MessageSid"]
    form.update(extra)
    return {k: v for k, v in form.items() if v is not None}


def signature(token: str, url: str, form: dict) -> str:
    return RequestValidator(token).compute_signature(url, form)


def post_signed(client, token: str, form: dict, path: str = INBOUND, url: str | None = None,
                headers: dict | None = None):
    """POST ``form`` to ``path`` signed for ``url`` (default: PUBLIC_BASE_URL + path), as Twilio does."""
    sig = signature(token, url or BASE + path, form)
    return client.post(path, data=form, headers={"X-Twilio-Signature": sig, **(headers or {})})


def run_worker(app) -> None:
    """Run every queued job in this process with a real RQ worker, until the queues are empty."""
    with app.app_context():
        SimpleWorker(list(QUEUES), connection=get_redis(app)).work(burst=True)


def release_scheduled(app) -> int:
    """Move jobs booked for later (retries with back-off) onto their queues now; returns how many."""
    from workers.queue import get_queue

    moved = 0
    for name in QUEUES:
        queue = get_queue(name, app)
        registry = queue.scheduled_job_registry
        for job_id in registry.get_job_ids():
            job = queue.fetch_job(job_id)
            registry.remove(job)
            queue.enqueue_job(job)
            moved += 1
    return moved


def rows(app, model, *where):
    """All rows of ``model`` matching ``where``, read in a fresh session."""
    from sqlalchemy import select

    with app.app_context(), app.extensions["db"].session() as session:
        return session.scalars(select(model).where(*where).order_by(model.id)).all()


def queue_reply(app, body: str, *, address: str | None = None, last_inbound_hours: float = 1, **fields) -> int:
    """An outbox row to a WhatsApp citizen who last wrote ``last_inbound_hours`` ago; enqueued; its id."""
    import datetime as dt

    from bot import clock, inbox, outbox
    from bot.envelope import Channel, Outbound
    from workers.jobs import enqueue_delivery

    with app.app_context(), app.extensions["db"].session() as session:
        identity = inbox.identity_for(session, Channel.WHATSAPP.value, address or phone())
        identity.last_inbound_at = clock.now() - dt.timedelta(hours=last_inbound_hours)
        conversation = inbox.conversation_for(session, identity)
        (row,) = outbox.store(session, [Outbound(channel=identity.channel, address=identity.address, text=body,
                                                 conversation_id=conversation.id, **fields)])
        session.commit()
        enqueue_delivery([row], app)
        return row.id


def callback(client, token: str, sent, status: str, error_code: int | None = None):
    """Twilio's signed status callback for a message the fake received, posted through ``client``."""
    url = sent.params["StatusCallback"]
    form = {"MessageSid": sent.sid, "SmsSid": sent.sid, "MessageStatus": status, "SmsStatus": status,
            "AccountSid": "AC" + "0" * 32, "To": sent.to, "From": sent.from_, "ApiVersion": "2010-04-01"}
    if error_code is not None:
        form["ErrorCode"] = str(error_code)
    return post_signed(client, token, form, path=url[len(BASE):], url=url)

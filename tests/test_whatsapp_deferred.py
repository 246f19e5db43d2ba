"""Plain WhatsApp texts are stored unresolved (one INSERT); the job finds identity and conversation."""
from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select

from bot import clock, inbox
from bot.envelope import Inbound
from bot.models import ChannelIdentity, Conversation, Message
from bot.texts import WIB
from tests import journeys
from tests.console_support import login, make_officer, open_ticket
from tests.support.race import at_once
from tests.support.whatsapp import (inbound_form, make_wa_app, phone, post_signed, rows,  # noqa: F401
                                    run_worker, wa_app, wa_client, wa_env)
from workers import jobs, sweeper
from workers.redelivery import INBOUND_GRACE

WEEKDAY_MORNING = dt.datetime(2026, 6, 5, 10, 0, tzinfo=WIB)  # office open: no deadline shifts to confuse


def _unresolved(app, address: str, text: str = "halo") -> int:
    with app.app_context(), app.extensions["db"].session() as s:
        message, created = inbox.accept(s, Inbound("whatsapp", address, text, f"SM-{text}-{address}", clock.now(),
                                                    profile_name="Sari"), resolve=False)
        s.commit()
        assert created and message.conversation_id is None
        return message.id


def test_webhook_stores_unresolved_and_the_job_resolves_and_answers(wa_app, wa_client, fake_twilio):
    """The request writes only the message; the job creates identity and conversation, then replies."""
    number = phone()
    post_signed(wa_client, fake_twilio.auth_token, inbound_form("halo", sender=number, ProfileName="Sari"))
    (message,) = rows(wa_app, Message)
    assert message.conversation_id is None and rows(wa_app, ChannelIdentity) == []
    run_worker(wa_app)
    (sent,) = fake_twilio.wait_for(1)
    assert sent.to == f"whatsapp:{number}"
    (message,) = rows(wa_app, Message, Message.direction == "in")
    (identity,) = rows(wa_app, ChannelIdentity)
    (conversation,) = rows(wa_app, Conversation)
    assert (message.status, message.conversation_id) == ("processed", conversation.id)
    assert (identity.display_name, conversation.identity_id) == ("Sari", identity.id)
    assert identity.last_inbound_at == message.created_at


def test_repeat_of_an_unresolved_message_returns_the_first(wa_app):
    """The same MessageSid stored twice with resolve=False: one row, created only the first time."""
    number = phone()
    first = _unresolved(wa_app, number)
    with wa_app.app_context(), wa_app.extensions["db"].session() as s:
        again, created = inbox.accept(s, Inbound("whatsapp", number, "halo", f"SM-halo-{number}", clock.now()),
                                      resolve=False)
    assert (again.id, created) == (first, False)
    assert len(rows(wa_app, Message)) == 1


def test_a_later_job_takes_earlier_unresolved_messages_in_order(wa_app):
    """If only the second message's job runs, both join one conversation and the engine sees them in order."""
    number = phone()
    clock.freeze(WEEKDAY_MORNING)
    _unresolved(wa_app, number, "halo")  # its job was never enqueued (Redis lost it)
    clock.advance(dt.timedelta(minutes=1))
    second = _unresolved(wa_app, number, "apa kabar")
    with wa_app.app_context():
        jobs.process_message(second)
    messages = rows(wa_app, Message, Message.direction == "in")
    (conversation,) = rows(wa_app, Conversation)
    (identity,) = rows(wa_app, ChannelIdentity)
    assert [(m.status, m.conversation_id) for m in messages] == [("processed", conversation.id)] * 2
    assert conversation.last_inbound_at == identity.last_inbound_at == messages[1].created_at


def test_two_jobs_for_one_new_citizen_make_one_conversation(wa_app):
    """Two workers resolving two first messages of the same citizen at once agree on one identity and conversation."""
    number = phone()
    ids = [_unresolved(wa_app, number, text) for text in ("halo", "selamat pagi")]
    assert at_once(wa_app, jobs.process_message, *[(i,) for i in ids]) == []
    assert len(rows(wa_app, ChannelIdentity)) == 1 and len(rows(wa_app, Conversation)) == 1
    assert {m.status for m in rows(wa_app, Message, Message.direction == "in")} == {"processed"}


def test_message_lost_before_processing_is_recovered_by_the_sweeper(wa_app, wa_client, fake_twilio, fresh_redis):
    """Stored, then its job lost (Redis restarted empty): the sweep re-enqueues it, resolved and answered."""
    clock.freeze(WEEKDAY_MORNING)
    post_signed(wa_client, fake_twilio.auth_token, inbound_form("halo"))
    fresh_redis.client().flushall()
    clock.advance(INBOUND_GRACE + dt.timedelta(seconds=1))
    assert sweeper.sweep(wa_app).get("reprocessed") == 1
    run_worker(wa_app)
    assert len(fake_twilio.wait_for(1)) == 1
    (message,) = rows(wa_app, Message, Message.direction == "in")
    assert message.status == "processed" and message.conversation_id is not None


def test_engine_failure_on_an_unresolved_message_still_flags_it(wa_app, monkeypatch):
    """A bug in the engine rolls the resolution back; flagging resolves again and the citizen is told."""
    from bot import services

    class Broken:
        def process(self, message):
            raise RuntimeError("bug")

    monkeypatch.setattr(services, "engine", lambda session, app=None: Broken())
    message_id = _unresolved(wa_app, phone())
    with wa_app.app_context():
        assert jobs.process_message(message_id) == 1
    (message,) = rows(wa_app, Message, Message.direction == "in")
    (apology,) = rows(wa_app, Message, Message.direction == "out")
    assert (message.status, message.flagged) == ("failed", True)
    assert apology.conversation_id == message.conversation_id is not None


def test_processed_message_shows_in_the_console_history(wa_app, wa_client, fake_twilio):
    """A citizen's WhatsApp text on an open ticket appears in the officer's conversation view once processed."""
    make_officer(wa_app)
    citizen, ticket = open_ticket(wa_app)
    post_signed(wa_client, fake_twilio.auth_token,
                inbound_form("Tabelnya per kecamatan ya", sender=citizen.address))
    run_worker(wa_app)
    officer = wa_app.test_client()
    login(officer)
    page = officer.get(f"/console/t/{ticket}").get_data(as_text=True)
    assert "Tabelnya per kecamatan ya" in page


@pytest.mark.parametrize("resolve", [True, False])
def test_unprocessed_message_holds_the_inactivity_close(app, resolve):
    """A citizen message still waiting for its job, resolved or not, keeps the conversation from closing."""
    clock.freeze(WEEKDAY_MORNING)
    citizen = journeys.clarify(app)
    clock.advance(dt.timedelta(days=7))
    with app.app_context(), app.extensions["db"].session() as s:
        inbox.accept(s, Inbound(channel=citizen.channel, address=citizen.address, text="masih di sini",
                                external_id="late-1", received_at=clock.now()), resolve=resolve)
        s.commit()
    assert "closed" not in sweeper.sweep(app)
    assert citizen.state() == "clarify"
    with app.app_context(), app.extensions["db"].session() as s:
        assert s.scalar(select(Message.status).where(Message.external_id == "late-1")) == "received"

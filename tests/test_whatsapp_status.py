"""Status callbacks: signed, matched to the row, never moving a status backwards."""
from __future__ import annotations

import pytest

from bot.channels.whatsapp.status import forward, overall
from bot.models import Message
from tests.support.whatsapp import (STATUS, callback, make_wa_app, queue_reply, rows, run_worker,  # noqa: F401
                                    wa_app, wa_client, wa_env)


def sent_row(app, fake, body="jawaban", **fields):
    message_id = queue_reply(app, body, **fields)
    run_worker(app)
    return message_id, fake.wait_for(1)[-1]


def status_of(app, message_id):
    (row,) = rows(app, Message, Message.id == message_id)
    return row


@pytest.mark.parametrize("sequence, final", [
    (["sent", "delivered", "read"], "read"),
    (["read", "delivered", "sent"], "read"),
    (["delivered", "sent"], "delivered"),
    (["sent", "failed"], "failed"),
    (["failed", "sent"], "failed"),
    (["read", "failed"], "read"),
    (["queued", "undelivered", "sent"], "undelivered"),
])
def test_callbacks_in_any_order_never_move_backwards(wa_app, wa_client, fake_twilio, sequence, final):
    """Whatever order Twilio's callbacks arrive in, the row ends on the most advanced status."""
    message_id, sent = sent_row(wa_app, fake_twilio)
    for status in sequence:
        assert callback(wa_client, fake_twilio.auth_token, sent, status).status_code == 204
    assert status_of(wa_app, message_id).status == final


def test_failure_records_the_error_code(wa_app, wa_client, fake_twilio):
    """An undelivered callback keeps Twilio's error code for the officer."""
    message_id, sent = sent_row(wa_app, fake_twilio)
    callback(wa_client, fake_twilio.auth_token, sent, "undelivered", 63024)
    row = status_of(wa_app, message_id)
    assert (row.status, row.error) == ("undelivered", "Twilio error 63024")


def test_odd_error_code_is_kept_short(wa_app, wa_client, fake_twilio):
    """An ErrorCode longer than the error column still records the failure (PostgreSQL refused the row: 503)."""
    message_id, sent = sent_row(wa_app, fake_twilio)
    assert callback(wa_client, fake_twilio.auth_token, sent, "failed", int("6" * 300)).status_code == 204
    row = status_of(wa_app, message_id)
    assert row.status == "failed" and row.error.startswith("Twilio error 666") and len(row.error) <= 255


def test_late_63016_sends_the_template_once(make_wa_app, fake_twilio):
    """WhatsApp reporting the closed window after accepting: the words go again as the template, once."""
    application = make_wa_app(TWILIO_TEMPLATE_OFFICER_REPLY="HX" + "b" * 32)
    client = application.test_client()
    message_id, sent = sent_row(application, fake_twilio, author="officer")
    for _ in range(2):
        callback(client, fake_twilio.auth_token, sent, "failed", 63016)
    run_worker(application)
    first, template = fake_twilio.wait_for(2)
    assert template.params["ContentSid"] == "HX" + "b" * 32 and len(fake_twilio.messages) == 2
    assert status_of(application, message_id).status == "failed"
    (retry,) = rows(application, Message, Message.id != message_id, Message.direction == "out")
    assert (retry.status, retry.meta["retry_of"]) == ("sent", message_id)


def test_parts_combine_into_one_status(wa_app, wa_client, fake_twilio):
    """A reply in two parts is delivered only when both parts are."""
    message_id = queue_reply(wa_app, "y" * 2000)
    run_worker(wa_app)
    first, second = fake_twilio.wait_for(2)
    callback(wa_client, fake_twilio.auth_token, first, "delivered")
    assert status_of(wa_app, message_id).status == "sent"
    callback(wa_client, fake_twilio.auth_token, second, "delivered")
    assert status_of(wa_app, message_id).status == "delivered"


# PostgreSQL only: on SQLite the sending job holds the write lock, so a callback cannot overtake it
# (here, called from inside the job's thread, it would wait out the busy timeout).
@pytest.mark.parametrize("database_url", ["postgresql"], indirect=True)
@pytest.mark.parametrize("last", ["delivered", "undelivered"])
def test_callback_during_sending_waits_for_all_parts(wa_app, wa_client, fake_twilio, monkeypatch, last):
    """Part 1 reported delivered while part 2 is still being sent: the row neither looks delivered nor forgets it."""
    sender, token = wa_app.extensions["senders"]["whatsapp"], fake_twilio.auth_token
    create, seen = sender._create, []

    def create_then_report(message, **content):
        created = create(message, **content)
        if len(fake_twilio.messages) == 1:  # Twilio's callback overtakes the job
            assert callback(wa_client, token, fake_twilio.messages[0], "delivered").status_code == 204
            seen.append(status_of(wa_app, message.id).status)
        return created
    monkeypatch.setattr(sender, "_create", create_then_report)
    message_id = queue_reply(wa_app, "y" * 2000)
    run_worker(wa_app)
    first, second = fake_twilio.wait_for(2)
    row = status_of(wa_app, message_id)
    assert (seen, row.status) == (["sending"], "sent")
    assert row.meta["parts"] == {first.sid: "delivered", second.sid: "queued"}
    callback(wa_client, token, second, last)
    assert status_of(wa_app, message_id).status == last


def test_unsigned_callback_is_refused(wa_app, wa_client, fake_twilio):
    """The status endpoint checks the signature like the inbound one."""
    message_id, sent = sent_row(wa_app, fake_twilio)
    response = wa_client.post(STATUS + f"?m={message_id}", data={"MessageSid": sent.sid, "MessageStatus": "read"})
    assert response.status_code == 403 and status_of(wa_app, message_id).status == "sent"


def test_unknown_message_is_acknowledged_and_ignored(wa_app, wa_client, fake_twilio):
    """A callback for a SID we never sent: 204, nothing changes."""
    message_id, sent = sent_row(wa_app, fake_twilio)
    sent.sid = "SM" + "9" * 32
    sent.params["StatusCallback"] = sent.params["StatusCallback"].split("?")[0]
    assert callback(wa_client, fake_twilio.auth_token, sent, "read").status_code == 204
    assert status_of(wa_app, message_id).status == "sent"


@pytest.mark.parametrize("current, new, moves", [
    ("sending", "sent", True), ("delivered", "sent", False), ("sent", "bogus", False), (None, "queued", True),
])
def test_forward(current, new, moves):
    """The status order used by callbacks."""
    assert forward(current, new) is moves


def test_overall_prefers_failure_then_least_advanced():
    """One part failing fails the message; otherwise the slowest part decides."""
    assert overall({"a": "read", "b": "failed"}) == "failed"
    assert overall({"a": "read", "b": "sent"}) == "sent"

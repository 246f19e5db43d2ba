"""End to end: a signed WhatsApp webhook, a real RQ worker, the reply arriving at the fake Twilio."""
from __future__ import annotations

from sqlalchemy import select

from bot.models import Message
from tests.support.whatsapp import (inbound_form, make_wa_app, post_signed, run_worker, wa_app,  # noqa: F401
                                    wa_client, wa_env)


def test_signed_webhook_is_answered_through_the_worker(wa_app, wa_client, fake_twilio):
    """The reply to a signed inbound message reaches Twilio from the worker, not from the request."""
    form = inbound_form("halo", ProfileName="Siti Aminah")
    response = post_signed(wa_client, fake_twilio.auth_token, form)
    assert response.status_code == 200
    assert response.data.startswith(b"<?xml") and b"<Response></Response>" in response.data
    assert fake_twilio.messages == []
    run_worker(wa_app)
    (sent,) = fake_twilio.wait_for(1)
    assert sent.to == form["From"] and sent.from_ == "whatsapp:+14155238886"
    assert "Pemberitahuan privasi" in sent.body
    assert sent.params["StatusCallback"].startswith("http://testserver/webhooks/twilio/status?m=")

"""Only requests Twilio signed get in; the URL it signed is found behind a TLS-terminating proxy too."""
from __future__ import annotations

import pytest
from werkzeug.test import EnvironBuilder

from bot.channels.whatsapp.signature import called_urls
from bot.models import Message
from tests.support.whatsapp import (INBOUND, inbound_form, make_wa_app, post_signed, rows,  # noqa: F401
                                    signature, wa_app, wa_client, wa_env)

PUBLIC = "https://pst.example.org"


def test_missing_signature_is_refused_and_logged(wa_app, wa_client, caplog):
    """No X-Twilio-Signature: 403, the reason in the log, nothing stored."""
    response = wa_client.post(INBOUND, data=inbound_form())
    assert response.status_code == 403
    assert "missing X-Twilio-Signature" in caplog.text
    assert rows(wa_app, Message) == []


@pytest.mark.parametrize("tamper", ["wrong_token", "changed_body", "other_url", "garbage"])
def test_forged_signature_is_refused(wa_app, wa_client, fake_twilio, caplog, tamper):
    """A signature made with another token, for other parameters or another URL: 403, nothing stored."""
    form = inbound_form("halo")
    token, url = fake_twilio.auth_token, "http://testserver" + INBOUND
    if tamper == "wrong_token":
        token = "0" * 32
    elif tamper == "other_url":
        url = "http://testserver/webhooks/twilio/status"
    sig = "bm90IGEgc2lnbmF0dXJl" if tamper == "garbage" else signature(token, url, form)
    if tamper == "changed_body":
        form = {**form, "Body": "transfer semua data"}
    response = wa_client.post(INBOUND, data=form, headers={"X-Twilio-Signature": sig})
    assert response.status_code == 403
    assert "signature does not match" in caplog.text
    assert rows(wa_app, Message) == []


def test_replayed_signed_request_is_stored_once(wa_app, wa_client, fake_twilio):
    """Replaying a captured genuine request is answered 200 and changes nothing (MessageSid is the key)."""
    form = inbound_form("halo")
    for _ in range(2):
        assert post_signed(wa_client, fake_twilio.auth_token, form).status_code == 200
    assert len(rows(wa_app, Message)) == 1


def test_messaging_service_parameters_are_just_signed_parameters(wa_app, wa_client, fake_twilio):
    """A sender in a Messaging Service adds MessagingServiceSid: still accepted (the peer's 403 bug)."""
    form = inbound_form("halo", MessagingServiceSid="MG" + "1" * 32)
    assert post_signed(wa_client, fake_twilio.auth_token, form).status_code == 200


@pytest.mark.parametrize("signed_url, headers", [
    (PUBLIC + INBOUND, {"X-Forwarded-Proto": "https", "X-Forwarded-Host": "pst.example.org"}),
    (PUBLIC + ":443" + INBOUND, {"X-Forwarded-Proto": "https", "X-Forwarded-Host": "pst.example.org"}),
    (PUBLIC + INBOUND, {"X-Forwarded-Proto": "https", "X-Forwarded-Host": "pst.example.org:443"}),
    (PUBLIC + INBOUND, {}),
    ("https://bot.other-name.example" + INBOUND, {"X-Forwarded-Proto": "https",
                                                   "X-Forwarded-Host": "bot.other-name.example"}),
    ("https://pst.example.org:8443" + INBOUND, {"X-Forwarded-Proto": "https", "X-Forwarded-Host": "pst.example.org",
                                                 "X-Forwarded-Port": "8443"}),
])
@pytest.mark.parametrize("trusted_proxies", ["0", "1"])
def test_signature_behind_a_tls_terminating_proxy(make_wa_app, fake_twilio, signed_url, headers, trusted_proxies):
    """The app sees http://internal; Twilio signed the public https URL, with or without :443 (ProxyFix or not)."""
    application = make_wa_app(PUBLIC_BASE_URL=PUBLIC, TRUSTED_PROXIES=trusted_proxies)
    form = inbound_form("halo")
    client = application.test_client()
    response = client.post(INBOUND, data=form, base_url="http://10.0.0.5:8000",
                           headers={"X-Twilio-Signature": signature(fake_twilio.auth_token, signed_url, form),
                                    "X-Forwarded-For": "54.172.60.1", **headers})
    assert response.status_code == 200


def test_public_url_wins_over_a_plain_http_internal_url(make_wa_app, fake_twilio):
    """Signed for the internal http URL while PUBLIC_BASE_URL is https and no proxy header: refused."""
    application = make_wa_app(PUBLIC_BASE_URL=PUBLIC)
    form = inbound_form("halo")
    sig = signature(fake_twilio.auth_token, "http://10.0.0.5:8000" + INBOUND, form)
    response = application.test_client().post(INBOUND, data=form, base_url="http://10.0.0.5:8000",
                                              headers={"X-Twilio-Signature": sig})
    assert response.status_code == 403


@pytest.mark.parametrize("base, path, headers, expected", [
    ("https://a.example", "/x?m=1", {}, ["https://a.example/x?m=1"]),
    ("https://a.example/bot", "/x", {"X-Forwarded-Proto": "https, http", "X-Forwarded-Host": "b.example"},
     ["https://a.example/bot/x", "https://b.example/bot/x"]),
    ("https://a.example", "/x", {"X-Forwarded-Proto": "https", "X-Forwarded-Host": "a.example"},
     ["https://a.example/x"]),
])
def test_called_urls(base, path, headers, expected):
    """The candidate URLs: PUBLIC_BASE_URL first, then the proxy's view, without duplicates."""
    request = EnvironBuilder(path=path, base_url="http://internal:8000", headers=headers).get_request()
    assert called_urls(request, base) == expected

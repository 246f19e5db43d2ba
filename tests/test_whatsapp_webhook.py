"""The inbound webhook: stored once, answered at once, bad requests refused with nothing half-stored."""
from __future__ import annotations

import pytest

from bot.models import Attachment, ChannelIdentity, Message
from tests.support.ports import free_port
from tests.support.whatsapp import (INBOUND, inbound_form, make_wa_app, phone, post_signed, release_scheduled,  # noqa: F401
                                    rows, run_worker, wa_app, wa_client, wa_env)


def test_same_message_sid_three_times_is_processed_once(wa_app, wa_client, fake_twilio):
    """Twilio re-delivering a message: three 200s, one stored message, one reply."""
    form = inbound_form("halo")
    for _ in range(3):
        response = post_signed(wa_client, fake_twilio.auth_token, form)
        assert response.status_code == 200 and b"<Response>" in response.data
        run_worker(wa_app)
    assert len(rows(wa_app, Message, Message.direction == "in")) == 1
    assert len(fake_twilio.wait_for(1)) == 1
    assert len(rows(wa_app, Message, Message.direction == "out")) == 1


def test_inbound_is_stored_with_e164_address_and_profile_name(wa_app, wa_client, fake_twilio):
    """whatsapp:+62… becomes +62…; the job makes ProfileName the identity's display name."""
    form = inbound_form("halo", sender="+6281234500001", ProfileName="Rina Wati")
    post_signed(wa_client, fake_twilio.auth_token, form)
    (message,) = rows(wa_app, Message)
    assert (message.address, message.external_id, message.status) == ("+6281234500001", form["MessageSid"],
                                                                      "received")
    assert message.conversation_id is None and message.meta["profile_name"] == "Rina Wati"
    run_worker(wa_app)
    (identity,) = rows(wa_app, ChannelIdentity)
    assert identity.display_name == "Rina Wati" and identity.last_inbound_at is not None


def test_control_characters_are_dropped_not_refused(wa_app, wa_client, fake_twilio):
    """A NUL (which PostgreSQL text cannot hold) in Body or ProfileName: stored without it, 200, answered."""
    form = inbound_form("halo\x00 data\x07 inflasi\nbaris dua", ProfileName="Bu\x00di")
    assert post_signed(wa_client, fake_twilio.auth_token, form).status_code == 200
    (message,) = rows(wa_app, Message)
    assert message.body == "halo data inflasi\nbaris dua" and message.meta["profile_name"] == "Budi"
    run_worker(wa_app)
    assert len(fake_twilio.wait_for(1)) == 1


@pytest.mark.parametrize("change, problem", [
    ({"MessageSid": None}, b"MessageSid is missing"),
    ({"MessageSid": "not-a-sid"}, b"MessageSid is not"),
    ({"From": None}, b"From is missing"),
    ({"From": "+6281234567890"}, b"From is not a WhatsApp address"),
    ({"Body": ""}, b"Body is empty"),
    ({"Body": "x" * 4097}, b"longer than 4096"),
    ({"NumMedia": "1"}, b"MediaUrl0 is missing"),
    ({"NumMedia": "many"}, b"NumMedia must be"),
])
def test_bad_fields_get_a_clear_400(wa_app, wa_client, fake_twilio, change, problem):
    """A signed form with a missing or malformed field: 400 naming it, nothing stored."""
    form = {k: v for k, v in {**inbound_form("halo"), **change}.items() if v is not None}
    response = post_signed(wa_client, fake_twilio.auth_token, form)
    assert response.status_code == 400 and problem in response.data
    assert rows(wa_app, Message) == [] and rows(wa_app, ChannelIdentity) == []


@pytest.mark.parametrize("content_type", ["application/json", "text/plain", "multipart/form-data; boundary=x"])
def test_wrong_content_type_is_415(wa_app, wa_client, content_type):
    """Twilio posts form encoding; anything else is refused before reading it."""
    response = wa_client.post(INBOUND, data=b"{}", headers={"Content-Type": content_type})
    assert response.status_code == 415 and b"application/x-www-form-urlencoded" in response.data
    assert rows(wa_app, Message) == []


def test_body_over_the_limit_is_413(wa_app, wa_client, fake_twilio):
    """A request body over 64 KiB is refused unread, even when signed."""
    form = inbound_form("x" * 70_000)
    response = post_signed(wa_client, fake_twilio.auth_token, form)
    assert response.status_code == 413
    assert rows(wa_app, Message) == []


@pytest.mark.parametrize("extra", [
    {"MessageType": "location", "Body": "", "Latitude": "-3.29", "Longitude": "102.86"},
    {"Body": "", "Latitude": "-3.29", "Longitude": "102.86"},
    {"MessageType": "contacts", "Body": "", "NumMedia": "1", "MediaUrl0": "https://api.twilio.com/x.vcf",
     "MediaContentType0": "text/vcard"},
    {"Body": "", "NumMedia": "1", "MediaUrl0": "https://api.twilio.com/s.webp", "MediaContentType0": "image/webp"},
])
def test_location_contacts_and_stickers_get_text_please(wa_app, wa_client, fake_twilio, extra):
    """What the bot cannot read gets the polite "please type" reply; the engine never sees it."""
    post_signed(wa_client, fake_twilio.auth_token, inbound_form(**extra))
    run_worker(wa_app)
    (sent,) = fake_twilio.wait_for(1)
    assert "teks" in sent.body
    (message,) = rows(wa_app, Message, Message.direction == "in")
    assert message.status == "unsupported"


def test_media_is_recorded_and_downloaded_with_credentials(wa_app, wa_client, fake_twilio):
    """An image with a caption: an attachment row, fetched with Basic auth and kept under VAR_DIR."""
    url = fake_twilio.add_media("ME1", b"\xff\xd8jpegdata", "image/jpeg")
    form = inbound_form("ini tabel yang saya maksud", NumMedia="1", MediaUrl0=url, MediaContentType0="image/jpeg")
    post_signed(wa_client, fake_twilio.auth_token, form)
    run_worker(wa_app)
    (attachment,) = rows(wa_app, Attachment)
    assert (attachment.status, attachment.size, attachment.content_type) == ("stored", 10, "image/jpeg")
    stored = wa_app.config["SETTINGS"].var_path / attachment.path
    assert stored.read_bytes() == b"\xff\xd8jpegdata" and stored.suffix == ".jpg"


@pytest.mark.parametrize("where, size, expected", [
    ("fake", 4096, "too_large"),
    ("elsewhere", 10, "failed"),
])
def test_media_over_the_cap_or_off_twilio_is_not_kept(make_wa_app, fake_twilio, where, size, expected):
    """Over WHATSAPP_MEDIA_MAX_BYTES: too_large, no file; a URL outside TWILIO_API_BASE is never fetched."""
    
    application = make_wa_app(WHATSAPP_MEDIA_MAX_BYTES="1024")
    url = fake_twilio.add_media("big", b"x" * size) if where == "fake" else "https://evil.example/steal"
    form = inbound_form("lihat", NumMedia="1", MediaUrl0=url, MediaContentType0="image/jpeg")
    post_signed(application.test_client(), fake_twilio.auth_token, form)
    run_worker(application)
    (attachment,) = rows(application, Attachment)
    assert attachment.status == expected and attachment.path is None
    assert not list((application.config["SETTINGS"].var_path / "media").rglob("*.part"))


def test_media_unreachable_after_every_retry_is_failed(make_wa_app, fake_twilio):
    """Twilio's media host down through all retries: the attachment says failed, not pending for ever."""
    base = f"http://127.0.0.1:{free_port()}"  # nothing listens there
    application = make_wa_app(TWILIO_API_BASE=base)
    form = inbound_form("lihat", NumMedia="1", MediaUrl0=f"{base}/media/ME9", MediaContentType0="image/jpeg")
    post_signed(application.test_client(), fake_twilio.auth_token, form)
    run_worker(application)
    for _ in range(3):  # RETRY's three retries, without waiting for their back-off
        assert rows(application, Attachment)[0].status == "pending"
        release_scheduled(application)
        run_worker(application)
    assert rows(application, Attachment)[0].status == "failed"


def test_webhook_refuses_when_twilio_is_not_configured(app, client):
    """Without Twilio settings every webhook request is refused (403) and nothing is stored."""
    from bot.models import Message

    response = client.post(INBOUND, data=inbound_form(), headers={"X-Twilio-Signature": "anything"})
    assert response.status_code == 403
    assert client.post("/webhooks/twilio/status", data={"MessageSid": "SM1", "MessageStatus": "read"}).status_code == 403
    assert rows(app, Message) == []


def test_bare_image_outside_a_handoff_is_recorded_and_answered_text_please(wa_app, wa_client, fake_twilio):
    """A photo without words while no officer is on the ticket: kept as an attachment, citizen asked to type."""
    url = fake_twilio.add_media("ME2", b"img", "image/png")
    post_signed(wa_client, fake_twilio.auth_token,
                inbound_form("", NumMedia="1", MediaUrl0=url, MediaContentType0="image/png"))
    run_worker(wa_app)
    (sent,) = fake_twilio.wait_for(1)
    assert "teks" in sent.body
    (attachment,) = rows(wa_app, Attachment)
    assert attachment.status == "stored" and attachment.path.endswith(".png")


def test_bare_image_during_a_handoff_reaches_the_ticket(wa_app, wa_client, fake_twilio):
    """A photo without words while an officer handles the ticket: the engine attaches it for the officer."""
    from bot import clock, inbox
    from bot.models import Citizen, Consultation, ConsultationStatus

    number = phone()
    with wa_app.app_context(), wa_app.extensions["db"].session() as session:
        citizen = Citizen(name="Budi", phone=number, created_at=clock.now())
        identity = inbox.identity_for(session, "whatsapp", number)
        identity.citizen = citizen
        conversation = inbox.conversation_for(session, identity)
        conversation.state, conversation.citizen = "handoff", citizen
        session.flush()
        ticket = Consultation(ticket="PST-TEST-1", citizen_id=citizen.id, conversation_id=conversation.id,
                              channel="whatsapp", status=ConsultationStatus.IN_PROGRESS.value, question="data",
                              opened_at=clock.now())
        session.add(ticket)
        session.commit()
        ticket_id = ticket.id
    url = fake_twilio.add_media("ME3", b"img", "image/png")
    post_signed(wa_client, fake_twilio.auth_token,
                inbound_form("", sender=number, NumMedia="1", MediaUrl0=url, MediaContentType0="image/png"))
    run_worker(wa_app)
    (message,) = rows(wa_app, Message, Message.direction == "in")
    assert (message.status, message.consultation_id) == ("processed", ticket_id)
    (attachment,) = rows(wa_app, Attachment)
    assert attachment.message_id == message.id and attachment.status == "stored"


def test_redis_down_still_stores_and_answers(wa_app, wa_client, fake_twilio, fresh_redis):
    """With Redis stopped the message is stored and Twilio gets its 200; the sweeper enqueues it later."""
    fresh_redis.stop()
    response = post_signed(wa_client, fake_twilio.auth_token, inbound_form("halo"))
    assert response.status_code == 200
    (message,) = rows(wa_app, Message)
    assert message.status == "received"


def test_media_arriving_while_redis_is_down_is_downloaded_later(wa_app, wa_client, fake_twilio, fresh_redis):
    """The download job lost with Redis comes back with the sweeper, like the message's processing job."""
    import datetime as dt

    from bot import clock
    from workers import sweeper

    url = fake_twilio.add_media("ME7", b"img", "image/png")
    form = inbound_form("ini tabelnya", NumMedia="1", MediaUrl0=url, MediaContentType0="image/png")
    fresh_redis.stop()
    assert post_signed(wa_client, fake_twilio.auth_token, form).status_code == 200
    fresh_redis.start()
    clock.freeze(clock.now() + dt.timedelta(minutes=3))
    assert sweeper.sweep(wa_app).get("downloads", 0) == 1
    assert sweeper.sweep(wa_app).get("downloads", 0) == 0  # the job is live: not twice
    run_worker(wa_app)
    assert rows(wa_app, Attachment)[0].status == "stored"


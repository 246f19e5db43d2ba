"""Hostile input on the Twilio webhooks: signed or not, it gets a 4xx with a reason, never a 500.

The property tests post 1,000 generated requests each into one app and database per test function
(a fresh database per example would cost seconds each, and the examples share nothing that matters).
"""
from __future__ import annotations

from collections import Counter
from urllib.parse import quote, urlencode

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st
from sqlalchemy import func, select
from werkzeug.test import EnvironBuilder
from werkzeug.wrappers import Request

from bot import clock
from bot.models import Attachment, Message
from tests.support.whatsapp import (BASE, INBOUND, STATUS, inbound_form, make_wa_app, post_signed,  # noqa: F401
                                    rows, signature, wa_app, wa_client, wa_env)
from workers import jobs

FORM = "application/x-www-form-urlencoded"
PROPERTY = settings(max_examples=1000, deadline=None,
                    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow,
                                           HealthCheck.data_too_large])
# isdigit() says yes to all of these, int() to none: superscripts, circled and other "digits" that are not decimal.
NOT_DECIMAL = ["²", "¹", "①", "⑩", "³", "⁴", "₂"]
ODD_NUMBERS = NOT_DECIMAL + ["-1", "+1", " 1", "1.0", "0x1", "1e3", "NaN", "١", "١٢", "１", "99999999999999999999",
                             "2147483648", "9" * 5000, "", " ", "\x00", "1\x00", "00000000001"]
# Any character a form can carry (lone surrogates cannot be UTF-8 encoded; invalid UTF-8 is posted as bytes).
TEXT = st.text(st.characters(blacklist_categories=("Cs",)), max_size=40)
LONG = st.builds(lambda ch, n: ch * n, st.characters(blacklist_categories=("Cs",)), st.integers(200, 3000))
HOSTILE = st.one_of(TEXT, st.sampled_from(ODD_NUMBERS), LONG,
                    st.sampled_from(["whatsapp:+6281234567890\x00", "javascript:alert(1)", "http://", "https://x/\x00",
                                     "image/jpeg\x00", "text/plain; charset=\"\x00\"", "../../etc/passwd",
                                     "%00", "whatsapp:+62812345678901234567", "SM" + "g" * 32, "location"]))
FIELDS = ["MessageSid", "SmsMessageSid", "AccountSid", "From", "To", "Body", "NumMedia", "NumSegments", "WaId",
          "ProfileName", "MessageType", "Latitude", "Longitude", "ButtonText", "ButtonPayload", "ReferralBody",
          "OriginalRepliedMessageSid", "ApiVersion", "MediaUrl0", "MediaContentType0", "MediaUrl1",
          "MessagingServiceSid"]
BODIES = st.one_of(st.sampled_from(["halo min", "mau tanya data penduduk kec lubuklinggau barat 2023 ada gk",
                                    "Budi Santoso", "1", "ya", "ok mksh", "data inflasi llg bulan kmrn brp ya kak??"]),
                   TEXT, LONG)
NUMBERS = [f"+62813009{n:05d}" for n in range(6)]  # a few citizens, so conversations go on across examples
MEDIA_TYPES = st.sampled_from(["image/jpeg", "application/pdf", "image/webp", "text/vcard", "audio/ogg", ""])


def form_as_received(body: bytes):
    """The form exactly as the app will decode it, so the test signs what Flask sees."""
    return Request(EnvironBuilder(method="POST", data=body, content_type=FORM).get_environ()).form


def post_raw(client, token: str, body: bytes, path: str, query: str = ""):
    """POST raw form bytes, signed for PUBLIC_BASE_URL + path (+ query) over the form as the app decodes it."""
    url = BASE + path + (f"?{query}" if query else "")
    return client.post(path + (f"?{query}" if query else ""), data=body, content_type=FORM,
                       headers={"X-Twilio-Signature": signature(token, url, form_as_received(body))})


@st.composite
def inbound_bodies(draw) -> bytes:
    """A Twilio inbound form, usually well-formed, with hostile values, extra fields and junk bytes mixed in."""
    form = inbound_form(draw(BODIES), sid="SM" + draw(st.uuids()).hex, sender=draw(st.sampled_from(NUMBERS)))
    base = f"{BASE}/2010-04-01/Accounts/AC{'0' * 32}/Messages/MM{'0' * 32}/Media/ME"
    for n in range(draw(st.integers(0, 3))):
        form["NumMedia"] = str(n + 1)
        form[f"MediaUrl{n}"] = draw(st.one_of(st.just(f"{base}{n}"), HOSTILE))
        form[f"MediaContentType{n}"] = draw(st.one_of(MEDIA_TYPES, HOSTILE))
    for key in draw(st.lists(st.sampled_from(FIELDS), max_size=4, unique=True)):
        value = draw(st.one_of(st.none(), HOSTILE))
        form.pop(key, None) if value is None else form.__setitem__(key, value)
    form.update(draw(st.dictionaries(TEXT, HOSTILE, max_size=3)))
    return urlencode(form).encode() + draw(st.one_of(st.just(b""), st.binary(max_size=30).map(lambda b: b"&" + b)))


def stored(app, sid: str) -> int:
    with app.app_context(), app.extensions["db"].session() as session:
        return session.scalar(select(func.count(Message.id)).where(Message.channel == "whatsapp",
                                                                   Message.external_id == sid))


def test_random_signed_inbound_forms_never_get_a_500(wa_app, wa_client, fake_twilio):
    """1,000 signed hostile forms: 200/400/413 only; each 200 stored once; every stored message then processed."""
    token, answered = fake_twilio.auth_token, Counter()

    @PROPERTY
    @given(body=inbound_bodies())
    def post(body):
        response = post_raw(wa_client, token, body, INBOUND)
        assert response.status_code in (200, 400, 413), response.data
        answered[response.status_code] += 1
        if response.status_code == 200:
            assert stored(wa_app, form_as_received(body)["MessageSid"].strip()) == 1

    post()
    assert answered[200] >= 150 and answered[400] >= 150, answered  # both ways out were taken, often
    waiting = [m.id for m in rows(wa_app, Message, Message.direction == "in", Message.status == "received")]
    with wa_app.app_context():
        for message_id in waiting:
            jobs.process_message(message_id)
    inbound = rows(wa_app, Message, Message.direction == "in")
    assert [m.id for m in inbound if m.status in ("received", "failed")] == []


@pytest.fixture
def outbound_ids(wa_app):
    """Outbound rows in each state a callback can meet: queued (in flight), sent in one part, sent in two."""
    made = []
    with wa_app.app_context(), wa_app.extensions["db"].session() as session:
        for n, (state, parts) in enumerate([("queued", None), ("sent", 1), ("sent", 2), ("delivered", 1)]):
            sids = [f"SM{n:030d}{p:02d}" for p in range(parts or 0)]
            row = Message(direction="out", channel="whatsapp", address=NUMBERS[0], author="bot", body="jawaban",
                          status=state, external_id=sids[0] if sids else None, created_at=clock.now(),
                          meta={"parts": {sid: state for sid in sids}} if len(sids) > 1 else {})
            session.add(row)
            session.flush()
            made.append((row.id, sids))
        session.commit()
    return made


STATUSES = st.sampled_from(["queued", "sending", "sent", "delivered", "read", "failed", "undelivered", "READ",
                            "accepted", "canceled"])


def test_random_signed_status_callbacks_never_get_a_500(wa_app, wa_client, fake_twilio, outbound_ids):
    """1,000 signed callbacks, random forms and ``m`` values: 204, 400 or 413, never 500 (nor 503 from bad input)."""
    token, answered = fake_twilio.auth_token, Counter()
    known_ids = [str(message_id) for message_id, _ in outbound_ids]
    known_sids = [sid for _, sids in outbound_ids for sid in sids]

    @PROPERTY
    @given(m=st.one_of(st.none(), st.sampled_from(known_ids), st.integers(1, 2**31 - 1).map(str),
                       st.sampled_from(ODD_NUMBERS), HOSTILE, st.integers(-2**70, 2**70).map(str)),
           sid=st.one_of(st.sampled_from(known_sids), st.uuids().map(lambda u: "SM" + u.hex), HOSTILE),
           status=st.one_of(STATUSES, HOSTILE),
           error=st.one_of(st.none(), st.sampled_from(["63016", "30008", "6" * 300]), HOSTILE),
           extra=st.dictionaries(TEXT, HOSTILE, max_size=3))
    def post(m, sid, status, error, extra):
        form = {**extra, "MessageSid": sid, "MessageStatus": status, "AccountSid": "AC" + "0" * 32}
        if error is not None:
            form["ErrorCode"] = error
        query = "" if m is None else "m=" + quote(m, safe="")
        response = post_raw(wa_client, token, urlencode(form).encode(), STATUS, query)
        assert response.status_code in (204, 400, 413), response.data
        answered[response.status_code] += 1

    post()
    assert answered[204] >= 100 and answered[400] >= 100, answered


@pytest.mark.parametrize("num_media", NOT_DECIMAL + ["١", "99999999999999999999", "9" * 5000])
def test_num_media_that_is_not_an_ascii_number_is_a_400(wa_app, wa_client, fake_twilio, num_media):
    """NumMedia "²" passed isdigit() and broke int(): a signed form with it got a 500; now a 400 naming it."""
    response = post_signed(wa_client, fake_twilio.auth_token, inbound_form("halo", NumMedia=num_media))
    assert response.status_code == 400 and b"NumMedia must be" in response.data
    assert rows(wa_app, Message) == []


@pytest.mark.parametrize("m", ["²", "①", "2147483648", "99999999999999999999999", "-1", "9" * 5000, "1\x00", "١"])
def test_status_callback_with_a_malformed_m_is_a_400(wa_app, wa_client, fake_twilio, m):
    """``m`` beyond the id column, negative or not ASCII digits got a 500 (or a 503 on PostgreSQL); now a 400."""
    form = {"MessageSid": "SM" + "1" * 32, "MessageStatus": "delivered"}
    response = post_raw(wa_client, fake_twilio.auth_token, urlencode(form).encode(), STATUS, "m=" + quote(m))
    assert response.status_code == 400 and b"m is not a message id" in response.data


@pytest.mark.parametrize("field, value", [
    ("MediaUrl0", "https://api.twilio.com/Media/ME1\x00"),
    ("MediaContentType0", "image/jpeg\x00"),
    ("MediaUrl0", "https://api.twilio.com/" + "a" * 2000),
    ("MessageType", "text\x00"),
])
def test_nul_or_overlong_media_fields_are_refused_or_cleaned(wa_app, wa_client, fake_twilio, field, value):
    """NUL in a media field reached PostgreSQL, which refused the row (503, so Twilio retried for ever)."""
    form = inbound_form("", NumMedia="1", MediaUrl0="https://api.twilio.com/Media/ME1", MediaContentType0="image/png")
    response = post_signed(wa_client, fake_twilio.auth_token, {**form, field: value})
    assert response.status_code in (200, 400)
    assert all("\x00" not in str(message.meta) for message in rows(wa_app, Message))
    assert all("\x00" not in a.source_url + a.content_type for a in rows(wa_app, Attachment))


@pytest.mark.parametrize("status, error", [("failed\x00", "1"), ("failed", "630\x0016"), ("sent", "\x00")])
def test_nul_in_status_callback_fields_is_no_500(wa_app, wa_client, fake_twilio, outbound_ids, status, error):
    """NUL in MessageStatus or ErrorCode of a callback for a known row: answered, never a database error."""
    message_id, (sid, *_) = outbound_ids[1]
    form = {"MessageSid": sid, "MessageStatus": status, "ErrorCode": error}
    response = post_raw(wa_client, fake_twilio.auth_token, urlencode(form).encode(), STATUS, f"m={message_id}")
    assert response.status_code in (204, 400)
    (row,) = rows(wa_app, Message, Message.id == message_id)
    assert "\x00" not in (row.error or "") and "\x00" not in str(row.meta)


@pytest.mark.parametrize("headers", [
    {"X-Twilio-Signature": "sïgnätüre"},
    {"X-Twilio-Signature": "abc", "X-Forwarded-Proto": "https", "X-Forwarded-Host": "example.org:port"},
    {"X-Twilio-Signature": "abc", "X-Forwarded-Host": "example.org", "X-Forwarded-Port": "eighty"},
    {"X-Twilio-Signature": "abc", "X-Forwarded-Host": "[::1"},
    {"X-Twilio-Signature": "abc", "X-Forwarded-Host": "example.org:99999"},
    {"X-Twilio-Signature": "abc", "X-Twilio-Webhooks-Signature-Settings": "algorithm=ÿ"},
])
def test_hostile_headers_on_an_unsigned_request_are_a_403(wa_app, wa_client, headers):
    """A forged request with odd header values is refused as unsigned, not answered with a 500."""
    response = wa_client.post(INBOUND, data=inbound_form("halo"), headers=headers)
    assert response.status_code == 403


class _Download:
    """Just what ``media._save`` reads of a ``requests.Response``."""

    def __init__(self, length: str, body: bytes):
        self.headers, self.body = {"Content-Length": length}, body

    def iter_content(self, size):
        yield self.body


@pytest.mark.parametrize("length", ["²", "-1", "abc", "", " 12 ", "١٢"])
def test_an_odd_content_length_on_a_media_download_is_ignored(tmp_path, length):
    """A Content-Length int() refuses made the download job crash (the attachment stayed pending); now the
    body is streamed and counted as usual."""
    from bot.channels.whatsapp import media

    assert media._save(_Download(length, b"gambar"), tmp_path / "m" / "1.jpg", 1024) == 6
    assert (tmp_path / "m" / "1.jpg").read_bytes() == b"gambar"


@pytest.mark.parametrize("content_type", [f"{FORM}; charset=utf-16", f"{FORM}; charset=\"\x7f\"", f"{FORM}; ;;=",
                                          f"{FORM}; charset=ÿ", "APPLICATION/X-WWW-FORM-URLENCODED"])
def test_odd_content_type_parameters_are_read_as_utf8_forms(wa_app, wa_client, fake_twilio, content_type):
    """A signed form under odd Content-Type parameters is read as UTF-8 and stored, or refused with a 4xx."""
    form = inbound_form("halo kak")
    response = wa_client.post(INBOUND, data=urlencode(form).encode(), content_type=content_type,
                              headers={"X-Twilio-Signature": signature(fake_twilio.auth_token, BASE + INBOUND, form)})
    assert response.status_code in (200, 415)

"""Sending through the real Twilio SDK to the fake: parts, retries, permanent errors, the 24-hour window."""
from __future__ import annotations

import json

import pytest

from bot.channels.whatsapp.chunks import split
from bot.models import Message
from tests.support.ports import free_port
from tests.support.whatsapp import (make_wa_app, queue_reply, release_scheduled, rows, run_worker,  # noqa: F401
                                    wa_app, wa_client, wa_env)

TEMPLATE = "HX" + "a" * 32


def only(app, message_id: int) -> Message:
    (row,) = rows(app, Message, Message.id == message_id)
    return row


PARAGRAPH_1, PARAGRAPH_2 = ("Satu. " * 200).strip(), ("Dua. " * 100).strip()


@pytest.mark.parametrize("text, parts", [
    ("kalimat pendek.", ["kalimat pendek."]),
    ("x" * 3500, ["x" * 1600, "x" * 1600, "x" * 300]),
    (PARAGRAPH_1 + "\n\n" + PARAGRAPH_2, [PARAGRAPH_1, PARAGRAPH_2]),
])
def test_split_prefers_paragraphs(text, parts):
    """A paragraph end wins over a sentence end; text without any boundary is cut hard."""
    assert split(text) == parts


def test_split_ends_parts_at_sentences():
    """Without paragraphs every part ends a sentence and stays within 1,600 characters."""
    parts = split("Satu kalimat yang cukup panjang. " * 200)
    assert len(parts) == 5 and all(len(p) <= 1600 and p.endswith(".") for p in parts)


def _units(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


URL = "https://lubuklinggaukota.bps.go.id/id/statistics-table?subject=" + "inflasi-" * 150


@pytest.mark.parametrize("text", [
    "😀" * 1000,
    "Salam 🙏🏽 " * 200,
    ("Tabel inflasi 📊. " * 100).strip(),
    "a" * 1599 + "😀" * 10,
    "a" + "🙏🏽" * 500,
    "Lihat tabelnya di sini: " + URL + " (tabel terbaru)." + " Terima kasih." * 80,
])
def test_split_counts_emoji_as_twilio_does(text):
    """Twilio counts UTF-16 code units (an emoji is two): no part over 1,600 of them, no emoji cut in half."""
    parts = split(text)
    assert all(_units(p) <= 1600 for p in parts), [_units(p) for p in parts]
    assert "".join(parts).replace(" ", "") == text.replace(" ", "")
    assert not any(p.startswith(("\U0001F3FD", "\u200d", "\ufe0f")) for p in parts)


def test_split_keeps_a_long_link_whole():
    """A link that starts before half-way is moved to the next part whole, not cut where 1,600 falls."""
    before = "Data inflasi bulanan tersedia. " * 16 + "Lihat tabelnya di sini:"
    assert len(before) < 800 < len(URL) and len(before + URL) > 1600
    assert split(before + " " + URL + " (tabel terbaru).") == [before, URL + " (tabel terbaru)."]


def test_long_reply_goes_out_in_parts(wa_app, fake_twilio):
    """A 3,500-character reply: three messages, in order, all SIDs remembered on the row."""
    body = "\n\n".join(f"Bagian {n}. " + "data " * 150 for n in range(5))
    message_id = queue_reply(wa_app, body)
    run_worker(wa_app)
    sent = fake_twilio.wait_for(len(split(body)))
    assert " ".join(s.body for s in sent).split() == body.split()
    row = only(wa_app, message_id)
    assert row.status == "sent" and list(row.meta["parts"]) == [s.sid for s in sent]
    assert row.external_id == sent[0].sid


def test_retry_sends_only_the_missing_parts(wa_app, fake_twilio):
    """Parts already accepted by Twilio (kept on the row) are not sent again after a retry."""
    body = "x" * 3500
    message_id = queue_reply(wa_app, body, meta={"parts": {"SM" + "1" * 32: "queued"}})
    run_worker(wa_app)
    assert [len(s.body) for s in fake_twilio.wait_for(2)] == [1600, 300]
    assert len(only(wa_app, message_id).meta["parts"]) == 3


@pytest.mark.parametrize("failure", [429, 500])
def test_rate_limit_and_server_errors_are_retried(wa_app, fake_twilio, failure):
    """429/5xx: the row goes back to queued with a back-off job, and the retry sends it."""
    fake_twilio.fail_next(1, failure)
    message_id = queue_reply(wa_app, "jawaban")
    run_worker(wa_app)
    row = only(wa_app, message_id)
    assert (row.status, row.attempts) == ("queued", 1) and str(failure) in row.error
    assert release_scheduled(wa_app) == 1
    run_worker(wa_app)
    (sent,) = fake_twilio.wait_for(1)
    assert sent.body == "jawaban" and only(wa_app, message_id).status == "sent"


def test_later_reply_waits_for_an_earlier_one_being_retried(wa_app, fake_twilio):
    """An officer's answer hit a 5xx: the rating question queued after it is not sent before it."""
    fake_twilio.fail_next(1, 500)
    address = "+6281300000099"
    answer, question = (queue_reply(wa_app, body, address=address) for body in ("jawaban", "Mohon nilai layanan"))
    other = queue_reply(wa_app, "untuk warga lain")  # another citizen is not held up
    run_worker(wa_app)
    assert [s.body for s in fake_twilio.messages] == ["untuk warga lain"]
    assert only(wa_app, question).status == "queued" and only(wa_app, other).status == "sent"
    while release_scheduled(wa_app):
        run_worker(wa_app)
    assert [s.body for s in fake_twilio.messages][1:] == ["jawaban", "Mohon nilai layanan"]
    assert only(wa_app, answer).status == only(wa_app, question).status == "sent"


def test_network_errors_are_retried(make_wa_app, fake_twilio):
    """Twilio unreachable: temporary, the row waits for its retry."""
    application = make_wa_app(TWILIO_API_BASE=f"http://127.0.0.1:{free_port()}")
    message_id = queue_reply(application, "jawaban")
    run_worker(application)
    row = only(application, message_id)
    assert row.status == "queued" and "unreachable" in row.error


def test_permanent_errors_are_not_retried(wa_app, fake_twilio):
    """A 400 such as 21211 (bad number): failed with Twilio's reason, no retry booked."""
    fake_twilio.fail_next(1, 21211)
    message_id = queue_reply(wa_app, "jawaban")
    run_worker(wa_app)
    row = only(wa_app, message_id)
    assert row.status == "failed" and "21211" in row.error
    assert release_scheduled(wa_app) == 0


@pytest.mark.parametrize("how", ["63016", "window"])
def test_closed_window_sends_the_template(make_wa_app, fake_twilio, how):
    """63016 from Twilio, or a citizen silent for 25 hours: the officer-reply template with the words."""
    application = make_wa_app(TWILIO_TEMPLATE_OFFICER_REPLY=TEMPLATE)
    if how == "63016":
        fake_twilio.fail_next(1, 63016)
    message_id = queue_reply(application, "Data inflasi\nada di tabel 3.", author="officer",
                             last_inbound_hours=1 if how == "63016" else 25, meta={"ticket": "PST-2026-0007"})
    run_worker(application)
    (sent,) = fake_twilio.wait_for(1)
    assert sent.params["ContentSid"] == TEMPLATE and "Body" not in sent.params
    assert json.loads(sent.params["ContentVariables"]) == {"1": "PST-2026-0007", "2": "Data inflasi ada di tabel 3."}
    row = only(application, message_id)
    assert (row.status, row.meta["template"], row.external_id) == ("sent", "officer_reply", sent.sid)


@pytest.mark.parametrize("how", ["63016", "window"])
def test_closed_window_without_template_is_undeliverable(wa_app, fake_twilio, how):
    """No template configured: the row is marked undeliverable for the console, nothing is retried."""
    if how == "63016":
        fake_twilio.fail_next(1, 63016)
    message_id = queue_reply(wa_app, "balasan petugas", author="officer",
                             last_inbound_hours=1 if how == "63016" else 30)
    run_worker(wa_app)
    row = only(wa_app, message_id)
    assert row.status == "undeliverable" and row.sent_at is None
    assert row.meta["undeliverable"] and row.error.startswith("undeliverable")
    assert fake_twilio.messages == [] and release_scheduled(wa_app) == 0

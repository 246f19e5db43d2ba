"""Officers send a file: on WhatsApp Twilio fetches it from our signed link, by e-mail it is a MIME part."""
from __future__ import annotations

import datetime as dt
import io

import pytest
from sqlalchemy import select

from bot import clock
from bot.channels.whatsapp import media_link
from bot.models import Attachment, ChannelIdentity, Message
from tests.console_support import login, make_officer, open_ticket, post
from tests.files_support import PDF, citizen_file, png, xlsx
from tests.support.live_server import served
from tests.support.whatsapp import release_scheduled, rows, run_worker, wa_env  # noqa: F401  (fixture)
from workers import redelivery

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@pytest.fixture
def live_app(wa_env, smtp_server):
    """WhatsApp at the fake Twilio, mail at the test SMTP server, served where the fake can fetch from."""
    with served({**wa_env, **smtp_server.settings()}) as (app, _base):
        yield app


@pytest.fixture
def officer_client(live_app):
    make_officer(live_app)
    client = live_app.test_client()
    login(client)
    return client


def _reply(client, ticket: str, filename: str, data: bytes, text: str = "Berikut tabelnya.", **form):
    return post(client, f"/console/t/{ticket}/reply",
                {"text": text, "file": (io.BytesIO(data), filename), **form}, content_type="multipart/form-data",
                follow_redirects=True)


def _officer_rows(app) -> list[Message]:
    return [m for m in rows(app, Message, Message.author == "officer")]


def _media_sends(fake_twilio):
    return [m for m in fake_twilio.messages if m.params.get("MediaUrl")]


def test_xlsx_reaches_whatsapp_through_a_signed_link(live_app, officer_client, fake_twilio):
    """The text goes first, then the file as a media message whose URL the fake fetched: the bytes arrived."""
    _, ticket = open_ticket(live_app)
    workbook = xlsx()
    page = _reply(officer_client, ticket, "tabel kemiskinan.xlsx", workbook)
    assert "Balasan masuk antrean kirim." in page.get_data(as_text=True)
    run_worker(live_app)
    (text, media) = [m for m in fake_twilio.messages if m.to == "whatsapp:+6281234567890"][-2:]
    assert "Berikut tabelnya." in text.body and not text.params.get("MediaUrl")
    (url,) = media.params["MediaUrl"]
    assert url.startswith(live_app.config["SETTINGS"].public_base_url + "/media/")
    (fetched,) = fake_twilio.fetched(media)
    assert fetched.status == 200 and fetched.head_status == 200 and fetched.data == workbook
    assert fetched.content_type == XLSX_TYPE and fetched.disposition.startswith("inline")
    (row,) = _officer_rows(live_app)
    assert row.status == "sent" and len(row.meta["parts"]) == 2
    with live_app.app_context(), live_app.extensions["db"].session() as session:
        (stored,) = session.get(Message, row.id).attachments
        assert (stored.filename, stored.content_type, stored.size) == ("tabel kemiskinan.xlsx", XLSX_TYPE,
                                                                       len(workbook))
    timeline = officer_client.get(f"/console/t/{ticket}").get_data(as_text=True)
    assert f'href="/console/files/{stored.id}"' in timeline and "tabel kemiskinan.xlsx" in timeline
    assert officer_client.get(f"/console/files/{stored.id}").data == workbook  # the officer can open what went


def test_media_link_refuses_forged_expired_and_inbound(live_app, officer_client):
    """Good link 200; a changed signature 403; after MEDIA_LINK_TTL 410; a citizen's file never gets out."""
    _, ticket = open_ticket(live_app)
    _reply(officer_client, ticket, "tabel.xlsx", xlsx())
    (row,) = _officer_rows(live_app)
    (attachment,) = rows(live_app, Attachment, Attachment.message_id == row.id)
    inbound_id = citizen_file(live_app, ticket, "ktp.png", "image/png", png())
    settings = live_app.config["SETTINGS"]
    anonymous = live_app.test_client()
    clock.freeze(dt.datetime.now(dt.timezone.utc))
    url = media_link.url(settings, attachment.id)
    path = url[len(settings.public_base_url):]
    assert anonymous.get(path).status_code == 200
    assert anonymous.head(path).status_code == 200
    assert anonymous.get(path[:-2] + ("AA" if not path.endswith("AA") else "BB")).status_code == 403
    assert anonymous.get("/media/" + "x" * 40).status_code == 403
    assert anonymous.get(media_link.url(settings, inbound_id)[len(settings.public_base_url):]).status_code == 410
    clock.advance(settings.media_link_ttl + dt.timedelta(seconds=1))
    assert anonymous.get(path).status_code == 410


@pytest.mark.parametrize("filename, data, says", [
    ("tabel.pdf", b"MZ\x90\x00 this is a program", "Isi berkas tidak sesuai dengan jenis pada namanya."),
    ("tabel.xlsx", b"PK\x03\x04 not really a zip", "Isi berkas tidak sesuai dengan jenis pada namanya."),
    ("data.csv", b"tahun,jumlah\n2023,1200\n", "WhatsApp tidak menerima CSV"),
    ("foto.png", png() + b"\0" * 5_000_001, "Berkas terlalu besar untuk kanal ini"),
    ("program.exe", b"MZ\x90\x00", "Jenis berkas ini tidak bisa dikirim"),
    ("gambar.svg", b"<svg><script>alert(1)</script></svg>", "Jenis berkas ini tidak bisa dikirim"),
    ("kosong.pdf", b"", "Berkas kosong."),
])
def test_a_refused_file_sends_nothing_and_says_why(live_app, officer_client, filename, data, says):
    _, ticket = open_ticket(live_app)
    page = _reply(officer_client, ticket, filename, data)
    assert page.status_code == 200 and says in page.get_data(as_text=True)
    assert _officer_rows(live_app) == []


def test_a_file_name_with_path_tricks_is_stored_inside_var(live_app, officer_client):
    _, ticket = open_ticket(live_app)
    _reply(officer_client, ticket, "../../../etc/cron.d/x.pdf", PDF)
    (row,) = _officer_rows(live_app)
    (attachment,) = rows(live_app, Attachment, Attachment.message_id == row.id)
    var = live_app.config["SETTINGS"].var_path
    assert attachment.filename == "x.pdf" and attachment.path.startswith("replies/")
    assert (var / attachment.path).resolve().is_relative_to(var.resolve())


def test_the_file_survives_a_failed_send_and_a_lost_job(live_app, officer_client, fake_twilio):
    """Twilio 500 on the first try, then Redis loses the retry: the sweeper's redelivery still sends the file."""
    _, ticket = open_ticket(live_app)
    workbook = xlsx("survives")
    fake_twilio.fail_next(1, 500)
    _reply(officer_client, ticket, "tabel.xlsx", workbook)
    run_worker(live_app)
    (row,) = _officer_rows(live_app)
    assert row.status == "queued" and _media_sends(fake_twilio) == []
    with live_app.app_context():
        from workers.queue import get_redis
        get_redis(live_app).flushall()  # the scheduled retry is gone, as after a Redis restart
    clock.advance(dt.timedelta(minutes=5))
    with live_app.app_context(), live_app.extensions["db"].session() as session:
        assert redelivery.run(live_app, session, clock.now(), 100)["requeued"] >= 1
    assert release_scheduled(live_app) == 0
    run_worker(live_app)
    (media,) = _media_sends(fake_twilio)
    assert fake_twilio.fetched(media)[0].data == workbook
    assert _officer_rows(live_app)[0].status == "sent"


def test_pdf_by_email_is_a_mime_part(live_app, officer_client, smtp_server):
    _, ticket = open_ticket(live_app, channel="email", address="budi@example.org")
    _reply(officer_client, ticket, "Tabel 2023.pdf", PDF)
    run_worker(live_app)
    mail = next(m for m in smtp_server.wait_for(1) if "budi@example.org" in m.rcpt_tos
                and any(p.get_filename() for p in m.message.iter_attachments()))
    (part,) = [p for p in mail.message.iter_attachments() if p.get_filename() == "Tabel 2023.pdf"]
    assert part.get_content_type() == "application/pdf" and part.get_content() == PDF
    assert "Berikut tabelnya." in mail.message.get_body(("plain",)).get_content()


def test_outside_the_window_the_file_goes_by_email_on_resend(live_app, officer_client, smtp_server, fake_twilio):
    """A template cannot carry a file: the row is undeliverable and the resend by e-mail carries it."""
    _, ticket = open_ticket(live_app)
    with live_app.app_context(), live_app.extensions["db"].session() as session:
        identity = session.scalar(select(ChannelIdentity).where(ChannelIdentity.address == "+6281234567890"))
        identity.last_inbound_at = clock.now() - dt.timedelta(days=2)
        session.commit()
    workbook = xlsx("resend")
    _reply(officer_client, ticket, "tabel.xlsx", workbook)
    run_worker(live_app)
    (row,) = _officer_rows(live_app)
    assert row.status == "undeliverable" and _media_sends(fake_twilio) == []
    post(officer_client, f"/console/t/{ticket}/resend/{row.id}")
    run_worker(live_app)
    mail = next(m for m in smtp_server.wait_for(1) if any(True for _ in m.message.iter_attachments()))
    (part,) = list(mail.message.iter_attachments())
    assert part.get_filename() == "tabel.xlsx" and part.get_content() == workbook


def test_a_body_over_the_limit_is_a_console_413(live_app, officer_client):
    _, ticket = open_ticket(live_app)
    live_app.config["MAX_CONTENT_LENGTH"] = 50_000
    response = _reply(officer_client, ticket, "besar.pdf", PDF + b"0" * 60_000)
    assert response.status_code == 413 and "Berkas terlalu besar" in response.get_data(as_text=True)
    assert _officer_rows(live_app) == []

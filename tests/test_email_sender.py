"""Outbox rows go out by SMTP to a real aiosmtpd server: threaded, tagged, robots marked, failures classified."""
from email.message import EmailMessage

import pytest

from bot import clock, create_app
from bot.channels import TemporaryError
from bot.channels.email import ingest
from bot.channels.email.sender import SMTPSender
from bot.models import Citizen, Consultation, Message
from tests.talk import Citizen as TalkingCitizen
from tests.talk import mailed_code
from tests.test_email_ingest import mail
from workers.jobs import deliver

CITIZEN_MAIL_ID = "<CAB0001@mail.gmail.com>"


@pytest.fixture
def mail_app(env, smtp_server):
    app = create_app({**env, **smtp_server.settings()})
    yield app
    app.extensions["db"].engine.dispose()


def conversation_with_mail(app, ticket=None) -> tuple[int, int | None]:
    """A citizen's mail stored as the ingest does it; optionally with an open consultation."""
    with app.app_context(), app.extensions["db"].session() as session:
        stored = ingest.store(session, mail(subject="Data penduduk", message_id=CITIZEN_MAIL_ID,
                                            in_reply_to="<older@mail.gmail.com>"), app.config["SETTINGS"])
        consultation_id = None
        if ticket:
            citizen = Citizen(name="Warga", email="warga@example.org", created_at=clock.now())
            session.add(citizen)
            session.flush()
            consultation = Consultation(ticket=ticket, citizen_id=citizen.id, channel="email", status="open",
                                        conversation_id=stored.message.conversation_id, question="q",
                                        opened_at=clock.now())
            session.add(consultation)
            session.flush()
            consultation_id = consultation.id
        session.commit()
        return stored.message.conversation_id, consultation_id


def queue_row(app, conversation_id, author="bot", consultation_id=None, body="Terima kasih.\n\nBaris *dua*.") -> int:
    with app.app_context(), app.extensions["db"].session() as session:
        row = Message(direction="out", channel="email", address="warga@example.org", author=author, body=body,
                      status="queued", conversation_id=conversation_id, consultation_id=consultation_id, meta={},
                      created_at=clock.now())
        session.add(row)
        session.commit()
        return row.id


def run_deliver(app, row_id) -> tuple[str, Message]:
    with app.app_context():
        outcome = deliver(row_id)
        with app.extensions["db"].session() as session:
            return outcome, session.get(Message, row_id)


def test_bot_reply_is_threaded_marked_automatic_and_has_html(mail_app, smtp_server):
    """In-Reply-To/References point at the citizen's mail; Auto-Submitted marks the robot; text + HTML."""
    conversation_id, _ = conversation_with_mail(mail_app)
    outcome, row = run_deliver(mail_app, queue_row(mail_app, conversation_id))
    [sent] = smtp_server.wait_for(1)
    m = sent.message
    assert outcome == "sent" and row.external_id == m["Message-ID"] and m["Message-ID"].endswith("@bps.go.id>")
    assert (m["In-Reply-To"], m["References"]) == (CITIZEN_MAIL_ID, f"<older@mail.gmail.com> {CITIZEN_MAIL_ID}")
    assert (m["Subject"], m["Auto-Submitted"], m["X-Loop"]) == ("Re: Data penduduk", "auto-replied",
                                                               "ipds1674@bps.go.id")
    assert (sent.mail_from, sent.rcpt_tos) == ("ipds1674@bps.go.id", ["warga@example.org"])
    assert m.get_body(("plain",)).get_content().replace("\r\n", "\n").strip() == "Terima kasih.\n\nBaris *dua*."
    assert "<p>Baris <strong>dua</strong>.</p>" in m.get_body(("html",)).get_content()


def test_a_reply_to_our_mail_threads_back_into_the_conversation(mail_app, smtp_server):
    """The Message-ID we sent, quoted by the citizen's client, brings the answer home."""
    conversation_id, _ = conversation_with_mail(mail_app)
    run_deliver(mail_app, queue_row(mail_app, conversation_id))
    [sent] = smtp_server.wait_for(1)
    with mail_app.app_context(), mail_app.extensions["db"].session() as session:
        ingest.store(session, mail(body="Topik lain"), mail_app.config["SETTINGS"])  # a newer conversation
        reply = ingest.store(session, mail(body="Oke", in_reply_to=sent.message["Message-ID"]),
                             mail_app.config["SETTINGS"]).message
        assert reply.conversation_id == conversation_id


def test_officer_reply_carries_the_ticket_and_no_auto_submitted(mail_app, smtp_server):
    """A person's answer is not marked automatic; the ticket tag rides in the subject."""
    conversation_id, consultation_id = conversation_with_mail(mail_app, ticket="PST-2026-000123")
    run_deliver(mail_app, queue_row(mail_app, conversation_id, author="officer", consultation_id=consultation_id))
    [sent] = smtp_server.wait_for(1)
    assert sent.message["Subject"] == "Re: Data penduduk [PST-2026-000123]"
    assert sent.message["Auto-Submitted"] is None


def test_verification_code_from_whatsapp_goes_out_by_mail(mail_app, smtp_server):
    """The code the engine queues on channel email is sent by this sender, marked auto-generated."""
    citizen = TalkingCitizen(mail_app, "whatsapp", "+6281200000077")
    for text in ("Halo", "setuju", "Budi Santoso", "budi@example.org"):
        citizen.say(text)
    code = mailed_code(citizen)
    [row] = [r for r in citizen.outbox if r.meta.get("kind") == "verification_code"]
    assert run_deliver(mail_app, row.id)[0] == "sent"
    [sent] = smtp_server.wait_for(1)
    assert sent.rcpt_tos == ["budi@example.org"] and code in sent.message.get_body(("plain",)).get_content()
    assert (sent.message["Subject"], sent.message["Auto-Submitted"]) == (
        "Kode verifikasi PST BPS Kota Lubuklinggau", "auto-generated")


@pytest.mark.parametrize("code, outcome, status", [(451, "retry", "queued"), (550, "failed", "failed")])
def test_smtp_refusals_are_retried_or_shown(mail_app, smtp_server, code, outcome, status):
    """4xx is retried later with the reason kept; 5xx fails the row with the server's words."""
    conversation_id, _ = conversation_with_mail(mail_app)
    smtp_server.fail_next(1, code)
    result, row = run_deliver(mail_app, queue_row(mail_app, conversation_id))
    assert (result, row.status) == (outcome, status)
    assert row.error.startswith(f"SMTP {code}")


@pytest.mark.parametrize("tls", ["starttls", "implicit"])
def test_tls_and_login(env, make_smtp_server, tls):
    """STARTTLS (587) or implicit TLS (SMTP_SSL, 465), then AUTH, as an office mail server asks."""
    server = make_smtp_server(user="bot", password="rahasia", **{"starttls" if tls == "starttls" else "implicit_tls": True})
    app = create_app({**env, "SMTP_HOST": server.host, "SMTP_PORT": str(server.port), "SMTP_USER": "bot",
                      "SMTP_PASSWORD": "rahasia", "SMTP_SSL": str(tls == "implicit").lower(),
                      "SMTP_STARTTLS": str(tls == "starttls").lower()})
    sender = SMTPSender(app.config["SETTINGS"], tls_context=server.client_tls_context())
    with app.app_context(), app.extensions["db"].session() as s:
        row = Message(direction="out", channel="email", address="warga@example.org", author="bot", body="Halo",
                      status="sending", meta={"subject": "Uji"}, created_at=clock.now())
        s.add(row)
        s.flush()
        result = sender.send(row)
    [sent] = server.wait_for(1)
    assert (sent.message["Subject"], sent.message["Message-ID"]) == ("Uji", result.external_id)
    app.extensions["db"].engine.dispose()
    if tls == "implicit":  # the server really speaks TLS first: a plain client gets nowhere
        plain = create_app({**env, **server.settings(), "SMTP_USER": "bot", "SMTP_PASSWORD": "rahasia"})
        with pytest.raises(TemporaryError):
            SMTPSender(plain.config["SETTINGS"], timeout=2)._transmit(_bare_mail(), "warga@example.org")
        assert len(server.messages) == 1


def _bare_mail():
    m = EmailMessage()
    m["From"], m["To"], m["Subject"] = "ipds1674@bps.go.id", "warga@example.org", "x"
    m.set_content("x")
    return m


@pytest.mark.parametrize("password, running", [("salah", True), ("rahasia", False)])
def test_login_refused_or_server_down_is_temporary(env, make_smtp_server, password, running):
    """Nothing is wrong with the citizen's mail, so the row is retried rather than failed."""
    server = make_smtp_server(user="bot", password="rahasia")
    if not running:
        server.stop()
    settings = create_app({**env, **server.settings(), "SMTP_USER": "bot", "SMTP_PASSWORD": password}
                          ).config["SETTINGS"]
    with pytest.raises(TemporaryError):
        SMTPSender(settings, timeout=5)._transmit(_bare_mail(), "warga@example.org")


def test_follow_up_invitation_carries_the_ics_file(mail_app, smtp_server):
    """A console follow-up row with meta["ics"] arrives with a text/calendar attachment."""
    conversation_id, consultation_id = conversation_with_mail(mail_app, ticket="PST-2026-000077")
    row_id = queue_row(mail_app, conversation_id, author="officer", consultation_id=consultation_id,
                       body="Undangan Zoom: Senin pukul 09.00 WIB.")
    ics = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nUID:x@pst\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
    with mail_app.app_context(), mail_app.extensions["db"].session() as session:
        session.get(Message, row_id).meta = {"ics": ics, "ics_filename": "PST-2026-000077.ics"}
        session.commit()
    assert run_deliver(mail_app, row_id)[0] == "sent"
    (received,) = smtp_server.wait_for(1)
    (part,) = [p for p in received.message.walk() if p.get_content_type() == "text/calendar"]
    assert part.get_filename() == "PST-2026-000077.ics" and "BEGIN:VEVENT" in part.get_content()

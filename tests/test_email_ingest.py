"""Storing one mail: threading, the loop guard, bounces, the hourly cap, files and raw bytes (both databases)."""
import datetime as dt
from email.message import EmailMessage
from pathlib import Path

import pytest
from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError

from bot import clock, create_app
from bot.channels.email import ingest
from bot.models import (Attachment, ChannelIdentity, Citizen, Consultation, Conversation, Message, RawMail)

MAIL = Path(__file__).parent / "fixtures" / "mail"


def mail(sender="warga@example.org", subject="Pertanyaan", body="Halo, saya butuh data.", message_id=None,
         in_reply_to=None, **headers) -> bytes:
    msg = EmailMessage()
    msg["From"], msg["To"], msg["Subject"] = sender, "ipds1674@bps.go.id", subject
    msg["Message-ID"] = message_id or f"<{abs(hash((sender, subject, body)))}@example.org>"
    if in_reply_to:
        msg["In-Reply-To"] = msg["References"] = in_reply_to
    for name, value in headers.items():
        msg[name.replace("_", "-")] = value
    msg.set_content(body)
    return msg.as_bytes()


def store(app, raw: bytes) -> ingest.Stored:
    with app.app_context(), app.extensions["db"].session() as session:
        result = ingest.store(session, raw, app.config["SETTINGS"])
        session.commit()
        return result


def outbound(app, conversation_id, address, external_id=None, author="bot", age=dt.timedelta(0), consultation_id=None):
    with app.app_context(), app.extensions["db"].session() as session:
        row = Message(direction="out", channel="email", address=address, author=author, body="x", status="sent",
                      external_id=external_id, conversation_id=conversation_id, consultation_id=consultation_id,
                      meta={}, created_at=clock.now() - age)
        session.add(row)
        session.commit()
        return row.id


def one(app, model, ident):
    with app.app_context(), app.extensions["db"].session() as session:
        return session.get(model, ident)


def test_a_new_mail_is_stored_once_with_its_raw_bytes(app):
    """Stored, kept byte for byte, answered once; the same mail fetched again is recognised."""
    raw = (MAIL / "gmail_reply_id.eml").read_bytes()
    first, again = store(app, raw), store(app, raw)
    assert (first.created, first.answer, again.created, again.answer) == (True, True, False, False)
    assert again.message.id == first.message.id
    assert one(app, RawMail, first.message.id).raw == raw
    row = one(app, Message, first.message.id)
    assert (row.status, row.address, row.meta["subject"]) == ("received", "budi.santoso.unmura@gmail.com",
                                                              "Re: Konsultasi PST BPS Kota Lubuklinggau")
    assert row.body.startswith("Nama saya Budi Santoso.") and ">" not in row.body


def test_replies_thread_by_the_ids_we_sent_and_new_mail_starts_a_conversation(app):
    """In-Reply-To of our Message-ID joins that conversation; an unthreaded mail opens a new one."""
    first = store(app, mail(body="Pertama")).message
    our_id = "<pst.1.1@bps.go.id>"
    outbound(app, first.conversation_id, "warga@example.org", external_id=our_id)
    fresh = store(app, mail(body="Pertanyaan lain")).message
    reply = store(app, mail(body="Balasan", in_reply_to=our_id)).message
    assert reply.conversation_id == first.conversation_id != fresh.conversation_id


def test_ticket_tag_joins_the_consultation_conversation(app):
    """[PST-…] in the subject wins over everything else, but only for the ticket holder's own address."""
    first = store(app, mail(body="Pertama")).message
    with app.app_context(), app.extensions["db"].session() as session:
        citizen = Citizen(name="Warga", email="warga@example.org", created_at=clock.now())
        session.add(citizen)
        session.flush()
        session.add(Consultation(ticket="PST-2026-000123", citizen_id=citizen.id, channel="email", status="open",
                                 conversation_id=first.conversation_id, question="q", opened_at=clock.now()))
        session.commit()
    store(app, mail(body="Topik baru"))  # a newer open conversation of the same address
    tagged = store(app, mail(subject="Re: Data PDRB [PST-2026-000123]", body="Tambahan")).message
    stranger = store(app, mail(sender="lain@example.org", subject="[PST-2026-000123]", body="Saya")).message
    assert tagged.conversation_id == first.conversation_id
    assert stranger.conversation_id not in (None, first.conversation_id)


@pytest.mark.parametrize("name, reason", [
    ("auto_reply.eml", "auto-submitted: auto-replied"),
    ("exchange_ooo.eml", "x-ms-exchange-inbox-rules-loop"),
    ("newsletter.eml", "precedence: bulk"),
    ("xloop.eml", "x-loop"),
])
def test_robot_mail_is_stored_but_never_answered(app, name, reason):
    """Auto-replies and lists are kept outside any conversation and not processed."""
    result = store(app, (MAIL / name).read_bytes())
    row = one(app, Message, result.message.id)
    assert (result.answer, row.status, row.conversation_id, row.meta["guard"]) == (False, "ignored", None, reason)


def test_bounce_marks_our_message_failed(app):
    """The outbound row named in the DSN becomes failed with the diagnostic, for the officer to see."""
    sent = outbound(app, None, "tidakada@gmail.com", external_id="<pst.42.1768964400000000@bps.go.id>",
                    author="system")
    result = store(app, (MAIL / "bounce_dsn.eml").read_bytes())
    row = one(app, Message, sent)
    assert (row.status, result.answer) == ("failed", False)
    assert row.error.startswith("bounced: diagnostic-code: smtp; 550-5.1.1")
    assert one(app, Message, result.message.id).meta["guard"] == "bounce"


def test_a_delay_warning_does_not_fail_our_message(app):
    """A DSN whose only Action is "delayed" (still being retried) is ignored; our row stays sent."""
    sent = outbound(app, None, "warga@lambat.example.id", external_id="<pst.42.1768964400000000@bps.go.id>")
    result = store(app, (MAIL / "delay_dsn.eml").read_bytes())
    assert (one(app, Message, sent).status, result.answer) == ("sent", False)
    assert one(app, Message, result.message.id).status == "ignored"


@pytest.mark.parametrize("raw", [(MAIL / "malformed.eml").read_bytes(), b"\x00\xff", b""])
def test_malformed_mail_is_held_and_flagged(app, raw):
    """Unreadable mail is kept with its bytes and flagged for an officer, never dropped, never answered."""
    result = store(app, raw)
    row = one(app, Message, result.message.id)
    assert (result.answer, row.status, row.flagged) == (False, "held", True)
    assert row.error and one(app, RawMail, row.id).raw == raw


def test_automatic_reply_cap_holds_the_mail_for_an_officer(env):
    """Over MAIL_AUTO_REPLY_LIMIT bot mails in the last hour, a citizen's mail is held and flagged."""
    app = create_app({**env, "MAIL_AUTO_REPLY_LIMIT": "2"})
    first = store(app, mail(body="Satu")).message
    outbound(app, first.conversation_id, "warga@example.org", age=dt.timedelta(minutes=90))
    outbound(app, first.conversation_id, "warga@example.org", author="officer")
    outbound(app, first.conversation_id, "warga@example.org")
    assert store(app, mail(body="Dua")).answer is True
    outbound(app, first.conversation_id, "warga@example.org", author="system")
    held = store(app, mail(body="Tiga"))
    row = one(app, Message, held.message.id)
    assert (held.answer, row.status, row.flagged, row.error) == (False, "held", True, "automatic reply limit reached")
    app.extensions["db"].engine.dispose()


def test_attachments_are_saved_under_var_and_capped(env):
    """Files land under VAR_DIR as stored rows; one over MAIL_MAX_ATTACHMENT_BYTES is recorded as too large."""
    app = create_app({**env, "MAIL_MAX_ATTACHMENT_BYTES": "1024"})
    files = store(app, (MAIL / "attachments.eml").read_bytes()).message
    photo = store(app, (MAIL / "apple_mail.eml").read_bytes()).message
    with app.app_context(), app.extensions["db"].session() as session:
        rows = session.scalars(select(Attachment).order_by(Attachment.id)).all()
        saved = [(a.message_id, a.filename, a.status, a.size) for a in rows]
    assert saved == [(files.id, "Surat permohonan_data.pdf", "stored", 69), (files.id, "tabel.xlsx", "stored", 504),
                     (photo.id, "IMG_0412.jpeg", "too_large", 2048)]
    var = Path(env["VAR_DIR"])
    assert (var / rows[0].path).read_bytes().startswith(b"%PDF") and rows[2].path is None
    app.extensions["db"].engine.dispose()


def test_identity_and_display_name_come_from_the_sender(app):
    """The e-mail identity is the lower-cased sender address, named by the mail's display name."""
    store(app, (MAIL / "thunderbird.eml").read_bytes())
    with app.app_context(), app.extensions["db"].session() as session:
        identity = session.scalar(select(ChannelIdentity))
        assert (identity.channel, identity.address, identity.display_name) == (
            "email", "andre.pratama@yahoo.co.id", "André Pratama")
        assert session.scalar(select(func.count(Conversation.id))) == 1


def test_a_batch_stores_each_mail_once_and_threads_within_itself(app):
    """One fetch: a mail twice is stored once; a reply to a mail of the same batch joins its conversation."""
    first = mail(body="Pertama", message_id="<first@example.org>")
    batch = [first, mail(body="Lain"), first, mail(body="Balasan", in_reply_to="<first@example.org>")]
    with app.app_context(), app.extensions["db"].session() as session:
        results = ingest.store_batch(session, batch, app.config["SETTINGS"])
        session.commit()
        rows = session.scalar(select(func.count(RawMail.message_id)))
    assert [(r.created, r.answer) for r in results] == [(True, True), (True, True), (False, False), (True, True)]
    assert results[2].message.id == results[0].message.id
    assert results[3].message.conversation_id == results[0].message.conversation_id != results[1].message.conversation_id
    assert rows == 3


def test_a_batch_with_a_mail_stored_meanwhile_fails_whole_and_one_by_one_stores_the_rest(app, monkeypatch):
    """A duplicate the bulk look-up missed (a concurrent writer) aborts the batch; ``store`` (savepoints) copes."""
    raws = [mail(body="Satu"), mail(body="Dua")]
    meanwhile = store(app, raws[1]).message.external_id
    look_up = ingest.look_up

    def missing_it(session, mails):
        known = look_up(session, mails)
        known.messages.pop(meanwhile, None)  # as if it was committed just after the look-up
        return known

    monkeypatch.setattr(ingest, "look_up", missing_it)
    with app.app_context(), app.extensions["db"].session() as session:
        with pytest.raises(IntegrityError):
            ingest.store_batch(session, raws, app.config["SETTINGS"])
    assert [store(app, raw).created for raw in raws] == [True, False]

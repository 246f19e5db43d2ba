"""UU 27/2022 in the chat: consent before registration, DATA SAYA by proven e-mail, HAPUS DATA, retention."""
from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import func, select, update

from bot import clock, create_app, personal_data
from bot.envelope import Channel
from bot.models import Base, Citizen, Consent, Consultation, Conversation, Message, Rating
from bot.texts import NOTICE_VERSION
from tests import journeys as j
from tests.support.whatsapp import make_wa_app, wa_app, wa_env  # noqa: F401 (fixtures)
from tests.talk import Citizen as Talker
from workers import sweeper
from workers.jobs import deliver


def _db(app):
    return app.extensions["db"].session()


def _count(app, model) -> int:
    with app.app_context(), _db(app) as s:
        return s.scalar(select(func.count()).select_from(model))


def _dump(app) -> str:
    """Every row of every table but the office's own articles, as text, to search for what must be gone."""
    with app.app_context(), _db(app) as s:
        return "\n".join(repr(tuple(row)) for table in Base.metadata.sorted_tables
                         if table.name != "knowledge_articles" for row in s.execute(table.select()).all())


@pytest.mark.parametrize("refusal", ["tidak", "gak mau", "Tidak setuju", "ga setuju kak", "I don't agree", "batal"])
def test_no_registration_without_consent(app, refusal):
    """A citizen who does not agree gets the office's other ways, and nothing is registered or consented."""
    c = j.new(app)
    assert "Balas SETUJU" in c.say("halo kak, mau tanya data kemiskinan")
    reply = c.say(refusal)
    assert "0733323693" in reply and c.state() == "new"  # the office's phone: the other way to be served
    notice = "Privacy notice" if refusal == "I don't agree" else "Pemberitahuan privasi"  # English stays English
    assert notice in c.say("Siti Aminah")  # a name now is no way round the notice
    assert c.state() == "ask_consent"
    assert (_count(app, Citizen), _count(app, Consent)) == (0, 0)


def test_consent_is_recorded_with_time_and_version(app):
    """Agreeing stores who agreed, to which notice version and when; the citizen is linked by the guard later."""
    at = dt.datetime(2026, 12, 7, 2, 30, tzinfo=dt.timezone.utc)
    clock.freeze(at)
    c = j.new(app)
    c.say("Assalamualaikum")
    assert "Siapa nama lengkap" in c.say("iya saya setuju")
    with app.app_context(), _db(app) as s:
        (consent,) = s.scalars(select(Consent)).all()
        assert (consent.notice_version, consent.given_at, consent.channel) == (NOTICE_VERSION, at, "whatsapp")
        assert consent.citizen_id is None and consent.identity_id is not None


def test_consent_given_before_registration_belongs_to_the_registered_citizen(app):
    """Once the citizen registers, the consent given by their address is theirs."""
    j.ready(app)
    with app.app_context(), _db(app) as s:
        (consent,) = s.scalars(select(Consent)).all()
        assert consent.citizen_id == s.scalar(select(Citizen.id))


def test_notice_tells_what_why_how_long_who_and_how(app):
    """The notice names what is kept, the purpose, the retention, the controller and both commands."""
    reply = j.new(app).say("halo")
    for words in ("nama, e-mail, nomor telepon, pesan dan lampiran", "mengukur mutu layanan", "2 tahun",
                  "BPS Kota Lubuklinggau (ipds1674@bps.go.id)", "DATA SAYA", "HAPUS DATA"):
        assert words in reply


def test_consent_is_not_asked_twice(app):
    """A registered citizen who agreed is welcomed back, on the same channel and on another, without the notice."""
    c = j.ready(app)
    c.say("selesai")
    reply = c.say("halo min")
    assert "Selamat datang kembali" in reply and "Pemberitahuan privasi" not in reply
    with app.app_context(), _db(app) as s:
        email = s.scalar(select(Citizen.email))
    mail = Talker(app, Channel.EMAIL.value, email)
    reply = mail.say("Selamat siang, mau tanya jadwal rilis data IPM")
    assert "Selamat datang kembali" in reply and "Pemberitahuan privasi" not in reply
    assert _count(app, Consent) == 1


def test_new_notice_version_is_agreed_at_the_next_conversation(app, knowledge):
    """After the notice changes, a known citizen agrees again once; the question they typed is then answered."""
    c = j.ready(app)
    c.say("selesai")
    with app.app_context(), _db(app) as s:
        s.execute(update(Consent).values(notice_version="2020-01"))
        s.commit()
    assert "diperbarui" in c.say("jam buka pelayanan")
    reply = c.say("ok")
    assert "Selamat datang kembali" in reply and "Ini yang kami temukan" in reply
    assert _count(app, Consent) == 2
    c.say("selesai")
    assert "diperbarui" not in c.say("halo")


@pytest.fixture
def mail_app(env, smtp_server):
    app = create_app({**env, **smtp_server.settings()})
    yield app
    app.extensions["db"].engine.dispose()


def test_my_data_is_mailed_to_the_proven_address_never_shown_in_chat(mail_app, smtp_server):
    """DATA SAYA: the export reaches the verified e-mail by SMTP; the chat only says it was sent."""
    c = j.waiting(mail_app)
    with mail_app.app_context(), _db(mail_app) as s:
        citizen = s.scalar(select(Citizen))
        name, email, phone = citizen.name, citizen.email, citizen.phone
        ticket = s.scalar(select(Consultation.ticket))
    reply = c.say("DATA SAYA")
    assert "sudah kami kirim" in reply and email not in reply and phone not in reply
    assert c.state() == "waiting"
    [row] = [r for r in c.outbox if r.meta.get("kind") == "data_export"]
    with mail_app.app_context():
        assert deliver(row.id) == "sent"
    [sent] = smtp_server.wait_for(1)
    body = sent.message.get_body(("plain",)).get_content()
    assert sent.rcpt_tos == [email]
    for value in (name, email, phone, ticket, NOTICE_VERSION, '"from_you"', "ipds1674@bps.go.id"):
        assert value in body


def test_my_data_without_a_proven_email_says_how_to_ask(app):
    """Someone not registered yet is told to ask at the office; nothing is mailed."""
    c = j.ask_email(app)
    assert "datang ke PST" in c.say("data saya")
    assert c.mailed() == [] and c.state() == "ask_email"


def _rated_citizen(app):
    """A citizen whose ticket was answered, closed and rated with a comment."""
    c = j.comment(app, "3")
    c.say("Cepat dan jelas, makasih bu")
    with app.app_context(), _db(app) as s:
        citizen = s.scalar(select(Citizen))
        return c, (citizen.name, citizen.email, citizen.phone.lstrip("+"))


def test_erase_asks_for_confirmation_and_anything_else_keeps_the_data(app, knowledge):
    """HAPUS DATA alone erases nothing; a reply other than YA/HAPUS cancels."""
    c, (name, _email, _phone) = _rated_citizen(app)
    assert "Ketik HAPUS" in c.say("hapus data")
    assert "tidak dihapus" in c.say("eh gak jd")
    with app.app_context(), _db(app) as s:
        assert s.scalar(select(Citizen.name)) == name


def test_erased_citizen_leaves_no_personal_data_but_the_statistics(app, knowledge):
    """After HAPUS DATA + HAPUS no table holds the name, phone, e-mail or words; tickets and ratings stay."""
    c, personal = _rated_citizen(app)
    words = ("jumlah penduduk miskin", "untuk skripsi", "Cepat dan jelas", "tabel 4.1")
    assert all(w in _dump(app) for w in (*personal, *words))
    with app.app_context(), _db(app) as s:
        before = s.execute(select(Consultation.opened_at, Consultation.first_response_at, Consultation.closed_at,
                                  Consultation.status)).one()
    c.say("hapus data")
    assert "sudah dihapus" in c.say("HAPUS")
    with app.app_context(), _db(app) as s:  # the notice is delivered to the address as it was, then scrubbed
        notice = s.scalar(select(Message).where(Message.body.like("%sudah dihapus%")))
        assert notice.address == c.address
        notice.status = "sent"
        s.commit()
    sweeper.sweep(app)
    dump = _dump(app)
    for value in (*personal, *words, c.address[1:]):
        assert value not in dump, [line for line in dump.splitlines() if value in line]
    with app.app_context(), _db(app) as s:
        citizen = s.scalar(select(Citizen))
        assert citizen.name.startswith("Warga terhapus #") and citizen.erased_at is not None
        assert s.execute(select(Consultation.opened_at, Consultation.first_response_at, Consultation.closed_at,
                                Consultation.status)).one() == before
        assert s.scalar(select(Rating.score)) == 3
        assert not personal_data.erase_citizen(s, citizen, clock.now(), app.config["SETTINGS"].var_path, "again")


def test_erasing_closes_the_open_ticket_and_the_person_starts_again_unknown(app, knowledge):
    """An open ticket is closed with a reason; the same number writing again meets the notice as a stranger."""
    c = j.handoff(app)
    c.say("hapus data saya")
    c.say("ya")
    with app.app_context(), _db(app) as s:
        ticket = s.scalar(select(Consultation))
        assert (ticket.status, ticket.close_reason, ticket.question) == ("closed", "erased", "[dihapus]")
    assert "Pemberitahuan privasi" in c.say("halo, saya mau tanya lagi")
    assert c.state() == "ask_consent"
    with app.app_context(), _db(app) as s:
        assert s.scalar(select(func.count(Conversation.id)).where(Conversation.citizen_id.is_(None))) == 1


def test_erasure_deletes_attachment_files(app, knowledge, tmp_path):
    """A stored attachment's file is removed from var/ and its row marked erased."""
    from bot.models import Attachment

    c = j.waiting(app)
    var = app.config["SETTINGS"].var_path
    (var / "attachments").mkdir(parents=True, exist_ok=True)
    (var / "attachments" / "ktp.jpg").write_bytes(b"jpeg")
    with app.app_context(), _db(app) as s:
        message = s.scalar(select(Message).where(Message.direction == "in").order_by(Message.id.desc()))
        s.add(Attachment(message_id=message.id, filename="ktp.jpg", content_type="image/jpeg", size=4,
                         path="attachments/ktp.jpg", status="stored"))
        s.commit()
    c.say("hapus data")
    c.say("hapus")
    assert not (var / "attachments" / "ktp.jpg").exists()
    with app.app_context(), _db(app) as s:
        attachment = s.scalar(select(Attachment))
        assert (attachment.status, attachment.filename, attachment.path) == ("erased", "[dihapus]", None)


def test_retention_anonymises_old_closed_conversations_and_idle_citizens(app):
    """Past RETENTION_AFTER_CLOSE the sweep anonymises; a citizen active since keeps the profile."""
    start = dt.datetime(2026, 1, 5, 3, 0, tzinfo=dt.timezone.utc)
    clock.freeze(start)
    idle, active = j.ready(app, Channel.EMAIL.value), j.ready(app, Channel.EMAIL.value)
    idle.say("selesai")
    active.say("selesai")
    clock.freeze(start + dt.timedelta(days=400))
    active.say("halo lagi min")  # a newer conversation, still within retention
    clock.freeze(start + dt.timedelta(days=729))
    assert "conversations anonymised" not in sweeper.sweep(app)
    clock.freeze(start + dt.timedelta(days=731))
    counts = sweeper.sweep(app)
    assert counts.get("citizens anonymised") == 1 and counts.get("conversations anonymised") == 1
    with app.app_context(), _db(app) as s:
        names = set(s.scalars(select(Citizen.name)))
        assert "Budi Santoso" in names and any(n.startswith("Warga terhapus #") for n in names)
        old = s.scalars(select(Conversation).where(Conversation.anonymised_at.is_not(None))).all()
        assert len(old) == 2
        bodies = s.scalars(select(Message.body).where(Message.conversation_id.in_([o.id for o in old])))
        assert set(bodies) == {"[dihapus]"}
    assert sweeper.sweep(app).get("conversations anonymised") is None  # done once


def test_retention_works_in_bounded_batches(app, monkeypatch):
    """One sweep anonymises at most BATCH conversations; the next takes the rest."""
    start = dt.datetime(2026, 1, 5, 3, 0, tzinfo=dt.timezone.utc)
    clock.freeze(start)
    for _ in range(3):
        j.ready(app, Channel.EMAIL.value).say("selesai")
    clock.freeze(start + dt.timedelta(days=800))
    monkeypatch.setattr(sweeper, "BATCH", 2)
    assert sweeper.sweep(app)["citizens anonymised"] == 2
    assert sweeper.sweep(app)["citizens anonymised"] == 1


@pytest.mark.parametrize("text, event", [
    ("DATA SAYA", "my_data"), ("data saya.", "my_data"), ("My data", "my_data"), ("Hapus data", "erase"),
    ("hapus data saya!", "erase"), ("Delete my data", "erase"), ("data saya 2023 ada?", "text")])
def test_privacy_commands_are_recognised(text, event):
    """The two commands in both languages, with the case and punctuation people type; a question is not one."""
    from bot import intent

    assert intent.classify(text).value == event


@pytest.mark.parametrize("raw, error", [("1y", "RETENTION_AFTER_CLOSE is invalid"), ("4000d", "longer than 3660 days")])
def test_retention_setting_is_checked_at_start_up(raw, error):
    """A bad RETENTION_AFTER_CLOSE stops start-up with one sentence naming it; the default is two years."""
    from config.settings import ConfigError, Settings

    assert Settings.from_mapping({"SECRET_KEY": "x"}).retention_after_close == dt.timedelta(days=730)
    with pytest.raises(ConfigError, match=error):
        Settings.from_mapping({"SECRET_KEY": "x", "RETENTION_AFTER_CLOSE": raw})


def test_erasure_notice_reaches_whatsapp_though_the_address_is_gone(wa_app, fake_twilio):
    """The "data erased" message is sent as a normal reply (the citizen just wrote), to the number as it was."""
    c = j.ready(wa_app)
    c.say("hapus data")
    c.say("hapus")
    [row] = [r for r in c.outbox if r.meta.get("kind") == "erasure_notice"]
    with wa_app.app_context():
        assert deliver(row.id) == "sent"
    (sent,) = fake_twilio.wait_for(1)
    assert sent.to == f"whatsapp:{c.address}" and "sudah dihapus" in sent.body

"""Identities join one citizen only on proof: a phone typed on e-mail never links a WhatsApp number."""
from __future__ import annotations

import pytest
from sqlalchemy import select

from bot import clock
from bot.console import history
from bot.envelope import Channel
from bot.models import ChannelIdentity, Citizen, Consultation, Message
from tests import journeys as j
from tests.talk import Citizen as Talker, mailed_code

OWNER = "+6281234567890"


def _typist(app, typed_phone: str = "0812 3456 7890", address: str = "andi.pratama88@gmail.com") -> Talker:
    """Someone registers by e-mail and types a phone number that belongs to somebody else."""
    t = Talker(app, Channel.EMAIL.value, address)
    t.say("selamat siang, sy mau tanya data penduduk")
    t.say("setuju")
    t.say("Andi Pratama")
    assert "Pendaftaran selesai" in t.say(typed_phone)
    return t


def _owner_registers(app, email: str = "rina.oktaviani@yahoo.co.id") -> Talker:
    """The number's real owner writes on WhatsApp and registers with an e-mail proven by its code."""
    o = Talker(app, Channel.WHATSAPP.value, OWNER, profile_name="Rina")
    assert "Andi" not in o.say("halo kak, mau nanya data kemiskinan lubuklinggau")
    assert o.state() == "ask_consent"
    o.say("setuju")
    o.say("Rina Oktaviani")
    o.say(email)
    assert "Pendaftaran selesai" in o.say(mailed_code(o))
    return o


def _open_ticket(c: Talker) -> None:
    c.say(j.FULL_REQUEST)
    if c.state() == "results":
        c.say("tidak")
    c.say("untuk skripsi sy kak")
    c.say("iya betul")
    assert c.state() == "waiting", c.state()


def _citizen_of(app, channel: str, address: str):
    with app.app_context(), app.extensions["db"].session() as s:
        return s.scalar(select(Citizen).join(ChannelIdentity)
                        .where(ChannelIdentity.channel == channel, ChannelIdentity.address == address))


@pytest.mark.parametrize("typed", ["0812 3456 7890", "081234567890", "+62 812-3456-7890", "62812 34567890"])
def test_typed_phone_does_not_link_the_whatsapp_number(app, knowledge, typed):
    """The owner of a number typed by someone else on e-mail is a stranger to that record, not greeted by its name."""
    _typist(app, typed)
    o = Talker(app, Channel.WHATSAPP.value, OWNER)
    reply = o.say("assalamualaikum, sy mau tanya data ipm")
    assert "Andi" not in reply and "Selamat datang kembali" not in reply
    assert o.state() == "ask_consent" and _citizen_of(app, "whatsapp", OWNER) is None
    typist = _citizen_of(app, "email", "andi.pratama88@gmail.com")
    assert (typist.phone, typist.unverified_phone) == (None, OWNER)


def test_owners_ticket_is_filed_under_the_owner_and_hidden_from_the_typist(app, knowledge):
    """The owner's ticket belongs to the owner; STATUS by the typist's mail does not show it."""
    t = _typist(app)
    o = _owner_registers(app)
    _open_ticket(o)
    with app.app_context(), app.extensions["db"].session() as s:
        consultation = s.scalar(select(Consultation))
        assert consultation.citizen.email == "rina.oktaviani@yahoo.co.id"
        ticket = consultation.ticket
    assert ticket not in t.say("STATUS")


def test_console_resend_goes_to_the_owners_proven_email_not_the_typists(app, knowledge):
    """A failed WhatsApp reply is offered again by e-mail only to the address the owner proved by code."""
    _typist(app)
    o = _owner_registers(app)
    _open_ticket(o)
    with app.app_context(), app.extensions["db"].session() as s:
        consultation = s.scalar(select(Consultation))
        failed = Message(direction="out", channel="whatsapp", address=OWNER, author="officer", body="x",
                         status="undeliverable", meta={}, created_at=clock.now())
        assert history.resend_address(failed, consultation) == "rina.oktaviani@yahoo.co.id"


def test_whatsapp_number_joins_the_mail_citizen_by_proving_the_same_email(app, knowledge):
    """Proving the e-mail citizen's address by code joins the number to that citizen; its phone is then proven."""
    _typist(app, "0812 3456 7890")
    o = Talker(app, Channel.WHATSAPP.value, OWNER)
    o.say("halo")
    o.say("setuju")
    o.say("Andi Pratama")
    o.say("andi.pratama88@gmail.com")
    assert "Pendaftaran selesai" in o.say(mailed_code(o))
    with app.app_context(), app.extensions["db"].session() as s:
        (citizen,) = s.scalars(select(Citizen)).all()
        assert (citizen.phone, citizen.unverified_phone) == (OWNER, None)
        assert {i.channel for i in citizen.identities} == {"email", "whatsapp"}


def test_mail_from_an_address_proven_on_whatsapp_is_the_same_citizen(app, knowledge):
    """A mail from the address a WhatsApp citizen proved by code is that citizen (the sender proves it)."""
    _owner_registers(app)
    m = Talker(app, Channel.EMAIL.value, "rina.oktaviani@yahoo.co.id")
    assert "Selamat datang kembali, Rina Oktaviani" in m.say("Selamat pagi, sy mau tanya lagi soal data")
    assert _citizen_of(app, "email", "rina.oktaviani@yahoo.co.id").phone == OWNER


def test_email_typed_on_whatsapp_without_its_code_links_nothing(app, knowledge):
    """An address typed on WhatsApp but never proven does not join the mail citizen who owns it."""
    _typist(app)
    o = Talker(app, Channel.WHATSAPP.value, OWNER)
    o.say("halo")
    o.say("setuju")
    o.say("Budi")
    o.say("andi.pratama88@gmail.com")
    o.say("kodenya blm masuk kak")
    assert o.state() == "ask_code" and _citizen_of(app, "whatsapp", OWNER) is None


def test_console_marks_the_typed_phone_as_not_verified(app, knowledge):
    """The officer sees the phone typed on e-mail, labelled as not verified."""
    from tests.console_support import login, make_officer

    t = _typist(app)
    _open_ticket(t)
    make_officer(app)
    client = app.test_client()
    login(client)
    with app.app_context(), app.extensions["db"].session() as s:
        ticket = s.scalar(select(Consultation.ticket))
    page = client.get(f"/console/t/{ticket}").get_data(as_text=True)
    assert f"{OWNER} (belum terverifikasi)" in page


def test_migration_moves_phones_no_whatsapp_identity_proves(database_url):
    """0005: a phone with no WhatsApp identity of its own citizen becomes unverified; a proven one stays."""
    from alembic import command
    from sqlalchemy import text

    from bot.db import make_engine
    from bot.migrations import alembic_config

    config = alembic_config(database_url)
    command.downgrade(config, "0004_officer_usernames")
    engine = make_engine(database_url)
    with engine.begin() as conn:
        for n, (phone, channel) in enumerate([("+628111", "whatsapp"), ("+628222", "email")], 1):
            conn.execute(text("INSERT INTO citizens (id, name, email, phone, lang, created_at) "
                              "VALUES (:n, 'x', :e, :p, 'id', CURRENT_TIMESTAMP)"),
                         {"n": n, "e": f"w{n}@example.org", "p": phone})
            conn.execute(text("INSERT INTO channel_identities (channel, address, citizen_id, created_at) "
                              "VALUES (:c, :a, :n, CURRENT_TIMESTAMP)"),
                         {"c": channel, "a": phone if channel == "whatsapp" else f"w{n}@example.org", "n": n})
    command.upgrade(config, "heads")
    with engine.connect() as conn:
        rows = conn.execute(text("SELECT phone, unverified_phone FROM citizens ORDER BY id")).all()
    engine.dispose()
    assert [tuple(r) for r in rows] == [("+628111", None), (None, "+628222")]


def test_registration_after_the_typist_keeps_both_records_apart(app, knowledge):
    """Typist and owner are two citizens; the owner's proven number is theirs, the typist's copy stays unverified."""
    _typist(app)
    _owner_registers(app)
    with app.app_context(), app.extensions["db"].session() as s:
        rows = {c.email: (c.phone, c.unverified_phone) for c in s.scalars(select(Citizen))}
    assert rows == {"andi.pratama88@gmail.com": (None, OWNER), "rina.oktaviani@yahoo.co.id": (OWNER, None)}


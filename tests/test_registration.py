"""Registration: validation, e-mail proof by code, returning citizens across channels."""
from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import func, select

from bot import clock
from bot.envelope import Channel
from bot.models import Citizen
from tests import journeys as j
from tests.talk import Citizen as Talker, mailed_code


def _citizens(app):
    with app.app_context(), app.extensions["db"].session() as s:
        return s.scalars(select(Citizen)).all()


@pytest.mark.parametrize("email", ["budi", "budi@", "@gmail.com", "budi@gmail", "bu di@gmail.com", "a@b.c"])
def test_invalid_email_is_refused_with_an_example(app, knowledge, email):
    """A malformed address keeps the citizen at the e-mail step and shows a correct example."""
    c = j.ask_email(app)
    assert "nama@gmail.com" in c.say(email)
    assert c.state() == "ask_email" and not c.mailed()


def test_email_typed_in_a_sentence_gets_the_code(app, knowledge):
    """"email saya: Budi.S@Gmail.com." is a valid answer: the code goes to budi.s@gmail.com."""
    c = j.ask_email(app)
    assert "budi.s@gmail.com" in c.say("email saya: Budi.S@Gmail.com.")
    assert c.state() == "ask_code" and [m.address for m in c.mailed()] == ["budi.s@gmail.com"]


def test_whatsapp_registration_stores_verified_citizen(app, knowledge):
    """The code mailed to the address completes registration; the phone comes from WhatsApp."""
    c = j.ask_email(app)
    c.say("Siti.Aminah@Example.org")
    (mail,) = c.mailed()
    assert mail.address == "siti.aminah@example.org" and mail.status == "queued"
    assert "Pendaftaran selesai" in c.say(mailed_code(c))
    (citizen,) = _citizens(app)
    assert (citizen.name, citizen.email, citizen.phone) == ("Siti Aminah", "siti.aminah@example.org", c.address)
    assert citizen.email_verified_at is not None


def test_code_typed_with_a_full_stop_registers(app, knowledge):
    """"Kodenya 123456." is the code, not a wrong attempt."""
    c = j.ask_code(app)
    assert "Pendaftaran selesai" in c.say(f"Kodenya {mailed_code(c)}.")


def test_expired_code_is_refused(app, knowledge):
    """A correct code typed after 30 minutes no longer registers."""
    c = j.ask_email(app)
    c.say("siti@example.org")
    code = mailed_code(c)
    clock.freeze(clock.now() + dt.timedelta(minutes=31))
    c.say(code)
    assert c.state() == "ask_email"
    assert _citizens(app) == []


def test_code_is_not_stored_in_clear(app, knowledge):
    """Only a nonce is kept in the conversation, never the code."""
    from bot.models import Conversation

    c = j.ask_code(app)
    code = mailed_code(c)
    with app.app_context(), app.extensions["db"].session() as s:
        (ctx,) = s.scalars(select(Conversation.context)).all()
    assert code not in repr(ctx)


def test_email_channel_asks_only_name_and_phone(app, knowledge):
    """On e-mail the sender address is the proof: no code is mailed; the typed phone is kept as unverified."""
    c = j.ask_phone(app)
    reply = c.say("0812-9876-5432")
    assert "Pendaftaran selesai" in reply and not c.mailed()
    (citizen,) = _citizens(app)
    assert (citizen.phone, citizen.unverified_phone, citizen.email) == (None, "+6281298765432", c.address)


def test_returning_citizen_is_recognised_on_the_same_channel(app, knowledge):
    """After a conversation ends, the next message is greeted by name, with no registration."""
    c = j.ready(app)
    c.say("selesai")
    assert "Selamat datang kembali, Siti Aminah" in c.say("halo")
    assert c.state() == "ready"


def test_whatsapp_citizen_writing_by_mail_is_recognised(app, knowledge):
    """The e-mail verified on WhatsApp identifies the same citizen on the mail channel."""
    wa = j.ready(app)
    (citizen,) = _citizens(app)
    mail = Talker(app, Channel.EMAIL.value, citizen.email)
    assert "Selamat datang kembali" in mail.say("Halo, saya mau tanya data IPM")
    assert len(_citizens(app)) == 1 and wa.state() == "ready"


def test_second_whatsapp_number_joins_existing_citizen_by_verified_email(app, knowledge):
    """A new number that proves an already-registered e-mail is linked, not duplicated."""
    first = j.ready(app)
    email = _citizens(app)[0].email
    second = j.ask_email(app)
    second.say(email)
    second.say(mailed_code(second))
    assert second.state() == "ready" and first.state() == "ready"
    assert len(_citizens(app)) == 1


def test_question_asked_before_registering_is_answered_after(app, knowledge):
    """The first message's question is kept through registration and then searched."""
    c = Talker(app, Channel.EMAIL.value, "rina@example.org")
    c.say("Jam buka pelayanan PST kapan ya?")
    assert "Balas SETUJU" in c.say("Rina")  # not yet: the notice is agreed to first
    assert "Siapa nama lengkap" in c.say("setuju")
    c.say("Rina")
    reply = c.say("081311112222")
    assert "Pendaftaran selesai" in reply and "Ini yang kami temukan" in reply
    assert c.state() == "results"


def test_english_speaker_gets_english(app, knowledge):
    """A citizen who writes English is answered in English throughout."""
    c = Talker(app, Channel.EMAIL.value, "john@example.org")
    assert "Privacy notice" in c.say("Hello, I need population data please")
    assert "What is your full name" in c.say("I agree")
    assert "phone" in c.say("John Smith")
    assert "You are registered" in c.say("+6281355556666")
    with app.app_context(), app.extensions["db"].session() as s:
        assert s.scalar(select(Citizen.lang)) == "en"


def test_english_speaker_coming_back_is_welcomed_in_english(app, knowledge):
    """A new conversation of a known citizen starts in the citizen's language, not in Indonesian."""
    c = Talker(app, Channel.EMAIL.value, "john@example.org")
    c.say("Hello, I need population data please")
    c.say("i agree")
    c.say("John Smith")
    c.say("+6281355556666")
    assert "Goodbye" in c.say("done")
    assert "Welcome back, John Smith" in c.say("hi")


def test_nonsense_gets_guidance_not_an_error(app, knowledge):
    """Gibberish in any registration step is answered with what is expected."""
    c = j.ask_name(app)
    for text in ("🙂🙂", "!!!", "1234", "x" * 500):
        assert c.say(text)
        assert c.state() == "ask_name"
    with app.app_context(), app.extensions["db"].session() as s:
        assert s.scalar(select(func.count(Citizen.id))) == 0


@pytest.mark.parametrize("command", ["batal", "menu"])
def test_leaving_a_complaint_begun_while_registering_resumes_registration(app, knowledge, command):
    """BATAL or MENU in a complaint begun mid-registration goes back to that step, not to an unregistered menu."""
    c = j.ask_email(app)
    c.say("pengaduan")
    assert "e-mail aktif" in c.say(command)
    assert c.state() == "ask_email"

"""Code mails and code guesses are limited per address and per sender; the code is stored nowhere."""
from __future__ import annotations

import datetime as dt
import logging
import re

import pytest
from sqlalchemy import select

from bot import clock, create_app
from bot.envelope import Channel
from bot.models import Base, Conversation, Message
from tests import journeys as j
from tests.talk import Citizen as Talker, mailed_code, next_address
from tests.test_email_ingest import mail, one, store
from tests.test_email_sender import mail_app, run_deliver  # noqa: F401  (fixture)

VICTIM = "dewi.lestari@gmail.com"


def _code_mails(app, address: str = VICTIM) -> int:
    with app.app_context(), app.extensions["db"].session() as s:
        rows = s.scalars(select(Message).where(Message.address == address, Message.channel == "email",
                                               Message.direction == "out")).all()
        return sum(1 for r in rows if (r.meta or {}).get("kind") == "verification_code")


def _asking(app, address: str = VICTIM) -> Talker:
    """A WhatsApp sender at the e-mail step types ``address``; ``last_reply`` is what the bot said."""
    c = j.ask_email(app)
    c.last_reply = c.say(f"emailnya {address}")
    return c


def _start_of_day() -> None:
    """Early morning office time, so an hour or a day later is still a normal date in the replies."""
    clock.freeze(dt.datetime(2026, 12, 7, 0, 0, tzinfo=dt.timezone.utc))


def test_one_address_gets_at_most_three_code_mails_an_hour_whoever_asks(app, knowledge):
    """Four strangers type the same address: three mails go out, the fourth is told when to try again."""
    _start_of_day()
    for _ in range(3):
        assert "Kode 6 angka" in _asking(app).last_reply
    assert _code_mails(app) == 3
    fourth = _asking(app)
    assert "coba lagi mulai Senin, 7 Desember 2026 pukul 08.00 WIB" in fourth.last_reply
    assert _code_mails(app) == 3 and fourth.state() == "ask_email"


def test_resending_floods_no_mailbox(app, knowledge):
    """KIRIM ULANG sixty times sends three mails in the hour, and no more than ten in the day."""
    _start_of_day()
    c = _asking(app)
    for _ in range(60):
        c.say("kirim ulang")
    assert _code_mails(app) == 3
    assert "coba lagi mulai" in c.say("kirim ulang")
    for hour in range(1, 6):
        clock.freeze(dt.datetime(2026, 12, 7, hour, 1, tzinfo=dt.timezone.utc))
        for _ in range(5):
            c.say("kirim ulang")
    assert _code_mails(app) == 10
    assert "coba lagi mulai Selasa, 8 Desember 2026 pukul 07.00 WIB" in c.say("kirim ulang")


def test_one_sender_may_try_three_addresses_an_hour(app, knowledge):
    """A sender typing address after address gets mails for three of them, then waits."""
    _start_of_day()
    c = _asking(app, "a.satu@gmail.com")
    c.say("b.dua@gmail.com")
    c.say("c.tiga@gmail.com")
    reply = c.say("d.empat@gmail.com")
    assert "coba lagi mulai" in reply and _code_mails(app, "d.empat@gmail.com") == 0
    assert "Kode 6 angka" in c.say("kirim ulang")  # one of the three may still be resent
    clock.freeze(clock.now() + dt.timedelta(minutes=61))
    assert "d.empat@gmail.com" in c.say("d.empat@gmail.com") and _code_mails(app, "d.empat@gmail.com") == 1


def test_refusal_is_in_english_for_an_english_speaker(app, knowledge):
    """The limit message is in the citizen's language."""
    _start_of_day()
    for _ in range(3):
        _asking(app)
    c = Talker(app, Channel.WHATSAPP.value, next_address())
    c.say("Hello, I need data")
    c.say("I agree")
    c.say("John Smith")
    reply = c.say(VICTIM)
    assert "Please try again from" in reply and "08:00" in reply and c.state() == "ask_email"


def test_limits_hold_after_a_redis_restart_and_in_another_process(app, knowledge, env, fresh_redis):
    """The counts are in the database: a Redis restart and a second app instance still refuse the fourth mail."""
    for _ in range(3):
        _asking(app)
    fresh_redis.restart()
    other = create_app(env)
    try:
        assert "coba lagi mulai" in _asking(other).last_reply
        assert _code_mails(other) == 3
    finally:
        other.extensions["db"].engine.dispose()


def test_strangers_asking_at_the_same_moment_still_get_three_mails(app, knowledge):
    """Six workers asking for the same address at once send three code mails, not six."""
    from tests.support.race import at_once

    senders = [j.ask_email(app) for _ in range(6)]
    assert at_once(app, lambda c: c.say(f"emailnya {VICTIM}"), *[(c,) for c in senders]) == []
    assert _code_mails(app) == 3


@pytest.mark.parametrize("between", ["kirim ulang", "dewi.lestari.baru@gmail.com"])
def test_wrong_codes_count_per_sender_across_new_codes(app, knowledge, between):
    """Four wrong codes, a new code (resent or to a new address), one more wrong: locked for the hour."""
    _start_of_day()
    c = _asking(app)
    for guess in ("111111", "222 222", "333-333", "kodenya 444444"):
        c.say(guess)
    c.say(between)
    code = mailed_code(c)
    wrong = "555555" if code != "555555" else "666666"
    assert "coba lagi mulai Senin, 7 Desember 2026 pukul 08.00 WIB" in c.say(wrong)
    assert c.state() == "ask_email"
    c.say(VICTIM)  # no new code while locked out
    assert c.state() == "ask_email" and not c.mailed()
    clock.freeze(clock.now() + dt.timedelta(minutes=61))
    c.say(VICTIM)
    assert "Pendaftaran selesai" in c.say(mailed_code(c))


def test_words_are_not_counted_as_guesses(app, knowledge):
    """"kodenya blm masuk" is not a wrong code: the sender keeps all five attempts."""
    c = _asking(app)
    code = mailed_code(c)
    for _ in range(6):
        c.say("kodenya blm masuk kak")
    assert "Sisa percobaan: 4" in c.say("123450" if code != "123450" else "123451")


def test_an_expired_code_is_not_counted_as_a_guess(app, knowledge):
    """The right code typed too late sends the citizen back for a new one without using up an attempt."""
    c = _asking(app)
    code = mailed_code(c)
    clock.freeze(clock.now() + dt.timedelta(minutes=31))
    assert "kedaluwarsa" in c.say(f"ini kodenya {code}")
    c.say(VICTIM)
    assert "Sisa percobaan: 4" in c.say("123450" if mailed_code(c) != "123450" else "123451")


def test_code_mails_do_not_use_up_the_victims_automatic_replies(env):
    """Code mails others asked for do not count against the hourly cap that would hold the victim's own mail."""
    app = create_app({**env, "MAIL_AUTO_REPLY_LIMIT": "2"})
    try:
        for _ in range(3):
            _asking(app)
        assert _code_mails(app) == 3
        stored = store(app, mail(sender=VICTIM, subject="Permintaan data",
                                 body="Selamat pagi, saya mau minta data inflasi kota lubuklinggau"))
        row = one(app, Message, stored.message.id)
        assert (stored.answer, row.status, row.flagged) == (True, "received", False)
    finally:
        app.extensions["db"].engine.dispose()


def _dump(app) -> str:
    """Every row of every table, as text."""
    with app.app_context(), app.extensions["db"].session() as s:
        return "\n".join(repr(tuple(row)) for table in Base.metadata.sorted_tables
                         for row in s.execute(table.select()).all())


def test_code_is_stored_nowhere_and_built_when_the_mail_is_sent(mail_app, smtp_server, caplog):  # noqa: F811
    """The outbox row is masked and no table or log line holds the code; the mail sent carries it."""
    caplog.set_level(logging.DEBUG)
    clock.freeze(dt.datetime(2026, 12, 7, 2, 0, tzinfo=dt.timezone.utc))  # no microseconds to collide with
    c = Talker(mail_app, Channel.WHATSAPP.value, "+6285266001122")
    for words in ("halo min", "setuju", "Dewi Lestari", VICTIM):
        c.say(words)
    code = mailed_code(c)
    (row,) = [r for r in c.outbox if r.meta.get("kind") == "verification_code"]
    assert "Kode verifikasi Anda: ••••••" in row.body
    assert run_deliver(mail_app, row.id)[0] == "sent"
    (sent,) = smtp_server.wait_for(1)
    assert f"Kode verifikasi Anda: {code}" in sent.message.get_body(("plain",)).get_content()
    standalone = re.compile(rf"(?<!\d){code}(?!\d)")
    ours = "\n".join(r.getMessage() for r in caplog.records if r.name.split(".")[0] in ("bot", "workers"))
    assert not standalone.search(_dump(mail_app)) and not standalone.search(ours)
    assert "Pendaftaran selesai" in c.say(code)  # the citizen's own message is stored, the nonce is gone
    with mail_app.app_context(), mail_app.extensions["db"].session() as s:
        holders = [m.direction for m in s.scalars(select(Message)) if standalone.search(repr(m.__dict__))]
        assert holders == ["in"] and "nonce" not in repr(s.scalars(select(Conversation.context)).all())

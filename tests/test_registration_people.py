"""Registration that tolerates people: names in sentences, corrections, addresses, typos, missing codes and e-mail."""
from __future__ import annotations

import pytest
from sqlalchemy import func, select

from bot import addresses, names, nlu, verification
from bot.envelope import Channel
from bot.models import Citizen, VerificationEvent
from tests import journeys as j
from tests.talk import Citizen as Talker, mailed_code


def _read_name(text: str):
    return names.name_in(text, nlu.read(text, nlu.Context.NAME))


@pytest.mark.parametrize("text, name", [
    ("nama saya Siti Aminah", "Siti Aminah"), ("saya budi", "Budi"), ("my name is John Tan", "John Tan"),
    ("Bapak Ahmad", "Bapak Ahmad"), ("Dr. Rina Wati, S.Pd.", "Dr. Rina Wati, S.Pd."), ("Muhammad", "Muhammad"),
    ("namaku rina", "Rina"), ("i'm David Lee", "David Lee"), ("Bu Sri Wahyuni", "Bu Sri Wahyuni"),
    ("Budi Santoso, S.E.", "Budi Santoso, S.E."), ("Hj. Siti Maryam", "Hj. Siti Maryam"), ("Putri Ayu", "Putri Ayu"),
    ("saya Siti Aminah kak", "Siti Aminah"), ("BUDI SANTOSO", "Budi Santoso"), ("Bintang", "Bintang"),
])
def test_a_name_is_taken_also_from_a_sentence(text, name):
    assert _read_name(text) == name


@pytest.mark.parametrize("text", [
    "mau nanya dong", "halo kak", "data penduduk", "saya mau tanya", "info dong", "selamat pagi kak", "tolong bantu",
    "kapan buka", "saya mahasiswa", "I need data", "hello there", "berapa jumlah penduduk llg 2023?", "wkwk", "hmm",
    "test bot", "12345", "siti@gmail.com", "pelayanannya lama", "ok", "terima kasih",
])
def test_requests_greetings_and_questions_are_no_names(text):
    assert _read_name(text) is None


@pytest.mark.parametrize("text, name", [
    ("bukan, nama saya Siti Rahma", "Siti Rahma"), ("no, my name is John Tan", "John Tan"),
    ("salah, namanya Budi Santoso", "Budi Santoso"), ("nama saya Siti Rahma", "Siti Rahma"),
    ("bkn kak, nama sy Rina Wati", "Rina Wati"),
])
def test_a_correction_gives_the_right_name(text, name):
    assert names.correction_in(text) == name


@pytest.mark.parametrize("text", ["saya tidak punya email", "saya budi@gmail.com", "bukan", "no, my name is mau nanya"])
def test_other_sentences_are_no_correction(text):
    assert names.correction_in(text) is None


@pytest.mark.parametrize("text, rest", [("UBAH NAMA Siti Rahma", "Siti Rahma"), ("ganti nama", ""),
                                        ("change name to John Tan", "John Tan"), ("Ganti nama saya jadi Rina", "Rina"),
                                        ("mau ganti data", None), ("nama saya Rina", None),
                                        ("ganti nama desa di lubuklinggau tahun berapa?", None),
                                        ("change name of a district", None)])
def test_rename_command(text, rest):
    assert names.rename_in(text) == rest


@pytest.mark.parametrize("typed, meant", [
    ("siti@gmail.con", "siti@gmail.com"), ("siti@gmial.com", "siti@gmail.com"), ("siti@gmai.com", "siti@gmail.com"),
    ("siti@yahoo.co.di", "siti@yahoo.co.id"), ("siti@yaho.co.id", "siti@yahoo.co.id"),
    ("siti@ymial.com", "siti@ymail.com"), ("siti@hotmail.co", "siti@hotmail.com"),
    ("siti@outlook.co", "siti@outlook.com"), ("siti@gmail.co.id", "siti@gmail.com"),
    ("budi@tokosaya.con", "budi@tokosaya.com"),
])
def test_common_domain_typos_are_questioned(typed, meant):
    assert addresses.suggestion(typed) == meant


@pytest.mark.parametrize("address", ["siti@gmail.com", "siti@yahoo.co.id", "siti@ymail.com", "siti@bps.go.id",
                                     "siti@ui.ac.id", "siti@unsri.ac.id", "siti@mail.com", "siti@outlook.co.id",
                                     "siti@its.ac.id", "siti@lubuklinggaukota.go.id", "siti@upi.edu"])
def test_real_domains_are_not_questioned(address):
    assert addresses.suggestion(address) is None


@pytest.mark.parametrize("text, address", [
    ("email saya siti.aminah@gmail.com ya kak", "siti.aminah@gmail.com"), ("ini emailnya: x@y.co.id", "x@y.co.id"),
    ("my email is John.Tan@Example.org", "john.tan@example.org"), ("bu di@gmail.com", None), ("budi@gmail", None),
])
def test_an_address_is_taken_out_of_a_sentence(text, address):
    assert addresses.address_in(text) == address


def _wrong_codes(app) -> int:
    with app.app_context(), app.extensions["db"].session() as s:
        return s.scalar(select(func.count(VerificationEvent.id)).where(VerificationEvent.kind == verification.WRONG_CODE))


def _citizen(app) -> Citizen:
    with app.app_context(), app.extensions["db"].session() as s:
        return s.scalars(select(Citizen)).one()


def test_a_request_is_refused_as_a_name_with_an_example(app, knowledge):
    c = j.ask_name(app)
    reply = c.say("mau nanya dong")
    assert "bukan nama" in reply and "Siti Aminah" in reply and c.state() == "ask_name"


def test_the_name_is_corrected_in_every_step_before_registration_ends(app, knowledge):
    """Corrected at the e-mail step and at the code step, each time said and the step's question asked again."""
    c = j.ask_name(app)
    c.say("mau nanya dong")
    c.say("Siti")
    reply = c.say("bukan, nama saya Siti Aminah")
    assert "*Siti Aminah*" in reply and "e-mail aktif" in reply and c.state() == "ask_email"
    c.say(f"siti{c.address[1:]}@example.org")
    code = mailed_code(c)
    reply = c.say("salah, namanya Siti Aminah Lubis")
    assert "*Siti Aminah Lubis*" in reply and "Kode 6 angka" in reply and c.state() == "ask_code"
    c.say(code)
    assert _citizen(app).name == "Siti Aminah Lubis"


def test_the_name_is_corrected_at_the_phone_step_in_english(app, knowledge):
    c = Talker(app, Channel.EMAIL.value, "john@example.org")
    c.say("Hello, I need population data please")
    c.say("I agree")
    c.say("John")
    reply = c.say("no, my name is John Tan")
    assert "*John Tan*" in reply and "phone" in reply and c.state() == "ask_phone"
    c.say("+6281355556666")
    assert _citizen(app).name == "John Tan"


def test_change_name_after_registration(app, knowledge):
    c = j.ready(app)
    assert "diubah menjadi *Siti Rahma*" in c.say("UBAH NAMA Siti Rahma")
    assert _citizen(app).name == "Siti Rahma" and c.state() == "ready"
    reply = c.say("ganti nama mau nanya dong")
    assert "bukan nama" in reply and "UBAH NAMA" in reply and _citizen(app).name == "Siti Rahma"


def test_change_name_while_a_ticket_waits_asks_the_step_again(app, knowledge):
    c = j.waiting(app)
    reply = c.say("ubah nama jadi Siti Aminah Lubis")
    assert "Siti Aminah Lubis" in reply and "masih terbuka" in reply and c.state() == "waiting"


def test_a_mistyped_domain_is_questioned_and_yes_takes_the_suggestion(app, knowledge):
    c = j.ask_email(app)
    assert "Maksud Anda siti.aminah@gmail.com? Balas YA" in c.say("email saya siti.aminah@gmail.con ya kak")
    assert c.state() == "ask_email" and not c.mailed()
    c.say("iya")
    assert [m.address for m in c.mailed()] == ["siti.aminah@gmail.com"] and c.state() == "ask_code"


def test_a_new_address_replaces_the_suggestion(app, knowledge):
    c = j.ask_email(app)
    c.say("siti@gmial.com")
    c.say("siti@bps.go.id")
    assert [m.address for m in c.mailed()] == ["siti@bps.go.id"]


def test_the_questioned_address_typed_again_stands(app, knowledge):
    c = j.ask_email(app)
    c.say("siti@gmail.con")
    c.say("siti@gmail.con")
    assert [m.address for m in c.mailed()] == ["siti@gmail.con"]


def test_code_not_arrived_gets_help_and_is_no_wrong_attempt(app, knowledge):
    """Four wrong codes, then "no code yet" many times: help each time, no lock-out, the right code still works."""
    c = j.ask_code(app)
    code = mailed_code(c)
    for _ in range(4):
        c.say("000000")
    assert _wrong_codes(app) == 4
    for text in ("kodenya blm masuk", "belum dapat kode kak", "ga ada email masuk", "belum masuk"):
        reply = c.say(text)
        assert "Spam" in reply and "KIRIM ULANG" in reply and "Sisa percobaan" not in reply
        assert c.state() == "ask_code"
    assert _wrong_codes(app) == 4
    assert "Pendaftaran selesai" in c.say(code)


def test_no_code_yet_in_english(app, knowledge):
    c = j.new(app)
    c.say("Good morning, I would like to ask about some data please")
    c.say("I agree")
    c.say("John Smith")
    c.say(f"john{c.address[1:]}@example.org")
    reply = c.say("no code yet")
    assert "Spam" in reply and "RESEND" in reply and _wrong_codes(app) == 0


@pytest.mark.parametrize("text", ["saya tidak punya email", "gak punya email kak", "blm punya email"])
def test_no_email_is_told_what_the_standard_says_and_what_to_do(app, knowledge, text):
    c = j.ask_email(app)
    reply = c.say(text)
    assert "Standar Pelayanan" in reply and "masih aktif" in reply
    assert "Jl. Perumdam No.1" in reply and "Gmail" in reply and "kapan saja" in reply
    assert c.state() == "ask_email" and not c.mailed()


def test_no_email_in_english(app, knowledge):
    c = Talker(app, Channel.WHATSAPP.value, "+6281377778888")
    c.say("Hello, I need population data please")
    c.say("I agree")
    c.say("John Smith")
    reply = c.say("I don't have an email")
    assert "service standard" in reply and "Jl. Perumdam No.1" in reply and c.state() == "ask_email"


def test_a_question_during_registration_is_answered_right_after(app, knowledge):
    c = j.ask_name(app)
    reply = c.say("jam buka pelayanan pst kapan ya?")
    assert "setelah pendaftaran selesai" in reply and "nama" in reply and c.state() == "ask_name"
    c.say("Rina Wati")
    c.say(f"rina{c.address[1:]}@example.org")
    reply = c.say(mailed_code(c))
    assert "Pendaftaran selesai" in reply and "Ini yang kami temukan" in reply and c.state() == "results"


def test_words_at_the_code_step_are_asked_again_not_called_a_wrong_code(app, knowledge):
    c = j.ask_code(app)
    reply = c.say("halo")
    assert "Kode 6 angka" in reply and "tidak cocok" not in reply and _wrong_codes(app) == 0
    assert "Sisa percobaan: 4" in c.say("000000")

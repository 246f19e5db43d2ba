"""The meaning of a message before the state machine sees it: commands, yes/no, language, validators."""
import pytest
from hypothesis import given, strategies as st

from bot import intent
from bot.states import Event


@pytest.mark.parametrize("text,event", [
    ("MENU", Event.MENU), (" menu. ", Event.MENU), ("Bantuan", Event.HELP), ("help", Event.HELP),
    ("STATUS", Event.STATUS), ("batal", Event.CANCEL), ("PENGADUAN", Event.COMPLAINT), ("selesai!", Event.DONE),
    ("kirim ulang", Event.RESEND), ("lewati", Event.SKIP), ("ya", Event.YES), ("Iya betul", Event.YES),
    ("tidak", Event.NO), ("no", Event.NO), ("menu makanan khas", Event.TEXT), ("berapa jumlah penduduk", Event.TEXT),
    ("selesai 🙏", Event.DONE), ("Batal!!!", Event.CANCEL), ("menu?", Event.MENU), ("ya 👍", Event.YES), ("?", Event.HELP),
    ("sudah ada data ipm 2024 belum", Event.TEXT),
])
def test_classify(text, event):
    assert intent.classify(text) == event


@pytest.mark.parametrize("text", [
    "ya tapi kurang lengkap", "Iya, tapi belum terjawab", "sudah, namun datanya masih kurang", "ok tapi kurang jelas",
    "yes but not quite", "Thanks, but incomplete", "terima kasih, tapi belum lengkap", "ya kurang lebih",
    "ya membantu tapi kurang lengkap",
])
def test_yes_with_a_but_or_a_shortfall_is_no(text):
    """"Did this answer your question?" – a yes that takes itself back is not satisfaction."""
    assert intent.classify(text) == Event.NO


@pytest.mark.parametrize("text", ["ya", "Iya", "sudah", "oke", "ok makasih", "yes", "yes thanks", "ya terima kasih"])
def test_plain_yes_stays_yes(text):
    assert intent.classify(text) == Event.YES


@pytest.mark.parametrize("text,event", [
    ("Ya, membantu sekali", Event.YES), ("Yes, that helps", Event.YES), ("sudah cukup, makasih", Event.YES),
    ("Ya. Terima kasih", Event.YES), ("Oke, sangat membantu!", Event.YES), ("Tidak, belum membantu", Event.NO),
    ("Belum, datanya lain", Event.NO), ("No, wrong table", Event.NO),
])
def test_punctuation_after_yes_or_no_keeps_its_meaning(text, event):
    """A comma or full stop after the yes/no used to turn the reply into a new question to search."""
    assert intent.classify(text) == event


@pytest.mark.parametrize("text,current,lang", [
    ("What is the population of Lubuklinggau?", "id", "en"),
    ("berapa jumlah penduduk lubuklinggau", "en", "id"),
    ("Budi Santoso", "en", "en"), ("3", "id", "id"), ("HELP", "id", "en"), ("bantuan", "en", "id"),
])
def test_language_follows_clear_signals_only(text, current, lang):
    """Names and numbers keep the current language; clear sentences switch it."""
    assert intent.detect_lang(text, current) == lang


@pytest.mark.parametrize("text,phone", [
    ("081234567890", "+6281234567890"), ("+62 812-3456-7890", "+6281234567890"), ("6281234567890", "+6281234567890"),
    ("12345", None), ("0812", None), ("08123abc7890", None), ("+44 20 7946 0958", "+442079460958"),
    ("no hp saya 0812-3456-7890", "+6281234567890"), ("WA: 081234567890.", "+6281234567890"),
])
def test_phone_normalisation(text, phone):
    assert intent.clean_phone(text) == phone


@given(st.from_regex(r"08[1-9][0-9]{7,10}", fullmatch=True))
def test_every_indonesian_mobile_becomes_e164(number):
    """Any 0-prefixed mobile number maps to +62 and back without losing digits."""
    assert intent.clean_phone(number) == "+62" + number[1:]


@pytest.mark.parametrize("text,email", [
    ("Budi@Gmail.com", "budi@gmail.com"), ("budi@gmail.com.", "budi@gmail.com"), ("<budi@gmail.com>", "budi@gmail.com"),
    ("email saya: budi@gmail.com", "budi@gmail.com"), ("My e-mail is budi@gmail.com", "budi@gmail.com"),
    ("emailku@gmail.com", "emailku@gmail.com"), ("E-mail:budi@gmail.com", "budi@gmail.com"), ("bu di@gmail.com", None), ("budi@gmail", None), ("kirim ke budi@gmail.com dan ani@gmail.com", None),
])
def test_emails(text, email):
    """The address is taken from how people type it: a trailing full stop or "email saya:" in front."""
    assert intent.clean_email(text) == email


@pytest.mark.parametrize("text,code", [
    ("123456", "123456"), (" 123 456 ", "123456"), ("123-456", "123456"), ("123456.", "123456"),
    ("kodenya 123456", "123456"), ("12345", None), ("1234567", None), ("123456 dan 654321", None),
])
def test_codes(text, code):
    """The mailed code is read as people copy it, with a dash, a full stop or a word in front."""
    assert intent.code_digits(text) == code


@pytest.mark.parametrize("text,name", [
    ("budi santoso", "Budi Santoso"), ("Nama saya Siti Aminah", "Siti Aminah"), ("M. Ridwan", "M. Ridwan"),
    ("halo", None), ("123", None), ("a", None), ("budi@example.org", None), ("MENU", None),
])
def test_names(text, name):
    assert intent.clean_name(text) == name


@pytest.mark.parametrize("text,score", [
    ("4", 4), (" 1 ", 1), ("3/4", 3), ("satu", 1), ("Dua", 2), ("tiga.", 3), ("empat", 4), ("four", 4), ("One", 1),
    ("bintang 4", 4), ("4 bintang", 4), ("nilai 3", 3), ("Nilai: 2", 2), ("3 stars", 3),
    ("5", None), ("lima", None), ("five", None), ("nilai 5", None), ("6", None), ("enam", None), ("0", None),
    ("3/5", None), ("44", None), ("tiga puluh", None), ("", None),
])
def test_scores(text, score):
    """Ratings in digits or words, Indonesian or English, inside the 1–4 scale; the rest is refused."""
    assert intent.score(text, top=4) == score


@pytest.mark.parametrize("text,left_open", [
    ("tidak", True), ("Tidak tahu.", True), ("gak tau", True), ("-", True), ("lewati", True), ("don't know", True),
    ("Kota Lubuklinggau", False), ("tidak untuk komersial", False), ("ya", False),
])
def test_leaves_open(text, left_open):
    """A no or "I don't know" to a question of detail, not words that answer it."""
    assert intent.leaves_open(text) is left_open


@given(st.text(max_size=300))
def test_classify_never_fails(text):
    """Whatever a citizen types, it is classified (never an exception)."""
    assert isinstance(intent.classify(text), Event)
    intent.detect_lang(text, "id")
    intent.clean_name(text), intent.clean_email(text), intent.clean_phone(text), intent.score(text, top=4)


@pytest.mark.parametrize("text,substantive", [
    ("halo, saya mau tanya data", False), ("Selamat pagi min", False), ("Hi, I would like to ask a question", False),
    ("berapa jumlah penduduk lubuklinggau 2023", True), ("kbli warung kopi", True), ("IPM 2024", True),
])
def test_substantive_questions(text, substantive):
    """A greeting with "I want to ask" is not kept as the question to search after registration."""
    assert intent.is_substantive(text) is substantive


@pytest.mark.parametrize("text, erasure", [
    ("tolong hapus data sy kak", True), ("min hapusin data saya ya", False), ("please delete my data", True),
    ("hapus data pribadi aku", True), ("cara menghapus data di excel gmn", False), ("data saya", False),
])
def test_erasure_asked_inside_a_sentence(text, erasure):
    """HAPUS DATA inside a sentence needs the verb, "data" and whose data; a how-to question is none."""
    assert intent.asks_erasure(text) is erasure


@pytest.mark.parametrize("text, refusal", [
    ("ga mau kak", True), ("tdk setuju", True), ("I don't agree", True), ("tidak", True),
    ("setuju", False), ("mau dong", False), ("ga papa setuju kok", False),
])
def test_refusals_of_the_privacy_notice(text, refusal):
    """Everyday refusals of the notice are read as no; agreement and unrelated words are not."""
    assert intent.refuses(text) is refusal

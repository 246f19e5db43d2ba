"""The intent layer (bot/nlu): readings in context, slots, language stickiness, training, `flask intent eval`."""
from __future__ import annotations

import json
import time

import pytest

from bot import nlu
from bot.nlu import corpus, model
from bot.nlu.features import document
from bot.nlu.reading import Context as C, Intent as I
from bot.states import State

# Written for these tests, not taken from the corpus (test_phrasings_are_not_in_the_corpus checks it).
PHRASINGS = [
    (C.NONE, "slamat pagi mas admin", I.GREETING), (C.NONE, "good day to you", I.GREETING),
    (C.RESULTS, "oke kak mksh bnyk ya", I.THANKS_GOODBYE), (C.NONE, "thank u so much, bye bye", I.THANKS_GOODBYE),
    (C.RESULTS, "udah jelas bgt kak", I.YES), (C.RESULTS, "yes, that is what i wanted", I.YES),
    (C.RESULTS, "ngga kak blm", I.NO), (C.CONSENT, "nope, i'm not okay with that", I.NO),
    (C.RESULTS, "bkn yg itu kak, sy cari data UMKM", I.NO_WITH_CORRECTION),
    (C.RESULTS, "no, i was asking about school dropouts", I.NO_WITH_CORRECTION),
    (C.NONE, "ga jd deh kak, maaf ganggu", I.NEVER_MIND), (C.NONE, "nevermind, sorry to bother", I.NEVER_MIND),
    (C.NONE, "pelayanannya lama sekali, saya kecewa dan mau mengadu", I.COMPLAINT),
    (C.NONE, "the officer was really rude, i am complaining", I.COMPLAINT),
    (C.RESULTS, "yang kedua", I.PICK_ANSWER), (C.RESULTS, "nomor 3", I.PICK_ANSWER),
    (C.RESULTS, "no. 1", I.PICK_ANSWER), (C.RESULTS, "the 2nd one pls", I.PICK_ANSWER),
    (C.NONE, "brp jmlh penduduk linggau thn 2022 kak", I.QUESTION),
    (C.NONE, "what was the poverty rate in 2021", I.QUESTION),
    (C.NAME, "Budi", I.NAME), (C.NAME, "my name's Grace Wong", I.NAME),
    (C.EMAIL, "ini email sy: budi.linggau@gmail.com", I.EMAIL), (C.EMAIL, "it is grace.w@uni.edu", I.EMAIL),
    (C.PHONE, "no hp sy 0813-7788-1122", I.PHONE), (C.PHONE, "you can reach me on +44 7700 900456", I.PHONE),
    (C.CODE, "kodenya 246 135", I.CODE), (C.CODE, "the code says 975310", I.CODE),
    (C.CODE, "belum masuk kodenya", I.NO_CODE_YET), (C.CODE, "the code never showed up", I.NO_CODE_YET),
    (C.EMAIL, "sy ga punya email kak", I.NO_EMAIL), (C.EMAIL, "sorry, i have no e-mail at all", I.NO_EMAIL),
    (C.RATING, "4, mantap", I.RATING), (C.RATING, "three, it was fine", I.RATING),
    (C.NONE, "min besok hujan ga di linggau", I.OUT_OF_SCOPE),
    (C.NONE, "how do i renew my driving licence", I.OUT_OF_SCOPE),
    (C.CLARIFY, "saya tidak ngerti", I.HELP), (C.NONE, "what can i do with this chat", I.HELP),
    (C.WAITING, "pertanyaan sy udh diproses blm kak", I.STATUS), (C.WAITING, "any news about my ticket?", I.STATUS),
    (C.WAITING, "batalin aja tiket saya kak", I.CANCEL), (C.WAITING, "please cancel my question", I.CANCEL),
]


@pytest.mark.parametrize("context, text, intent", PHRASINGS)
def test_phrasing_reads_as_its_intent(context, text, intent):
    """Whole sentences in chat Indonesian and English read as their intent, not as keywords."""
    assert nlu.read(text, context).intent is intent


def test_phrasings_are_not_in_the_corpus():
    """The phrasings above are new to the classifier: none is a corpus line."""
    lines = {(e.context, e.text.lower()) for path in (corpus.TRAIN, corpus.HELDOUT) for e in corpus.load(path)}
    assert not [p for p in PHRASINGS if (p[0], p[1].lower()) in lines]


@pytest.mark.parametrize("text", ["makasih kak", "dadah", "ga jadi deh kak", "hehe iya", "nanti aja ya"])
def test_courtesy_never_opens_a_question(text):
    """Thanks, goodbyes, never-mind and chit-chat are not questions to search or consult on."""
    assert nlu.read(text, C.NONE).intent is not I.QUESTION


@pytest.mark.parametrize("text, context, intent, value", [
    ("Budi", C.NAME, I.NAME, "Budi"),
    ("nama sy  siti rahma", C.NAME, I.NAME, "Siti Rahma"),
    ("mau nanya dong", C.NAME, None, None),
    ("mau nanya dong", C.NONE, I.QUESTION, None),
    ("belum", C.CODE, I.NO_CODE_YET, None),
    ("belum", C.RESULTS, I.NO, None),
    ("tidak ada", C.EMAIL, I.NO_EMAIL, None),
    ("tidak ada", C.COMMENT, I.NO, None),
])
def test_context_changes_the_reading(text, context, intent, value):
    """The same words mean different things after different questions ("mau nanya dong" is never a name)."""
    reading = nlu.read(text, context)
    if intent is None:
        assert reading.intent is not I.NAME
    else:
        assert (reading.intent, reading.value) == (intent, value)


@pytest.mark.parametrize("text, context, intent, number", [
    ("2", C.RESULTS, I.PICK_ANSWER, 2), ("2", C.RATING, I.RATING, 2), ("yg ke 3 kak", C.RESULTS, I.PICK_ANSWER, 3),
    ("nilai empat", C.RATING, I.RATING, 4), ("⭐⭐⭐", C.RATING, I.RATING, 3),
])
def test_numbers_read_by_context(text, context, intent, number):
    """A number after the results picks an answer; after "rate 1-4" it is the score."""
    reading = nlu.read(text, context)
    assert (reading.intent, reading.number) == (intent, number)


@pytest.mark.parametrize("text", ["5", "lima", "10/10"])
def test_rating_out_of_range_is_no_rating(text):
    """A score outside 1-4 is never taken as a rating (the bot asks again)."""
    assert nlu.read(text, C.RATING).intent is not I.RATING


@pytest.mark.parametrize("text, number, comment", [
    ("4, mantap", 4, "mantap"), ("3 lumayan lah", 3, "lumayan lah"), ("puas bgt, 4", 4, "puas bgt"), ("2 kak", 2, None),
])
def test_rating_keeps_its_comment(text, number, comment):
    """A score with words around it is a rating with a comment ("4, mantap" was refused before)."""
    reading = nlu.read(text, C.RATING)
    assert (reading.intent, reading.number, reading.comment) == (I.RATING, number, comment)


@pytest.mark.parametrize("text, correction", [
    ("bukan itu, saya cari data UMKM", "data UMKM"),
    ("no, i meant the unemployment rate", "the unemployment rate"),
])
def test_correction_carries_what_was_meant(text, correction):
    """"bukan itu, saya cari data UMKM" is a no with the correction, not a bare no."""
    reading = nlu.read(text, C.RESULTS)
    assert (reading.intent, reading.value) == (I.NO_WITH_CORRECTION, correction)


@pytest.mark.parametrize("text, pointer", [
    ("kapan musim kemarau tahun ini", "bmkg"), ("tps sy pindah, gmn cara nyoblos", "kpu"),
    ("mau ganti foto ktp", "dukcapil"), ("bayar pajak mobil telat", "samsat"), ("iuran bpjs naik ya", "bpjs"),
    ("laporan kehilangan hp ke mana ya", "polri"), ("angka togel besok brp", None),
])
def test_out_of_scope_points_elsewhere(text, pointer):
    """Questions for other offices are out of scope, with the office to point to where one is known."""
    reading = nlu.read(text, C.NONE)
    assert (reading.intent, reading.value) == (I.OUT_OF_SCOPE, pointer)


@pytest.mark.parametrize("text, current, lang", [
    ("hi", "en", "en"), ("ok", "en", "en"), ("👍", "en", "en"), ("👍", "id", "id"), ("Budi", "en", "en"),
    ("0812 3456 7890", "en", "en"), ("berapa jumlah penduduknya kak", "en", "id"),
    ("how many people live there", "id", "en"), ("makasih ya", "en", "id"),
])
def test_language_sticks_on_neutral_messages(text, current, lang):
    """"hi", "ok", "👍", a name or a number keep the conversation's language; clear sentences switch it."""
    context = C.NAME if text == "Budi" else C.PHONE if text[0].isdigit() else C.NONE
    assert nlu.read(text, context, lang=current).lang == lang


@pytest.mark.parametrize("text, context, intent", [
    ("2", C.NONE, I.PICK_ANSWER), ("4", C.NONE, I.RATING), ("3", C.RESULTS, I.RATING), ("123456", C.NONE, I.CODE),
    ("4", C.CODE, I.RATING),
])
def test_slot_intents_only_after_their_question(text, context, intent):
    """A list number, a score or a code is only read as such after the question that asks for it."""
    assert nlu.read(text, context).intent is not intent


@pytest.mark.parametrize("text", ["", "   ", None])
def test_blank_message_is_an_unsure_question(text):
    """An empty message reads as QUESTION with no confidence (the engine's own checks answer it)."""
    reading = nlu.read(text, C.NONE)
    assert (reading.intent, reading.confidence) == (I.QUESTION, 0.0)


@pytest.mark.parametrize("text", ["a" * 50_000, "a@" * 25_000, "0812 " * 10_000])
def test_long_message_is_read_in_bounded_time(text):
    """A pasted wall of text is read in well under a second of CPU time (patterns are linear, input capped)."""
    nlu.read("halo", C.NONE)  # the model is trained outside the measurement
    started = time.process_time()
    nlu.read(text, C.EMAIL)
    assert time.process_time() - started < 0.5


def test_training_is_deterministic_and_fast():
    """Two trainings on the corpus give the same model, each in under two seconds of CPU time."""
    examples = corpus.load(corpus.TRAIN)
    started = time.process_time()
    first = model.Classifier(examples)
    assert time.process_time() - started < 2.0
    second = model.Classifier(examples)
    docs = [document(text, ctx) for ctx, text, _ in PHRASINGS]
    assert (first.pipeline.decision_function(docs) == second.pipeline.decision_function(docs)).all()


@pytest.mark.parametrize("state, context", [
    (State.ASK_NAME, C.NAME), (State.RESULTS, C.RESULTS), (State.READY, C.NONE), (State.OFFER_COMPLAINT, C.CONSENT),
])
def test_context_for_state(state, context):
    """The engine's states map onto the contexts the layer reads in."""
    assert nlu.context_for(state) is context


def test_eval_prints_both_systems(runner):
    """`flask intent eval` prints per-intent scores of the layer next to today's keyword rules."""
    result = runner.invoke(args=["intent", "eval", "--folds", "2"])
    assert result.exit_code == 0, result.output
    assert "== heldout: layer vs keywords" in result.output and "== train: layer_cv vs keywords" in result.output
    assert all(intent.value in result.output for intent in I)


def test_eval_json_scores_the_held_out_split(runner):
    """`--json` gives macro-F1 per system; the layer beats the keyword rules on the held-out split."""
    result = runner.invoke(args=["intent", "eval", "--folds", "2", "--json"])
    figures = json.loads(result.output)
    heldout = figures["heldout"]
    assert heldout["layer"]["examples"] == heldout["keywords"]["examples"] == figures["corpus"]["heldout"]
    assert heldout["layer"]["macro_f1"] > heldout["keywords"]["macro_f1"]
    assert set(heldout["layer"]["per_intent"]) == {intent.value for intent in I}

"""Messy but reasonable citizen input: numbers with a dot, emoji, empty text, thanks in several words."""
from __future__ import annotations

import pytest
from sqlalchemy import func, select

from bot.models import UnansweredQuery
from tests import journeys as j


@pytest.mark.parametrize("pick", ["1.", "1)"])
def test_answer_number_with_punctuation_opens_the_article(app, knowledge, pick):
    """"1." after the answers shows answer 1, as "1" does, instead of opening a consultation."""
    c = j.results(app)
    assert "Jam layanan" in c.say(pick)
    assert c.state() == "results"


def test_answer_number_after_the_answers_were_closed_shows_the_menu(app, knowledge):
    """"1" after YA (the list is gone) is not a question: the menu, not "no answer, which area?"."""
    c = j.results(app)
    c.say("ya")
    assert "tulis pertanyaan" in c.say("1")
    assert c.state() == "ready"


@pytest.mark.parametrize("reply", ["ya tapi kurang lengkap", "Iya, tapi belum terjawab", "terima kasih, tapi kurang jelas"])
def test_qualified_yes_to_the_answers_offers_an_officer(app, knowledge, reply):
    """"Ya tapi kurang lengkap" to "did this answer your question?" is a no: the details for an officer follow."""
    c = j.results(app)
    answer = c.say(reply)
    assert "Senang bisa membantu" not in answer and "kami akan meneruskannya ke petugas" in answer
    assert c.state() == "confirm_request"  # a question on opening hours needs no details: the summary follows


@pytest.mark.parametrize("reply,words", [("ya", "Senang bisa membantu"), ("sudah", "Senang bisa membantu"),
                                         ("oke", "Senang bisa membantu"), ("terima kasih", "Senang bisa membantu")])
def test_plain_yes_or_thanks_to_the_answers_moves_on(app, knowledge, reply, words):
    c = j.results(app)
    assert words in c.say(reply)
    assert c.state() == "ready"


@pytest.mark.parametrize("text,words", [("👍", "tulis pertanyaan"), ("🙏🙏", "tulis pertanyaan"), ("", "tulis pertanyaan"),
                                        ("...", "tulis pertanyaan"), ("terima kasih banyak", "Sama-sama"),
                                        ("makasih ya kak", "Sama-sama"), ("oke sip", "tulis pertanyaan"),
                                        ("hello again", "Please type your question")])
def test_content_free_message_when_ready_shows_the_menu(app, knowledge, text, words):
    """An emoji, an empty message or thanks is not a question: the menu or a welcome, no consultation, nothing recorded."""
    c = j.ready(app)
    assert words in c.say(text)
    assert c.state() == "ready"
    with app.app_context(), app.extensions["db"].session() as s:
        assert s.scalar(select(func.count()).select_from(UnansweredQuery)) == 0


def test_emoji_is_not_accepted_as_a_request_detail(app, knowledge):
    """An emoji-only answer to "untuk wilayah mana?" is asked again rather than sent to the officer."""
    c = j.clarify(app)
    assert "sedikit lebih jelas" in c.say("🙏🙏")
    assert "periode/tahun" in c.say("Kota Lubuklinggau")


@pytest.mark.parametrize("unknown", ["tidak", "Tidak tahu", "-", "gak tau", "don't know"])
def test_no_or_dont_know_leaves_a_request_detail_open(app, knowledge, unknown):
    """"tidak" to "untuk wilayah mana?" is not the area: it stays empty and the next question follows."""
    c = j.clarify(app)
    assert "periode/tahun" in c.say(unknown)
    assert "keperluan apa" in c.say("2023")
    assert "Keperluan: – (belum disebut)" in c.say(unknown)
    assert "PST-" in c.say("ya")
    consultation = j.consultation_of(app, c)
    assert (consultation.data_needed, consultation.area, consultation.period, consultation.purpose) == \
           (j.NOT_FOUND, None, "2023", None)


@pytest.mark.parametrize("bare", ["ya", "oke"])
def test_bare_yes_is_not_a_request_detail(app, knowledge, bare):
    """"ya" answers none of the clarifying questions: the same question is asked again, with an example."""
    c = j.clarify(app)
    assert "belum menangkap wilayahnya" in c.say(bare)
    assert "periode/tahun" in c.say("Kota Lubuklinggau")


def test_emoji_only_complaint_is_not_filed(app, knowledge):
    """A complaint made only of emoji is asked for in words, not recorded as complaint number 1."""
    c = j.complaint(app)
    assert "satu atau dua kalimat" in c.say("😡" * 12)
    assert c.state() == "complaint"


def test_command_with_an_emoji_still_works(app, knowledge):
    """"Selesai 🙏" while waiting closes the ticket as SELESAI does, instead of being attached to it."""
    c = j.waiting(app)
    assert "1 = tidak baik" in c.say("Selesai 🙏")
    assert c.state() == "rating"

"""Choices in the engine (bot/choices.py): declared at every choice point, picked by tap, number or word.

Channel-agnostic: these drive the real engine through tests/talk.py; a tap is the inbound meta a WhatsApp
button or list row gives (``meta["tap"]`` = its payload). WhatsApp itself is in test_whatsapp_choices.py.
"""
from __future__ import annotations

import pytest
from sqlalchemy import select

from bot import choices
from bot.envelope import Channel
from bot.models import Rating
from tests import journeys as j


def offered(citizen) -> dict | None:
    """The choices the citizen's last reply offers (the outbox row's meta)."""
    mine = [r for r in citizen.outbox if r.channel == citizen.channel and r.address == citizen.address]
    return (mine[-1].meta or {}).get("choices") if mine else None


def tap(citizen, meta: dict, choice_id: str) -> str:
    """Tap the choice ``choice_id`` of the message that offered ``meta``; the label is the message's text."""
    label = next(label for cid, label, _ in meta["items"] if cid == choice_id)
    return citizen.say(label, meta={"tap": meta["key"] + choice_id})


def labels(meta: dict) -> list[str]:
    return [label for _, label, _ in meta["items"]]


def _which_ticket(app):
    from tests.test_engine_table import _which

    return _which(j.waiting(app))


POINTS = [  # (journey, message that reaches the prompt, choice set, labels)
    (j.new, "halo", "consent", ["Setuju", "Tidak setuju"]),
    (j.ready, "menu", "menu", ["Status", "Pengaduan", "Bantuan", "Selesai"]),
    (j.results, "1", "helped", ["Ya", "Tidak"]),
    (j.waiting, "MENU", "ticket_menu", ["Selesai", "Batalkan tiket"]),
    (j.rating, "hmm", "rating", ["Tidak baik", "Kurang baik", "Baik", "Sangat baik"]),
    (j.rating, "3", "comment", ["Lewati"]),
    (j.comment, "1", "yes_no", ["Ya", "Tidak"]),  # the complaint offered after a low score
    (j.confirm_request, "BANTUAN", "confirm_request", ["Ya, kirim", "Ubah", "Batal"]),  # the summary again
]


@pytest.mark.parametrize("reach, message, name, words", POINTS, ids=[p[2] for p in POINTS])
def test_every_choice_point_declares_its_choices(app, knowledge, reach, message, name, words):
    c = reach(app) if reach is not j.comment else j.rating(app)
    if reach is j.comment:
        c.say("1")
        message = "lewati"
    c.say(message)
    meta = offered(c)
    assert meta is not None and meta["set"] == name, meta
    assert labels(meta) == words
    assert meta["key"].startswith(f"{c.outbox[-1].conversation_id}.")


def test_answers_are_offered_by_title_with_none_of_these(app, knowledge):
    c = j.ready(app)
    reply = c.say(j.FOUND)
    meta = offered(c)
    assert meta["set"] == "answers" and not meta["fixed"] and meta["numbered"]
    titles = labels(meta)[:-1]
    assert titles and all(title in reply for title in titles)
    assert labels(meta)[-1] == "Tidak ada yang cocok"


def test_english_choices_are_in_english(app, knowledge):
    from tests.test_dialogues import ready_en

    c = ready_en(app)
    c.say("menu")
    assert labels(offered(c)) == ["Status", "Complaint", "Help", "Done"]


def test_which_ticket_offers_this_ticket_or_a_new_question(app, knowledge):
    c = _which_ticket(app)
    assert c.state() == "which_ticket"
    assert labels(offered(c)) == ["Ya, untuk tiket itu", "Pertanyaan baru"]
    tap(c, offered(c), "new")
    assert c.state() in ("ready", "results", "clarify", "waiting")


# ---- taps ------------------------------------------------------------------------------------
def test_tap_agrees_to_the_notice(app):
    c = j.new(app)
    c.say("halo")
    assert "nama" in tap(c, offered(c), "agree").lower()
    assert c.state() == "ask_name"


def test_tap_refuses_the_notice(app):
    c = j.new(app)
    c.say("halo")
    assert "Tanpa persetujuan" in tap(c, offered(c), "refuse")
    assert c.state() == "new"


def test_tap_rates_with_the_survey_word(app, knowledge):
    c = j.rating(app)
    c.say("hmm")
    tap(c, offered(c), "3")
    assert c.state() == "comment"
    with app.app_context(), app.extensions["db"].session() as s:
        assert s.scalar(select(Rating.score).order_by(Rating.id.desc())) == 3


def test_tap_picks_an_answer_then_says_it_did_not_help(app, knowledge):
    c = j.ready(app)
    c.say(j.FOUND)
    answers = offered(c)
    first = labels(answers)[0]
    assert first in tap(c, answers, "1")
    tap(c, offered(c), "no")
    assert c.state() in ("clarify", "confirm_request")


def test_tap_on_an_earlier_prompt_is_answered_not_acted_on(app, knowledge):
    """The answers list, tapped after the article was shown and 'did this help?' asked: no second article."""
    c = j.ready(app)
    c.say(j.FOUND)
    answers = offered(c)
    tap(c, answers, "1")
    reply = tap(c, answers, "none")  # "none of these" on the old list would start a request
    assert "pertanyaan sebelumnya" in reply and "Apakah ini membantu?" in reply
    assert "Ringkasan permintaan" not in reply and "belum ada di basis" not in reply
    assert c.state() == "results" and offered(c)["set"] == "helped"


def test_tap_from_another_conversation_is_stale(app, knowledge):
    c = j.rating(app)
    c.say("hmm")
    meta = offered(c)
    reply = c.say("Baik", meta={"tap": "999999." + meta["key"].split(".", 1)[1] + "3"})
    assert "sebelumnya" in reply and c.state() == "rating"


def test_stale_tap_never_confirms_erasure(app, knowledge):
    c = j.ready(app)
    c.say("menu")
    old = offered(c)
    c.say("HAPUS DATA")
    assert c.state() == "confirm_erase"
    reply = tap(c, old, "done")
    assert "sebelumnya" in reply and c.state() == "confirm_erase"


def test_tap_in_a_new_conversation_starts_it(app):
    """A button from a closed conversation's last message: the new one starts as any first message does."""
    c = j.new(app)
    reply = c.say("Ya", meta={"tap": "1.1.yes"})
    assert "Pemberitahuan privasi" in reply and c.state() == "ask_consent"


def test_tap_keeps_the_language(app, knowledge):
    from tests.test_dialogues import ready_en

    c = ready_en(app)
    c.say("menu")
    reply = tap(c, offered(c), "help")
    assert "How to use this service" in reply


# ---- typed answers ---------------------------------------------------------------------------
@pytest.mark.parametrize("typed", ["1", "setuju", "Setuju"])
def test_consent_by_number_or_word(app, typed):
    c = j.new(app)
    c.say("halo")
    c.say(typed)
    assert c.state() == "ask_name"


@pytest.mark.parametrize("typed, score", [("4", 4), ("sangat baik", 4), ("Kurang baik", 2), ("1", 1)])
def test_rating_by_number_or_survey_word(app, knowledge, typed, score):
    c = j.rating(app)
    c.say(typed)
    with app.app_context(), app.extensions["db"].session() as s:
        assert s.scalar(select(Rating.score).order_by(Rating.id.desc())) == score


def test_number_after_an_article_still_picks_an_answer(app, knowledge):
    """In RESULTS '1' is answer 1, never 'yes': the did-this-help buttons are not numbered."""
    c = j.results(app)
    first = c.say("1")
    again = c.say("1")
    assert c.state() == "results" and again.split("\n")[0] == first.split("\n")[0]


def test_number_past_the_answers_is_none_of_these(app, knowledge):
    c = j.ready(app)
    c.say(j.FOUND)
    none = len(offered(c)["items"])
    c.say(str(none))
    assert c.state() in ("clarify", "confirm_request")


def test_number_in_a_ticket_goes_to_the_officer(app, knowledge):
    """'2' while a ticket is open may answer the officer: it is never 'cancel the ticket'."""
    c = j.waiting(app)
    c.say("MENU")
    c.say("2")
    assert c.state() == "waiting"


def test_typed_number_for_which_ticket(app, knowledge):
    c = _which_ticket(app)
    c.say("1")
    assert c.state() == "waiting"


# ---- rendering -------------------------------------------------------------------------------
def _meta(name="yes_no", numbered=True):
    chosen = choices.named(name, lambda k: {"choice_yes": "Ya", "choice_no": "Tidak"}.get(k, k))
    return dict(chosen.to_meta(), numbered=numbered)


def test_terminal_line_numbers_the_choices():
    assert choices.as_line(_meta()) == "[1] Ya  [2] Tidak"
    assert choices.as_line(_meta(numbered=False)) == "[Ya]  [Tidak]"


def test_mail_list_says_how_to_reply():
    assert choices.as_list(_meta()) == "Balas dengan nomor atau kata pilihan Anda:\n1. Ya\n2. Tidak"
    assert choices.as_list(None) == ""


def test_email_citizen_gets_the_choices_as_a_numbered_list(app, knowledge):
    from bot.channels.email.sender import SMTPSender

    c = j.new(app, Channel.EMAIL.value)
    c.say("halo")
    row = c.outbox[-1]
    with app.app_context(), app.extensions["db"].session() as s:
        mail = SMTPSender(app.config["SETTINGS"]).build(s, s.merge(row))
    body = mail.get_body(("plain",)).get_content()
    assert "1. Setuju\n2. Tidak setuju" in body
    c.say("1")
    assert c.state() == "ask_name"


@pytest.mark.parametrize("choice_id, state, words", [
    ("confirm", "waiting", "PST-"), ("correct", "confirm_request", "perlu diubah"), ("cancel", "ready", "")])
def test_request_summary_is_sent_changed_or_dropped_by_tap(app, knowledge, choice_id, state, words):
    """The summary's buttons stand for YA, TIDAK and BATAL: a ticket, "what should change?", nothing."""
    c = j.ready(app)
    c.say(j.FULL_REQUEST)
    if c.state() == "results":
        c.say("tidak")
    c.say("untuk skripsi")
    meta = offered(c)
    assert meta is not None and meta["set"] == "confirm_request"
    reply = tap(c, meta, choice_id)
    assert c.state() == state and words in reply

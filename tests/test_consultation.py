"""Consultations: ticket numbers, due times, hand-off, closing, rating and complaint records."""
from __future__ import annotations

import datetime as dt
import threading
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import select

from bot import clock, tickets
from bot.models import Complaint, Consultation, Message, Rating
from bot.request import Request
from tests import journeys as j

WIB = ZoneInfo("Asia/Jakarta")


@pytest.mark.parametrize("prefix", [tickets.PREFIX, tickets.COMPLAINT_PREFIX])
def test_concurrent_openings_get_distinct_tickets(app, prefix):
    """Eight sessions allocating at once all get different, consecutive numbers (tickets and complaints)."""
    db, numbers, errors = app.extensions["db"], [], []
    barrier = threading.Barrier(8)

    def open_one():
        try:
            with db.session() as s:
                barrier.wait()
                numbers.append(tickets.allocate(s, 2026, prefix))
                s.commit()
        except Exception as exc:  # reported below; a thread must not swallow it silently
            errors.append(exc)

    threads = [threading.Thread(target=open_one) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors
    assert sorted(numbers) == [f"{prefix}-2026-{n:06d}" for n in range(1, 9)]


def test_ticket_sequence_restarts_each_year(app):
    """Numbers count per year, so the year in the ticket is the year it was opened."""
    with app.app_context(), app.extensions["db"].session() as s:
        assert [tickets.allocate(s, y) for y in (2026, 2026, 2027)] == \
               ["PST-2026-000001", "PST-2026-000002", "PST-2027-000001"]


def test_consultation_records_the_clear_request_and_due_time(app, knowledge):
    """Opened Friday 15:00 WIB: the citizen is told Wednesday 16:00, and the row says the same."""
    clock.freeze(dt.datetime(2026, 11, 27, 15, 0, tzinfo=WIB))
    c = j.ready(app)
    c.say(j.FULL_REQUEST)
    if c.state() == "results":
        c.say("tidak")
    summary = c.say("untuk perencanaan usaha")
    assert "Ringkasan permintaan" in summary and "PST-2026" not in summary
    reply = c.say("ya")
    assert "PST-2026-000001" in reply and "Rabu, 2 Desember 2026 pukul 16.00 WIB" in reply
    consultation = j.consultation_of(app, c)
    assert consultation.area == "Kota Lubuklinggau" and consultation.period == "2023"
    assert consultation.purpose == "perencanaan usaha" and consultation.request_type == "data"
    assert consultation.question == j.FULL_REQUEST
    assert consultation.due_at == dt.datetime(2026, 12, 2, 16, 0, tzinfo=WIB)
    assert consultation.status == "open" and consultation.clarified_at is not None


def test_handoff_attaches_citizen_messages_and_relays_officer_words(app, knowledge):
    """While an officer handles it, the citizen's words join the ticket and the bot stays quiet."""
    c = j.handoff(app)
    assert c.say("Apakah ada data per kecamatan?") == ""
    consultation = j.consultation_of(app, c)
    assert consultation.status == "in_progress" and consultation.first_response_at is not None
    with app.app_context(), app.extensions["db"].session() as s:
        attached = s.scalars(select(Message.body).where(Message.consultation_id == consultation.id,
                                                        Message.direction == "in")).all()
        relayed = s.scalars(select(Message).where(Message.author == "officer")).all()
    assert "Apakah ada data per kecamatan?" in attached
    assert len(relayed) == 1 and relayed[0].address == c.address and "tabel 4.1" in relayed[0].body


def test_officer_close_then_rating_with_comment_is_stored(app, knowledge):
    """After the officer closes, a 1–4 rating and a comment are stored against the ticket."""
    c = j.rating(app)
    c.say("4")
    c.say("Cepat sekali, terima kasih")
    consultation = j.consultation_of(app, c)
    assert consultation.status == "closed" and consultation.close_reason == "officer"
    with app.app_context(), app.extensions["db"].session() as s:
        (rating,) = s.scalars(select(Rating)).all()
    assert (rating.consultation_id, rating.score, rating.comment) == \
           (consultation.id, 4, "Cepat sekali, terima kasih")


@pytest.mark.parametrize("rating,score,words", [("tiga", 3, "nilai 3 (baik)"), ("bintang 4", 4, "nilai 4 (sangat baik)"),
                                                ("Nilai: 2", 2, "nilai 2 (kurang baik)"), ("one", 1, "nilai 1")])
def test_rating_in_words_is_stored(app, knowledge, rating, score, words):
    """"tiga", "bintang 4" or "one" answer the rating question as the digit does."""
    c = j.rating(app)
    assert words in c.say(rating)
    assert c.state() == "comment"
    with app.app_context(), app.extensions["db"].session() as s:
        assert s.scalars(select(Rating.score)).all() == [score]


@pytest.mark.parametrize("rating", ["lima", "nilai 5", "enam", "0", "4/5"])
def test_rating_outside_the_scale_is_asked_again(app, knowledge, rating):
    c = j.rating(app)
    assert "angka 1, 2, 3, atau 4" in c.say(rating)
    assert c.state() == "rating"


@pytest.mark.parametrize("comment,stored", [("oke tapi agak lambat", "oke tapi agak lambat"),
                                            ("ya, tapi petugasnya kurang ramah", "ya, tapi petugasnya kurang ramah"),
                                            ("tidak", None)])
def test_comment_that_starts_with_a_qualified_yes_is_stored(app, knowledge, comment, stored):
    """A comment heard as NO ("oke tapi agak lambat") is still a comment, unlike a bare "tidak"."""
    c = j.comment(app)
    assert "Terima kasih atas penilaian" in c.say(comment)
    with app.app_context(), app.extensions["db"].session() as s:
        assert s.scalars(select(Rating.comment)).all() == [stored]


def test_low_rating_leads_to_a_stored_complaint(app, knowledge):
    """A rating of 1 offers a complaint; accepting stores it linked to the ticket."""
    c = j.offer_complaint(app)
    c.say("ya")
    reply = c.say("Jawaban petugas tidak sesuai dengan data yang saya minta.")
    assert "lapor.go.id" in reply and "pengaduan.bps.go.id" in reply
    consultation = j.consultation_of(app, c)
    with app.app_context(), app.extensions["db"].session() as s:
        (complaint,) = s.scalars(select(Complaint)).all()
    assert complaint.consultation_id == consultation.id and complaint.text.startswith("Jawaban petugas")


def test_citizen_done_closes_and_asks_rating(app, knowledge):
    """SELESAI during a consultation closes it with reason citizen."""
    c = j.waiting(app)
    assert "1 = tidak baik" in c.say("SELESAI")
    assert j.consultation_of(app, c).close_reason == "citizen"


def test_complaint_during_handoff_returns_to_the_officer_chat(app, knowledge):
    """PENGADUAN is a detour: after filing it, messages go to the ticket again."""
    c = j.handoff(app)
    c.say("pengaduan")
    c.say("Saya menunggu terlalu lama tanpa kabar.")
    assert c.state() == "handoff"


def test_complaint_while_commenting_asks_for_the_comment_again_with_the_label(app, knowledge):
    """Back from a complaint to the comment step, the rating is named in full, not "nilai 1 ()"."""
    c = j.comment(app, "1")
    c.say("pengaduan")
    reply = c.say("Petugas tidak membalas tiga hari.")
    assert "nilai 1 (tidak baik)" in reply and c.state() == "comment"


def test_officer_reply_during_a_complaint_is_not_forgotten(app, knowledge):
    """An officer answering while the citizen writes a complaint: after filing it the bot is silent (hand-off)."""
    c = j.waiting(app)
    c.say("pengaduan")
    j.officer_event(app, c)
    c.say("Saya menunggu terlalu lama tanpa kabar.")
    assert c.state() == "handoff"
    assert c.say("baik pak, terima kasih") == ""


@pytest.mark.parametrize("command", ["batal", "menu"])
def test_leaving_a_complaint_while_waiting_keeps_the_ticket(app, knowledge, command):
    """BATAL or MENU in a complaint detour ends the detour, not the wait for the officer."""
    c = j.waiting(app)
    c.say("pengaduan")
    assert "masih terbuka" in c.say(command)
    assert c.state() == "waiting" and j.consultation_of(app, c).status == "open"


def test_complaint_command_when_offered_one_is_not_offered_again(app, knowledge):
    """PENGADUAN in answer to "ingin menyampaikan pengaduan?" files it and does not ask the question again."""
    c = j.offer_complaint(app)
    c.say("pengaduan")
    reply = c.say("Jawaban petugas tidak sesuai dengan data yang saya minta.")
    assert "sudah kami catat" in reply and "Ingin menyampaikan pengaduan" not in reply
    assert c.state() == "ready"


@pytest.mark.parametrize("question,area,period", [
    ("jumlah penduduk kecamatan lubuklinggau barat 2 tahun 2023", "Kecamatan Lubuklinggau Barat II", "2023"),
    ("penduduk miskin kec. lubuklinggau barat 2023", "Kecamatan Lubuklinggau Barat", "2023"),
    ("data ipm llg 2019 sampai 2023", "Kota Lubuklinggau", "2019–2023"),
    ("inflasi sumsel terbaru", "Provinsi Sumatera Selatan", "terbaru"),
    ("data kemiskinan", None, None),
])
def test_prefill_reads_area_and_period_from_the_question(question, area, period):
    """What the question already says is not asked again."""
    request = Request.start(question)
    assert (request.area, request.period, request.data) == (area, period, question)

"""Complaints in the citizen's own words: heard in any state, filed with a reference, linked, shown by STATUS."""
from __future__ import annotations

import re

import pytest
from sqlalchemy import select, update

from bot.actions.complaints import complaint_likely, says_what_happened
from bot.models import Citizen as CitizenRow, Complaint, Rating
from tests import journeys as j
from tests.talk import mailed_code

REFERENCE = re.compile(r"\bADU-(\d{4})-(\d{6})\b")
CHANNELS = ("lapor.go.id", "pengaduan.bps.go.id", "ipds1674@bps.go.id")

# reach the state, the complaint as citizens write it, the state the conversation is in afterwards, language
IN_A_SENTENCE = [
    ("new", j.new, "pelayanannya lama sekali, saya kecewa dan mau mengadu", "ask_consent", "id"),
    ("new-en", j.new, "the service is so slow, I'm disappointed and want to complain", "ask_consent", "en"),
    ("ask-name", j.ask_name, "sy mau komplain, udh 3 hari chat gak dibales2 sama petugasnya", "ask_name", "id"),
    ("ready", j.ready, "min sy kecewa bgt, kemarin ke kantor petugasnya jutek, mau ngadu", "ready", "id"),
    ("ready-en", j.ready, "I want to complain, the officer never replied to my email for a week", "ready", "en"),
    ("results", j.results, "jawabannya ga nyambung sama sekali, sy mau lapor aja", "results", "id"),
    ("clarify", j.clarify, "udh ditanya2 terus ga dijawab2, sy mau buat pengaduan", "clarify", "id"),
    ("waiting", j.waiting, "sudah 5 hari tiket sy tdk ada kabar, saya kecewa mau mengadu", "waiting", "id"),
    ("handoff", j.handoff, "petugasnya tdk sopan, sy mau adukan ini", "handoff", "id"),
    ("rating", j.rating, "saya mau komplain, datanya salah semua", "rating", "id"),
]


def _complaints(app) -> list[Complaint]:
    with app.app_context(), app.extensions["db"].session() as s:
        return s.scalars(select(Complaint).order_by(Complaint.id)).all()


@pytest.mark.parametrize("reach,text,state,lang", [c[1:] for c in IN_A_SENTENCE], ids=[c[0] for c in IN_A_SENTENCE])
def test_complaint_inside_a_sentence_is_filed_at_once(app, knowledge, reach, text, state, lang):
    """The complaint is stored with a reference, acknowledged with an apology and the official channels."""
    c = reach(app)
    reply = c.say(text)
    (complaint,) = _complaints(app)
    assert complaint.text == text and complaint.status == "new"
    assert complaint.reference in reply and REFERENCE.fullmatch(complaint.reference)
    assert ("Mohon maaf" if lang == "id" else "sorry") in reply and all(ch in reply for ch in CHANNELS)
    assert "tulis pengaduan" not in reply and "describe your complaint" not in reply  # not asked again
    assert c.state() == state


@pytest.mark.parametrize("text", [j.FOUND, j.FULL_REQUEST, "terima kasih", "data pengaduan masyarakat ada?"])
def test_questions_and_thanks_are_not_complaints(app, knowledge, text):
    """What is not a complaint files nothing, even when it mentions one."""
    j.ready(app).say(text)
    assert _complaints(app) == []


def test_complaint_while_waiting_is_linked_to_the_citizen_and_the_ticket(app, knowledge):
    """The complaint points at the citizen and the open ticket; the ticket stays open."""
    c = j.waiting(app)
    c.say("udah seminggu gak ada jawaban dari petugas, sy kecewa mau komplain")
    (complaint,) = _complaints(app)
    ticket = j.consultation_of(app, c)
    assert complaint.citizen_id == ticket.citizen_id and complaint.consultation_id == ticket.id
    assert ticket.status == "open"


def test_complaint_before_registration_is_kept_and_linked_when_registered(app, knowledge):
    """Filed at once without a citizen; registration completing links it to the new citizen."""
    c = j.new(app)
    reply = c.say("pelayanannya lama sekali, saya kecewa dan mau mengadu")
    assert "lengkapi data" in reply and "Balas SETUJU" in reply  # the privacy notice, then the name
    (complaint,) = _complaints(app)
    assert complaint.citizen_id is None and complaint.conversation_id is not None
    assert "nama lengkap" in c.say("setuju")
    c.say("Rahmat Hidayat")
    c.say("rahmat.h@example.org")
    c.say(mailed_code(c))
    assert c.state() == "ready"
    with app.app_context(), app.extensions["db"].session() as s:
        citizen = s.scalar(select(CitizenRow).where(CitizenRow.email == "rahmat.h@example.org"))
        assert s.get(Complaint, complaint.id).citizen_id == citizen.id


def test_bare_wish_to_complain_asks_what_happened_once(app, knowledge):
    """"mau ngadu" asks what happened; the answer is filed, not asked for again."""
    c = j.ready(app)
    assert "tulis pengaduan" in c.say("sy mau ngadu min")
    reply = c.say("kmrn sy dtg ke kantor jam 10 tp pst nya tutup, pdhl jadwalnya buka")
    (complaint,) = _complaints(app)
    assert complaint.text.startswith("kmrn sy dtg") and complaint.reference in reply
    assert c.state() == "ready"


@pytest.mark.parametrize("wish", ["mau mengadu", "PENGADUAN"])
def test_bare_complaint_before_registration_goes_on_to_the_name(app, knowledge, wish):
    """A new citizen who only says they want to complain is asked what happened, then to the notice and name."""
    c = j.new(app)
    assert "tulis pengaduan" in c.say(wish)
    reply = c.say("sy nunggu di kantor 2 jam gak dilayani")
    assert "ADU-" in reply and "Balas SETUJU" in reply and c.state() == "ask_consent"
    assert "nama lengkap" in c.say("setuju")


def test_low_rating_comment_that_complains_is_filed_without_asking(app, knowledge):
    """A complaining comment after a rating of 1 is the complaint: filed, linked to the ticket, not offered."""
    c = j.comment(app, "1")
    comment = "petugasnya lambat bgt, sy kecewa, tolong ditindak"
    reply = c.say(comment)
    assert "ADU-" in reply and "Ingin menyampaikan pengaduan" not in reply and c.state() == "ready"
    (complaint,) = _complaints(app)
    assert complaint.text == comment and complaint.consultation_id == j.consultation_of(app, c).id
    with app.app_context(), app.extensions["db"].session() as s:
        assert s.scalar(select(Rating.comment)) == comment


def test_yes_to_the_offer_files_the_comment_already_written(app, knowledge):
    """After "Lama sekali dijawab" and the offer, YA files that comment instead of asking for it."""
    c = j.comment(app, "1")
    c.say("Lama sekali dijawab")
    reply = c.say("ya")
    assert "ADU-" in reply and "tulis pengaduan" not in reply
    (complaint,) = _complaints(app)
    assert complaint.text == "Lama sekali dijawab"


def test_references_count_per_year_apart_from_tickets(app, knowledge):
    """Two complaints get consecutive ADU numbers of this year; ticket numbers keep their own sequence."""
    c = j.waiting(app)
    c.say("sudah 5 hari tiket sy tdk ada kabar, saya kecewa mau mengadu")
    c.say("petugas parkirnya kasar sekali, sy mau komplain")
    first, second = (REFERENCE.fullmatch(x.reference).groups() for x in _complaints(app))
    assert first[0] == second[0] and (int(first[1]), int(second[1])) == (1, 2)
    assert j.consultation_of(app, c).ticket.endswith("-000001")


@pytest.mark.parametrize("status,words", [("new", "diterima"), ("in_progress", "sedang ditangani"),
                                          ("answered", "sudah dijawab"), ("closed", "selesai")])
def test_status_shows_complaints_with_their_status(app, knowledge, status, words):
    """STATUS lists the complaint's reference and where it stands, next to the tickets."""
    c = j.waiting(app)
    c.say("sudah 5 hari tiket sy tdk ada kabar, saya kecewa mau mengadu")
    with app.app_context(), app.extensions["db"].session() as s:
        s.execute(update(Complaint).values(status=status))
        s.commit()
    (complaint,) = _complaints(app)
    reply = c.say("status")
    assert "PST-" in reply and f"{complaint.reference} – {words}" in reply


def test_status_in_english_and_without_tickets(app, knowledge):
    """A citizen with no open ticket still sees their complaint, in their language."""
    c = j.ready(app)
    c.say("I want to complain, the officer never replied to my email for a week")
    reply = c.say("status")
    assert "no open consultation tickets" in reply and re.search(r"ADU-\d{4}-000001 – received", reply)


def test_status_before_registration_shows_the_complaint(app, knowledge):
    """An unregistered citizen who complained sees the complaint, then is asked to register."""
    c = j.ask_email(app)
    c.say("sy mau komplain, udh 3 hari chat gak dibales2 sama petugasnya")
    reply = c.say("STATUS")
    assert re.search(r"ADU-\d{4}-000001 – diterima", reply) and "belum terdaftar" in reply


@pytest.mark.parametrize("text,stated", [
    ("mau mengadu", False), ("PENGADUAN", False), ("sy mau komplain dong min", False),
    ("I want to file a complaint", False), ("mau komplain soal pelayanan", False),
    ("pelayanannya lama sekali, saya kecewa dan mau mengadu", True),
    ("petugasnya tdk sopan, sy mau adukan ini", True),
    ("I want to complain, the officer never replied", True),
])
def test_says_what_happened(text, stated):
    """Only words beyond the wish to complain count as the complaint's content."""
    assert says_what_happened(text) is stated


@pytest.mark.parametrize("text,confidence,acted_on", [
    ("antrian lama, petugas main hp terus", 0.66, True),  # fairly sure
    ("jawabannya ngawur, sy kecewa", 0.3, True),  # unsure, but names dissatisfaction
    ("jam buka pelayanan", 0.56, False),  # unsure and names nothing: a question
    ("data pengaduan masyarakat ada?", 0.61, False),  # names complaints but asks for data
    ("kok gak dibales2 sih? sy mau komplain", 0.9, True),  # sure: the question mark does not matter
])
def test_complaint_likely(text, confidence, acted_on):
    """An unsure complaint reading is acted on only when the message names a complaint and asks nothing."""
    assert complaint_likely(text, confidence) is acted_on


def test_complaint_is_linked_when_registration_is_done_later(app, knowledge):
    """Complain, cancel registration, register later: the complaint still reaches the citizen."""
    c = j.new(app)
    c.say("antrian lama bgt, petugasnya main hp terus, sy kecewa")
    c.say("batal")
    c.say("halo")
    c.say("setuju")
    c.say("Dewi Lestari")
    c.say("dewi.l@example.org")
    c.say(mailed_code(c))
    (complaint,) = _complaints(app)
    assert complaint.citizen_id is not None
    assert re.search(r"ADU-\d{4}-000001 – diterima", c.say("status"))


def test_complaint_from_an_address_proven_later_is_claimed_when_it_writes_again(app, knowledge):
    """A mail address complains before anyone knows it; its owner registers on WhatsApp with that address;
    the next mail from it is recognised, and the earlier complaint is the citizen's, shown by STATUS."""
    from tests.talk import Citizen as Talker

    mail = Talker(app, "email", "rina.w@example.org")
    mail.say("saya mau mengadu, petugas di loket kemarin tidak ramah dan saya disuruh menunggu 2 jam")
    (complaint,) = _complaints(app)
    assert complaint.citizen_id is None
    phone = j.ask_email(app)
    phone.say("rina.w@example.org")
    phone.say(mailed_code(phone))
    reply = mail.say("status")
    (complaint,) = _complaints(app)
    with app.app_context(), app.extensions["db"].session() as s:
        owner = s.scalar(select(CitizenRow.id).where(CitizenRow.email == "rina.w@example.org"))
    assert owner is not None and complaint.citizen_id == owner
    assert complaint.reference in reply

"""Walk a citizen to a given state through the real engine, the way the tests need them."""
from __future__ import annotations

from sqlalchemy import select

from bot import clock, pipeline
from bot.envelope import Channel
from bot.models import Consultation
from tests.talk import Citizen, mailed_code, next_address

FOUND = "jam buka pelayanan"  # answered by the knowledge base
NOT_FOUND = "data jumlah sapi perah"  # a statistical request the base cannot answer: a consultation
FULL_REQUEST = "jumlah penduduk miskin kota lubuklinggau tahun 2023"  # area and period already given
NOT_FOUND_FULL = "resep rendang padang kota lubuklinggau tahun 2023"  # not found, area and period given


def new(app, channel: str = Channel.WHATSAPP.value, **kw) -> Citizen:
    address = next_address() if channel == Channel.WHATSAPP.value else f"{next_address()[1:]}@example.org"
    return Citizen(app, channel, address, **kw)


def ask_consent(app, channel=Channel.WHATSAPP.value, **kw) -> Citizen:
    c = new(app, channel, **kw)
    c.say("halo")
    return c


def ask_name(app, channel=Channel.WHATSAPP.value, **kw) -> Citizen:
    c = ask_consent(app, channel, **kw)
    c.say("setuju")
    return c


def ask_email(app) -> Citizen:
    c = ask_name(app)
    c.say("Siti Aminah")
    return c


def ask_code(app) -> Citizen:
    c = ask_email(app)
    c.say(f"siti{c.address[1:]}@example.org")
    return c


def ask_phone(app) -> Citizen:
    c = ask_name(app, Channel.EMAIL.value)
    c.say("Budi Santoso")
    return c


def ready(app, channel=Channel.WHATSAPP.value) -> Citizen:
    if channel == Channel.EMAIL.value:
        c = ask_phone(app)
        c.say("0813" + c.address[5:12])
        return c
    c = ask_code(app)
    c.say(mailed_code(c))
    return c


def ask_phone_by_letter(app) -> Citizen:
    """An e-mail citizen whose first mail's signature gave a name, a phone and a purpose; the name confirmed."""
    c = new(app, Channel.EMAIL.value)
    c.say("halo", meta={"letter": {"name": "Budi Santoso", "phone": "+62815" + c.address[5:12], "purpose": "skripsi"}})
    c.say("setuju")
    c.say("ya")
    return c


def ready_by_letter(app) -> Citizen:
    c = ask_phone_by_letter(app)
    c.say("ya")
    return c


def results_by_letter(app) -> Citizen:
    c = ready_by_letter(app)
    c.say(FULL_REQUEST)
    return c


def results(app) -> Citizen:
    c = ready(app)
    c.say(FOUND)
    return c


def clarify(app) -> Citizen:
    c = ready(app)
    c.say(NOT_FOUND)
    return c


def confirm_request(app) -> Citizen:
    """The request summarised, waiting for the citizen's YES or correction."""
    c = ready(app)
    c.say(FULL_REQUEST)
    if c.state() == "results":
        c.say("tidak")
    c.say("untuk skripsi")
    assert c.state() == "confirm_request", c.state()
    return c


def waiting(app) -> Citizen:
    c = confirm_request(app)
    c.say("ya")
    assert c.state() == "waiting", c.state()
    return c


def consultation_of(app, citizen: Citizen) -> Consultation:
    with app.app_context(), app.extensions["db"].session() as s:
        return s.scalar(select(Consultation).join(Consultation.citizen)
                        .where(Consultation.channel == citizen.channel).order_by(Consultation.id.desc()))


def officer_event(app, citizen: Citizen, close: bool = False, text: str = "Datanya ada di tabel 4.1.") -> str:
    with app.app_context(), app.extensions["db"].session() as s:
        consultation = s.scalar(select(Consultation).where(Consultation.status.in_(("open", "in_progress")))
                                .order_by(Consultation.id.desc()))
        rows = pipeline.close(s, consultation) if close else pipeline.officer_reply(s, consultation, text)
        s.commit()
        return citizen.replies(rows)


def complaint_answer(app, text: str) -> None:
    """A supervisor answers the newest complaint, as the console does."""
    from bot import complaints
    from bot.models import Complaint, Officer
    from tests.console_support import make_officer

    officer_id = make_officer(app, f"sup{next_address()[-6:]}", role="supervisor", name="Rina Supervisor")
    with app.app_context(), app.extensions["db"].session() as s:
        complaint = s.scalar(select(Complaint).order_by(Complaint.id.desc()).limit(1))
        complaints.respond(s, complaint, s.get(Officer, officer_id), text, clock.now())
        s.commit()


def handoff(app) -> Citizen:
    c = waiting(app)
    officer_event(app, c)
    return c


def rating(app) -> Citizen:
    c = handoff(app)
    officer_event(app, c, close=True)
    return c


def comment(app, score: str = "4") -> Citizen:
    c = rating(app)
    c.say(score)
    return c


def offer_complaint(app) -> Citizen:
    c = comment(app, "1")
    c.say("lewati")
    return c


def complaint(app) -> Citizen:
    c = ready(app)
    c.say("PENGADUAN")
    return c

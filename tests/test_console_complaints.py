"""Supervisors work complaints in the console: list with due times, status, assignee, an answer to the citizen."""
from __future__ import annotations

import datetime as dt

import re

import pytest
from sqlalchemy import select

from bot import clock, create_app
from bot.envelope import Channel
from bot.models import AccessLog, Complaint, Message
from tests import journeys as j
from tests.console_support import db, login, make_officer, post
from tests.support.whatsapp import make_wa_app, wa_env  # noqa: F401  (fixtures)

WORDS = "petugas di loket kemarin tidak ramah dan saya disuruh menunggu 2 jam, saya kecewa mau mengadu"
ANSWER = "Mohon maaf, Bapak/Ibu. Petugas yang bersangkutan sudah kami tegur dan antrean kini dipantau kepala PST."


def _file(app, channel: str = Channel.WHATSAPP.value):
    """A registered citizen complains in a sentence; returns (citizen, complaint)."""
    citizen = j.ready(app, channel)
    citizen.say(WORDS)
    with db(app) as session:
        return citizen, session.scalar(select(Complaint).order_by(Complaint.id.desc()).limit(1))


def _supervisor(app, client, role: str = "supervisor") -> int:
    officer_id = make_officer(app, "rina", role=role, name="Rina Supervisor")
    login(client, "rina")
    return officer_id


def _complaint(app, complaint_id: int) -> Complaint:
    with db(app) as session:
        return session.get(Complaint, complaint_id)


def test_filing_queues_a_mail_to_the_complaint_address(env):
    """The complaint's mail to COMPLAINT_MAILBOX is an outbox row written with it: reference, words, console link."""
    app = create_app({**env, "COMPLAINT_MAILBOX": "pengaduan@lubuklinggau.example", "COMPLAINT_DUE": "2"})
    citizen, complaint = _file(app)
    (mail,) = citizen.mailed()
    assert (mail.address, mail.author, mail.status) == ("pengaduan@lubuklinggau.example", "system", "queued")
    assert mail.meta["subject"] == f"[PST] Pengaduan {complaint.reference}"
    assert mail.meta["complaint_id"] == complaint.id
    assert WORDS in mail.body and f"/console/complaints/{complaint.reference}" in mail.body
    assert mail.conversation_id is None and mail.consultation_id is None  # not part of the citizen's thread
    calendar = app.extensions["calendar"]
    assert complaint.due_at == calendar.add_working_days(complaint.created_at, 2)
    app.extensions["db"].engine.dispose()


@pytest.mark.parametrize("role,status", [("officer", 403), ("supervisor", 200), ("admin", 200)])
def test_only_supervisors_see_complaints(app, client, role, status):
    """A complaint is often about an officer: the list and the page are for supervisors and admins."""
    _, complaint = _file(app)
    make_officer(app, "budi", role=role)
    login(client, "budi")
    assert client.get("/console/complaints/").status_code == status
    assert client.get(f"/console/complaints/{complaint.reference}").status_code == status
    assert post(client, f"/console/complaints/{complaint.reference}/respond", {"text": ANSWER}).status_code in (
        status, 302)
    assert _complaint(app, complaint.id).status == ("new" if role == "officer" else "answered")


def test_list_marks_overdue_complaints(app, client):
    """Past its due time and unanswered, a complaint is marked overdue; an answered one never is."""
    _, late = _file(app)
    _, answered = _file(app)
    _supervisor(app, client)
    post(client, f"/console/complaints/{answered.reference}/respond", {"text": ANSWER})
    page = client.get("/console/complaints/?status=all").get_data(as_text=True)
    assert late.reference in page and "Lewat batas" not in page and "hari kerja lagi" in page
    clock.freeze(late.due_at + dt.timedelta(days=3))
    page = client.get("/console/complaints/?status=all").get_data(as_text=True)
    late_row, answered_row = (re.search(rf'<tr id="{ref}" class="([^"]*)">(.*?)</tr>', page, re.S).groups()
                              for ref in (late.reference, answered.reference))
    assert late_row[0] == "sla-red overdue" and "Lewat batas" in late_row[1] and "lewat" in late_row[1]
    assert answered_row[0] == "" and "Lewat batas" not in answered_row[1]
    assert answered.reference not in client.get("/console/complaints/").get_data(as_text=True)  # open only
    detail = client.get(f"/console/complaints/{late.reference}").get_data(as_text=True)
    assert "lewat batas tanggapan" in detail


def test_status_and_assignee_are_saved(app, client):
    """A supervisor takes the complaint in hand and gives it to an officer; the citizen's STATUS follows."""
    citizen, complaint = _file(app)
    _supervisor(app, client)
    budi = make_officer(app, "budi", name="Budi Petugas")
    response = post(client, f"/console/complaints/{complaint.reference}/handle",
                    {"status": "in_progress", "assignee": str(budi)})
    assert response.status_code == 302
    saved = _complaint(app, complaint.id)
    assert (saved.status, saved.assigned_officer_id) == ("in_progress", budi) and saved.updated_at is not None
    assert f"{complaint.reference} – sedang ditangani" in citizen.say("status pengaduan saya")


@pytest.mark.parametrize("form", [
    {"status": "handled", "assignee": ""}, {"status": "", "assignee": ""}, {"status": "closed", "assignee": "abc"},
    {"status": "closed", "assignee": "99999999999"}, {"status": "closed", "assignee": "424242"},
    {"status": "closed' OR 1=1 --", "assignee": ""},
])
def test_bad_handling_input_changes_nothing(app, client, form):
    """An unknown status or officer is refused with a message, never a 500, and the complaint stays as it was."""
    _, complaint = _file(app)
    _supervisor(app, client)
    response = post(client, f"/console/complaints/{complaint.reference}/handle", form, follow_redirects=True)
    assert response.status_code == 200 and "tidak ada yang berubah" in response.get_data(as_text=True)
    saved = _complaint(app, complaint.id)
    assert (saved.status, saved.assigned_officer_id) == ("new", None)


def test_answer_goes_to_the_citizen_on_whatsapp_and_is_kept(app, client):
    """The answer is an outbox row on the complaint's own channel; the complaint is answered and keeps it."""
    citizen, complaint = _file(app)
    officer_id = _supervisor(app, client)
    response = post(client, f"/console/complaints/{complaint.reference}/respond", {"text": ANSWER + "\r\n"})
    assert response.status_code == 302
    saved = _complaint(app, complaint.id)
    assert (saved.status, saved.response, saved.responded_by_id) == ("answered", ANSWER, officer_id)
    assert saved.assigned_officer_id == officer_id
    with db(app) as session:
        row = session.get(Message, saved.response_message_id)
    assert (row.channel, row.address, row.author, row.status) == ("whatsapp", citizen.address, "officer", "queued")
    assert complaint.reference in row.body and ANSWER in row.body and row.meta["ticket"] == complaint.reference
    page = client.get(f"/console/complaints/{complaint.reference}").get_data(as_text=True)
    assert ANSWER.split(".")[0] in page and "Rina Supervisor" in page
    with db(app) as session:  # reading a complaint reads the citizen's data: it is in the access log
        assert session.scalar(select(AccessLog.action).where(AccessLog.citizen_id == complaint.citizen_id)
                              .order_by(AccessLog.id.desc()).limit(1)) == "view_complaint"
    assert f"{complaint.reference} – sudah dijawab" in citizen.say("status")


def test_answer_goes_by_mail_to_a_mail_citizen(app, client):
    """A complaint that came by e-mail is answered by e-mail, under its own subject."""
    citizen, complaint = _file(app, Channel.EMAIL.value)
    _supervisor(app, client)
    post(client, f"/console/complaints/{complaint.reference}/respond", {"text": ANSWER})
    with db(app) as session:
        row = session.get(Message, _complaint(app, complaint.id).response_message_id)
    assert (row.channel, row.address) == ("email", citizen.address)
    assert row.meta["subject"] == f"Tanggapan atas pengaduan {complaint.reference}"


@pytest.mark.parametrize("text,says", [("", "Tanggapan kosong."), ("   \r\n ", "Tanggapan kosong."),
                                       ("x" * 4001, "paling banyak 4000")])
def test_bad_answer_is_refused_and_kept(app, client, text, says):
    """An empty or too long answer sends nothing and the page comes back (400) with what was typed."""
    _, complaint = _file(app)
    _supervisor(app, client)
    response = post(client, f"/console/complaints/{complaint.reference}/respond", {"text": text})
    assert response.status_code == 400 and says in response.get_data(as_text=True)
    if text.strip():
        assert text[:4000] in response.get_data(as_text=True)
    saved = _complaint(app, complaint.id)
    assert saved.status == "new" and saved.response is None and saved.response_message_id is None


@pytest.mark.parametrize("path", ["/console/complaints/ADU-2026-999999", "/console/complaints/%00",
                                  "/console/complaints/" + "A" * 300, "/console/complaints/?status=<script>"])
def test_unknown_complaints_are_not_found(app, client, path):
    """An unknown reference is a 404 page (hostile ones too); an unknown filter shows the open ones."""
    _supervisor(app, client)
    response = client.get(path)
    assert response.status_code in (200, 400, 404) and "<script>" not in response.get_data(as_text=True)
    assert response.status_code != 200 or "Pengaduan" in response.get_data(as_text=True)


def test_answer_in_english_console_and_citizen(app, client):
    """The console's English and the citizen's English are each their own."""
    citizen = j.ready(app)
    citizen.say("I want to complain, the officer never replied to my email for a week")
    with db(app) as session:
        complaint = session.scalar(select(Complaint))
    _supervisor(app, client)
    post(client, "/console/lang", {"lang": "en", "next": "/console/complaints/"})
    page = client.get("/console/complaints/").get_data(as_text=True)
    assert "Complaints" in page and "Answer due" in page and "working days left" in page
    post(client, f"/console/complaints/{complaint.reference}/respond", {"text": "We are sorry; it is fixed now."})
    reply = citizen.say("has my complaint been answered?")
    assert f"{complaint.reference} – answered" in reply and "lapor.go.id" in reply


def test_erasure_forgets_the_complaint_its_answer_and_its_mail(app, client):
    """HAPUS DATA / a supervisor's erasure also clears the answer and the mail that quoted the complaint."""
    from bot import personal_data
    from bot.models import Citizen

    citizen, complaint = _file(app)
    (notice,) = citizen.mailed()
    _supervisor(app, client)
    post(client, f"/console/complaints/{complaint.reference}/respond", {"text": ANSWER})
    with db(app) as session:
        person = session.get(Citizen, complaint.citizen_id)
        personal_data.erase_citizen(session, person, clock.now(), app.config["SETTINGS"].var_path, "permintaan warga")
        session.commit()
        erased = session.get(Complaint, complaint.id)
        assert erased.text == personal_data.ERASED and erased.response == personal_data.ERASED
        mail = session.get(Message, notice.id)
        assert WORDS not in mail.body and mail.status == "erased"
    page = client.get(f"/console/complaints/{complaint.reference}").get_data(as_text=True)
    assert WORDS not in page and "tidak punya kanal" in page  # nobody left to answer


def test_answer_after_the_whatsapp_window_goes_as_the_template(make_wa_app, fake_twilio):
    """Days later the 24-hour window is closed: the answer goes as the officer-reply template, reference first."""
    import json

    from tests.support.whatsapp import run_worker

    template = "HX" + "c" * 32
    app = make_wa_app(TWILIO_TEMPLATE_OFFICER_REPLY=template)
    _, complaint = _file(app)
    clock.freeze(clock.now() + dt.timedelta(days=2))
    client = app.test_client()
    _supervisor(app, client)
    post(client, f"/console/complaints/{complaint.reference}/respond", {"text": ANSWER})
    run_worker(app)
    (sent,) = fake_twilio.wait_for(1)
    assert sent.params["ContentSid"] == template
    variables = json.loads(sent.params["ContentVariables"])
    assert variables["1"] == complaint.reference and ANSWER[:40] in variables["2"]
    with db(app) as session:
        row = session.get(Message, _complaint(app, complaint.id).response_message_id)
        assert (row.status, row.meta["template"]) == ("sent", "officer_reply")


def test_export_holds_the_complaint_and_its_answer(app, client):
    """The citizen's data export (UU 27/2022) lists their complaints with the answer they were sent."""
    import json

    _, complaint = _file(app)
    _supervisor(app, client)
    post(client, f"/console/complaints/{complaint.reference}/respond", {"text": ANSWER})
    data = json.loads(post(client, f"/console/citizens/{complaint.citizen_id}/export", {"how": "download"}).data)
    (item,) = data["complaints"]
    assert (item["reference"], item["status"], item["text"], item["answer"]) == (
        complaint.reference, "answered", WORDS, ANSWER)


def test_a_second_answer_written_before_the_first_went_out_is_refused(app, client):
    """A double click or a colleague's answer meanwhile: the later form is refused (409) and its text kept."""
    _, complaint = _file(app)
    _supervisor(app, client)
    first = post(client, f"/console/complaints/{complaint.reference}/respond", {"text": ANSWER, "after": ""})
    again = post(client, f"/console/complaints/{complaint.reference}/respond", {"text": "Jawaban kedua.", "after": ""})
    assert first.status_code == 302 and again.status_code == 409
    assert "sudah terkirim sementara itu" in again.get_data(as_text=True) and "Jawaban kedua." in again.get_data(
        as_text=True)
    saved = _complaint(app, complaint.id)
    with db(app) as session:
        answers = session.scalars(select(Message).where(Message.author == "officer")).all()
    assert saved.response == ANSWER and len(answers) == 1
    later = post(client, f"/console/complaints/{complaint.reference}/respond",
                 {"text": "Tambahan: antrean kini dipantau.", "after": str(saved.response_message_id)})
    assert later.status_code == 302 and _complaint(app, complaint.id).response == "Tambahan: antrean kini dipantau."

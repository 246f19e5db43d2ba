"""A supervisor answers a complaint in Chromium; the answer reaches the citizen through (fake) Twilio."""
from __future__ import annotations

from sqlalchemy import select

from bot.models import Complaint
from tests import journeys
from tests.console_support import browser_login, db, make_officer
from tests.support.whatsapp import run_worker

COMPLAINT = "petugas di loket kemarin tidak ramah dan saya disuruh menunggu 2 jam, saya kecewa mau mengadu"
ANSWER = "Mohon maaf atas pengalaman Anda. Petugas loket sudah kami tegur dan antrean kini dipantau kepala PST."


def test_supervisor_answers_a_complaint_on_whatsapp(live, browser, fake_twilio, screenshots):
    """List → complaint → in progress → answer; the answer arrives at Twilio and the citizen's STATUS says so."""
    app, base = live
    make_officer(app, "rina", role="supervisor", name="Rina Supervisor")
    citizen = journeys.ready(app)
    citizen.say(COMPLAINT)
    with db(app) as session:
        reference = session.scalar(select(Complaint.reference))
    page = browser_login(browser, base, "rina", {"width": 1280, "height": 800})
    page.click("header nav >> text=Pengaduan")
    page.click(f"text={reference}")
    page.wait_for_selector("text=Isi pengaduan")
    page.select_option("select[name=status]", "in_progress")
    page.select_option("select[name=assignee]", label="Rina Supervisor")
    page.click("form.handle button")
    page.wait_for_selector("text=Pengaduan disimpan.")
    page.fill("#response-text", ANSWER)
    page.click("text=Kirim tanggapan")
    page.wait_for_selector("text=Tanggapan masuk antrean kirim ke warga.")
    page.screenshot(path=str(screenshots / "complaint.png"), full_page=True)

    run_worker(app)
    sent = [m for m in fake_twilio.wait_for(1) if ANSWER in (m.body or "")]
    assert len(sent) == 1 and sent[0].to == f"whatsapp:{citizen.address}" and reference in sent[0].body
    page.reload()
    page.wait_for_selector("#response .s-sent, #response .s-queued, #response .s-sending")
    assert f"{reference} – sudah dijawab" in citizen.say("pengaduan saya udh dijawab belum?")

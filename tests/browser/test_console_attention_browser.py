"""In a real browser: the inbox refreshes itself, flagged messages get handled, follow-ups move, failures show."""
from __future__ import annotations

import datetime as dt

from sqlalchemy import select

from bot import clock
from bot.channels.email import ingest
from bot.models import Message
from tests.console_support import PASSWORD, db, make_officer, open_ticket
from tests.talk import next_address

RAW = b"From: robot@example.org\r\nSubject: <b>Rusak</b>\r\n\r\n<script>alert(1)</script> isi surat\r\n"


def _log_in(page, base):
    page.goto(f"{base}/console/login")
    page.fill("input[name=username]", "siti")
    page.fill("input[name=password]", PASSWORD)
    page.click("button.primary")


def test_inbox_refreshes_and_flagged_mail_is_handled(live, browser, screenshots):
    """A new ticket and a held mail show up (with counts) without reload; the mail is read raw and marked handled."""
    app, base = live
    make_officer(app, "siti", available=False, name="Siti Aminah")
    _, first = open_ticket(app)
    page = browser.new_page(viewport={"width": 1280, "height": 800})
    _log_in(page, base)
    page.click("text=Belum ditugaskan")
    page.wait_for_selector(f"text={first}")
    assert page.text_content('[data-count-for="unassigned"]') == "1"

    _, second = open_ticket(app, address=next_address(), name="Rina Wati", question="Berapa PDRB Kota Lubuklinggau 2022?")
    with db(app) as session:
        ingest.store_unreadable(session, RAW, "could not parse: test")
        session.commit()
    page.wait_for_selector(f"#queue >> text={second}", timeout=12_000)
    page.wait_for_function('document.querySelector(\'[data-count-for="attention"]\').textContent === "1"')
    assert page.text_content('[data-count-for="unassigned"]') == "2"
    assert "alert" in page.get_attribute("a:has([data-count-for=attention])", "class")
    page.screenshot(path=str(screenshots / "inbox-live.png"), full_page=True)

    page.click("text=Perlu perhatian")
    page.wait_for_selector("text=could not parse: test")
    page.screenshot(path=str(screenshots / "attention.png"), full_page=True)
    page.click("text=Lihat pesan")
    assert "<script>alert(1)</script> isi surat" in page.text_content("pre.raw")  # shown as text, never run
    page.screenshot(path=str(screenshots / "attention-raw.png"), full_page=True)
    page.click("text=Tandai selesai")
    page.wait_for_selector("text=Tidak ada yang perlu perhatian.")


def test_follow_up_rescheduled_then_cancelled_and_failure_shown(live, browser, screenshots):
    """From the chat: book a visit, move it, cancel it; an undeliverable reply shows its error and the e-mail offer."""
    app, base = live
    make_officer(app, "siti", name="Siti Aminah")
    _, ticket = open_ticket(app)
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    _log_in(page, base)
    page.goto(f"{base}/console/t/{ticket}")
    later = (clock.now() + dt.timedelta(days=3)).astimezone(dt.timezone(dt.timedelta(hours=7)))
    while not app.extensions["calendar"].is_working_day(later.date()):  # an office visit needs an open office
        later += dt.timedelta(days=1)
    page.select_option("select[name=kind]", "visit")
    page.fill("form.stack input[name=starts_at] >> nth=-1", later.strftime("%Y-%m-%dT10:00"))
    page.click("text=Jadwalkan")
    page.wait_for_selector("text=Undangan tindak lanjut masuk antrean kirim.")
    page.click("text=Ubah jadwal atau batalkan")
    page.fill(".follow-up input[name=starts_at]", later.strftime("%Y-%m-%dT14:30"))
    page.click("text=Ubah jadwal >> nth=-1")
    page.wait_for_selector("text=Jadwal tindak lanjut diubah; warga diberi tahu.")
    assert "pukul 14.30 WIB" in page.text_content(".follow-up .when")  # the office format, in WIB

    page.fill("#reply-text", "Balasan yang tidak sampai")
    page.click("text=Kirim balasan")
    page.wait_for_selector("text=Balasan masuk antrean kirim.")
    with db(app) as session:
        row = session.scalar(select(Message).where(Message.author == "officer")
                             .order_by(Message.id.desc()).limit(1))
        row.status, row.error = "undeliverable", "undeliverable: outside the 24-hour window, no template"
        session.commit()
        row_id = row.id
    page.wait_for_selector(f'[data-status-for="{row_id}"] .s-undeliverable', timeout=10_000)  # live, no reload
    page.reload()
    assert page.is_visible("text=Kirim ulang lewat e-mail (budi@example.org)")
    page.click("text=Ubah jadwal atau batalkan")
    page.screenshot(path=str(screenshots / "chat-followup-failure.png"), full_page=True)
    page.click("text=Batalkan tindak lanjut")
    page.wait_for_selector("text=Tindak lanjut dibatalkan; warga diberi tahu.")
    assert page.is_visible(".follow-up.cancelled")

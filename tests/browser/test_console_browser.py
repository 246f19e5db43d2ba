"""An officer's whole job in a real browser: log in, take a chat, reply, see it delivered, close, see the rating."""
from __future__ import annotations

from sqlalchemy import select

from bot import clock
from bot.channels import sender_for
from bot.models import Message
from tests.console_support import PASSWORD, db, make_officer, open_ticket
from tests.support.whatsapp import run_worker
from tests.talk import next_address
from tests.support.office_time import WEDNESDAY_10

REPLY = "Data penduduk miskin per kecamatan ada di publikasi Kota Lubuklinggau Dalam Angka 2024, tabel 4.1."


def _officer_rows(app) -> list[Message]:
    with db(app) as session:
        return list(session.scalars(select(Message).where(Message.author == "officer").order_by(Message.id)))


def test_officer_takes_replies_and_closes(live, browser, fake_twilio, screenshots):
    """The reply reaches (fake) Twilio, its delivery shows live, and the citizen's rating appears without reload."""
    app, base = live
    make_officer(app, "siti", available=False, name="Siti Aminah")
    citizen, ticket = open_ticket(app)
    for name in ("Rina Wati", "Ahmad Fauzi"):
        open_ticket(app, address=next_address(), name=name, question="Berapa PDRB Kota Lubuklinggau tahun 2022?")
    page = browser.new_page(viewport={"width": 1280, "height": 800})

    page.goto(f"{base}/console/")
    page.fill("input[name=username]", "siti")
    page.fill("input[name=password]", PASSWORD)
    page.click("button.primary")
    page.click("text=Belum ditugaskan")
    page.wait_for_selector(f"text={ticket}")
    page.screenshot(path=str(screenshots / "inbox.png"), full_page=True)

    row = page.locator("tr", has_text=ticket)
    row.locator("button", has_text="Ambil").click()
    page.wait_for_selector("text=Tiket diambil.")
    page.fill("#reply-text", REPLY)
    page.click("text=Kirim balasan")
    page.wait_for_selector("text=Balasan masuk antrean kirim.")
    (reply,) = _officer_rows(app)
    assert (reply.channel, reply.address, reply.status) == ("whatsapp", "+6281234567890", "queued")

    if sender_for("whatsapp", app) is not None:
        run_worker(app)
        (sent,) = fake_twilio.wait_for(1)
        assert sent.to == "whatsapp:+6281234567890" and REPLY in sent.body
        fake_twilio.status_callback(sent.sid, "delivered")
        page.wait_for_selector(f'[data-status-for="{reply.id}"] .s-delivered', timeout=10_000)

    citizen.say("Terima kasih, tabelnya sudah saya temukan.")
    page.wait_for_selector("#history >> text=tabelnya sudah saya temukan", timeout=10_000)
    page.screenshot(path=str(screenshots / "chat.png"), full_page=True)

    page.fill("input[name=outcome]", "Ditunjukkan tabel 4.1 LDA 2024")
    page.click("text=Tutup konsultasi")
    page.click("text=Ya, tutup konsultasi")  # the confirmation step
    page.wait_for_selector("text=Konsultasi ditutup; warga diminta memberi penilaian.")
    citizen.say("4")
    page.wait_for_selector("#rating >> text=4/4", timeout=10_000)
    page.screenshot(path=str(screenshots / "chat-closed.png"), full_page=True)
    if sender_for("whatsapp", app) is not None:
        run_worker(app)
        assert any("penilaian" in m.body for m in fake_twilio.wait_for(2))


def test_phone_layout(live, browser, screenshots):
    """On a phone-sized screen the inbox and the chat fit the width (no sideways scrolling)."""
    app, base = live
    clock.freeze(WEDNESDAY_10)  # round-robin puts the ticket under Mine only in office hours
    make_officer(app, "siti")
    _, ticket = open_ticket(app)
    page = browser.new_page(viewport={"width": 390, "height": 844}, device_scale_factor=2)
    page.goto(f"{base}/console/login")
    page.fill("input[name=username]", "siti")
    page.fill("input[name=password]", PASSWORD)
    page.click("button.primary")
    page.wait_for_selector(f"text={ticket}")
    for name, path in (("inbox-phone", "/console/"), ("chat-phone", f"/console/t/{ticket}")):
        page.goto(base + path)
        assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1"), name
        page.screenshot(path=str(screenshots / f"{name}.png"), full_page=False)

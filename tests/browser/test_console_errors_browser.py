"""In a real browser: a reply typed as the session ends survives the new login, closing asks first, and the
follow-up form keeps its input, names the wrong field and shows the Zoom link only for Zoom."""
from __future__ import annotations

import datetime as dt
import re

import pytest
from sqlalchemy import select
from werkzeug.security import generate_password_hash

from bot import clock
from bot.models import Consultation, FollowUp, Message, Officer
from tests.console_support import PASSWORD, db, make_officer, open_ticket

DESKTOP, PHONE = {"width": 1280, "height": 900}, {"width": 390, "height": 844}
DRAFT = "Selamat siang Pak Budi,\ndatanya ada di tabel 4.1 publikasi Kota Lubuklinggau Dalam Angka 2024."


def _log_in(page, password: str = PASSWORD) -> None:
    page.fill("input[name=username]", "siti")
    page.fill("input[name=password]", password)
    page.click("button.primary")


def _ticket_page(browser, base: str, ticket: str, viewport: dict):
    """The ticket's page in a new tab, reached through the login it redirects to."""
    page = browser.new_page(viewport=viewport)
    page.goto(f"{base}/console/t/{ticket}")
    _log_in(page)
    return page


def _officer_replies(app) -> list[str]:
    with db(app) as session:
        return list(session.scalars(select(Message.body).where(Message.author == "officer")))


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_reply_typed_when_the_session_ended_survives_the_login(live, browser, screenshots, viewport):
    """Send from an ended session: nothing is sent, the login leads back to the ticket with the reply restored;
    once it is sent the kept copy is gone (a reload shows an empty box)."""
    app, base = live
    officer_id = make_officer(app)
    _, ticket = open_ticket(app)
    page = _ticket_page(browser, base, ticket, viewport)
    page.fill("#reply-text", DRAFT)
    with db(app) as session:  # the password is changed in another browser: this login ends
        session.get(Officer, officer_id).password_hash = generate_password_hash("kata sandi yang baru")
        session.commit()
    page.click("text=Kirim balasan")
    page.wait_for_url(re.compile(r"/console/login\?next="))
    assert _officer_replies(app) == []
    _log_in(page, "kata sandi yang baru")
    page.wait_for_url(f"{base}/console/t/{ticket}")
    assert page.input_value("#reply-text") == DRAFT
    assert page.is_visible("#draft-restored")
    page.screenshot(path=str(screenshots / f"reply-restored-{'phone' if viewport is PHONE else 'desktop'}.png"))
    page.click("text=Kirim balasan")
    page.wait_for_selector("text=Balasan masuk antrean kirim.")
    (sent,) = _officer_replies(app)
    assert sent.endswith(DRAFT)  # the whole draft, line break included (the bot prefixes the officer's name)
    assert page.input_value("#reply-text") == "" and page.is_hidden("#draft-restored")
    page.reload()
    assert page.input_value("#reply-text") == ""


@pytest.mark.parametrize("lang,viewport", [("id", DESKTOP), ("en", PHONE)])
def test_closing_asks_for_confirmation(live, browser, screenshots, lang, viewport):
    """The close button leads to a confirmation; "back" leaves the ticket open, "yes" closes it with the outcome."""
    app, base = live
    make_officer(app)
    _, ticket = open_ticket(app)
    page = _ticket_page(browser, base, ticket, viewport)
    if lang == "en":
        page.click("button[value=en]")
    words = {"id": ("Tutup konsultasi", "Batal, kembali ke tiket", "Ya, tutup konsultasi", "Konsultasi ditutup"),
             "en": ("Close consultation", "No, back to the ticket", "Yes, close the consultation",
                    "Consultation closed")}[lang]
    page.fill("input[name=outcome]", "Tabel 4.1 dikirim")
    page.click(f"button:has-text('{words[0]}')")
    page.wait_for_selector(f"text={words[2]}")
    assert page.input_value("input[name=outcome]") == "Tabel 4.1 dikirim"
    page.screenshot(path=str(screenshots / f"close-confirm-{lang}.png"))
    page.click(f"text={words[1]}")
    page.wait_for_url(f"{base}/console/t/{ticket}")
    with db(app) as session:
        assert session.scalar(select(Consultation.status).where(Consultation.ticket == ticket)) != "closed"
    page.click(f"button:has-text('{words[0]}')")
    page.fill("input[name=outcome]", "Tabel 4.1 dikirim")  # the outcome can still be written on the confirmation
    page.click(f"text={words[2]}")
    page.wait_for_selector(f"text={words[3]}")
    with db(app) as session:
        closed = session.scalar(select(Consultation).where(Consultation.ticket == ticket))
        assert (closed.status, closed.outcome) == ("closed", "Tabel 4.1 dikirim")


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_follow_up_form_keeps_input_and_names_the_wrong_field(live, browser, screenshots, viewport):
    """The Zoom link shows for Zoom only; a Zoom without link comes back with the time kept and the link
    field marked; the corrected form books the meeting."""
    app, base = live
    make_officer(app)
    _, ticket = open_ticket(app)
    page = _ticket_page(browser, base, ticket, viewport)
    form = page.locator("#follow-up-form")
    link = form.locator("input[name=link]")
    assert link.is_visible()  # Zoom is the first choice
    form.locator("select[name=kind]").select_option("visit")
    assert link.is_hidden()
    form.locator("select[name=kind]").select_option("zoom")
    assert link.is_visible()

    when = (clock.now() + dt.timedelta(days=3)).astimezone(dt.timezone(dt.timedelta(hours=7)))
    starts = when.strftime("%Y-%m-%dT10:00")
    form.locator("input[name=starts_at]").fill(starts)
    form.locator("button").click()
    page.wait_for_selector("#fu-link-error >> text=Tautan Zoom wajib untuk pertemuan Zoom.")
    form = page.locator("#follow-up-form")
    assert form.locator("input[name=starts_at]").input_value() == starts
    assert form.locator("select[name=kind]").input_value() == "zoom"
    assert form.locator("input[name=link]").get_attribute("aria-invalid") == "true"
    assert form.locator("#fu-starts_at-error").count() == 0
    page.screenshot(path=str(screenshots / f"follow-up-error-{'phone' if viewport is PHONE else 'desktop'}.png"),
                    full_page=True)
    with db(app) as session:
        assert session.scalar(select(FollowUp.id)) is None

    form.locator("input[name=link]").fill("https://zoom.us/j/123456789")
    form.locator("button").click()
    page.wait_for_selector("text=Undangan tindak lanjut masuk antrean kirim.")
    with db(app) as session:
        booked = session.scalar(select(FollowUp))
        assert (booked.kind, booked.link) == ("zoom", "https://zoom.us/j/123456789")


def test_kept_reply_is_only_for_its_officer_and_gone_after_logout(live, browser):
    """Another officer logging in on the same tab does not get the draft; logging out forgets it."""
    app, base = live
    officer_id = make_officer(app)
    make_officer(app, "andi")
    _, ticket = open_ticket(app)
    page = _ticket_page(browser, base, ticket, DESKTOP)
    page.fill("#reply-text", DRAFT)
    with db(app) as session:
        session.get(Officer, officer_id).active = False  # siti's login ends; andi takes the desk
        session.commit()
    page.click("text=Kirim balasan")
    page.wait_for_url(re.compile(r"/console/login\?next="))
    page.fill("input[name=username]", "andi")
    page.fill("input[name=password]", PASSWORD)
    page.click("button.primary")
    page.wait_for_url(f"{base}/console/t/{ticket}")
    assert page.input_value("#reply-text") == "" and page.is_hidden("#draft-restored")

    page.fill("#reply-text", "Draf Andi")
    page.click("#logout button")
    page.wait_for_url(f"{base}/console/login")
    page.fill("input[name=username]", "andi")
    page.fill("input[name=password]", PASSWORD)
    page.click("button.primary")
    page.goto(f"{base}/console/t/{ticket}")
    assert page.input_value("#reply-text") == ""
    assert _officer_replies(app) == []

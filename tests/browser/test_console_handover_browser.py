"""Handing tickets over in Chromium, desktop and phone: a transfer with its reason reaches the receiver,
a supervisor takes an overdue ticket over, and a stale article save is refused with both texts shown."""
from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select

from bot import assignment, clock
from bot.models import Consultation, KnowledgeArticle, Officer
from tests.console_support import browser_login, db, make_officer, open_ticket
from tests.support.office_time import WEDNESDAY_10

VIEWPORTS = {"desktop": {"width": 1280, "height": 800}, "phone": {"width": 390, "height": 844}}


def _browser_login(browser, base: str, username: str, size: str):
    return browser_login(browser, base, username, VIEWPORTS[size])


def _held_by(app, username: str) -> str:
    _, ticket = open_ticket(app)
    with db(app) as session:
        consultation = session.scalar(select(Consultation).where(Consultation.ticket == ticket))
        officer = session.scalar(select(Officer).where(Officer.username == username))
        assignment.assign(session, consultation, officer)
        session.commit()
    return ticket


def _fits(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")


@pytest.mark.parametrize("size", VIEWPORTS)
def test_transfer_with_reason_reaches_the_receiver(live, browser, screenshots, size):
    app, base = live
    clock.freeze(WEDNESDAY_10)
    make_officer(app, "siti", name="Siti Aminah", available=False)
    make_officer(app, "rudi", name="Rudi Hartono")
    ticket = _held_by(app, "siti")
    siti = _browser_login(browser, base, "siti", size)
    siti.goto(f"{base}/console/t/{ticket}")
    options = siti.locator("#transfer select[name=officer_id] option").all_inner_texts()
    assert "Rudi Hartono · tersedia · 0 tiket terbuka" in options
    siti.select_option("#transfer select[name=officer_id]", label="Rudi Hartono · tersedia · 0 tiket terbuka")
    siti.click("#transfer button")  # no reason yet: the browser keeps the form
    assert siti.evaluate("document.querySelector('#transfer textarea').validity.valueMissing")
    siti.fill("#transfer textarea[name=reason]", "Saya cuti besok; Rudi pegang data kemiskinan.")
    assert _fits(siti)
    siti.click("#transfer button")
    siti.wait_for_selector("text=Tiket dialihkan ke Rudi Hartono.")
    assert "Saya cuti besok" in siti.locator("#handovers").inner_text()
    siti.screenshot(path=str(screenshots / f"transfer-sent-{size}.png"), full_page=False)

    rudi = _browser_login(browser, base, "rudi", size)
    notice = rudi.locator("#handed")
    assert f"Tiket {ticket} dialihkan kepada Anda oleh Siti Aminah" in notice.inner_text()
    assert "Rudi pegang data kemiskinan" in notice.inner_text() and _fits(rudi)
    rudi.screenshot(path=str(screenshots / f"transfer-received-{size}.png"), full_page=False)
    notice.locator("a", has_text=ticket).click()
    rudi.wait_for_selector("#handovers")
    assert "Siti Aminah → Rudi Hartono" in rudi.locator("#handovers").inner_text()
    rudi.goto(f"{base}/console/")
    assert rudi.locator("#handed").count() == 0


@pytest.mark.parametrize("size", VIEWPORTS)
def test_supervisor_takes_over_an_overdue_ticket(live, browser, screenshots, size):
    app, base = live
    clock.freeze(WEDNESDAY_10)
    make_officer(app, "siti", name="Siti Aminah", available=False)
    make_officer(app, "boss", name="Bu Kepala", role="supervisor", available=False)
    ticket = _held_by(app, "siti")
    clock.freeze(WEDNESDAY_10 + dt.timedelta(days=14))
    boss = _browser_login(browser, base, "boss", size)
    boss.goto(f"{base}/console/t/{ticket}")
    boss.click("#takeover")
    boss.wait_for_selector("text=Tiket diambil alih.")
    assert "Bu Kepala" in boss.locator(".summary dl").inner_text()
    assert "Diambil alih: Siti Aminah → Bu Kepala" in " ".join(boss.locator("#handovers").inner_text().split())
    assert boss.locator("#takeover").count() == 0 and _fits(boss)
    boss.screenshot(path=str(screenshots / f"takeover-{size}.png"), full_page=False)


@pytest.mark.parametrize("size", VIEWPORTS)
def test_stale_article_save_shows_both_texts(live, browser, screenshots, size):
    app, base = live
    make_officer(app, "siti", name="Siti Aminah")
    make_officer(app, "rudi", name="Rudi Hartono")
    with db(app) as session:
        article = KnowledgeArticle(slug="inflasi", title="Inflasi", body="Inflasi bulanan.", questions=[], tags=[],
                                   lang="id", source="", active=True, updated_at=clock.now())
        session.add(article)
        session.commit()
        url = f"{base}/console/knowledge/{article.id}"
    siti, rudi = _browser_login(browser, base, "siti", size), _browser_login(browser, base, "rudi", size)
    for page in (siti, rudi):
        page.goto(url)
    rudi.fill("textarea[name=body]", "Inflasi tahunan (y-on-y).")
    rudi.click("form.card button.primary")
    rudi.wait_for_selector("text=Artikel disimpan.")

    siti.fill("textarea[name=body]", "Inflasi bulanan m-to-m.")
    siti.click("form.card button.primary")
    siti.wait_for_selector("#stale")
    assert "-Inflasi tahunan (y-on-y)." in siti.locator("#article-diff").inner_text()
    assert siti.input_value("textarea[name=body]") == "Inflasi bulanan m-to-m."
    assert "Rudi Hartono" in siti.locator("#saved-by").inner_text() and _fits(siti)
    siti.screenshot(path=str(screenshots / f"article-stale-{size}.png"), full_page=True)
    siti.click("form.card button.primary")  # saved again, knowingly, on the current version
    siti.wait_for_selector("text=Artikel disimpan.")
    assert "Versi 3 · disimpan oleh Siti Aminah" in siti.locator("#saved-by").inner_text()

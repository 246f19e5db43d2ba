"""Urgency in a real browser, desktop and phone: the working-time phrase, the dot legend and the overdue banner."""
from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import select

from bot import clock
from bot.models import Consultation
from tests.console_support import PASSWORD, db, make_officer, open_ticket

WIB = ZoneInfo("Asia/Jakarta")
VIEWPORTS = {"desktop": {"width": 1280, "height": 800}, "phone": {"width": 390, "height": 844}}


@pytest.mark.parametrize("size", VIEWPORTS)
def test_phrase_legend_and_banner(live, browser, screenshots, size):
    app, base = live
    make_officer(app, "siti", name="Siti Aminah")
    clock.freeze(dt.datetime(2026, 11, 23, 8, 0, tzinfo=WIB).astimezone(dt.timezone.utc))
    _, ticket = open_ticket(app)
    with db(app) as session:
        due = session.scalar(select(Consultation.due_at).where(Consultation.ticket == ticket)).astimezone(WIB)
    clock.freeze((due + dt.timedelta(days=1)).replace(hour=10).astimezone(dt.timezone.utc))  # 2 working hours late

    page = browser.new_page(viewport=VIEWPORTS[size])
    page.goto(f"{base}/console/login")
    page.fill("input[name=username]", "siti")
    page.fill("input[name=password]", PASSWORD)
    page.click("button.primary")
    page.goto(f"{base}/console/?tab=all")
    row = page.locator("tr", has_text=ticket)
    assert row.locator(".relative").inner_text() == "lewat 2 jam"
    assert "pukul 16.00 WIB" in row.locator("time").inner_text()
    legend = page.locator("#legend")
    assert legend.is_visible() and "lewat tenggat, belum dijawab" in legend.inner_text()
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")
    page.screenshot(path=str(screenshots / f"urgency-inbox-{size}.png"), full_page=True)

    row.locator("a", has_text=ticket).click()
    banner = page.locator("#overdue")
    banner.wait_for()
    assert banner.is_visible() and "lewat 2 jam" in banner.inner_text()
    assert banner.bounding_box()["y"] < 300  # above the ticket facts and the chat, even on a phone
    page.click("text=Tandai prioritas")
    page.wait_for_selector("text=Ditandai prioritas.")
    assert "oleh Siti Aminah" in page.locator(".priority-state").inner_text()
    page.screenshot(path=str(screenshots / f"urgency-ticket-{size}.png"), full_page=False)
    page.goto(f"{base}/console/?tab=all")
    assert page.locator("tr", has_text=ticket).locator(".priority").is_visible()
    page.close()

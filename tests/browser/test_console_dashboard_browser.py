"""Items 9 and 10 in Chromium: a phone shows the ticket's facts above the chat with times in WIB whatever the
browser's zone and locale; a desktop shows the dashboard per officer and the inbox's closed tab."""
from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from bot import clock
from tests.console_support import browser_login, make_officer, open_ticket
from tests.dashboard_support import seed_office

WIB = ZoneInfo("Asia/Jakarta")
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 800}


def test_phone_shows_facts_above_chat_in_wib(live, browser, screenshots):
    """Status, due, citizen and request sit above the chat; the page opens at the top; times are WIB."""
    app, base = live
    make_officer(app, "siti", name="Siti Aminah")
    clock.freeze(dt.datetime(2026, 12, 7, 14, 5, tzinfo=WIB))
    _, ticket = open_ticket(app)
    # A browser in New York with US English must not change how a time reads.
    page = browser_login(browser, base, "siti", PHONE, locale="en-US", timezone_id="America/New_York")
    page.goto(f"{base}/console/t/{ticket}")
    facts, chat = page.locator("#facts"), page.locator("#chat")
    facts_box, chat_box = facts.bounding_box(), chat.bounding_box()
    assert facts_box["y"] + facts_box["height"] <= chat_box["y"]
    assert facts_box["x"] == chat_box["x"] and facts_box["width"] == chat_box["width"]  # one column
    assert page.evaluate("window.scrollY") == 0  # the chat scrolls inside its box, not the page to it
    text = facts.inner_text()
    for word in ("Terbuka", "Tenggat", "Budi Santoso", "Pertanyaan", "Jenis permintaan", "permintaan data"):
        assert word in text  # status, due, citizen and the request
    assert page.locator("#facts dt", has_text="Tenggat").bounding_box()["y"] < PHONE["height"]  # on the first screen
    stamps = page.locator("#history time").all_inner_texts()
    assert stamps and all(s == "Sen, 7 Des 2026 14.05 WIB" for s in stamps)
    assert "Senin, 7 Desember 2026 pukul 14.05 WIB" in text
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")
    page.screenshot(path=str(screenshots / "ticket-phone-facts-first.png"), full_page=True)
    desktop = browser_login(browser, base, "siti", DESKTOP)
    desktop.goto(f"{base}/console/t/{ticket}")
    facts_box, chat_box = desktop.locator("#facts").bounding_box(), desktop.locator("#chat").bounding_box()
    assert facts_box["x"] + facts_box["width"] <= chat_box["x"] and abs(facts_box["y"] - chat_box["y"]) < 40


def test_dashboard_per_officer_and_closed_tab(live, browser, screenshots):
    """The supervisor reads each officer's load and SLA; the closed tab lists the closed ticket."""
    app, base = live
    seed_office(app)
    page = browser_login(browser, base, "sari", DESKTOP)
    page.click("header nav >> text=Dasbor")
    table = page.locator("#officers")
    table.wait_for()
    ani = table.locator('tr[data-officer="ani"]')
    assert ani.locator("td.in-sla").inner_text() == "3" and ani.locator("td.compliance").inner_text() == "100 %"
    budi = table.locator('tr[data-officer="budi"]')
    assert [budi.locator(f"td.{k}").inner_text() for k in ("open", "overdue", "late")] == ["3", "1", "1"]
    # Logging in opened the inbox, whose round-robin handed the unassigned, overdue T6 to Ani (available).
    assert [ani.locator(f"td.{k}").inner_text() for k in ("open", "overdue")] == ["2", "1"]
    assert "Belum ditugaskan" not in table.inner_text()
    assert "permintaan data" in page.locator("#topic-kinds").inner_text()
    assert "E-mail" in page.locator('svg.chart[aria-label="Konsultasi dibuka"]').inner_html() and "Pekerja" not in page.content()
    assert page.locator("header nav >> text=Antrean kerja").count() == 0  # a supervisor, not an admin
    page.screenshot(path=str(screenshots / "dashboard-per-officer.png"), full_page=True)

    page.goto(f"{base}/console/")
    page.click("#tab-closed")
    page.wait_for_url("**tab=closed")
    queue = page.locator("#queue")
    assert "T1" in queue.inner_text() and "T3" in queue.inner_text() and "T5" not in queue.inner_text()
    assert "Ditutup · Sab, 19 Des 2026 10.15 WIB" in queue.inner_text()
    page.screenshot(path=str(screenshots / "inbox-closed-tab.png"), full_page=True)

"""An officer whose session ends while the inbox or a chat is open is told so, with a way back in."""
from __future__ import annotations

import re

import pytest
from werkzeug.security import generate_password_hash

from bot.models import Officer
from tests.console_support import PASSWORD, db, make_officer, open_ticket


@pytest.mark.parametrize("page_of,lang,notice,link", [
    ("inbox", "id", "Sesi Anda sudah berakhir", "Masuk lagi"),
    ("chat", "en", "Your session has ended", "Log in again"),
])
def test_polling_page_shows_that_the_session_ended(live, browser, screenshots, page_of, lang, notice, link):
    """A poll answered 401 (here: the password was changed elsewhere) shows the notice; its link logs in again."""
    app, base = live
    officer_id = make_officer(app)
    _, ticket = open_ticket(app)
    path = "/console/" if page_of == "inbox" else f"/console/t/{ticket}"
    page = browser.new_page(viewport={"width": 1280, "height": 800})
    page.goto(base + path)
    page.fill("input[name=username]", "siti")
    page.fill("input[name=password]", PASSWORD)
    page.click("button.primary")
    if lang == "en":
        page.click("button[value=en]")
    assert page.locator("#session-ended").is_hidden()

    with db(app) as session:
        session.get(Officer, officer_id).password_hash = generate_password_hash("a new password")
        session.commit()
    page.wait_for_selector(f"#session-ended >> text={notice}", timeout=15_000)
    page.screenshot(path=str(screenshots / f"session-ended-{page_of}.png"))
    page.click(f"#session-ended >> text={link}")
    page.fill("input[name=username]", "siti")
    page.fill("input[name=password]", "a new password")
    page.click("button.primary")
    page.wait_for_url(re.compile(re.escape(base + path) + r"\??$"))  # back where the officer was
    assert page.locator("#session-ended").is_hidden()

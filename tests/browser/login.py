"""A logged-in Chromium page for browser tests, in a context of its own (viewport, locale, zone)."""
from __future__ import annotations

from tests.console_support import PASSWORD


def logged_in(browser, base: str, username: str, viewport: dict, **context):
    page = browser.new_context(viewport=viewport, **context).new_page()
    page.goto(f"{base}/console/login")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", PASSWORD)
    page.click("button.primary")
    page.wait_for_selector("text=Kotak masuk")
    return page

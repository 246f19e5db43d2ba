"""Browser tests: the app served over real HTTP in a thread, driven by Debian's Chromium via Playwright."""
from __future__ import annotations

import pytest
from playwright.sync_api import sync_playwright

from config.settings import PROJECT_ROOT
from tests.support.live_server import served
from tests.support.whatsapp import wa_env  # noqa: F401  (fixture)

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run"]
SCREENSHOTS = PROJECT_ROOT / "var" / "screenshots"


@pytest.fixture(scope="session")
def browser():
    """One Chromium for the session (never `playwright install`: Debian's package is used)."""
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def live(wa_env):
    """The app with WhatsApp pointed at the fake Twilio, served on a free port; yields (app, base URL)."""
    with served(wa_env) as pair:
        yield pair


@pytest.fixture
def screenshots():
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    return SCREENSHOTS

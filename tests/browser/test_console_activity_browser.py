"""New activity and saved replies in Chromium, desktop and phone: unread marker, title count, background refresh
with a notification and a sound, the "/" picker inserting a filled saved reply, and Ctrl/Cmd+Enter sending it."""
from __future__ import annotations

import pytest
from sqlalchemy import select

from bot import clock
from bot.models import Message, SavedReply
from tests.console_support import PASSWORD, db, make_officer, open_ticket

VIEWPORTS = {"desktop": {"width": 1280, "height": 800}, "phone": {"width": 390, "height": 844}}
# The test drives visibility (headless Chromium never hides a page) and watches what leaves the page:
# notifications and oscillators are recorded, not shown or played.
WATCH = """
window.__hidden = false;
Object.defineProperty(document, "hidden", {get: () => window.__hidden});
Object.defineProperty(document, "visibilityState", {get: () => window.__hidden ? "hidden" : "visible"});
window.__notes = [];
window.__tones = 0;
class FakeNotification { constructor(title, options) { window.__notes.push({title, ...options}); } close() {} }
FakeNotification.permission = "granted";
FakeNotification.requestPermission = () => Promise.resolve("granted");
window.Notification = FakeNotification;
const realOscillator = AudioContext.prototype.createOscillator;
AudioContext.prototype.createOscillator = function () { window.__tones += 1; return realOscillator.call(this); };
"""


def _log_in(browser, base, size, username="siti"):
    page = browser.new_page(viewport=VIEWPORTS[size])
    page.add_init_script(WATCH)
    page.goto(f"{base}/console/login")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", PASSWORD)
    page.click("button.primary")
    return page


def _until(page, condition: str, seconds: float = 10):
    """``wait_for_function`` evaluates strings, which the console's CSP forbids; ``evaluate`` is not bound by it."""
    for _ in range(int(seconds * 10)):
        if page.evaluate(condition):
            return
        page.wait_for_timeout(100)
    raise AssertionError(f"still false after {seconds} s: {condition}")


def _hide(page, hidden: bool):
    page.evaluate("h => { window.__hidden = h; document.dispatchEvent(new Event('visibilitychange')); }", hidden)


@pytest.mark.parametrize("size", VIEWPORTS)
def test_unread_title_and_background_refresh(live, browser, screenshots, size):
    """Marker and "(1)" until the ticket is opened; in a hidden tab polls go on, slower, and news notifies."""
    app, base = live
    make_officer(app, "siti", name="Siti Aminah")
    citizen, ticket = open_ticket(app)
    page = _log_in(browser, base, size)
    page.goto(f"{base}/console/?tab=all")
    assert page.title().startswith("(1) Kotak masuk")
    row = page.locator("tr", has_text=ticket)
    assert row.locator(".tag.new").is_visible() and "unread" in row.get_attribute("class")
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")
    page.screenshot(path=str(screenshots / f"activity-inbox-{size}.png"), full_page=True)

    row.locator("a", has_text=ticket).click()
    page.wait_for_selector("#history")
    page.go_back()
    page.reload()
    assert page.title().startswith("Kotak masuk")
    assert page.locator("tr", has_text=ticket).locator(".tag.new").count() == 0

    page.check("#notify-desktop")
    page.check("#notify-sound")
    tones = page.evaluate("window.__tones")  # the sound toggle plays once to say what it sounds like
    feeds = []
    page.on("request", lambda request: feeds.append(clock.now()) if "/inbox.json" in request.url else None)
    page.evaluate("q => { q.setAttribute('data-every', '1000'); q.setAttribute('data-every-hidden', '4000'); }",
                  page.locator("#queue").element_handle())  # 5 s and 30 s in use; read again at every tick
    page.wait_for_timeout(5000)
    visible_polls = len(feeds)
    _hide(page, True)
    feeds.clear()
    page.wait_for_timeout(5000)
    assert visible_polls >= 3 and 1 <= len(feeds) <= 2  # still polling while hidden, but slower

    citizen.say("Maaf, saya perlu datanya besok pagi.")
    _until(page, "document.title.startsWith('(1) ')")
    assert page.evaluate("window.__notes") == [{"title": "Pesan baru dari warga", "body": ticket, "tag": ticket}]
    assert page.evaluate("window.__tones") == tones + 1
    _hide(page, False)
    page.wait_for_selector(f"tr:has-text('{ticket}') .tag.new")
    assert page.locator("tr", has_text=ticket).locator(".preview").inner_text() == \
        "Warga: Maaf, saya perlu datanya besok pagi."
    page.reload()  # the choices are kept for this officer in this browser
    assert page.is_checked("#notify-desktop") and page.is_checked("#notify-sound")
    page.close()


@pytest.mark.parametrize("size, send", [("desktop", "Control+Enter"), ("phone", "Meta+Enter")])
def test_slash_picker_inserts_a_filled_reply_and_the_keys_send(live, browser, screenshots, size, send):
    """"/" opens the list, typing narrows it, arrows and Enter pick; the filled text is sent with Ctrl/Cmd+Enter."""
    app, base = live
    officer_id = make_officer(app, "siti", name="Siti Aminah")
    with db(app) as session:
        for title, body in (("Salam pembuka", "Selamat siang {nama}."),
                            ("Data dikirim", "Data tiket {tiket} kami kirim sebelum {tenggat}."),
                            ("Data belum tersedia", "Mohon maaf {nama}, data itu belum terbit.")):
            session.add(SavedReply(title=title, body=body, updated_by_id=officer_id, updated_at=clock.now()))
        session.commit()
    _, ticket = open_ticket(app)
    page = _log_in(browser, base, size)
    page.goto(f"{base}/console/t/{ticket}")
    box = page.locator("#reply-text")
    box.click()
    box.type("dan/atau ")
    assert page.locator("#saved-replies").is_hidden()  # a slash inside a word is just a slash
    box.fill("")
    box.type("Baik. /")
    picker = page.locator("#saved-replies")
    assert picker.is_visible() and picker.locator("li:visible").count() == 3
    box.type("data")
    assert picker.locator("li:visible").count() == 2
    page.screenshot(path=str(screenshots / f"saved-replies-picker-{size}.png"), full_page=False)
    chosen = picker.locator("li[aria-selected=true]")
    assert chosen.inner_text().startswith("Data belum tersedia")  # titles in alphabetical order, first chosen
    box.press("ArrowDown")
    assert chosen.inner_text().startswith("Data dikirim")
    box.press("ArrowDown")  # past the end: back to the first
    assert chosen.inner_text().startswith("Data belum tersedia")
    box.press("ArrowUp")
    assert chosen.inner_text().startswith("Data dikirim")
    assert box.get_attribute("aria-activedescendant") == chosen.get_attribute("id")
    box.press("Enter")
    assert picker.is_hidden()
    text = box.input_value()
    assert text.startswith(f"Baik. Data tiket {ticket} kami kirim sebelum ") and text.endswith(" WIB.")
    assert "{" not in text

    box.press("End")
    box.type(" /sal")
    box.press("Escape")
    assert picker.is_hidden() and box.input_value().endswith("WIB. /sal")
    box.fill(text)
    box.press(send)
    page.wait_for_selector("text=Balasan masuk antrean kirim.")
    with db(app) as session:
        sent = session.scalars(select(Message.body).where(Message.author == "officer")).all()
    assert len(sent) == 1 and sent[0].endswith("\n" + text)  # after the "Petugas PST (name):" line the bot adds
    page.close()

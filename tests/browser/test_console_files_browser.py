"""Files in Chromium: an officer opens a citizen's picture and PDF, and sends an xlsx on WhatsApp and a PDF by mail."""
from __future__ import annotations

import pytest
from sqlalchemy import select

from bot.models import AccessLog
from tests.console_support import browser_login, make_officer, open_ticket
from tests.files_support import PDF, citizen_file, png, xlsx
from tests.support.live_server import served
from tests.support.whatsapp import run_worker

SIZES = {"desktop": {"width": 1280, "height": 800}, "phone": {"width": 390, "height": 844}}
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@pytest.fixture
def live_mail(wa_env, smtp_server):
    """The live app with mail going to the test SMTP server too."""
    with served({**wa_env, **smtp_server.settings()}) as pair:
        yield pair


def _browser_login(browser, base: str, viewport: dict):
    return browser_login(browser, base, "siti", viewport, accept_downloads=True)


def _send(page, filename: str, data: bytes, content_type: str) -> None:
    page.fill("#reply-text", "Berikut datanya, Pak.")
    page.set_input_files("form.reply input[type=file]", files=[{"name": filename, "mimeType": content_type,
                                                                  "buffer": data}])
    page.click("text=Kirim balasan")
    page.wait_for_selector("text=Balasan masuk antrean kirim.")


@pytest.mark.parametrize("size", SIZES)
def test_officer_opens_files_and_sends_an_xlsx_on_whatsapp(live, browser, screenshots, fake_twilio, size):
    app, base = live
    make_officer(app, "siti", name="Siti Aminah")
    _, ticket = open_ticket(app)
    picture_id = citizen_file(app, ticket, "foto-ktp.png", "image/png", png(40, 30))
    citizen_file(app, ticket, "surat pengantar.pdf", "application/pdf", PDF)
    page = _browser_login(browser, base, SIZES[size])
    page.goto(f"{base}/console/t/{ticket}")

    thumb = page.locator(f'img[src="/console/files/{picture_id}/thumb"]')
    thumb.scroll_into_view_if_needed()
    assert thumb.evaluate("img => img.complete && img.naturalWidth") == 40  # decoded, not a broken image
    with page.expect_popup() as opened:
        thumb.click()
    full = opened.value
    full.wait_for_load_state()
    assert full.url.endswith(f"/console/files/{picture_id}")
    assert full.locator("img").evaluate("img => img.naturalWidth") == 40
    full.close()

    with page.expect_download() as downloading:
        page.click("a.file:has-text('surat pengantar.pdf')")
    download = downloading.value
    assert download.suggested_filename == "surat pengantar.pdf"
    assert open(download.path(), "rb").read() == PDF

    workbook = xlsx(f"browser {size}")
    _send(page, "tabel kemiskinan.xlsx", workbook, XLSX_TYPE)
    run_worker(app)
    media = next(m for m in fake_twilio.messages if m.params.get("MediaUrl"))
    (fetched,) = fake_twilio.fetched(media)
    assert fetched.status == 200 and fetched.data == workbook and fetched.content_type == XLSX_TYPE

    page.reload()
    sent = page.locator("article.msg.by-officer a.file", has_text="tabel kemiskinan.xlsx")
    assert sent.count() == 1
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")
    page.screenshot(path=str(screenshots / f"files-{size}.png"), full_page=True)
    with app.app_context(), app.extensions["db"].session() as session:
        opened_files = session.scalars(select(AccessLog.attachment_id).where(AccessLog.action == "open_file")).all()
    assert len(opened_files) == 2 and picture_id in opened_files


def test_officer_sends_a_pdf_by_email(live_mail, browser, smtp_server):
    """On an e-mail ticket the file arrives at the SMTP server as a MIME part with its name and bytes."""
    app, base = live_mail
    make_officer(app, "siti", name="Siti Aminah")
    _, ticket = open_ticket(app, channel="email", address="budi@example.org")
    page = _browser_login(browser, base, SIZES["desktop"])
    page.goto(f"{base}/console/t/{ticket}")
    _send(page, "Tabel 2023.pdf", PDF, "application/pdf")
    run_worker(app)
    mails = [m for m in smtp_server.wait_for(1) if any(True for _ in m.message.iter_attachments())]
    (part,) = list(mails[-1].message.iter_attachments())
    assert part.get_filename() == "Tabel 2023.pdf" and part.get_content() == PDF
    assert mails[-1].rcpt_tos == ["budi@example.org"]

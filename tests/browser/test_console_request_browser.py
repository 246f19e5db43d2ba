"""Correcting a ticket's request in Chromium: the edit, its history, and a colleague's stale save refused."""
from __future__ import annotations

from tests.browser.login import logged_in
from tests.console_support import make_officer, open_ticket


def test_officer_corrects_the_request_and_a_stale_save_is_refused(live, browser, screenshots):
    app, base = live
    make_officer(app, "siti", name="Siti Aminah")
    make_officer(app, "rudi", name="Rudi Hartono")
    _, ticket = open_ticket(app)
    desktop = {"width": 1280, "height": 800}
    siti, rudi = logged_in(browser, base, "siti", desktop), logged_in(browser, base, "rudi", desktop)
    for page in (siti, rudi):
        page.goto(f"{base}/console/t/{ticket}")
        page.click("text=Ubah permintaan")

    rudi.select_option("#request-form select[name=type]", "classification")
    rudi.fill("#request-form input[name=area]", "Kota Lubuklinggau")
    rudi.click("text=Simpan permintaan")
    rudi.wait_for_selector("text=Permintaan disimpan.")
    assert rudi.locator("dd", has_text="kode klasifikasi").count() == 1
    rudi.click("text=Riwayat perubahan permintaan (2)")
    history = rudi.locator("#request-history")
    assert "Rudi Hartono" in history.inner_text() and "Kecamatan Lubuklinggau Barat" in history.inner_text()
    rudi.screenshot(path=str(screenshots / "request-edited.png"), full_page=True)

    siti.fill("#request-form input[name=period]", "2019-2023")  # her form still shows the old version
    siti.click("text=Simpan permintaan")
    siti.wait_for_selector("text=Petugas lain mengubah permintaan ini lebih dulu.")
    others = siti.locator("#request-others").inner_text()
    assert "Rudi Hartono" in others and "Kota Lubuklinggau" in others and "kode klasifikasi" in others
    assert siti.input_value("#request-form input[name=period]") == "2019-2023"  # her input survives
    siti.screenshot(path=str(screenshots / "request-stale.png"), full_page=True)

    assert siti.input_value("#request-form input[name=area]") == "Kota Lubuklinggau"  # Rudi's, not undone
    siti.click("text=Simpan permintaan")  # saved again, knowingly, on the current version
    siti.wait_for_selector("text=Permintaan disimpan.")
    assert siti.locator("dd", has_text="2019-2023").count() == 1
    assert siti.locator("dd", has_text="Kota Lubuklinggau").count() == 1
    siti.click("text=Riwayat perubahan permintaan (3)")
    assert "Siti Aminah" in siti.locator("#request-history").inner_text()


def test_request_form_on_a_phone(live, browser, screenshots):
    """On a phone the form fits the width (no sideways scrolling) and saves like on the desktop."""
    app, base = live
    make_officer(app, "siti", name="Siti Aminah")
    _, ticket = open_ticket(app)
    page = logged_in(browser, base, "siti", {"width": 390, "height": 844})
    page.goto(f"{base}/console/t/{ticket}")
    page.click("text=Ubah permintaan")
    page.fill("#request-form input[name=area]", "Kota Lubuklinggau")
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")
    page.screenshot(path=str(screenshots / "request-phone.png"), full_page=False)
    page.click("text=Simpan permintaan")
    page.wait_for_selector("text=Permintaan disimpan.")
    page.click("text=Riwayat perubahan permintaan (1)")
    assert "Kota Lubuklinggau" in page.locator("#request-history").inner_text()
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")

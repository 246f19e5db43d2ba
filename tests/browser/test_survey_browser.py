"""The SKM survey filled in Chromium at a phone's size with JavaScript off: from the chat's link to the stored
answer, a forgotten question stopping the send, and a second visit told the survey is done."""
from __future__ import annotations

import re

from sqlalchemy import select

from bot.models import SurveyResponse
from tests import journeys

PHONE = {"width": 360, "height": 740}


def _survey_link(app, base: str) -> str:
    citizen = journeys.rating(app)
    citizen.say("4")
    said = citizen.say("lewati")
    return re.search(re.escape(base) + r"/survei/\S+", said).group(0)


def _answers(app) -> list[SurveyResponse]:
    with app.app_context(), app.extensions["db"].session() as s:
        return list(s.scalars(select(SurveyResponse)))


def test_citizen_fills_the_survey_on_a_phone(live, browser, screenshots):
    app, base = live
    link = _survey_link(app, base)
    context = browser.new_context(viewport=PHONE, java_script_enabled=False, is_mobile=True, has_touch=True)
    page = context.new_page()
    page.goto(link)
    assert page.locator("fieldset legend").count() == 10  # nine elements and the profile
    for n in range(1, 10):
        if n != 5:
            page.locator(f"#u{n} label.choice").nth(3 if n % 2 else 2).tap()  # 4 on odd elements, 3 on even
    page.select_option("select[name=age_band]", "30_39")
    page.tap("button[type=submit]")  # the fifth is forgotten: the browser keeps the form, nothing is sent
    assert page.url == link and _answers(app) == []
    page.locator("#u5 label.choice").nth(1).tap()
    box = page.locator("#u5 label.choice").nth(1).bounding_box()
    assert box["height"] >= 40 and box["x"] + box["width"] <= PHONE["width"]  # a thumb-sized target on screen
    page.screenshot(path=str(screenshots / "survey-phone-form.png"), full_page=True)
    page.tap("button[type=submit]")
    page.wait_for_selector("text=Jawaban survei Anda sudah kami terima")
    page.screenshot(path=str(screenshots / "survey-phone-done.png"), full_page=True)
    (answer,) = _answers(app)
    assert answer.scores() == (4, 3, 4, 3, 2, 3, 4, 3, 4) and answer.age_band == "30_39" and answer.sex is None
    page.goto(link)
    assert "sudah diisi" in page.inner_text("main")
    context.close()


def test_a_tampered_link_shows_a_clear_page(live, browser):
    app, base = live
    link = _survey_link(app, base)
    page = browser.new_context(viewport=PHONE, java_script_enabled=False).new_page()
    reply = page.goto(link[:-3] + "abc")
    assert reply.status == 403 and "tidak sah" in page.inner_text("main") and "not valid" in page.inner_text("main")

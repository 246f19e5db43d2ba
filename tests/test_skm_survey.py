"""The public SKM form behind a signed link (issue 17 item 2): answered once, refused when forged or expired,
never a 500 on bad input, nothing lost when a post is refused."""
from __future__ import annotations

import datetime as dt
import re

import pytest
from sqlalchemy import select

from bot import clock
from bot.models import ServiceEvent, SurveyResponse
from bot.survey import links
from tests import journeys
from tests.support.whatsapp import make_wa_app, wa_env  # noqa: F401  (fixtures: apps with other settings)

LINK = re.compile(r"http://testserver(/survei/\S+)")
FULL = {f"u{n}": str(1 + n % 4) for n in range(1, 10)}  # 2 3 4 1 2 3 4 1 2


@pytest.fixture
def invited(app):
    """A citizen who rated a closed ticket; the survey path the chat gave them and the ticket's id."""
    citizen = journeys.rating(app)
    citizen.say("4")
    said = citizen.say("lewati")
    return LINK.search(said).group(1), journeys.consultation_of(app, citizen).id


def _csrf(page: str) -> str:
    return re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)


def _answers(app) -> list[SurveyResponse]:
    with app.app_context(), app.extensions["db"].session() as s:
        return list(s.scalars(select(SurveyResponse)))


def _submit(client, path: str, data: dict):
    token = _csrf(client.get(path).get_data(as_text=True))
    return client.post(path, data={**data, "csrf_token": token})


def test_form_shows_nine_elements_and_the_optional_profile(client, invited):
    """The form asks the nine SKM elements, each with four answers, and the four profile questions."""
    path, _ = invited
    page = client.get(path)
    html = page.get_data(as_text=True)
    assert page.status_code == 200 and "Survei Kepuasan Masyarakat" in html
    assert all(f'name="u{n}" value="{v}"' in html for n in range(1, 10) for v in range(1, 5))
    assert all(f'name="{f}"' in html for f in ("sex", "age_band", "education", "occupation"))
    assert "Sangat sopan dan ramah" in html and "<script" not in html


def test_an_answer_is_stored_for_its_ticket_and_a_second_is_refused(app, client, invited):
    """One answer per service event: the first is kept with the ticket's channel; another post is refused."""
    path, consultation_id = invited
    reply = _submit(client, path, {**FULL, "sex": "f", "age_band": "20_29", "education": "s1",
                                   "occupation": "student"})
    assert reply.status_code == 201 and "Terima kasih" in reply.get_data(as_text=True)
    (answer,) = _answers(app)
    assert (answer.event_kind, answer.event_id, answer.channel) == ("consultation", consultation_id, "whatsapp")
    assert answer.scores() == (2, 3, 4, 1, 2, 3, 4, 1, 2) and (answer.sex, answer.occupation) == ("f", "student")
    again = client.post(path, data={**{k: "1" for k in FULL}, "csrf_token": "x"})
    assert again.status_code == 409 and "sudah diisi" in again.get_data(as_text=True)
    assert client.get(path).status_code == 409 and _answers(app)[0].scores() == answer.scores()


def test_missing_answers_come_back_marked_with_the_rest_kept(app, client, invited):
    """Two elements left out: 422, the two marked, the seven given still chosen; nothing stored yet."""
    path, _ = invited
    partial = {k: v for k, v in FULL.items() if k not in ("u3", "u7")}
    reply = _submit(client, path, {**partial, "sex": "m"})
    html = reply.get_data(as_text=True)
    assert reply.status_code == 422 and html.count("Belum dijawab") == 2
    assert 'name="u1" value="2" checked' in html and 'value="m" selected' in html and _answers(app) == []


@pytest.mark.parametrize("bad", [{"u1": "5"}, {"u2": "0"}, {"u3": "abc"}, {"u4": "1\x00"}, {"u5": "3; DROP"}])
def test_scores_outside_1_to_4_are_refused_not_stored(app, client, invited, bad):
    """A score that is not 1–4 (or carries NUL) counts as unanswered: 422 and a clear mark, never a 500."""
    path, _ = invited
    reply = _submit(client, path, {**FULL, **bad})
    assert reply.status_code == 422 and "Belum dijawab" in reply.get_data(as_text=True) and _answers(app) == []


def test_unknown_profile_codes_are_dropped(app, client, invited):
    """The profile is optional and closed: a value not offered is stored as not given."""
    path, _ = invited
    assert _submit(client, path, {**FULL, "sex": "x" * 500, "education": "<b>"}).status_code == 201
    (answer,) = _answers(app)
    assert (answer.sex, answer.education, answer.age_band) == (None, None, None)


def test_a_post_without_the_csrf_token_is_refused_and_keeps_the_answers(app, client, invited):
    """A cross-site or stale post: 400, the form again with the answers ticked, nothing stored."""
    path, _ = invited
    client.get(path)
    reply = client.post(path, data=FULL)
    html = reply.get_data(as_text=True)
    assert reply.status_code == 400 and 'name="u9" value="2" checked' in html and _answers(app) == []
    assert _submit(client, path, FULL).status_code == 201


def test_an_expired_link_is_refused_with_410(app, client, invited):
    """After SURVEY_LINK_LIFETIME (14 days by default) the link says it has expired."""
    path, _ = invited
    clock.freeze(clock.now() + dt.timedelta(days=14, minutes=1))
    for reply in (client.get(path), client.post(path, data=FULL)):
        assert reply.status_code == 410 and "sudah tidak berlaku" in reply.get_data(as_text=True)
    assert _answers(app) == []


def test_the_lifetime_is_a_setting(make_wa_app):
    """SURVEY_LINK_LIFETIME=1d: a link two days old has expired."""
    app = make_wa_app(SURVEY_LINK_LIFETIME="1d")
    settings = app.config["SETTINGS"]
    token = links.token(settings, links.Invitation(ServiceEvent.CONSULTATION, 1))
    clock.freeze(clock.now() + dt.timedelta(days=2))
    with pytest.raises(links.Expired):
        links.read(settings, token)


@pytest.mark.parametrize("forge", [
    lambda t: t[:-2] + ("AA" if not t.endswith("AA") else "BB"),  # the signature altered
    lambda t: "eyJrIjoiY29uc3VsdGF0aW9uIiwiZSI6MiwibCI6ImlkIn0" + t[t.index("."):],  # another ticket, same signature
    lambda t: "not-a-token",
    lambda t: "x" * 3000,
    lambda t: t + "%00",
])
def test_a_forged_link_is_refused_with_403(app, client, invited, forge):
    """A link not signed by us for this event is refused in both languages, and nothing can be posted to it."""
    path, _ = invited
    forged = "/survei/" + forge(path[len("/survei/"):])
    for reply in (client.get(forged), client.post(forged, data=FULL)):
        html = reply.get_data(as_text=True)
        assert reply.status_code == 403 and "tidak sah" in html and "not valid" in html
    assert _answers(app) == []


def test_a_link_signed_with_another_key_is_forged(app, make_wa_app):
    """A token made by another installation (another SECRET_KEY) does not open this one's survey."""
    other = make_wa_app(SECRET_KEY="another-secret").config["SETTINGS"]
    token = links.token(other, links.Invitation(ServiceEvent.CONSULTATION, 1))
    assert app.test_client().get(f"/survei/{token}").status_code == 403


def test_a_link_for_a_ticket_that_does_not_exist_is_404(app, client):
    """Signed, but for no service event we know (an erased ticket): a clear page, not a crash."""
    token = links.token(app.config["SETTINGS"], links.Invitation(ServiceEvent.CONSULTATION, 999999))
    reply = client.get(f"/survei/{token}")
    assert reply.status_code == 404 and "tidak ditemukan" in reply.get_data(as_text=True)


def test_the_form_speaks_english_when_the_link_was_made_in_english(app, client, invited):
    """The link carries the conversation's language."""
    _, consultation_id = invited
    token = links.token(app.config["SETTINGS"], links.Invitation(ServiceEvent.CONSULTATION, consultation_id, "en"))
    html = client.get(f"/survei/{token}").get_data(as_text=True)
    assert "Public Satisfaction Survey" in html and "Very polite and friendly" in html


def test_erasing_the_citizen_clears_the_profile_and_keeps_the_scores(app, client, invited):
    """HAPUS DATA: sex, age, education and occupation go; the nine scores stay in the IKM."""
    from bot import personal_data
    from bot.models import Citizen, Consultation

    path, consultation_id = invited
    _submit(client, path, {**FULL, "sex": "f", "age_band": "20_29", "education": "s1", "occupation": "student"})
    with app.app_context(), app.extensions["db"].session() as s:
        citizen = s.get(Citizen, s.get(Consultation, consultation_id).citizen_id)
        personal_data.erase_citizen(s, citizen, clock.now(), app.config["SETTINGS"].var_path, "request")
        s.commit()
    (answer,) = _answers(app)
    assert (answer.sex, answer.age_band, answer.education, answer.occupation) == (None, None, None, None)
    assert answer.scores() == (2, 3, 4, 1, 2, 3, 4, 1, 2)

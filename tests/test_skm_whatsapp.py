"""The rating on WhatsApp (issue 17 item 1): a list inside the 24-hour window, the approved rating template
outside it — through the real sender, the Twilio SDK and the fake Twilio."""
from __future__ import annotations

import datetime as dt
import json

import pytest
from sqlalchemy import update

from bot import clock, pipeline
from bot.models import Consultation, Message
from bot.texts import WIB
from tests import journeys
from tests.support.whatsapp import make_wa_app, rows, run_worker, wa_env  # noqa: F401  (fixtures)
from workers import sweeper
from workers.jobs import enqueue_delivery

TEMPLATE = "HX" + "c" * 32
HOUR = dt.timedelta(hours=1)


@pytest.fixture
def app(make_wa_app):
    return make_wa_app(TWILIO_TEMPLATE_RATING=TEMPLATE)


def _handoff(app):
    """A WhatsApp citizen talking with an officer; what the journey queued counts as delivered long ago (the
    sweeper would otherwise send it now, and these tests look at what the close sends)."""
    citizen = journeys.handoff(app)
    with app.app_context(), app.extensions["db"].session() as s:
        s.execute(update(Message).where(Message.status == "queued").values(status="delivered"))
        s.commit()
    return citizen


def _officer_closes(app, citizen) -> None:
    """The officer closes the ticket; only the rows of that close are sent (the journey's were never queued)."""
    with app.app_context(), app.extensions["db"].session() as s:
        consultation = s.get(Consultation, journeys.consultation_of(app, citizen).id)
        out = pipeline.close(s, consultation)
        s.commit()
        enqueue_delivery(out, app)
    run_worker(app)


def _sent_to(fake, citizen):
    return [m for m in fake.messages if m.to == f"whatsapp:{citizen.address}"]


def test_inside_the_window_the_rating_is_a_list(app, fake_twilio):
    """Closed an hour after the citizen wrote: the rating question comes with the four SKM answers as a list."""
    clock.freeze(dt.datetime(2026, 6, 8, 9, 0, tzinfo=WIB))
    citizen = _handoff(app)
    clock.advance(HOUR)
    _officer_closes(app, citizen)
    (sent,) = _sent_to(fake_twilio, citizen)
    assert sent.params["ContentSid"] != TEMPLATE and "twilio/list-picker" in sent.rendered
    assert sent.options == ["Tidak baik", "Kurang baik", "Baik", "Sangat baik"]
    assert "ditutup oleh petugas" in sent.body


def test_outside_the_window_the_rating_goes_as_the_approved_template(app, fake_twilio):
    """Closed 30 hours after the citizen's last message: the approved rating template carries the question."""
    clock.freeze(dt.datetime(2026, 6, 8, 9, 0, tzinfo=WIB))
    citizen = _handoff(app)
    clock.advance(30 * HOUR)
    _officer_closes(app, citizen)
    (sent,) = _sent_to(fake_twilio, citizen)
    variables = json.loads(sent.params["ContentVariables"])
    assert sent.params["ContentSid"] == TEMPLATE and "Body" not in sent.params
    assert variables["1"] == journeys.consultation_of(app, citizen).ticket and "sangat baik" in variables["2"]
    (row,) = rows(app, Message, Message.address == citizen.address, Message.status == "sent")
    assert row.meta["template"] == "rating"


def _templates_to(fake, citizen) -> list[str]:
    """The text ({{2}}) of every rating template the citizen was sent."""
    return [json.loads(m.params["ContentVariables"])["2"] for m in _sent_to(fake, citizen)
            if m.params.get("ContentSid") == TEMPLATE]


def test_the_inactivity_close_uses_the_template_outside_the_window(app, fake_twilio):
    """Silence closes the ticket on day 7, the window long shut: the rating question goes as the template."""
    clock.freeze(dt.datetime(2026, 6, 8, 9, 0, tzinfo=WIB))
    citizen = _handoff(app)
    clock.advance(7 * 24 * HOUR + HOUR)
    assert sweeper.sweep(app).get("closed") == 1
    run_worker(app)
    (closed,) = _templates_to(fake_twilio, citizen)
    assert "ditutup otomatis" in closed and "sangat baik" in closed


def test_the_rating_reminder_uses_the_template_outside_the_window(app, fake_twilio):
    """Rating asked inside the window, then five days of silence: the one reminder goes as the template."""
    clock.freeze(dt.datetime(2026, 6, 8, 9, 0, tzinfo=WIB))
    citizen = _handoff(app)
    _officer_closes(app, citizen)
    clock.advance(5 * 24 * HOUR + HOUR)
    assert sweeper.sweep(app).get("reminded") == 1
    run_worker(app)
    (reminded,) = _templates_to(fake_twilio, citizen)
    assert "masih menunggu penilaian" in reminded

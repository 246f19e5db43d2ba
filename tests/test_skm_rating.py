"""The quick rating after a close (issue 17 item 1): asked once per ticket, reminded once, not after a cancel,
and followed by the signed link to the full SKM survey."""
from __future__ import annotations

import datetime as dt
import re

import pytest
from sqlalchemy import select

from bot import clock, pipeline
from bot.models import Consultation, Message, ServiceEvent
from bot.survey import links
from bot.texts import WIB
from tests import journeys
from workers import sweeper

DAY = dt.timedelta(days=1)
LINK = re.compile(r"http://testserver/survei/(\S+)")


def _consultation(app, citizen) -> Consultation:
    return journeys.consultation_of(app, citizen)


def _out(app, citizen) -> list[Message]:
    with app.app_context(), app.extensions["db"].session() as s:
        return list(s.scalars(select(Message).where(Message.direction == "out", Message.address == citizen.address)
                              .order_by(Message.id)))


def _close_by_officer(app, citizen) -> str:
    return journeys.officer_event(app, citizen, close=True)


def _close_by_citizen(app, citizen) -> str:
    return citizen.say("SELESAI")


def _close_for_silence(app, citizen) -> str:
    before = len(_out(app, citizen))
    clock.advance(8 * DAY)
    sweeper.sweep(app)
    return "\n\n".join(m.body for m in _out(app, citizen)[before:])


@pytest.mark.parametrize("close, reason", [(_close_by_officer, "officer"), (_close_by_citizen, "citizen"),
                                           (_close_for_silence, "no_response")])
def test_every_close_asks_the_rating_in_the_surveys_words(app, close, reason):
    """Officer, citizen and inactivity closes all ask for the 1–4 rating with the SKM scale's words, once."""
    clock.freeze(dt.datetime(2026, 6, 8, 9, 0, tzinfo=WIB))
    citizen = journeys.handoff(app)
    said = close(app, citizen)
    assert "tidak baik" in said and "sangat baik" in said and citizen.state() == "rating"
    consultation = _consultation(app, citizen)
    assert consultation.close_reason == reason and consultation.rating_asked_at is not None
    (asked,) = [m for m in _out(app, citizen) if "sangat baik" in m.body]
    assert asked.meta["template"] == "rating" and asked.meta["choices"]["set"] == "rating"


def test_a_cancelled_ticket_gets_no_rating_question(app):
    """BATAL ends the ticket without a rating question: the citizen withdrew, there is nothing to rate."""
    citizen = journeys.waiting(app)
    said = citizen.say("BATAL")
    assert "dibatalkan" in said and "penilaian" not in said and citizen.state() == "ready"
    assert _consultation(app, citizen).rating_asked_at is None


def test_a_second_close_of_the_same_ticket_asks_nothing(app):
    """The rating of a ticket is asked once: an officer closing it again later sends no second question."""
    citizen = journeys.rating(app)
    citizen.say("4")
    citizen.say("lewati")
    assert citizen.state() == "ready"
    with app.app_context(), app.extensions["db"].session() as s:
        consultation = s.get(Consultation, _consultation(app, citizen).id)
        again = pipeline.close(s, consultation)
        s.commit()
    assert again == [] and citizen.state() == "ready"


def test_the_rating_is_reminded_once_per_ticket(app):
    """Day 5 of silence at the rating brings the rating question once more, with its list; never a second time."""
    clock.freeze(dt.datetime(2026, 6, 8, 9, 0, tzinfo=WIB))
    citizen = journeys.rating(app)
    clock.advance(5 * DAY + dt.timedelta(minutes=1))
    assert sweeper.sweep(app).get("reminded") == 1
    reminder = _out(app, citizen)[-1]
    assert "masih menunggu penilaian" in reminder.body and reminder.meta["choices"]["set"] == "rating"
    assert reminder.meta["template"] == "rating" and _consultation(app, citizen).rating_reminded_at is not None
    assert "angka 1, 2, 3, atau 4" in citizen.say("hmm")  # a reply that is no rating: asked again, the clock restarts
    clock.advance(5 * DAY + dt.timedelta(minutes=1))
    before = len(_out(app, citizen))
    assert sweeper.sweep(app).get("reminded") is None
    assert len(_out(app, citizen)) == before and citizen.state() == "rating"
    assert "nilai 4" in citizen.say("4")  # a number on the reminder's list still rates


def test_a_rating_brings_the_signed_survey_link(app):
    """After the rating the citizen is offered the SKM survey: a link for this ticket, valid for the lifetime."""
    citizen = journeys.rating(app)
    citizen.say("3")
    said = citizen.say("lewati")
    assert "Survei Kepuasan Masyarakat" in said
    invitation = links.read(app.config["SETTINGS"], LINK.search(said).group(1))
    assert invitation == links.Invitation(ServiceEvent.CONSULTATION, _consultation(app, citizen).id, "id")


def test_skipping_the_rating_brings_no_survey(app):
    """LEWATI at the rating: no rating, so no survey either (the citizen said they did not want to rate)."""
    citizen = journeys.rating(app)
    said = citizen.say("lewati")
    assert citizen.state() == "ready" and "/survei/" not in said

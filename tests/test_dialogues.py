"""Transcripts in tests/dialogues/*.yaml driven through the real engine, knowledge base and sweeper.

A file holds ``checks`` (one line: what it shows), ``start`` (a journey in tests/journeys.py, or ``ready_en``)
and ``turns``; each turn is one of ``say`` (a citizen line), ``code`` (the citizen types the code just mailed),
``officer`` (an officer reply), ``close`` (the officer closes), ``complaint_answer`` (a supervisor answers the
newest complaint), ``later`` (hours to move the clock) or ``sweep``
(the deadline sweeper runs once), with the
expectations ``state``, ``contains``, ``lacks`` (lists of words, case-insensitive), ``silent`` (no reply at
all), ``tickets`` (open and closed consultations of the citizen so far) and ``question`` (the newest
ticket's question), ``request`` (fields of the newest ticket: request_type, data_needed, area, period,
purpose; null for a detail left open). ``unanswered`` at the top level counts the knowledge gaps recorded by the end.
"""
from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
import yaml
from sqlalchemy import func, select, update

from bot import clock, verification
from bot.models import (OPEN_STATUSES, ChannelIdentity, Citizen, Consultation, Conversation, Message, Rating,
                        UnansweredQuery)
from tests import journeys
from tests.talk import mailed_code
from workers import sweeper

DIALOGUES = sorted((Path(__file__).parent / "dialogues").glob("*.yaml"))
STARTS = {"new": journeys.new, "ask_name": journeys.ask_name, "ask_email": journeys.ask_email,
          "ask_code": journeys.ask_code, "ready": journeys.ready, "results": journeys.results, "clarify": journeys.clarify,
          "waiting": journeys.waiting, "handoff": journeys.handoff, "rating": journeys.rating}


def ready_en(app):
    """A citizen who registers in English."""
    c = journeys.new(app)
    c.say("Good morning, I would like to ask about some data please")
    c.say("I agree")
    c.say("John Smith")
    c.say(f"john{c.address[1:]}@example.org")
    c.say(mailed_code(c))
    assert c.state() == "ready", c.state()
    return c


def rating_en(app):
    """A ticket just closed by the officer, in a conversation held in English (the rating comes next)."""
    c = journeys.rating(app)
    with app.app_context(), app.extensions["db"].session() as s:
        s.execute(update(Conversation).where(Conversation.identity.has(address=c.address)).values(lang="en"))
        s.commit()
    return c


STARTS["ready_en"] = ready_en
STARTS["rating_en"] = rating_en


def _tickets(app, citizen) -> list[Consultation]:
    with app.app_context(), app.extensions["db"].session() as s:
        mine = Consultation.citizen.has(Citizen.identities.any(ChannelIdentity.address == citizen.address))
        return list(s.scalars(select(Consultation).where(mine).order_by(Consultation.id)))


def _rating(app, consultation_id: int) -> tuple:
    with app.app_context(), app.extensions["db"].session() as s:
        rating = s.scalar(select(Rating).where(Rating.consultation_id == consultation_id))
        return (rating.score, rating.comment) if rating is not None else ()


def _since(app, citizen, last_id: int) -> str:
    with app.app_context(), app.extensions["db"].session() as s:
        rows = s.scalars(select(Message).where(Message.direction == "out", Message.address == citizen.address,
                                               Message.id > last_id).order_by(Message.id))
        return "\n\n".join(r.body for r in rows)


def _last_id(app) -> int:
    with app.app_context(), app.extensions["db"].session() as s:
        return s.scalar(select(func.max(Message.id))) or 0


def _act(app, citizen, turn: dict) -> str:
    """Play one turn; returns everything the citizen received during it."""
    before = _last_id(app)
    if "say" in turn:
        citizen.say(str(turn["say"]))
    elif "code" in turn:
        citizen.say(citizen.code)
    elif "officer" in turn:
        journeys.officer_event(app, citizen, text=turn["officer"])
    elif "close" in turn:
        journeys.officer_event(app, citizen, close=True)
    elif "complaint_answer" in turn:
        journeys.complaint_answer(app, text=turn["complaint_answer"])
    elif "later" in turn:
        clock.freeze(clock.now() + dt.timedelta(hours=float(turn["later"])))
    elif "sweep" in turn:
        sweeper.sweep(app)
    else:
        raise ValueError(f"unknown turn {turn}")
    _remember_code(citizen)
    return _since(app, citizen, before)


def _remember_code(citizen) -> None:
    """The code of the last code mail, for a later ``code`` turn (other turns may come in between)."""
    if any(r.meta.get("kind") == verification.KIND for r in citizen.outbox):
        citizen.code = mailed_code(citizen)


@pytest.mark.parametrize("path", DIALOGUES, ids=[p.stem for p in DIALOGUES])
def test_dialogue(app, knowledge, path):
    """The citizen's lines get the answers, states and tickets the transcript expects."""
    script = yaml.safe_load(path.read_text())
    clock.freeze(dt.datetime(2026, 6, 8, 9, 0, tzinfo=dt.timezone(dt.timedelta(hours=7))))  # a Monday morning
    citizen = STARTS[script["start"]](app)
    _remember_code(citizen)
    for number, turn in enumerate(script["turns"], 1):
        where = f"{path.name} turn {number} ({turn})"
        reply = _act(app, citizen, turn)
        if "state" in turn:
            assert citizen.state() == turn["state"], where
        for words in turn.get("contains", []):
            assert words.lower() in reply.lower(), f"{where}: {words!r} not in {reply!r}"
        for words in turn.get("lacks", []):
            assert words.lower() not in reply.lower(), f"{where}: {words!r} in {reply!r}"
        if turn.get("silent"):
            assert reply == "", f"{where}: {reply!r}"
        tickets = _tickets(app, citizen)
        if "tickets" in turn:
            assert len(tickets) == turn["tickets"], where
        if "open" in turn:
            assert sum(t.status in OPEN_STATUSES for t in tickets) == turn["open"], where
        if "rating" in turn:
            assert _rating(app, tickets[-1].id) == tuple(turn["rating"]), where
        if "question" in turn:
            assert tickets and tickets[-1].question == turn["question"], f"{where}: {tickets[-1].question!r}"
        if "request" in turn:
            kept = {field: getattr(tickets[-1], field) for field in turn["request"]} if tickets else {}
            assert kept == turn["request"], f"{where}: {kept!r}"
    if "unanswered" in script:
        with app.app_context(), app.extensions["db"].session() as s:
            assert s.scalar(select(func.count()).select_from(UnansweredQuery)) == script["unanswered"], path.name


def test_dialogues_are_many_and_checked():
    """The suite holds enough transcripts, each saying what it checks and ending on an expectation."""
    expectations = {"state", "contains", "lacks", "silent", "tickets", "open", "question", "rating", "request"}
    assert len(DIALOGUES) >= 40
    for path in DIALOGUES:
        script = yaml.safe_load(path.read_text())
        assert script.get("checks") and script.get("start") in STARTS, path.name
        assert set(script["turns"][-1]) & expectations, path.name
        said = [t["say"] for t in script["turns"] if "say" in t]
        assert all(isinstance(words, str) for words in said), f"{path.name}: quote yes/no/on/numbers: YAML reads them as values"

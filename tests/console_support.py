"""Helpers for console tests: officer accounts, a logged-in client, and a ticket opened through the engine."""
from __future__ import annotations

import contextlib
import re

from sqlalchemy import select
from werkzeug.security import generate_password_hash

from bot import clock
from bot.models import Consultation, Officer
from tests.talk import Citizen, mailed_code

PASSWORD = "correct horse battery"
QUESTION = "Berapa jumlah penduduk miskin kecamatan lubuklinggau barat 2023?"


@contextlib.contextmanager
def db(app):
    """A session of its own (the ``session`` fixture's app context would swallow the client's teardown)."""
    with app.app_context(), app.extensions["db"].session() as session:
        yield session


def make_officer(app, username: str = "siti", role: str = "officer", available: bool = True,
                 name: str | None = None) -> int:
    with app.app_context(), app.extensions["db"].session() as session:
        officer = Officer(username=username, name=name or username.title(), role=role, available=available,
                          password_hash=generate_password_hash(PASSWORD), created_at=clock.now())
        session.add(officer)
        session.commit()
        return officer.id


def csrf_token(client, path: str = "/console/login") -> str:
    page = client.get(path).get_data(as_text=True)
    return re.search(r'name="csrf-token" content="([^"]+)"', page).group(1)


def login(client, username: str = "siti", password: str = PASSWORD):
    token = csrf_token(client)
    return client.post("/console/login", data={"username": username, "password": password, "csrf_token": token})


def post(client, path: str, data: dict | None = None, **kwargs):
    """A console form post with the page's CSRF token, as the browser sends it."""
    return client.post(path, data={**(data or {}), "csrf_token": csrf_token(client, "/console/")}, **kwargs)


def open_ticket(app, channel: str = "whatsapp", address: str = "+6281234567890", name: str = "Budi Santoso",
                question: str = QUESTION, purpose: str = "untuk skripsi") -> tuple[Citizen, str]:
    """A citizen registers on ``channel`` and asks something the empty knowledge base cannot answer."""
    citizen = Citizen(app, channel, address, profile_name=name)
    citizen.say("halo")
    citizen.say("setuju")
    citizen.say(name)
    if channel == "email":
        citizen.say("081234567891")
    else:
        citizen.say(f"{name.split()[0].lower()}@example.org")
        citizen.say(mailed_code(citizen))
    citizen.say(question)
    citizen.say(purpose)
    assert citizen.state() == "confirm_request", citizen.state()
    citizen.say("ya")
    assert citizen.state() == "waiting", citizen.state()
    with app.app_context(), app.extensions["db"].session() as session:
        ticket = session.scalar(select(Consultation.ticket).order_by(Consultation.id.desc()).limit(1))
    return citizen, ticket


def browser_login(browser, base: str, username: str, viewport: dict, **context):
    """A new Chromium context of ``viewport`` size (and ``context`` options: locale, zone), logged in as
    ``username`` and showing the inbox."""
    page = browser.new_context(viewport=viewport, **context).new_page()
    page.goto(f"{base}/console/login")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", PASSWORD)
    page.click("button.primary")
    page.wait_for_selector("text=Kotak masuk")
    return page

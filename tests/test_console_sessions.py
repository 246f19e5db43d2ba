"""Console logins live on the server: logout, a new password, deactivation and time end them for good."""
from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select

from bot import create_app
from bot.console import sessions
from bot.models import ConsoleSession
from config import ConfigError, Settings
from tests.console_support import PASSWORD, db, login, make_officer, post

JSON = {"Accept": "application/json"}


class WallClock:
    """Login lifetimes run on the wall clock (bot.clock moves tickets, not logins); this moves it for them."""

    def __init__(self):
        self.offset = dt.timedelta(0)

    def advance(self, delta: dt.timedelta) -> None:
        self.offset += delta


@pytest.fixture
def wall(monkeypatch) -> WallClock:
    moved, real = WallClock(), sessions._now
    monkeypatch.setattr(sessions, "_now", lambda: real() + moved.offset)
    return moved


def _cookie(client) -> str:
    return client.get_cookie("session").value


def _replay(app, cookie: str):
    """A fresh browser presenting a copied session cookie."""
    thief = app.test_client()
    thief.set_cookie("session", cookie)
    return thief


def test_logout_ends_the_session_on_the_server(app, client):
    """A cookie copied before logout opens nothing afterwards."""
    make_officer(app)
    login(client)
    copied = _cookie(client)
    assert _replay(app, copied).get("/console/").status_code == 200
    post(client, "/console/logout")
    assert _replay(app, copied).get("/console/").status_code == 302
    assert _replay(app, copied).get("/console/inbox.json", headers=JSON).status_code == 401


def test_logout_ends_only_that_browser(app):
    """The officer's other browser (the office PC and the laptop) stays logged in."""
    make_officer(app)
    office, laptop = app.test_client(), app.test_client()
    login(office)
    login(laptop)
    post(office, "/console/logout")
    assert office.get("/console/").status_code == 302
    assert laptop.get("/console/").status_code == 200


def test_cookie_holds_a_token_the_database_only_knows_hashed(app, client):
    """The database keeps the token's SHA-256, so a copy of the table logs nobody in."""
    make_officer(app)
    login(client)
    token = app.session_interface.get_signing_serializer(app).loads(_cookie(client))["_user_id"]
    with db(app) as session:
        stored = session.scalars(select(ConsoleSession.token_hash)).all()
    assert len(stored) == 1 and token not in stored[0] and len(token) >= 40


def test_password_reset_by_cli_ends_every_session(app, runner):
    """`flask officer create` for an existing officer (a reset) logs out all their browsers and deletes the rows."""
    make_officer(app)
    browsers = [app.test_client(), app.test_client()]
    for browser in browsers:
        login(browser)
    result = runner.invoke(args=["officer", "create", "siti", "--name", "Siti", "--password", "kopi tubruk sore hari"])
    assert result.exit_code == 0, result.output
    assert [b.get("/console/").status_code for b in browsers] == [302, 302]
    with db(app) as session:
        assert session.scalars(select(ConsoleSession)).all() == []


def test_deactivation_ends_sessions_and_reactivation_does_not_revive_them(app, client):
    """An admin locks an officer out; switching the account back on later still needs a new login."""
    make_officer(app, username="root", role="admin")
    andi = make_officer(app, username="andi")
    admin, officer = app.test_client(), app.test_client()
    login(admin, "root")
    login(officer, "andi")
    copied = _cookie(officer)
    post(admin, f"/console/officers/{andi}", {"role": "officer"})
    assert officer.get("/console/").status_code == 302
    post(admin, f"/console/officers/{andi}", {"role": "officer", "active": "1", "available": "1"})
    assert _replay(app, copied).get("/console/").status_code == 302
    assert login(officer, "andi").status_code == 302


def test_idle_login_ends(app, client, wall):
    """Two hours and a minute without a request of the officer's own: the next one finds the login ended."""
    make_officer(app)
    login(client)
    wall.advance(dt.timedelta(hours=1, minutes=59))
    assert client.get("/console/").status_code == 200
    wall.advance(dt.timedelta(hours=2, minutes=1))
    assert client.get("/console/").status_code == 302


def test_polls_do_not_keep_an_idle_login_alive(app, client, wall):
    """An inbox tab left open polls all day, yet the login ends after two idle hours (the page says so on 401)."""
    make_officer(app)
    login(client)
    for _ in range(5):
        wall.advance(dt.timedelta(minutes=30))
        response = client.get("/console/inbox.json", headers=JSON)
    assert response.status_code == 401


def test_login_ends_after_the_working_day_however_busy(app, client, wall):
    """Clicking every half hour keeps the login only until CONSOLE_SESSION_MAX (10 hours) after it began."""
    make_officer(app)
    login(client)
    for _ in range(19):
        wall.advance(dt.timedelta(minutes=30))
        assert client.get("/console/").status_code == 200
    wall.advance(dt.timedelta(minutes=31))
    assert client.get("/console/").status_code == 302


def test_ended_logins_are_swept_at_the_next_login(app, wall):
    """Rows of logins that ended by time do not pile up: the next login deletes them."""
    make_officer(app)
    login(app.test_client())
    wall.advance(dt.timedelta(hours=11))
    login(app.test_client())
    with db(app) as session:
        assert len(session.scalars(select(ConsoleSession)).all()) == 1


@pytest.mark.parametrize("idle,most", [("1h", "8h"), ("30m", "30m")])
def test_lifetimes_are_settings(env, idle, most, wall):
    """CONSOLE_IDLE_TIMEOUT and CONSOLE_SESSION_MAX are read from the environment."""
    app = create_app({**env, "CONSOLE_IDLE_TIMEOUT": idle, "CONSOLE_SESSION_MAX": most})
    make_officer(app)
    client = app.test_client()
    login(client)
    wall.advance(app.config["SETTINGS"].console_idle_timeout + dt.timedelta(seconds=1))
    assert client.get("/console/").status_code == 302


def test_idle_longer_than_the_whole_session_is_refused():
    """A start-up error names the setting when the idle timeout exceeds the maximum."""
    with pytest.raises(ConfigError, match="CONSOLE_IDLE_TIMEOUT"):
        Settings.from_mapping({"SECRET_KEY": "x", "CONSOLE_IDLE_TIMEOUT": "12h", "CONSOLE_SESSION_MAX": "10h"})



NEW = "nasi padang pedas sekali"


def _change(client, current=PASSWORD, new=NEW, repeat=None):
    return post(client, "/console/password", {"current": current, "new": new, "repeat": repeat or new})


def test_own_password_change_ends_the_other_browsers_only(app):
    """An officer changes their password on the office PC: the laptop is logged out, the PC stays in."""
    make_officer(app)
    office, laptop = app.test_client(), app.test_client()
    login(office)
    login(laptop)
    copied = _cookie(office)
    assert _change(office).status_code == 302
    assert office.get("/console/").status_code == 200
    assert laptop.get("/console/").status_code == 302
    assert _replay(app, copied).get("/console/").status_code == 302  # the PC's old cookie went with the change
    assert login(app.test_client(), password=NEW).status_code == 302


@pytest.mark.parametrize("current,new,repeat,message", [
    ("salah banget", NEW, NEW, "Kata sandi sekarang salah."),
    (PASSWORD, "siti", "siti", "Kata sandi baru minimal 10 karakter."),
    (PASSWORD, "siti2026lubuk", "siti2026lubuk", "tidak boleh memuat nama pengguna"),
    (PASSWORD, "1234567890", "1234567890", "terlalu umum"),
    (PASSWORD, NEW, "nasi padang pedas", "Ulangan kata sandi baru tidak sama."),
])
def test_own_password_change_refusals(app, client, current, new, repeat, message):
    """Wrong current password, weak or mistyped new one: 400, one line saying why, nothing changed."""
    make_officer(app)
    login(client)
    response = _change(client, current, new, repeat)
    assert response.status_code == 400 and message in response.get_data(as_text=True)
    assert client.get("/console/").status_code == 200
    assert login(app.test_client()).status_code == 302


def test_guessing_the_current_password_is_throttled(app, client):
    """A borrowed session cannot guess its way to a takeover: the login throttle counts these tries too."""
    make_officer(app)
    login(client)
    statuses = [_change(client, current=f"tebak{n}sandi").status_code for n in range(7)]
    assert statuses == [400] * 5 + [429] * 2

"""Login throttling: counted before the password check (so bursts gain nothing), growing waits, no lock for good."""
from __future__ import annotations

import datetime as dt
import threading
import time

import pytest

from bot import clock
from bot.console import auth, throttle
from tests.console_support import PASSWORD, csrf_token, make_officer


@pytest.fixture(params=["redis", "memory"])
def counts_in(request, monkeypatch, fresh_redis):
    """Run the test with the counts in Redis, and again with Redis down (this process's memory)."""
    monkeypatch.setattr(throttle, "_local", {})
    if request.param == "memory":
        fresh_redis.stop()
    yield request.param
    fresh_redis.start()


@pytest.fixture
def checks(monkeypatch) -> list[str]:
    """Every password check the login view makes, each slowed a little to widen any race."""
    made, real = [], auth.check_password_hash

    def counted(pwhash, password):
        made.append(password)
        time.sleep(0.05)
        return real(pwhash, password)
    monkeypatch.setattr(auth, "check_password_hash", counted)
    return made


def _login(client, username="siti", password=PASSWORD, token=None):
    data = {"username": username, "password": password, "csrf_token": token or csrf_token(client)}
    return client.post("/console/login", data=data)


def _burst(app, logins: list[tuple[str, str]]) -> list[int]:
    """All ``logins`` sent at the same moment, each from its own browser; their status codes."""
    browsers = [app.test_client() for _ in logins]
    tokens = [csrf_token(b) for b in browsers]
    barrier, statuses = threading.Barrier(len(logins)), []

    def send(browser, token, username, password):
        barrier.wait()
        statuses.append(_login(browser, username, password, token).status_code)
    threads = [threading.Thread(target=send, args=(b, t, *login)) for b, t, login in zip(browsers, tokens, logins)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    return statuses


def test_burst_on_one_username_gets_only_the_free_attempts(app, counts_in, checks):
    """40 simultaneous wrong passwords for one officer: 5 are checked, the other 35 are told to wait."""
    make_officer(app)
    statuses = _burst(app, [("siti", f"tebakan{n}") for n in range(40)])
    assert len(checks) == throttle.FREE
    assert sorted(statuses) == [401] * throttle.FREE + [429] * (40 - throttle.FREE)


def test_burst_over_many_usernames_stops_at_the_address_ceiling(app, counts_in, checks):
    """One address spraying 40 usernames at once gets at most ADDRESS_LIMIT password checks."""
    statuses = _burst(app, [(f"user{n}", "password123") for n in range(40)])
    assert len(checks) == throttle.ADDRESS_LIMIT
    assert statuses.count(429) == 40 - throttle.ADDRESS_LIMIT


def test_waits_grow_and_the_right_password_works_after_them(app, client, counts_in):
    """After 5 misses the officer waits 2 s, then 4 s, …; once the wait is over their password logs them in."""
    make_officer(app)
    clock.freeze(dt.datetime(2026, 3, 2, 8, 0, tzinfo=dt.timezone.utc))
    for _ in range(throttle.FREE):
        assert _login(client, password="sitii123").status_code == 401
    refused = _login(client)
    assert refused.status_code == 429 and refused.headers["Retry-After"] == "2"
    assert "Coba lagi dalam 2 detik." in refused.get_data(as_text=True)
    clock.advance(dt.timedelta(seconds=2))
    assert _login(client, password="siti1234").status_code == 401
    clock.advance(dt.timedelta(seconds=3))
    assert _login(client).headers["Retry-After"] == "1"
    clock.advance(dt.timedelta(seconds=1))
    assert _login(client).status_code == 302


def test_a_guesser_cannot_lock_the_officer_out(app, counts_in):
    """Guesses refused during a wait do not lengthen it: hammering all along, the officer still gets in after 2 s."""
    make_officer(app)
    guesser, officer = app.test_client(), app.test_client()
    clock.freeze(dt.datetime(2026, 3, 2, 8, 0, tzinfo=dt.timezone.utc))
    statuses = [_login(guesser, password=f"coba{n}aja").status_code for n in range(25)]
    assert statuses.count(401) == throttle.FREE
    clock.advance(dt.timedelta(seconds=2))
    assert _login(officer).status_code == 302


def test_success_gives_the_address_its_attempt_back(app, client, counts_in):
    """A whole office behind one NAT logging in all morning never meets the address ceiling."""
    make_officer(app)
    for _ in range(throttle.ADDRESS_LIMIT + 2):
        assert _login(client).status_code == 302
        client.post("/console/logout", data={"csrf_token": csrf_token(client, "/console/")})


@pytest.mark.parametrize("failures,wait", [(1, 0), (4, 0), (5, 2), (6, 4), (9, 32), (14, 900), (500, 900)])
def test_wait_schedule(failures, wait):
    """Free attempts, then doubling waits, never longer than LONGEST_WAIT (15 minutes)."""
    assert throttle.wait_for(failures) == wait

"""Console accounts: login, logout, roles, CSRF, cookie flags, throttling, and login on every route."""
from __future__ import annotations

import re

import pytest
from werkzeug.security import generate_password_hash

from bot import clock, create_app
from bot.console import BLUEPRINTS, PUBLIC, throttle
from bot.models import Officer
from tests.console_support import PASSWORD, csrf_token, db, login, make_officer, post


def _console_rules(app):
    return [r for r in app.url_map.iter_rules() if r.endpoint.split(".")[0] in BLUEPRINTS]


def _url(rule) -> str:
    return re.sub(r"<(?:[^:>]+:)?([^>]+)>", lambda m: "1" if m.group(0).startswith(("<int:", "<id:")) else "PST-2026-000001", rule.rule)


def test_every_console_route_requires_login(app, client):
    """Walking the URL map: every console endpoint but login and static answers 401/302 to a stranger."""
    rules = _console_rules(app)
    assert len(rules) >= 15
    for rule in rules:
        if rule.endpoint in PUBLIC:
            continue
        for method in rule.methods - {"HEAD", "OPTIONS"}:
            response = client.open(_url(rule), method=method)
            if method == "GET":
                assert response.status_code in (302, 401), rule.rule
                assert response.status_code == 401 or "/console/login" in response.headers["Location"]
            else:  # unsafe methods without a token stop at CSRF before anything else
                assert response.status_code == 400, (rule.rule, method)


def test_every_console_post_requires_login_even_with_a_token(app, client):
    """A valid CSRF token alone does not let a stranger change anything."""
    token = csrf_token(client)
    for rule in _console_rules(app):
        if "POST" in rule.methods and rule.endpoint not in PUBLIC | {"auth.switch_lang", "auth.logout"}:
            response = client.post(_url(rule), data={"csrf_token": token})
            assert response.status_code == 302 and "/console/login" in response.headers["Location"], rule.rule


def test_login_logout(app, client):
    """The right password opens the inbox; logout closes it again."""
    make_officer(app)
    assert client.get("/console/").status_code == 302
    response = login(client)
    assert response.status_code == 302 and response.headers["Location"].endswith("/console/")
    assert "Kotak masuk" in client.get("/console/").get_data(as_text=True)
    post(client, "/console/logout")
    assert client.get("/console/").status_code == 302


@pytest.mark.parametrize("username,password", [("siti", "wrong"), ("nobody", PASSWORD), ("siti", "")])
def test_bad_credentials(app, client, username, password):
    """Wrong username or password gets 401 and one message that does not say which was wrong."""
    make_officer(app)
    response = login(client, username, password)
    assert response.status_code == 401
    assert "Nama pengguna atau kata sandi salah." in response.get_data(as_text=True)


def test_inactive_officer_cannot_log_in(app, client):
    """A deactivated account is refused, and its open session ends."""
    officer_id = make_officer(app)
    assert login(client).status_code == 302
    with db(app) as session:
        session.get(Officer, officer_id).active = False
        session.commit()
    assert client.get("/console/").status_code == 302
    assert login(client).status_code == 401


def test_password_change_ends_other_sessions(app, client):
    """The session id carries a fragment of the hash, so a new password logs everyone out."""
    officer_id = make_officer(app)
    login(client)
    with db(app) as session:
        session.get(Officer, officer_id).password_hash = generate_password_hash("a new password")
        session.commit()
    assert client.get("/console/").status_code == 302


def test_login_throttled_after_five_failures(app, client):
    """The sixth try within the window is refused even with the right password."""
    make_officer(app)
    for _ in range(5):
        assert login(client, "siti", "wrong").status_code == 401
    response = login(client)
    assert response.status_code == 429


def test_one_officers_typos_do_not_lock_out_the_office(app, client):
    """Colleagues behind the same address still log in after one officer's five failures."""
    make_officer(app)
    make_officer(app, "andi")
    for _ in range(5):
        login(client, "siti", "wrong")
    assert login(client, "andi").status_code == 302


@pytest.mark.parametrize("trusted,status", [("0", 429), ("1", 302)])
def test_address_throttled_behind_a_proxy(env, trusted, status):
    """Many failures from one address stop it; behind a trusted proxy that is the client's address, not nginx's."""
    app = create_app({**env, "TRUSTED_PROXIES": trusted})
    make_officer(app)
    guesser, officer = app.test_client(), app.test_client()
    for client, address in ((guesser, "203.0.113.7"), (officer, "198.51.100.20")):
        client.environ_base.update(REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR=address)  # as nginx sends them
    for number in range(throttle.ADDRESS_LIMIT):
        assert login(guesser, f"user{number}", "wrong").status_code == 401
    assert login(guesser).status_code == 429
    assert login(officer).status_code == status


def test_untrusted_forwarded_for_is_reported_once(env, caplog, monkeypatch):
    """Behind a proxy left at TRUSTED_PROXIES=0 the log says so, once, naming the setting."""
    monkeypatch.setattr(throttle, "_warned", False)
    app = create_app(env)
    make_officer(app)
    client = app.test_client()
    client.environ_base.update(REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR="203.0.113.7")
    login(client)
    login(client, password="wrong")
    warnings = [r for r in caplog.records if "TRUSTED_PROXIES" in r.getMessage()]
    assert len(warnings) == 1 and "10.0.0.2" in warnings[0].getMessage()


def test_throttle_works_without_redis(app, client, fresh_redis):
    """With Redis down the counts live in the process: still refused (the clock is frozen, so the 2 s wait
    cannot pass while a loaded machine checks six passwords)."""
    clock.freeze(clock.now())
    make_officer(app, username="andi")
    fresh_redis.stop()
    try:
        for _ in range(5):
            login(client, "andi", "wrong")
        assert login(client, "andi", PASSWORD).status_code == 429
    finally:
        fresh_redis.start()


def test_csrf_is_required(app, client):
    """A form post without the token is refused with 400."""
    make_officer(app)
    assert client.post("/console/login", data={"username": "siti", "password": PASSWORD}).status_code == 400
    login(client)
    assert client.post("/console/availability").status_code == 400


@pytest.mark.parametrize("base,secure", [("http://testserver", False), ("https://pst.example.go.id", True)])
def test_cookie_flags(env, base, secure):
    """Session cookies are HttpOnly and SameSite=Lax, and Secure when the site is https."""
    app = create_app({**env, "PUBLIC_BASE_URL": base})
    make_officer(app)
    client = app.test_client()
    response = login(client)
    cookie = response.headers["Set-Cookie"]
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie
    assert ("Secure" in cookie) is secure


@pytest.mark.parametrize("role,status", [("officer", 403), ("supervisor", 200), ("admin", 200)])
def test_dashboard_needs_supervisor(app, client, role, status):
    """Officers cannot open the dashboard; supervisors and admins can."""
    make_officer(app, username="u1", role=role)
    login(client, "u1")
    assert client.get("/console/dashboard/").status_code == status
    assert client.get("/console/dashboard/export.csv").status_code == status


@pytest.mark.parametrize("target,expected", [("/console/knowledge/", "/console/knowledge/"),
                                             ("https://evil.example/", "/console/"), ("//evil.example", "/console/"),
                                             ("/console/t/\r\nX-Injected: 1", "/console/")])
def test_login_redirects_only_inside_the_console(app, client, target, expected):
    """The next parameter never sends an officer off-site (nor breaks the Location header)."""
    make_officer(app)
    token = csrf_token(client)
    response = client.post("/console/login", data={"username": "siti", "password": PASSWORD, "csrf_token": token,
                                                   "next": target})
    assert response.headers["Location"].endswith(expected)


def test_language_switch(app, client):
    """The English switch changes the UI and sticks for the session."""
    make_officer(app)
    login(client)
    post(client, "/console/lang", {"lang": "en", "next": "/console/"})
    page = client.get("/console/").get_data(as_text=True)
    assert "Inbox" in page and "Bahasa Indonesia" in page


@pytest.mark.parametrize("role,status", [("officer", 403), ("supervisor", 403), ("admin", 200)])
def test_officer_accounts_need_admin(app, client, role, status):
    """Only admins see and change accounts."""
    make_officer(app, username="u1", role=role)
    login(client, "u1")
    assert client.get("/console/officers").status_code == status


def test_admin_changes_role_and_deactivates(app, client):
    """An admin promotes one officer and locks another out; they cannot lock themselves out."""
    admin = make_officer(app, username="root", role="admin")
    rudi, andi = make_officer(app, username="rudi"), make_officer(app, username="andi")
    login(client, "root")
    post(client, f"/console/officers/{rudi}", {"role": "supervisor", "active": "1", "available": "1"})
    post(client, f"/console/officers/{andi}", {"role": "officer"})
    post(client, f"/console/officers/{admin}", {"role": "officer", "active": "1"})
    with db(app) as session:
        assert session.get(Officer, rudi).role == "supervisor"
        assert session.get(Officer, andi).active is False
        assert session.get(Officer, admin).role == "admin"
    assert login(app.test_client(), "andi").status_code == 401

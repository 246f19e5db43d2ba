"""Hand-made URLs and forms: ids out of the database's range and NUL characters get 404/400, never a 500."""
from __future__ import annotations

import pytest

from tests.console_support import csrf_token, login, make_officer, open_ticket, post

HUGE = "99999999999999999999"  # beyond PostgreSQL's integer and SQLite's 64 bits


@pytest.fixture
def admin(app, client):
    """An admin (who may open every page) logged in, and an open WhatsApp ticket."""
    make_officer(app, "boss", role="admin")
    _, ticket = open_ticket(app)
    login(client, "boss")
    return ticket


@pytest.mark.parametrize("method,path", [
    ("GET", f"/console/attention/{HUGE}"), ("POST", f"/console/attention/{HUGE}/handled"),
    ("GET", f"/console/knowledge/{HUGE}"), ("POST", f"/console/knowledge/{HUGE}"), ("POST", f"/console/officers/{HUGE}"),
    ("POST", f"/console/t/TICKET/resend/{HUGE}"), ("POST", f"/console/t/TICKET/follow-up/{HUGE}/cancel"),
    ("POST", f"/console/t/TICKET/follow-up/{HUGE}/reschedule")])
def test_out_of_range_id_in_the_url_is_404(app, client, admin, method, path):
    """An id no row can have is an unknown id, not a database error."""
    path = path.replace("TICKET", admin)
    response = client.get(path) if method == "GET" else post(client, path, {"title": "t", "body": "b"})
    assert response.status_code == 404


def test_out_of_range_id_in_a_form_is_ignored(app, client, admin):
    """A transfer to an impossible officer is refused; an article made "from" an impossible question is saved."""
    response = post(client, f"/console/t/{admin}/assign", {"officer_id": HUGE, "reason": "r"})
    assert response.status_code == 400 and "Pilih petugas yang menerima tiket." in response.get_data(as_text=True)
    assert client.get(f"/console/knowledge/new?from={HUGE}").status_code == 200
    assert post(client, "/console/knowledge/new", {"title": "t", "body": "b", "from": HUGE}).status_code == 302


@pytest.mark.parametrize("method,path,form", [
    ("GET", "/console/t/%00", None), ("GET", "/console/?q=a%00b", None), ("GET", "/console/inbox.json?q=%00", None),
    ("POST", "/console/t/TICKET/reply", {"text": "nul\x00here"}), ("POST", "/console/t/TICKET/note", {"text": "a\x00"}),
    ("POST", "/console/t/TICKET/close", {"outcome": "o\x00k"}),
    ("POST", "/console/knowledge/new", {"title": "a\x00", "body": "b"})])
def test_nul_character_is_refused(app, client, admin, method, path, form):
    """PostgreSQL cannot store or compare NUL, and no browser form sends one: 400 before any query."""
    path = path.replace("TICKET", admin)
    response = client.get(path) if method == "GET" else post(client, path, form)
    assert response.status_code == 400


def test_nul_in_the_login_form_is_refused(app, client):
    """The login form too (the username is looked up before the password is checked)."""
    token = csrf_token(client)
    response = client.post("/console/login", data={"username": "si\x00ti", "password": "x", "csrf_token": token})
    assert response.status_code == 400

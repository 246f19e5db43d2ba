"""Security headers: a script/style policy without inline code, no framing, no sniffing, no caching of pages."""
from __future__ import annotations

from pathlib import Path

import pytest

from bot import create_app
from bot.console import headers
from tests.console_support import login, make_officer

TEMPLATES = Path(headers.__file__).parent / "templates"


@pytest.mark.parametrize("path,logged_in", [("/console/login", False), ("/console/", True),
                                            ("/console/inbox.json", True), ("/console/officers", True),
                                            ("/console/static/console.css", False), ("/healthz", False)])
def test_every_response_carries_the_security_headers(app, client, path, logged_in):
    """CSP without 'unsafe-inline', frame-ancestors 'none' and DENY, nosniff and a referrer policy, everywhere."""
    if logged_in:
        make_officer(app, role="admin")
        login(client)
    response = client.get(path)
    assert response.status_code in (200, 503), path
    csp = response.headers["Content-Security-Policy"]
    assert "script-src 'self'" in csp and "style-src 'self'" in csp and "frame-ancestors 'none'" in csp
    assert "unsafe-inline" not in csp and "unsafe-eval" not in csp
    assert response.headers["X-Frame-Options"] == "DENY"
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Referrer-Policy"] == "same-origin"


@pytest.mark.parametrize("path,no_store", [("/console/login", True), ("/console/", True),
                                           ("/console/inbox.json", True), ("/console/static/console.js", False)])
def test_console_pages_are_not_stored(app, client, path, no_store):
    """Pages with citizens' details are never cached; the static script and stylesheet may be."""
    make_officer(app)
    login(client)
    cache = client.get(path).headers.get("Cache-Control", "")
    assert ("no-store" in cache) is no_store


@pytest.mark.parametrize("base,hsts", [("http://127.0.0.1:5000", False), ("https://pst.example.go.id", True)])
def test_hsts_only_over_https(env, base, hsts):
    """Strict-Transport-Security is sent only when PUBLIC_BASE_URL is https (it would strand an http site)."""
    response = create_app({**env, "PUBLIC_BASE_URL": base}).test_client().get("/console/login")
    assert ("Strict-Transport-Security" in response.headers) is hsts


@pytest.mark.parametrize("template", sorted(p.name for p in (TEMPLATES / "console").glob("*.html")))
def test_templates_hold_no_inline_script_or_style(template):
    """The policy would block them: scripts and styles live in console.js and console.css."""
    text = (TEMPLATES / "console" / template).read_text()
    assert " style=" not in text and "<style" not in text
    assert not any(f" on{event}=" in text for event in ("click", "submit", "change", "load", "input"))
    assert all("src=" in tag.split(">")[0] for tag in text.split("<script")[1:])

"""The console's pages work under its Content-Security-Policy: the browser reports no violation on any of them."""
from __future__ import annotations

from tests.console_support import PASSWORD, make_officer, open_ticket

# Collected in the page before any of its own code runs (Playwright's init scripts are not subject to the CSP).
LISTEN = ("window.__csp = []; document.addEventListener('securitypolicyviolation', "
          "e => window.__csp.push(e.violatedDirective + ' ' + (e.blockedURI || 'inline')));")


def test_no_page_breaks_the_policy(live, browser):
    """Login, inbox, chat, knowledge, dashboard, accounts, attention: no CSP report, no console error about it."""
    app, base = live
    make_officer(app, "root", role="admin", name="Rudi Admin")
    _, ticket = open_ticket(app)
    page = browser.new_page(viewport={"width": 1280, "height": 800})
    page.add_init_script(LISTEN)
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if "Content Security Policy" in m.text else None)

    response = page.goto(base + "/console/login")
    assert "script-src 'self'" in response.headers["content-security-policy"]
    page.fill("input[name=username]", "root")
    page.fill("input[name=password]", PASSWORD)
    page.click("button.primary")
    for path in ("/console/", f"/console/t/{ticket}", "/console/knowledge/", "/console/knowledge/new",
                 "/console/dashboard/", "/console/officers", "/console/attention/", "/console/password"):
        page.goto(base + path)
        page.wait_for_load_state("networkidle")
        assert page.evaluate("window.__csp") == [], path
    page.goto(base + "/console/")
    page.wait_for_timeout(5_500)  # one inbox poll: its fetch and the rendered rows also obey the policy
    assert page.evaluate("window.__csp") == [] and errors == []

    page.evaluate("document.body.setAttribute('style', 'background: red')")  # the listener does hear violations
    page.wait_for_function("window.__csp.length > 0")
    assert page.evaluate("window.__csp")[0].startswith("style-src")

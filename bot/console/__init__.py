"""The officers' web console: one blueprint per page family, all behind one login and CSRF gate.

Every view under ``/console/`` requires a logged-in officer except the login page, its language
switch and static files (``PUBLIC``). CSRF is checked here for the console's unsafe methods only,
so the Twilio webhooks (signed by Twilio, not by a browser) keep working without tokens.
"""
from __future__ import annotations

import importlib
from urllib.parse import urlsplit

from flask import Blueprint, Flask, abort, redirect, request, url_for
from flask.sessions import SecureCookieSessionInterface
from flask_login import LoginManager, current_user
from flask_wtf.csrf import CSRFProtect

from bot.console import i18n, lookup

csrf = CSRFProtect()
login_manager = LoginManager()
shell = Blueprint("console", __name__, template_folder="templates", static_folder="static",
                  static_url_path="/console/static")
PUBLIC = {"auth.login", "auth.switch_lang", "console.static"}  # the login page has the language switch too
# The console's page modules, each with a blueprint of its own name: registered in this order, all behind the gate.
PAGES = ("auth", "inbox", "conversation", "handover", "team", "knowledge", "dashboard", "attention", "privacy",
         "files", "admin", "complaints", "saved_replies", "ikm")
BLUEPRINTS = ("console", *PAGES)
UNSAFE = {"POST", "PUT", "PATCH", "DELETE"}
SESSION_PATHS = ("/console/", "/survei/")


def _gate():
    """Login, CSRF and no NUL for every console endpoint (a test walks the URL map to prove it)."""
    if request.blueprint not in BLUEPRINTS:
        return None
    if request.method in UNSAFE:
        csrf.protect()
    if "\x00" in request.path or any("\x00" in value for _key, value in request.values.items(multi=True)):
        abort(400)  # no browser form sends NUL, and PostgreSQL can neither store nor compare it
    if request.endpoint in PUBLIC or current_user.is_authenticated:
        return None
    if request.accept_mimetypes.best == "application/json" or request.path.endswith(".json"):
        return {"error": "login required"}, 401
    return redirect(url_for("auth.login", next=request.full_path if request.method == "GET" else _came_from()))


def _came_from() -> str | None:
    """For a post whose session had ended: the console page it was sent from, so the login leads back there
    (where console.js restores a reply typed meanwhile). ``auth.safe_next`` still vets it at login."""
    referrer = urlsplit(request.referrer or "")
    if referrer.netloc != request.host or not referrer.path.startswith("/console/"):
        return None
    return referrer.path


class ConsoleSessions(SecureCookieSessionInterface):
    """Cookie sessions for the console and the survey form (its CSRF token) only: a webhook caller has no
    cookie and must not get one.

    Opening a signed-cookie session (building its serializer) costs a noticeable share of a
    webhook request; outside ``/console/`` every request gets the null session instead."""

    def open_session(self, app, req):
        if not req.path.startswith(SESSION_PATHS):
            return self.make_null_session(app)
        return super().open_session(app, req)


def _secure_cookies(app: Flask) -> None:
    """HttpOnly, SameSite=Lax, and Secure whenever the site is served over https."""
    secure = app.config["SETTINGS"].public_base_url.startswith("https://")
    app.config.update(SESSION_COOKIE_HTTPONLY=True, SESSION_COOKIE_SAMESITE="Lax", SESSION_COOKIE_SECURE=secure,
                      REMEMBER_COOKIE_HTTPONLY=True, REMEMBER_COOKIE_SAMESITE="Lax",
                      REMEMBER_COOKIE_SECURE=secure, WTF_CSRF_CHECK_DEFAULT=False, WTF_CSRF_TIME_LIMIT=None)


def init_app(app: Flask) -> None:
    from bot.console import auth, errors, files, filters, headers

    _secure_cookies(app)
    files.limit_uploads(app)
    app.session_interface = ConsoleSessions()
    csrf.init_app(app)
    login_manager.init_app(app)
    login_manager.login_view = "auth.login"
    login_manager.session_protection = "strong"
    login_manager.user_loader(auth.load_user)
    app.before_request(_gate)
    headers.init_app(app)
    errors.init_app(app)
    app.url_map.converters["id"] = lookup.IdConverter
    app.register_blueprint(shell)
    for name in PAGES:
        app.register_blueprint(importlib.import_module(f"bot.console.{name}").bp)
    i18n.init_app(app)
    filters.init_app(app)

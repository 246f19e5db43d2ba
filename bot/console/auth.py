"""Log in and out, the UI language switch, and the role check the other blueprints use.

Passwords are werkzeug scrypt hashes written by ``flask officer create``. Each login is a row of
:mod:`bot.console.sessions`, checked on every request: logout, a new password or deactivation ends it.
Failed logins slow down per username and per client address (see :mod:`bot.console.throttle`).
"""
from __future__ import annotations

import functools
from typing import Optional

from flask import Blueprint, abort, current_app, flash, redirect, render_template, request, session, url_for
from flask_login import UserMixin, current_user, login_user, logout_user
from sqlalchemy import select
from werkzeug.security import check_password_hash, generate_password_hash

from bot.console import i18n, sessions, throttle
from bot.console.i18n import gettext as _
from bot.db import get_session
from bot.models import Officer, Role

bp = Blueprint("auth", __name__, url_prefix="/console")
RANK = {Role.OFFICER.value: 1, Role.SUPERVISOR.value: 2, Role.ADMIN.value: 3}
# Compared against when the username is unknown, so both cases cost one scrypt check.
_DUMMY_HASH = generate_password_hash("not-a-password")


class ConsoleUser(UserMixin):
    """What Flask-Login keeps of an officer for one request; ``id`` (in the cookie) is the login's token."""

    def __init__(self, officer: Officer, token: str):
        self.officer_id, self.name, self.role = officer.id, officer.name, officer.role
        self.lang, self.username = officer.lang, officer.username
        self.id = token

    def at_least(self, role: str) -> bool:
        return RANK.get(self.role, 0) >= RANK[role]


def load_user(token: str) -> Optional[ConsoleUser]:
    """The cookie's login, if the server still has it; the inbox and chat polls (JSON) do not keep it alive."""
    own_doing = request.accept_mimetypes.best != "application/json"
    officer = sessions.resume(get_session(), token, current_app.config["SETTINGS"], active=own_doing)
    return ConsoleUser(officer, token) if officer is not None else None


def role_required(role: str):
    """Allow the view to officers of ``role`` or above (login itself is enforced for all of /console/)."""
    def decorate(view):
        @functools.wraps(view)
        def wrapper(*args, **kwargs):
            if not current_user.is_authenticated or not current_user.at_least(role):
                abort(403)
            return view(*args, **kwargs)
        return wrapper
    return decorate


def safe_next(target: Optional[str]) -> str:
    """Only same-site console paths: never an open redirect, nor a line break the Location header refuses."""
    if target and target.startswith("/console/") and not target.startswith("//") and "\\" not in target \
            and target.isprintable():
        return target
    return url_for("inbox.index")


@bp.route("/login", methods=["GET", "POST"])
def login():
    if request.method == "GET":
        return render_template("console/login.html", next=request.args.get("next", ""))
    username = request.form.get("username", "").strip().lower()[:64]
    password = request.form.get("password", "")
    throttle.warn_untrusted_proxy(request, current_app.config["SETTINGS"].trusted_proxies)
    keys = throttle.keys(username, request.remote_addr or "-")
    wait = throttle.attempt(keys)
    if wait:
        flash(_("Terlalu banyak percobaan. Coba lagi dalam %d detik.") % wait, "error")
        page = render_template("console/login.html", next=request.form.get("next", ""))
        return page, 429, {"Retry-After": str(wait)}
    officer = get_session().scalar(select(Officer).where(Officer.username == username))
    valid = check_password_hash(officer.password_hash if officer else _DUMMY_HASH, password)
    if not (valid and officer is not None and officer.active):
        flash(_("Nama pengguna atau kata sandi salah."), "error")
        return render_template("console/login.html", next=request.form.get("next", "")), 401
    throttle.succeeded(keys)
    chosen = session.get("console_lang")
    session.clear()  # a fresh session: no fixation across the login; only the language chosen on this page stays
    if chosen in i18n.LANGS:
        session["console_lang"] = chosen
    login_user(ConsoleUser(officer, sessions.start(get_session(), officer, current_app.config["SETTINGS"])))
    return redirect(safe_next(request.form.get("next")))


@bp.post("/logout")
def logout():
    if current_user.is_authenticated:
        sessions.end(get_session(), current_user.get_id())
    logout_user()
    session.clear()
    return redirect(url_for("auth.login"))


@bp.post("/lang")
def switch_lang():
    chosen = request.form.get("lang")
    if chosen in i18n.LANGS:
        session["console_lang"] = chosen
    return redirect(safe_next(request.form.get("next")))


@bp.get("/officers")
@role_required("admin")
def officers():
    """Admins see every account; creating one and setting its password stay with ``flask officer create``."""
    rows = get_session().scalars(select(Officer).order_by(Officer.name))
    return render_template("console/officers.html", officers=list(rows), roles=[r.value for r in Role])


@bp.post("/officers/<id:officer_id>")
@role_required("admin")
def update_officer(officer_id: int):
    session = get_session()
    officer = session.get(Officer, officer_id) or abort(404)
    role = request.form.get("role")
    if officer.id == current_user.officer_id and (role != Role.ADMIN.value or not request.form.get("active")):
        flash(_("Anda tidak boleh melakukan itu."), "error")  # an admin cannot lock themselves out
        return redirect(url_for("auth.officers"))
    if role in RANK:
        officer.role = role
    officer.active, officer.available = bool(request.form.get("active")), bool(request.form.get("available"))
    if not officer.active:
        sessions.end_all(session, officer.id)
    session.commit()
    flash(_("Akun disimpan."), "ok")
    return redirect(url_for("auth.officers"))

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

from bot import passwords
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
        return _wait(wait, "console/login.html", next=request.form.get("next", ""))
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
    _open(officer)
    return redirect(safe_next(request.form.get("next")))


def _wait(seconds: int, template: str, **context):
    """The throttle's refusal: how long to wait, in words and in Retry-After."""
    flash(_("Terlalu banyak percobaan. Coba lagi dalam %d detik.") % seconds, "error")
    return render_template(template, **context), 429, {"Retry-After": str(seconds)}


def _open(officer: Officer) -> None:
    login_user(ConsoleUser(officer, sessions.start(get_session(), officer, current_app.config["SETTINGS"])))


def _weakness(weakness: passwords.Weakness) -> str:
    return {passwords.Weakness.SHORT: _("Kata sandi baru minimal 10 karakter."),
            passwords.Weakness.OWN_NAME: _("Kata sandi baru tidak boleh memuat nama pengguna atau nama Anda."),
            passwords.Weakness.COMMON: _("Kata sandi baru terlalu umum atau mudah ditebak; pakai beberapa kata "
                                         "yang tidak saling berhubungan.")}[weakness]


@bp.route("/password", methods=["GET", "POST"])
def change_password():
    """An officer's own new password: their other logins end, this browser gets a fresh one.

    The current password is asked for (and throttled like a login), so a borrowed session cannot take
    the account over; the policy is the CLI's (:mod:`bot.passwords`)."""
    if request.method == "GET":
        return render_template("console/password.html")
    db = get_session()
    officer = db.get(Officer, current_user.officer_id)
    keys = throttle.keys(officer.username, request.remote_addr or "-")
    wait = throttle.attempt(keys)
    if wait:
        return _wait(wait, "console/password.html")
    if not check_password_hash(officer.password_hash, request.form.get("current", "")):
        flash(_("Kata sandi sekarang salah."), "error")
        return render_template("console/password.html"), 400
    throttle.succeeded(keys)
    new = request.form.get("new", "")
    weakness = passwords.problem(new, officer.username, officer.name)
    if weakness or new != request.form.get("repeat"):
        flash(_weakness(weakness) if weakness else _("Ulangan kata sandi baru tidak sama."), "error")
        return render_template("console/password.html"), 400
    officer.password_hash = generate_password_hash(new)
    sessions.end_all(db, officer.id)
    db.commit()
    _open(officer)
    flash(_("Kata sandi diganti; Anda keluar dari peramban lain."), "ok")
    return redirect(url_for("inbox.index"))


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

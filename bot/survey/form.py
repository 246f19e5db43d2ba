"""The public SKM form at ``/survei/<token>``: no login (the signed link is the permission), CSRF-checked, plain
HTML that works without JavaScript on a phone. Every refusal is a page that says why, never a 500."""
from __future__ import annotations

import logging

from flask import Blueprint, current_app, render_template, request
from flask_wtf.csrf import CSRFError, ValidationError, generate_csrf, validate_csrf

from bot import clock
from bot.db import get_session
from bot.survey import answers, links
from bot.texts import CATALOGUES, LANGS

log = logging.getLogger(__name__)
bp = Blueprint("survey", __name__, template_folder="templates", static_folder="static",
               static_url_path="/survei/static")


def _page(name: str, lang: str, status: int = 200, **values):
    return render_template(f"survey/{name}.html", t=CATALOGUES[lang], lang=lang, **values), status


def _refused(reason: str, status: int):
    """A link we cannot honour: said in both languages (a forged link tells us nothing about its reader)."""
    return render_template("survey/refused.html", texts=[CATALOGUES[lang] for lang in LANGS], reason=reason,
                           lang="id"), status


def _form(lang: str, token: str, chosen: dict, missing: list[str], status: int = 200):
    return _page("form", lang, status, token=token, chosen=chosen, missing=missing, profile=answers.PROFILE,
                 csrf_token=generate_csrf())


@bp.route("/survei/<token>", methods=["GET", "POST"])
def survey(token: str):
    settings = current_app.config["SETTINGS"]
    try:
        invitation = links.read(settings, token)
    except links.LinkRefused as refused:
        log.info("survey link refused: %s", refused.__class__.__name__)
        return _refused(refused.reason, refused.status)
    session, lang = get_session(), invitation.lang
    if answers.event_of(session, invitation.kind, invitation.event_id) is None:
        return _refused("survey_unknown", 404)
    if answers.answered(session, invitation.kind, invitation.event_id):
        return _page("message", lang, 409, key="survey_already")
    if request.method == "GET":
        return _form(lang, token, {}, [])
    form = {k: v for k, v in request.form.items() if "\x00" not in v}
    scores, profile, missing = answers.read_form(form)
    chosen = {**{k: str(v) for k, v in scores.items()}, **{k: v for k, v in profile.items() if v}}
    try:
        validate_csrf(request.form.get("csrf_token"))
    except (ValidationError, CSRFError):  # an old tab or a cross-site post: the answers come back, nothing lost
        return _form(lang, token, chosen, [], 400)
    if missing:
        return _form(lang, token, chosen, missing, 422)
    try:
        response = answers.store(session, invitation.kind, invitation.event_id, scores, profile, clock.now())
        session.commit()
    except answers.AlreadyAnswered:
        session.rollback()
        return _page("message", lang, 409, key="survey_already")
    log.info("survey answer %s stored for %s %s", response.id, invitation.kind.value, invitation.event_id)
    return _page("message", lang, 201, key="survey_thanks")

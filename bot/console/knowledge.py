"""Knowledge upkeep: articles edited in the database, and the questions nobody could answer yet.

Saving bumps ``updated_at``; the process-wide index (:class:`knowledge.store.KnowledgeBase`)
notices the new fingerprint on its next search and rebuilds, in every process, without a restart.
"""
from __future__ import annotations

import difflib
import re
import unicodedata

from flask import Blueprint, abort, current_app, flash, redirect, render_template, request, url_for
from flask_login import current_user
from sqlalchemy import select

from bot import clock
from bot.console import lookup
from bot.console.i18n import gettext as _
from bot.db import get_session
from bot.models import KnowledgeArticle, UnansweredQuery
from knowledge.article import SLUG

bp = Blueprint("knowledge", __name__, url_prefix="/console/knowledge")
PAGE = 200


def slugify(title: str) -> str:
    """A file name ``kb import`` accepts (``article.SLUG``): a title like "A" gets a prefix, not a refusal."""
    ascii_title = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_title.lower()).strip("-")[:100]
    return slug if SLUG.match(slug) else f"artikel-{slug}".rstrip("-")


def _unique_slug(session, title: str, article_id: int | None) -> str:
    base, n = slugify(title), 1
    slug = base
    while session.scalar(select(KnowledgeArticle.id).where(KnowledgeArticle.slug == slug,
                                                           KnowledgeArticle.id != (article_id or 0))):
        n += 1
        slug = f"{base}-{n}"
    return slug


def _lines(text: str, separator: str = "\n") -> list[str]:
    return [part.strip()[:255] for part in text.split(separator) if part.strip()]


@bp.get("/")
def index():
    q = request.args.get("q", "").strip()[:100]
    session = get_session()
    query = select(KnowledgeArticle).order_by(KnowledgeArticle.updated_at.desc()).limit(PAGE)
    if q:
        hits = current_app.extensions["knowledge"].search(session, q, limit=20)
        slugs = [h.slug for h in hits]
        by_slug = {a.slug: a for a in session.scalars(select(KnowledgeArticle).where(KnowledgeArticle.slug.in_(slugs)))}
        articles = [by_slug[s] for s in slugs if s in by_slug]
    else:
        articles = list(session.scalars(query))
    return render_template("console/knowledge.html", articles=articles, q=q)


@bp.get("/unanswered")
def unanswered():
    rows = get_session().scalars(select(UnansweredQuery).where(UnansweredQuery.dismissed_at.is_(None)).order_by(
        UnansweredQuery.article_id.is_not(None), UnansweredQuery.count.desc(), UnansweredQuery.last_at.desc())
        .limit(PAGE))
    return render_template("console/unanswered.html", rows=list(rows))


@bp.post("/unanswered/<id:query_id>/dismiss")
def dismiss(query_id: int):
    """Nothing to write for this one (a typo, a one-off): it leaves the list and stays out if asked again."""
    session = get_session()
    row = session.get(UnansweredQuery, query_id)
    if row is None:
        abort(404)
    row.dismissed_at = row.dismissed_at or clock.now()
    session.commit()
    flash(_("Diabaikan."), "ok")
    return redirect(url_for("knowledge.unanswered"))


@bp.route("/new", methods=["GET", "POST"])
@bp.route("/<id:article_id>", methods=["GET", "POST"])
def edit(article_id: int | None = None):
    """Create or save an article; a save based on an older version than the stored one is refused (409)
    with the colleague's saved text and a diff beside the officer's own, which stays in the form."""
    session = get_session()
    article = session.get(KnowledgeArticle, article_id, with_for_update=request.method == "POST") \
        if article_id else None
    if article_id and article is None:
        abort(404)
    source = session.get(UnansweredQuery, request.values.get("from", 0, type=lookup.row_id))
    if request.method == "GET":
        return _render(article, source, _form_of(article, source), article.version if article else 0)
    form = {key: request.form.get(key, "").replace("\r\n", "\n").strip()
            for key in ("title", "body", "questions", "tags", "lang", "source")}
    form["active"] = request.form.get("active") == "on"
    base = request.form.get("version", -1, type=int)
    if article is not None and base != article.version:
        flash(_("Petugas lain menyimpan artikel ini lebih dulu. Bandingkan, lalu simpan lagi."), "error")
        return _render(article, source, form, article.version, theirs=_form_of(article, None)), 409
    if not form["title"] or not form["body"]:
        flash(_("Judul dan isi wajib diisi."), "error")
        return _render(article, source, form, base), 400
    if article is None:
        article = KnowledgeArticle(slug=_unique_slug(session, form["title"], None), version=0)
        session.add(article)
    article.title, article.body = form["title"][:255], form["body"]
    article.questions, article.tags = _lines(form["questions"]), _lines(form["tags"], ",")
    article.lang = form["lang"] if form["lang"] in ("id", "en") else "id"
    article.source, article.active, article.updated_at = form["source"][:255], form["active"], clock.now()
    article.version, article.updated_by_id = article.version + 1, current_user.officer_id
    session.flush()
    if source is not None:
        source.article_id = article.id
    session.commit()
    flash(_("Artikel disimpan."), "ok")
    return redirect(url_for("knowledge.edit", article_id=article.id))


def _render(article, source, form: dict, version: int, theirs: dict | None = None):
    """The article form; after a stale save, ``theirs`` (the stored text) and a line diff to the officer's."""
    diff = []
    if theirs is not None:
        diff = [line for field in ("title", "body", "questions", "tags", "source")
                for line in difflib.unified_diff(theirs[field].splitlines(), form[field].splitlines(),
                                                 f"{field} ({_('tersimpan')})", f"{field} ({_('ketikan Anda')})",
                                                 lineterm="", n=1) if not line.startswith("@@")]
    return render_template("console/article.html", article=article, source=source, form=form, version=version,
                           theirs=theirs, diff=diff)


def _form_of(article: KnowledgeArticle | None, source: UnansweredQuery | None) -> dict:
    if article is None:
        example = source.example if source else ""
        return {"title": "", "body": "", "questions": example, "tags": "", "lang": "id", "source": "",
                "active": True}
    return {"title": article.title, "body": article.body, "questions": "\n".join(article.questions or []),
            "tags": ", ".join(article.tags or []), "lang": article.lang, "source": article.source or "",
            "active": article.active}

"""The database copy of the articles, and the search index built from it.

``kb import`` copies the reviewed files into the database; the console edits the database copy.
Every process keeps one :class:`KnowledgeBase` whose index is rebuilt only when the articles'
fingerprint (count and latest ``updated_at``) changes, so an edit shows up without a restart.
"""
from __future__ import annotations

import threading
from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from bot import clock
from bot.db import insert_for
from bot.models import KnowledgeArticle, UnansweredQuery
from knowledge.article import ARTICLES_DIR, Article, load_dir
from knowledge.search import Hit, SearchIndex


def to_article(row: KnowledgeArticle) -> Article:
    return Article(slug=row.slug, title=row.title, body=row.body, questions=tuple(row.questions or ()),
                   tags=tuple(row.tags or ()), lang=row.lang, source=row.source or "")


def import_dir(session: Session, directory: Path = ARTICLES_DIR) -> tuple[int, int, list[str]]:
    """Upsert every article file; returns (created, updated, slugs kept). Articles only in the database are kept.

    ``make run`` imports on every start, so a row edited or switched off in the console after its file was
    last written is kept as it is (the newer copy wins) until ``kb export`` brings the edit into the files.
    """
    existing = {row.slug: row for row in session.scalars(select(KnowledgeArticle))}
    created = updated = 0
    kept = []
    now = clock.now()
    for article in load_dir(directory):
        row = existing.get(article.slug)
        if row is None:
            row = KnowledgeArticle(slug=article.slug)
            session.add(row)
            created += 1
        elif to_article(row) == article and row.active:
            continue
        elif row.updated_at.timestamp() > (directory / f"{article.slug}.md").stat().st_mtime:
            kept.append(article.slug)
            continue
        else:
            updated += 1
        row.title, row.body, row.lang, row.source = article.title, article.body, article.lang, article.source
        row.questions, row.tags, row.active, row.updated_at = list(article.questions), list(article.tags), True, now
        row.version = (row.version or 0) + 1  # a console form opened before the import is then refused, not lost
    return created, updated, kept


def active_articles(session: Session) -> list[Article]:
    rows = session.scalars(select(KnowledgeArticle).where(KnowledgeArticle.active).order_by(KnowledgeArticle.slug))
    return [to_article(r) for r in rows]


def worth_counting(text: str) -> bool:
    """A question, not a greeting, thanks, yes/no or a message without words: only those are knowledge gaps."""
    from bot import intent
    from bot.states import Event

    return intent.has_words(text) and not intent.is_greeting(text) and intent.classify(text) == Event.TEXT


def record_unanswered(session: Session, text: str, normalized: str) -> None:
    """Count a question nobody could answer, so officers see the most-asked gaps first."""
    if not worth_counting(text):
        return
    # PostgreSQL text cannot hold NUL: the INSERT would fail and lose the citizen's whole turn.
    text, key = text.replace("\x00", ""), normalized.replace("\x00", "")[:255]
    if not key:
        return
    now, table = clock.now(), UnansweredQuery.__table__
    # One upsert, not SELECT then INSERT: two workers counting the same new question at once would
    # both INSERT, and the second (its whole turn) would fail on the unique key.
    insert = insert_for(session, table).values(normalized=key, example=text[:2000], count=1, first_at=now, last_at=now)
    session.execute(insert.on_conflict_do_update(
        index_elements=[table.c.normalized], set_={"count": table.c.count + 1, "last_at": insert.excluded.last_at}))


class KnowledgeBase:
    """A process-wide search index that follows the database."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._fingerprint: tuple | None = None
        self._index = SearchIndex([])

    def index(self, session: Session) -> SearchIndex:
        fingerprint = tuple(session.execute(
            select(func.count(KnowledgeArticle.id), func.max(KnowledgeArticle.updated_at))
            .where(KnowledgeArticle.active)).one())
        if fingerprint != self._fingerprint:
            with self._lock:
                if fingerprint != self._fingerprint:
                    self._index = SearchIndex(active_articles(session))
                    self._fingerprint = fingerprint
        return self._index

    def search(self, session: Session, query: str, limit: int = 3) -> list[Hit]:
        return self.index(session).search(query, limit=limit)

"""The database copy of the articles, and the search index built from it.

``kb import`` copies the reviewed files into the database; the console edits the database copy.
Every process keeps one :class:`KnowledgeBase` whose index is rebuilt only when the articles'
fingerprint (count and latest ``updated_at``) changes, so an edit shows up without a restart.
"""
from __future__ import annotations

import threading
from pathlib import Path
from typing import Iterable

import numpy as np
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from bot import clock
from bot.db import insert_for
from bot.models import KnowledgeArticle, KnowledgeEmbedding, UnansweredQuery
from knowledge import semantic
from knowledge.article import ARTICLES_DIR, Article, load_dir
from knowledge.embedding import PROCESS_CACHE, LayeredCache
from knowledge.search import Hit, SearchIndex

# Keys per SELECT ... IN (...): well under SQLite's and PostgreSQL's bound-parameter limits.
KEYS_PER_QUERY = 500


def to_article(row: KnowledgeArticle) -> Article:
    return Article(slug=row.slug, title=row.title, body=row.body, questions=tuple(row.questions or ()),
                   tags=tuple(row.tags or ()), lang=row.lang, source=row.source or "", twin=row.twin or "")


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
        row.twin = article.twin
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


class EmbeddingRows:
    """The semantic ranker's vectors in ``knowledge_embeddings`` (float16: half the bytes, same ranking)."""

    def __init__(self, session: Session) -> None:
        self.session = session

    def get(self, keys: Iterable[str]) -> dict[str, np.ndarray]:
        keys, found = sorted(keys), {}
        for start in range(0, len(keys), KEYS_PER_QUERY):
            rows = self.session.execute(select(KnowledgeEmbedding.text_hash, KnowledgeEmbedding.vector)
                                        .where(KnowledgeEmbedding.text_hash.in_(keys[start:start + KEYS_PER_QUERY])))
            found.update((key, np.frombuffer(vector, dtype=np.float16).astype(np.float32)) for key, vector in rows)
        return found

    def put(self, vectors: dict[str, np.ndarray]) -> None:
        if not vectors:
            return
        table = KnowledgeEmbedding.__table__
        rows = [{"text_hash": key, "vector": np.asarray(v, dtype=np.float16).tobytes()} for key, v in vectors.items()]
        # Two processes rebuilding at once encode the same new texts: the second insert must not fail the turn.
        self.session.execute(insert_for(self.session, table).on_conflict_do_nothing(index_elements=[table.c.text_hash]),
                             rows)


class KnowledgeBase:
    """A process-wide search index that follows the database (fused with the semantic ranker when installed)."""

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
                    articles = active_articles(session)
                    ranker = semantic.build(articles, LayeredCache(PROCESS_CACHE, EmbeddingRows(session)))
                    self._index = SearchIndex(articles, semantic=ranker)
                    self._fingerprint = fingerprint
        return self._index

    def search(self, session: Session, query: str, limit: int = 3) -> list[Hit]:
        return self.index(session).search(query, limit=limit)

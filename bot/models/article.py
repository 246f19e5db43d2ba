"""The database copy of knowledge articles, and the questions nobody could answer yet."""
from __future__ import annotations

import datetime as dt
from typing import Optional

from sqlalchemy import JSON, ForeignKey, LargeBinary, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from bot.models.base import Base


class KnowledgeArticle(Base):
    __tablename__ = "knowledge_articles"

    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str] = mapped_column(String(120), unique=True)
    title: Mapped[str] = mapped_column(String(255))
    body: Mapped[str] = mapped_column(Text)
    questions: Mapped[list[str]] = mapped_column(JSON, default=list)
    tags: Mapped[list[str]] = mapped_column(JSON, default=list)
    lang: Mapped[str] = mapped_column(String(2), default="id")
    source: Mapped[str] = mapped_column(String(255), default="")
    # Slug of the same article in the other language (knowledge.article.Article.twin); "" when none.
    twin: Mapped[str] = mapped_column(String(120), default="", server_default="")
    active: Mapped[bool] = mapped_column(default=True)
    updated_at: Mapped[dt.datetime] = mapped_column(index=True)
    # Bumped by every console save: a save based on an older version is refused (two officers, one article).
    version: Mapped[int] = mapped_column(default=1, server_default="1")
    updated_by_id: Mapped[Optional[int]] = mapped_column(ForeignKey("officers.id"))

    updated_by: Mapped[Optional["Officer"]] = relationship()  # noqa: F821


class UnansweredQuery(Base):
    """A question the search could not answer, counted so officers write the most-asked first."""

    __tablename__ = "unanswered_queries"

    id: Mapped[int] = mapped_column(primary_key=True)
    normalized: Mapped[str] = mapped_column(String(255), unique=True)
    example: Mapped[str] = mapped_column(Text)
    count: Mapped[int] = mapped_column(default=1)
    first_at: Mapped[dt.datetime]
    last_at: Mapped[dt.datetime]
    article_id: Mapped[Optional[int]] = mapped_column(ForeignKey("knowledge_articles.id"))
    # Set when an officer dismisses the entry (nothing to write: a typo, a one-off); it leaves the list for good.
    dismissed_at: Mapped[Optional[dt.datetime]]


class KnowledgeEmbedding(Base):
    """The semantic ranker's vector of one text (a title or phrasing), keyed by the text's hash.

    Kept apart from the articles so that rebuilding the index after a console edit encodes only the texts
    whose hash is new; vectors of texts no article uses any more are harmless and few.
    """

    __tablename__ = "knowledge_embeddings"

    text_hash: Mapped[str] = mapped_column(String(40), primary_key=True)
    vector: Mapped[bytes] = mapped_column(LargeBinary)  # float16, knowledge.embedding.DIM values

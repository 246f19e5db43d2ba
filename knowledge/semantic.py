"""The semantic ranker: how close a question's meaning is to each article's title or phrasings.

Fused with the lexical ranker in :mod:`knowledge.search`, it finds the article when the citizen's words
are not the article's words ("tempat baca buku" for the library). An article's score is the best cosine
between the query and its title or one of its question phrasings; one matrix product per query.
"""
from __future__ import annotations

from typing import Sequence

import numpy as np

from knowledge.article import Article
from knowledge.embedding import PROCESS_CACHE, EmbeddingCache, Encoder, load_encoder, vectors_for


def article_texts(article: Article) -> tuple[str, ...]:
    """What is embedded: the title and the phrasings (the body is longer than a question and blurs it)."""
    return (article.title, *article.questions)


class SemanticRanker:
    """Vectors of every article's texts, grouped by article in the order given."""

    def __init__(self, articles: Sequence[Article], encoder: Encoder, cache: EmbeddingCache = PROCESS_CACHE):
        self._encoder = encoder
        texts, starts = [], []
        for article in articles:
            starts.append(len(texts))
            texts.extend(article_texts(article))
        self._vectors = vectors_for(texts, encoder, cache) if texts else np.zeros((0, 0), dtype=np.float32)
        self._starts = np.array(starts, dtype=np.intp)

    def scores(self, query: str) -> np.ndarray:
        """Best cosine per article (same order as the articles given), in [-1, 1]."""
        if not len(self._starts):
            return np.zeros(0)
        similarity = self._vectors @ self._encoder.query(query)
        return np.maximum.reduceat(similarity, self._starts)


def build(articles: Sequence[Article], cache: EmbeddingCache = PROCESS_CACHE) -> SemanticRanker | None:
    """The ranker over ``articles``, or None when the model is not installed (search stays lexical)."""
    encoder = load_encoder()
    return None if encoder is None else SemanticRanker(articles, encoder, cache)


__all__ = ["SemanticRanker", "article_texts", "build"]

"""Search over knowledge articles.

The engine only relies on :class:`SearchIndex` (built once from a list of articles) and
:class:`Hit`. ``confident`` hits are answers; when none is confident the bot says "not found"
and offers a consultation instead of guessing.
"""
from __future__ import annotations

import dataclasses
from typing import Sequence

from rapidfuzz import fuzz, process, utils

from knowledge.article import Article

THRESHOLD = 62.0


@dataclasses.dataclass(frozen=True)
class Hit:
    slug: str
    title: str
    summary: str
    score: float
    confident: bool


class SearchIndex:
    """A plain rapidfuzz index over titles and question phrasings."""

    def __init__(self, articles: Sequence[Article]):
        self.articles = {a.slug: a for a in articles}
        self._keys: list[str] = []
        self._texts: list[str] = []
        for a in articles:
            for text in (a.title, *a.questions, " ".join(a.tags)):
                self._keys.append(a.slug)
                self._texts.append(utils.default_process(text))

    def search(self, query: str, limit: int = 3) -> list[Hit]:
        q = utils.default_process(query or "")
        if not q or not self._texts:
            return []
        best: dict[str, float] = {}
        for _, score, idx in process.extract(q, self._texts, scorer=fuzz.token_set_ratio, limit=limit * 8,
                                             processor=None):
            slug = self._keys[idx]
            best[slug] = max(best.get(slug, 0.0), float(score))
        ranked = sorted(best.items(), key=lambda kv: -kv[1])[:limit]
        return [Hit(slug, self.articles[slug].title, self.articles[slug].summary, score, score >= THRESHOLD)
                for slug, score in ranked]

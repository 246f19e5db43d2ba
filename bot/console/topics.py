"""What the period's consultations were about: the request's kind and the knowledge article it matches.

The kind is stored on the ticket (the citizen confirmed it, officers may correct it). No article is
stored on the ticket, so each request (question and the data asked for, as stored) is matched now with
the same search as the ticket page's suggestions; only a confident best match counts, else the ticket
shows under "no matching article". Articles edited since may therefore move a ticket between topics.
"""
from __future__ import annotations

import weakref
from collections import Counter
from typing import Iterable, Optional

from bot.console import request_form
from bot.models import Consultation
from knowledge.search import SearchIndex

NO_KIND = "Belum diisi"
NO_ARTICLE = "Tidak cocok dengan artikel mana pun"
MEMO_LIMIT = 10_000
# Per search index (a new one is built whenever an article changes): request text -> matched title.
# A search costs ~3 ms; a 90-day dashboard of a few hundred tickets would otherwise spend a second on it.
_memo: "weakref.WeakKeyDictionary[SearchIndex, dict[str, Optional[str]]]" = weakref.WeakKeyDictionary()


def request_text(c: Consultation) -> str:
    return "\n".join(part.strip() for part in (c.question, c.data_needed) if part and part.strip())


def article_of(index: SearchIndex, c: Consultation) -> Optional[str]:
    """Title of the article the request confidently matches in ``index`` (``KnowledgeBase.index``), if any."""
    text = request_text(c)
    if not text:
        return None
    memo = _memo.setdefault(index, {})
    if text not in memo:
        if len(memo) >= MEMO_LIMIT:
            memo.clear()
        hits = index.search(text, limit=1)
        memo[text] = hits[0].title if hits and hits[0].confident else None
    return memo[text]


def kind_label(code: str | None, gettext) -> str:
    return gettext(request_form.TYPE_LABELS.get(code, NO_KIND))


def kinds(period: Iterable[Consultation], gettext) -> list[tuple[str, int]]:
    """(label, count), most frequent first; labels in the officer's language."""
    counts = Counter(c.request_type for c in period)  # labelled once per kind, not per ticket
    return _ranked(Counter({kind_label(code, gettext): n for code, n in counts.items()}))


def articles(index: SearchIndex, period: Iterable[Consultation], gettext) -> list[tuple[str, int]]:
    """(article title or "no matching article", count), most frequent first."""
    none = gettext(NO_ARTICLE)
    return _ranked(Counter(article_of(index, c) or none for c in period))


def _ranked(counts: Counter) -> list[tuple[str, int]]:
    """Most frequent first; ties in alphabetical order, so the table does not shuffle between reloads."""
    return sorted(counts.items(), key=lambda item: (-item[1], item[0].casefold()))

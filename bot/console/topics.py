"""What the period's consultations were about: the request's kind and the knowledge article it matches.

The kind is stored on the ticket (the citizen confirmed it, officers may correct it). No article is
stored on the ticket, so each request (question and the data asked for, as stored) is matched now with
the same search as the ticket page's suggestions; only a confident best match counts, else the ticket
shows under "no matching article". Articles edited since may therefore move a ticket between topics.
"""
from __future__ import annotations

from collections import Counter
from typing import Iterable

from sqlalchemy.orm import Session

from bot.console import request_form
from bot.models import Consultation

NO_KIND = "Belum diisi"
NO_ARTICLE = "Tidak cocok dengan artikel mana pun"


def request_text(c: Consultation) -> str:
    return "\n".join(part.strip() for part in (c.question, c.data_needed) if part and part.strip())


def article_of(session: Session, knowledge, c: Consultation) -> str | None:
    """Title of the article the request confidently matches, if any."""
    text = request_text(c)
    hits = knowledge.search(session, text, limit=1) if text else []
    return hits[0].title if hits and hits[0].confident else None


def kind_label(code: str | None, gettext) -> str:
    return gettext(request_form.TYPE_LABELS.get(code, NO_KIND))


def kinds(period: Iterable[Consultation], gettext) -> list[tuple[str, int]]:
    """(label, count), most frequent first; labels in the officer's language."""
    counts = Counter(kind_label(c.request_type, gettext) for c in period)
    return counts.most_common()


def articles(session: Session, knowledge, period: Iterable[Consultation], gettext) -> list[tuple[str, int]]:
    """(article title or "no matching article", count), most frequent first."""
    counts = Counter(article_of(session, knowledge, c) or gettext(NO_ARTICLE) for c in period)
    return counts.most_common()

"""Search first: up to three answers from the knowledge base, then "did this help?"."""
from __future__ import annotations

import re

from bot import choices, intent
from bot.nlu import slots
from bot.states import Event

MAX_ARTICLE_CHARS = 1400


class Searching:
    # ---- guards
    def g_is_greeting(self, turn) -> bool:
        return intent.is_greeting(turn.text)

    def g_has_words(self, turn) -> bool:
        return intent.has_words(turn.text)

    def g_has_answers(self, turn) -> bool:
        """Confident answers to the question; after "no, I meant …" to what was meant, not those shown already."""
        if "hits" not in turn.cache:
            shown = set(turn.ctx.answers) if turn.event == Event.CORRECTION else set()
            hits = self.knowledge.search(self.session, intent.search_text(query(turn)), limit=3 + len(shown))
            turn.cache["hits"] = self._in_own_language(turn, [h for h in hits if h.confident and h.slug not in shown])[:3]
        return bool(turn.cache["hits"])

    def _in_own_language(self, turn, hits):
        """An article and its twin in the other language are one answer: the citizen's language only, when any."""
        articles = self.knowledge.index(self.session).articles
        own = [h for h in hits if getattr(articles.get(h.slug), "lang", None) == turn.conversation.lang]
        return own or hits

    def g_picks_answer(self, turn) -> bool:
        return 1 <= (_picked(turn) or 0) <= len(turn.ctx.answers)

    def g_is_number(self, turn) -> bool:
        return intent.number(turn.text) is not None

    # ---- actions
    def a_show_answers(self, turn) -> None:
        hits = turn.cache["hits"]
        turn.ctx.answers_shown([h.slug for h in hits], query(turn).strip()[:1000])
        items = "\n".join(self.t(turn, "answer_item", n=i, title=h.title, summary=_short(h.summary, 220))
                          for i, h in enumerate(hits, 1))
        offered = choices.answers([h.title for h in hits], [h.summary for h in hits], lambda k: self.t(turn, k))
        self.say(turn, "answers", items=items, choices=offered)

    def a_show_article(self, turn) -> None:
        slug = turn.ctx.answers[_picked(turn) - 1]
        article = self.knowledge.index(self.session).articles.get(slug)
        if article is None:  # removed since it was offered
            self.say(turn, "not_understood")
            return
        self.say(turn, "article", title=article.title, body=_short(article.body, MAX_ARTICLE_CHARS))
        self.say(turn, "article_tail")

    def a_helped(self, turn) -> None:
        turn.ctx.forget_answers()
        self.say(turn, "helped")


def query(turn) -> str:
    """What to search for: the message, or after "no, I meant …" only what was meant."""
    if turn.event == Event.CORRECTION and turn.reading is not None and turn.reading.value:
        return turn.reading.value
    return turn.text


def _picked(turn):
    """The answer chosen: any phrasing the intent layer read ("yang kedua", "no. 1"), or a bare number."""
    number = turn.reading.number if turn.event == Event.PICK and turn.reading is not None else intent.number(turn.text)
    return len(turn.ctx.answers) if number == slots.LAST else number


def _short(text: str, limit: int) -> str:
    text = text.strip()
    if len(text) <= limit:
        return text
    cut = text[:limit].rsplit(" ", 1)[0]
    return cut.rstrip(",.;:") + " …"

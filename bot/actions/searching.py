"""Search first: up to three answers from the knowledge base, then "did this help?"."""
from __future__ import annotations

import re

from bot import choices, intent
from bot.nlu import slots
from bot.states import Event

MAX_ARTICLE_CHARS = 1400
DETAILS = ("data_needed", "area", "period", "purpose")
UNSPECIFIED = ""  # asked, and left open by the citizen; None is "not known yet"
_KECAMATAN = re.compile(
    r"\b(?:kec(?:amatan)?\.?\s*)?(?:lubuk\s*linggau|llg)?\s*(barat|selatan|timur|utara)(?:\s*(i{1,2}|1|2)\b)?")
_CITY = re.compile(r"\b(lubuk\s*linggau|lubuklinggau|llg|linggau)\b")
_PROVINCE = re.compile(r"\b(sumsel|sumatera selatan|sumatra selatan)\b")
_RECENT = re.compile(r"\b(terbaru|terkini|sekarang|latest|current|most recent)\b")


def prefill(question: str) -> dict[str, str | None]:
    """What the question already says about the four details an officer needs."""
    norm = intent.normalize(question)
    area = None
    kec = _KECAMATAN.search(norm)
    if kec and (kec.group(0).startswith("kec") or _CITY.search(kec.group(0))):
        area = f"Kecamatan Lubuklinggau {kec.group(1).title()} {_roman(kec.group(2))}".strip()
    elif _CITY.search(norm):
        area = "Kota Lubuklinggau"
    elif _PROVINCE.search(norm):
        area = "Provinsi Sumatera Selatan"
    years = intent.years(norm)
    period = (years[0] if len(set(years)) == 1 else f"{min(years)}–{max(years)}") if years else None
    if period is None and _RECENT.search(norm):
        period = "terbaru"
    return {"data_needed": question.strip()[:1000] or None, "area": area, "period": period,
            "purpose": intent.purpose(question)}


def _roman(number: str | None) -> str:
    if not number:
        return ""  # "Lubuklinggau Barat" without I/II: the officer asks which
    return "I" * int(number) if number.isdigit() else number.upper()


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
            turn.cache["hits"] = [h for h in hits if h.confident and h.slug not in shown][:3]
        return bool(turn.cache["hits"])

    def g_picks_answer(self, turn) -> bool:
        return 1 <= (_picked(turn) or 0) <= len(turn.ctx.answers)

    def g_is_number(self, turn) -> bool:
        return intent.number(turn.text) is not None

    def g_detail_too_short(self, turn) -> bool:
        return self._detail(turn) is None

    def g_request_complete(self, turn) -> bool:
        request = dict(turn.ctx.request or {}, **{turn.ctx.asking or "": self._detail(turn)})
        return all(request.get(key) is not None for key in DETAILS)

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

    def a_not_found(self, turn) -> None:
        from knowledge.store import record_unanswered

        question = query(turn)
        record_unanswered(self.session, question, intent.normalize(question))
        self._start_request(turn, question)
        self.say(turn, "not_found" if self._to_ask(turn) else "not_found_forwarded")

    def a_not_helped(self, turn) -> None:
        self._start_request(turn, turn.ctx.question or "")
        self.say(turn, "not_helped" if self._to_ask(turn) else "not_helped_forwarded")

    def a_ask_detail(self, turn) -> None:
        request = turn.ctx.request
        asking = next(key for key in DETAILS if request.get(key) is None)
        turn.ctx.asking = asking
        self.say(turn, f"ask_{asking}")

    def a_save_detail(self, turn) -> None:
        turn.ctx.request[turn.ctx.asking] = self._detail(turn)
        turn.ctx.asking = None

    def a_reprompt_detail(self, turn) -> None:
        self.say(turn, "detail_too_short")
        self.say(turn, f"ask_{turn.ctx.asking or 'data_needed'}")

    def _detail(self, turn) -> str | None:
        """The answer to the detail being asked, as the ticket keeps it; None when it answers nothing.

        "tidak", "tidak tahu", "-" or "lewati" (English "no", "don't know", "skip") to which area, which period or
        what for means the citizen cannot or need not say: the detail is left unspecified (empty on the ticket,
        "–" in the console), the next question follows, and the officer asks if it matters. What data is needed
        cannot be left open; that, a bare "ya"/"oke" (which answers none of the questions) and a message without
        words are asked again.
        """
        text, asking = turn.text.strip(), turn.ctx.asking or DETAILS[0]
        if intent.leaves_open(text):
            return None if asking == "data_needed" else UNSPECIFIED
        norm = intent.normalize(text)
        if len(norm) < 2 or norm in intent.YES or not intent.has_words(text):
            return None
        return text[:1000]

    def _to_ask(self, turn) -> bool:
        """Whether the request started lacks a detail ("please tell us a few details" or straight to an officer)."""
        return any(turn.ctx.request.get(key) is None for key in DETAILS)

    def _start_request(self, turn, question: str) -> None:
        turn.ctx.start_request(self.request_for(turn, question), self.now.timestamp())


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

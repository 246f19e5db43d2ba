"""The turns between the searches and the tickets: courtesy, never mind, out of scope, a question kept for later.

None of these opens a consultation: a ticket is for a statistical request the knowledge base could not answer.
"""
from __future__ import annotations

import datetime as dt
import re

from bot import intent
from bot.actions.searching import MAX_ARTICLE_CHARS, _short
from bot.models import Message
from bot.nlu import Intent, lang

POINTERS = ("bmkg", "kpu", "dukcapil", "samsat", "bpjs", "polri")  # offices bot/texts can point to
_NEW = re.compile(r"\b(baru|lain|beda|berbeda|new|another|different|separate)\b")
# Words that make a message a request for statistics even when the classifier is unsure what it is.
_STATISTICAL = re.compile(
    r"\b(data|jumlah|jml|berapa|brp|angka|statisti\w*|persen\w*|rata|indeks|tingkat|laju|produksi|penduduk|"
    r"tabel|publikasi|sensus|survei|survey|kbli|kbji|pdrb|inflasi|ipm|kemiskinan|miskin|pengangguran|"
    r"(?:19|20)\d\d|population|number|rate|statistics|census|table|how many|percentage|index)\b")
SURE_QUESTION = 0.5
_LETTERS = re.compile(r"[^\W\d_]{2,}")
_QUESTIONS = (Intent.QUESTION, Intent.OUT_OF_SCOPE, Intent.NO_WITH_CORRECTION)


class Dialogue:
    # ---- guards
    def g_is_question(self, turn) -> bool:
        """A question of its own, not a courtesy, a word or two ("ok", "siap pak") or figures ("4/5")."""
        return (turn.reading is not None and turn.reading.intent in _QUESTIONS and intent.is_substantive(turn.text)
                and _LETTERS.search(turn.text) is not None)

    def g_new_topic(self, turn) -> bool:
        """Names something the open ticket does not: "sapi perah" against a ticket on poverty.

        "untuk tahun 2024 apakah ada juga?" names nothing new, so it is a follow-up of the ticket."""
        consultation = self.open_consultation_of(turn)
        asked = " ".join(filter(None, (consultation.question, consultation.data_needed))) if consultation else ""
        topic = _topic(turn.text)
        return bool(topic) and not topic & _topic(asked)

    def g_statistical(self, turn) -> bool:
        """Worth a ticket: a request for statistics, not chit-chat ("wkwk lucu jg botnya") nor trivia."""
        reading = turn.reading
        sure = reading is not None and reading.intent is Intent.QUESTION and reading.confidence >= SURE_QUESTION
        return sure or _STATISTICAL.search(intent.normalize(turn.text)) is not None

    def g_returning(self, turn) -> bool:
        """The citizen comes back to an open ticket after a long silence: the question may be a new one."""
        previous = turn.cache.get("previous_inbound")
        return previous is None or self.now - _aware(previous) >= self.settings.ticket_ask_after

    def g_says_new(self, turn) -> bool:
        return _NEW.search(intent.normalize(turn.text)) is not None

    # ---- courtesy and scope
    def a_you_are_welcome(self, turn) -> None:
        self.say(turn, "you_are_welcome")

    def a_never_mind(self, turn) -> None:
        self.say(turn, "never_mind")

    def a_not_statistical(self, turn) -> None:
        self.say(turn, "not_statistical")

    def a_out_of_scope(self, turn) -> None:
        """Honest about what PST does, with the office that does answer it when one is known; no ticket, no gap."""
        key = turn.reading.value if turn.reading is not None else None
        self.say(turn, "out_of_scope")
        if key in POINTERS:
            self.say(turn, f"pointer_{key}")

    # ---- while a ticket is open
    def a_answer_while_waiting(self, turn) -> None:
        """A knowledge question is answered at once (best answer); it also reaches the officer on the ticket."""
        hit = turn.cache["hits"][0]
        article = self.knowledge.index(self.session).articles.get(hit.slug)
        body = article.body if article is not None else hit.summary
        self.say(turn, "article", title=hit.title, body=_short(body, MAX_ARTICLE_CHARS))
        self.say(turn, "answered_while_waiting", ticket=self._open_ticket(turn))

    def a_ticket_stays_open(self, turn) -> None:
        self.say(turn, "ticket_stays_open", ticket=self._open_ticket(turn))

    def a_acknowledge_handoff(self, turn) -> None:
        """One short word when the officer has been silent a while; never silence, never a reply to every line."""
        quiet = self.now.timestamp() - turn.ctx.officer_at
        if not turn.ctx.handoff_acked and quiet >= self.settings.handoff_ack_after.total_seconds():
            turn.ctx.handoff_acked = True
            self.say(turn, "attached_handoff", ticket=self._open_ticket(turn))

    def a_keep_question(self, turn) -> None:
        turn.ctx.keep_question(turn.text.strip()[:1000], turn.message.id if turn.message is not None else None)

    def a_ask_which_ticket(self, turn) -> None:
        self.say(turn, "ask_which_ticket", ticket=self._open_ticket(turn))

    def a_attach_kept_question(self, turn) -> None:
        consultation = self.open_consultation_of(turn)
        kept = self.session.get(Message, turn.ctx.take_kept_question()[1] or 0)
        if consultation is not None:
            if kept is not None:
                kept.consultation_id = consultation.id
            self._attach_message(turn, consultation)
        self.say(turn, "attached", ticket=self._open_ticket(turn))

    def a_new_question(self, turn) -> None:
        turn.ctx.return_state = None
        self.take_kept_question(turn)

    # ---- after a close
    def a_question_kept(self, turn) -> None:
        self.say(turn, "question_kept")

    def a_skip_rating(self, turn) -> None:
        turn.ctx.rating_done()
        if not self.take_kept_question(turn):
            self.say(turn, "menu")

    def take_kept_question(self, turn) -> bool:
        """Handle now the question the citizen wrote while we asked something else."""
        question, _ = turn.ctx.take_kept_question()
        if question:
            turn.redispatch = question
        return bool(question)

    def _open_ticket(self, turn) -> str:
        consultation = self.open_consultation_of(turn)
        return consultation.ticket if consultation is not None else "-"


def _topic(text: str) -> set[str]:
    """The words of a message that name a subject (not function words, courtesies, figures or short words)."""
    return {w for w in re.findall(r"[^\W\d_]{4,}", intent.normalize(text)) if not lang.common(w)}


def _aware(moment: dt.datetime) -> dt.datetime:
    """SQLite hands back naive UTC datetimes."""
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=dt.timezone.utc)

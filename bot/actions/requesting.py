"""From "not found" to a confirmed request: ask what the kind of request needs, check it, show it back.

The rules (kinds, what each needs, which answers fit) live in :mod:`bot.request`; here they meet the
conversation: the request is kept in ``Context.request`` (its dict) and the detail being asked in
``Context.asking``. Nothing becomes a ticket before the citizen has seen the summary and said YES.
"""
from __future__ import annotations

from bot import intent
from bot.actions.searching import query
from bot.nlu import Intent
from bot.request import CLASSIFICATION, DETAILS, Request
from bot.states import Event


class Requesting:
    # ---- guards
    def g_nothing_to_ask(self, turn) -> bool:
        """The question already says all its kind needs: straight to the summary."""
        question = turn.ctx.question or "" if turn.event == Event.NO else query(turn)
        return self.request_for(turn, question).next_detail() is None

    def g_gives_answer(self, turn) -> bool:
        """Words, or "-"/"lewati" on purpose; an emoji alone is asked again without counting as a miss."""
        return intent.has_words(turn.text) or intent.leaves_open(turn.text)

    def g_answer_missed(self, turn) -> bool:
        """The answer does not fit the detail asked (first time): asked again, with an example."""
        return self._answered(turn)[1] == "missed"

    def g_request_complete(self, turn) -> bool:
        """With this answer, nothing the request needs is left to ask."""
        return self._answered(turn)[0].next_detail() is None

    def g_corrects_request(self, turn) -> bool:
        """The reply to the summary changes a detail ("periodenya 2020-2023 aja", "no, for my thesis")."""
        if "corrected" not in turn.cache:
            request = self.request_of(turn)
            meant = turn.reading.value if turn.reading is not None and turn.reading.intent is \
                Intent.NO_WITH_CORRECTION else None
            turn.cache["corrected"] = request if request.correct(turn.text, meant) else None
        return turn.cache["corrected"] is not None

    # ---- actions
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
        request = self.request_of(turn)
        turn.ctx.asking = request.next_detail()
        self.say(turn, _prompt("ask", request, turn.ctx.asking))

    def a_save_detail(self, turn) -> None:
        request, outcome = self._answered(turn)
        turn.ctx.request, turn.ctx.asking = request.to_dict(), None
        if outcome == "open" and not intent.leaves_open(turn.text):  # missed twice: the officer asks
            self.say(turn, "detail_left_open")

    def a_reask_detail(self, turn) -> None:
        request = self._answered(turn)[0]
        turn.ctx.request = request.to_dict()
        self.say(turn, _prompt("reask", request, turn.ctx.asking))

    def a_reprompt_detail(self, turn) -> None:
        self.say(turn, "detail_too_short")
        self.a_ask_again_detail(turn)

    def a_ask_again_detail(self, turn) -> None:
        """The detail being asked, asked again (CLARIFY's prompt)."""
        self.say(turn, _prompt("ask", self.request_of(turn), turn.ctx.asking))

    def a_show_request(self, turn) -> None:
        """The request as the ticket will keep it: the citizen's words, its kind and the details."""
        request = self.request_of(turn)
        labels, kinds = self.t(turn, "request_labels"), self.t(turn, "request_types")
        lines = [(labels["question"], f"“{request.question}”"), (labels["type"], kinds[request.type])]
        for detail in request.shown:
            label = "activity" if detail == "data" and request.type == CLASSIFICATION else detail
            value = getattr(request, detail)
            lines.append((labels[label], value if value else self.t(turn, "detail_not_given")))
        self.say(turn, "request_summary",
                 lines="\n".join(self.t(turn, "request_line", label=k, value=v) for k, v in lines))

    def a_correct_request(self, turn) -> None:
        turn.ctx.request = turn.cache["corrected"].to_dict()

    def a_ask_what_to_change(self, turn) -> None:
        self.say(turn, "what_to_change")

    # ---- helpers
    def request_of(self, turn) -> Request:
        return Request.from_dict(turn.ctx.request or {})

    def request_for(self, turn, question: str) -> Request:
        """The request as the question states it; the purpose, when it does not, from a mail's letter."""
        if turn.cache.get("request_for", (None,))[0] != question:
            turn.cache["request_for"] = (question, Request.start(question, turn.ctx.letter))
        return turn.cache["request_for"][1]

    def _answered(self, turn) -> tuple[Request, str]:
        """The request with this message as the answer to the detail asked, and how it was taken."""
        if "answered" not in turn.cache:
            request = self.request_of(turn)
            asking = turn.ctx.asking  # "data_needed" in a conversation from before bot.request: the data
            detail = asking if asking in DETAILS else request.next_detail() or "data"
            turn.cache["answered"] = (request, request.answer(detail, turn.text))
        return turn.cache["answered"]

    def _to_ask(self, turn) -> bool:
        return self.request_of(turn).next_detail() is not None

    def _start_request(self, turn, question: str) -> None:
        turn.ctx.start_request(self.request_for(turn, question).to_dict(), self.now.timestamp())


def _prompt(kind: str, request: Request, detail: str | None) -> str:
    """The text key that asks (or asks again for) ``detail``: the data of a classification is the activity."""
    detail = detail if detail in DETAILS else request.next_detail() or "data"
    if detail == "data" and request.type == CLASSIFICATION:
        detail = "activity"
    return f"{kind}_{detail}"


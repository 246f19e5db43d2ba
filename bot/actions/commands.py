"""Commands a citizen can type in any state: MENU, BANTUAN/HELP, STATUS, BATAL, SELESAI."""
from __future__ import annotations

from sqlalchemy import select

from bot.models import Consultation, OPEN_STATUSES
from bot.states import State
from bot.texts import when

# What to say to put a citizen back on track in each state.
PROMPTS = {
    State.NEW: "greet",
    State.ASK_CONSENT: "consent_question",
    State.ASK_NAME: "ask_name",
    State.ASK_EMAIL: "ask_email",
    State.ASK_PHONE: "ask_phone",
    State.READY: "menu",
    State.WAITING: "menu_ticket",
    State.HANDOFF: "menu_ticket",
    State.RATING: "ask_rating",
    State.COMMENT: "ask_comment",
    State.OFFER_COMPLAINT: "offer_complaint",
    State.COMPLAINT: "ask_complaint",
    State.CLOSED: "menu",
}


class Commands:
    def a_show_menu(self, turn) -> None:
        self.say(turn, "menu")

    def a_show_help(self, turn) -> None:
        self.say(turn, "help")

    def a_help_registration(self, turn) -> None:
        self.say(turn, "help_registration")

    def a_status_unregistered(self, turn) -> None:
        complaints = self.complaint_lines(turn)
        if complaints:
            turn.replies.append("\n".join(complaints))
        self.say(turn, "status_unregistered")
        self.prompt_for(turn, State(turn.conversation.state))

    def a_show_status(self, turn) -> None:
        lang = turn.conversation.lang
        tickets = self.session.scalars(
            select(Consultation).where(Consultation.citizen_id == turn.conversation.citizen_id,
                                       Consultation.status.in_(OPEN_STATUSES)).order_by(Consultation.id)).all()
        complaints = self.complaint_lines(turn)
        if not tickets:
            self.say(turn, "status_none")
        else:
            lines = [self.t(turn, "status_header")]
            for c in tickets:
                due = self.t(turn, "status_due", due=when(lang, c.due_at)) if c.due_at else ""
                lines.append(self.t(turn, "status_line", ticket=c.ticket, status=self.t(turn, f"status_{c.status}"),
                                    opened=when(lang, c.opened_at), due=due))
            turn.replies.append("\n".join(lines))
        if complaints:
            turn.replies.append("\n".join(complaints))

    def a_reprompt(self, turn) -> None:
        self.prompt_for(turn, State(turn.conversation.state))

    def a_clear(self, turn) -> None:
        for key in ("answers", "question", "request", "asking", "request_started", "return_state", "rating_for",
                    "score"):
            turn.ctx.pop(key, None)

    def a_cancelled(self, turn) -> None:
        self.say(turn, "cancelled")
        self.say(turn, "menu")

    def a_nothing_to_cancel(self, turn) -> None:
        self.say(turn, "nothing_to_cancel")

    def a_goodbye(self, turn) -> None:
        turn.conversation.end_reason = "citizen"
        self.say(turn, "goodbye")

    def a_reopen(self, turn) -> None:
        """A message that arrived just as its conversation ended reopens it rather than getting lost."""
        turn.conversation.ended_at = turn.conversation.end_reason = None
        turn.redispatch = turn.text

    def prompt_for(self, turn, state: State) -> None:
        """Repeat the question the citizen owes us in ``state``."""
        ctx = turn.ctx
        if state == State.ASK_NAME:
            self.a_reprompt_name(turn)
        elif state == State.ASK_CONSENT:  # consent is informed only with the notice in front of the citizen
            self.notice(turn)
        elif state == State.ASK_CODE:
            self.say(turn, "code_sent", email=ctx.get("email", ""), minutes=30)
        elif state == State.RESULTS and ctx.get("answers"):
            self.say(turn, "article_tail")
        elif state in (State.CLARIFY, State.CONFIRM_REQUEST):
            self.prompt_request(turn, state)
        elif state == State.COMMENT:
            self.ask_comment(turn)
        elif state in (State.ASK_EMAIL, State.ASK_PHONE):
            self.say(turn, PROMPTS[state], name=ctx.get("name", ""))
        elif state in (State.WAITING, State.HANDOFF):
            self.a_show_ticket_menu(turn)
        elif state == State.WHICH_TICKET:
            self.a_ask_which_ticket(turn)
        else:
            self.say(turn, PROMPTS.get(state, "menu"))

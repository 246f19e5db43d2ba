"""Commands a citizen can type in any state: MENU, BANTUAN/HELP, STATUS, BATAL, SELESAI."""
from __future__ import annotations

from sqlalchemy import select

from bot.models import Consultation, OPEN_STATUSES
from bot.states import PROMPTS, State
from bot.texts import when


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
        turn.ctx.clear()

    def a_cancelled(self, turn) -> None:
        self.say(turn, "cancelled")
        self.say(turn, "menu")

    def a_stale_tap(self, turn) -> None:
        self.say(turn, "stale_tap")

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
        """Repeat the question the citizen owes us in ``state`` (the table's PROMPTS)."""
        getattr(self, f"a_{PROMPTS[state]}")(turn)

    # ---- prompts that exist only to be repeated
    def a_remind_code(self, turn) -> None:
        self.say(turn, "code_sent", email=turn.ctx.email or "", minutes=30)

    def a_results_tail(self, turn) -> None:
        self.say(turn, "article_tail" if turn.ctx.answers else "menu")

    def a_ask_rating(self, turn) -> None:
        self.say(turn, "ask_rating")

    def a_ask_comment(self, turn) -> None:
        self.ask_comment(turn)

    def a_repeat_complaint_offer(self, turn) -> None:
        self.say(turn, "offer_complaint")

    def a_repeat_notice(self, turn) -> None:
        self.notice(turn)

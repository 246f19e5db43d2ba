"""The consultation transaction: opened when the citizen confirmed the request, handed to an officer, closed.

A detail the citizen left open is NULL on the ticket (the console shows "–")."""
from __future__ import annotations

import datetime as dt

from bot import tickets
from bot.envelope import Outbound
from bot.models import Consultation, ConsultationStatus
from bot.request import Request
from bot.states import State
from bot.texts import WIB, when

ACK_EVERY = dt.timedelta(minutes=30)


class Consulting:
    # ---- guards
    def g_has_open_ticket(self, turn) -> bool:
        return self.open_consultation_of(turn) is not None

    def g_rating_not_owed(self, turn) -> bool:
        """The officer's close of a ticket whose rating was already asked (or given): it is not asked again."""
        consultation = turn.data.get("consultation")
        return consultation is not None and consultation.rating_asked_at is not None

    # ---- actions
    def a_open_consultation(self, turn) -> None:
        now = self.now
        stored, started = turn.ctx.take_request()
        request = Request.from_dict(stored)
        ticket = tickets.allocate(self.session, now.astimezone(WIB).year)
        consultation = Consultation(
            ticket=ticket, citizen_id=turn.conversation.citizen_id, conversation_id=turn.conversation.id,
            channel=turn.identity.channel, status=ConsultationStatus.OPEN.value,
            question=request.question, request_type=request.type, data_needed=request.data or None,
            area=request.area or None, period=request.period or None, purpose=request.purpose or None,
            opened_at=dt.datetime.fromtimestamp(started, dt.timezone.utc) if started else now,
            clarified_at=now, due_at=self.calendar.add_working_days(now, self.settings.sla_working_days))
        self.session.add(consultation)
        self.session.flush()
        turn.cache["open"] = consultation
        self._attach_message(turn, consultation)
        self.say(turn, "consultation_opened", ticket=ticket, due=when(turn.conversation.lang, consultation.due_at))

    def a_attach(self, turn) -> None:
        consultation = self.open_consultation_of(turn)
        if consultation is not None:
            self._attach_message(turn, consultation)

    def a_acknowledge(self, turn) -> None:
        """Tell the citizen the message reached the ticket, at most once per half hour."""
        consultation, last = self.open_consultation_of(turn), turn.ctx.acked_at
        if consultation is not None and self.now.timestamp() - last >= ACK_EVERY.total_seconds():
            turn.ctx.acked_at = self.now.timestamp()
            self.say(turn, "attached", ticket=consultation.ticket)

    def a_show_ticket_menu(self, turn) -> None:
        consultation = self.open_consultation_of(turn)
        self.say(turn, "menu_ticket", ticket=consultation.ticket if consultation else "-")

    def a_relay_reply(self, turn) -> None:
        """An officer's words go to the citizen on the ticket's own channel, unchanged."""
        consultation, officer_name = turn.data["consultation"], turn.data["officer_name"]
        now = self.now
        if consultation.first_response_at is None:
            consultation.first_response_at = now
        if consultation.status == ConsultationStatus.OPEN.value:
            consultation.status = ConsultationStatus.IN_PROGRESS.value
        if turn.ctx.return_state == State.WAITING.value:  # answered during a complaint: come back to the chat
            turn.ctx.detour(State.HANDOFF.value)
        turn.ctx.officer_spoke(now.timestamp())
        identity = turn.identity
        turn.extra.append(Outbound(
            channel=identity.channel, address=identity.address, author="officer",
            text=self.t(turn, "officer_reply", officer=officer_name, text=turn.data["text"]),
            conversation_id=turn.conversation.id, consultation_id=consultation.id,
            officer_id=turn.data.get("officer_id"), meta={"ticket": consultation.ticket}))

    def a_closed_by_officer(self, turn) -> None:
        consultation = turn.data["consultation"]
        self._close(turn, consultation, "officer", turn.data.get("outcome"))
        self.say(turn, "consultation_closed_officer", ticket=consultation.ticket)
        self._ask_rating(turn, consultation)

    def a_closed_by_citizen(self, turn) -> None:
        consultation = self.open_consultation_of(turn)
        self._close(turn, consultation, "citizen")
        self.say(turn, "consultation_closed_citizen", ticket=consultation.ticket)
        self._ask_rating(turn, consultation)

    def a_closed_for_inactivity(self, turn) -> None:
        consultation = self.open_consultation_of(turn)
        self._close(turn, consultation, "no_response")
        self.say(turn, "consultation_closed_inactive", ticket=consultation.ticket)
        self._ask_rating(turn, consultation)

    def a_closed_again(self, turn) -> None:
        """A second close of the same ticket: recorded as closed, nothing said (the rating was asked once)."""
        self._mark_closed(turn.data["consultation"], "officer", turn.data.get("outcome"))

    def a_end_for_inactivity(self, turn) -> None:
        turn.conversation.end_reason = "no_response"
        self.say(turn, "conversation_closed_inactive")

    def a_cancel_ticket(self, turn) -> None:
        consultation = self.open_consultation_of(turn)
        self._close(turn, consultation, "cancelled", status=ConsultationStatus.CANCELLED)
        turn.ctx.rating_done()
        self.say(turn, "consultation_cancelled", ticket=consultation.ticket)

    # ---- helpers
    def _ask_rating(self, turn, consultation: Consultation) -> None:
        """The rating question, once per ticket; outside WhatsApp's window it goes as the rating template."""
        consultation.rating_asked_at = self.now
        turn.template = "rating"
        self.say(turn, "ask_rating")

    def _mark_closed(self, consultation: Consultation, reason: str, outcome: str | None = None,
                     status: ConsultationStatus = ConsultationStatus.CLOSED) -> None:
        """The first close is the one recorded."""
        if consultation.closed_at is None:
            consultation.status, consultation.closed_at = status.value, self.now
            consultation.close_reason, consultation.outcome = reason, outcome

    def _attach_message(self, turn, consultation: Consultation) -> None:
        turn.cache["consultation_id"] = consultation.id
        if turn.message is not None:
            turn.message.consultation_id = consultation.id

    def _close(self, turn, consultation: Consultation, reason: str, outcome: str | None = None,
               status: ConsultationStatus = ConsultationStatus.CLOSED) -> None:
        self._mark_closed(consultation, reason, outcome, status)
        turn.cache["consultation_id"] = consultation.id
        turn.cache.pop("open", None)
        turn.ctx.ticket_closed(consultation.id)

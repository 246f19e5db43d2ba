"""The channel-agnostic conversation engine: a stored message in, outbound values out.

It reads the table in :mod:`bot.states`, evaluates guards (methods named ``g_<guard>``) and runs
actions (methods named ``a_<action>``, in :mod:`bot.actions`). It never imports a channel.
"""
from __future__ import annotations

import dataclasses
import datetime as dt
import logging
from typing import Any, Optional

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot import choices as _choices, clock, nlu, personal_data
from bot.actions import Actions
from bot.context import Context
from bot.envelope import Outbound, proven_email, proven_phone
from bot.hearing import event_for
from bot.models import ChannelIdentity, Citizen, Consultation, Conversation, Message, OPEN_STATUSES
from bot.states import RETURN, SAME, TABLE, Event, IllegalTransition, State, candidates, check, office_owes
from bot.texts import text as _text

log = logging.getLogger(__name__)
MAX_REDISPATCH = 3
_FIGURES = (nlu.Intent.RATING, nlu.Intent.PICK_ANSWER)  # a score or a list number alone


@dataclasses.dataclass
class Turn:
    """Everything one event needs while it passes through the table."""

    conversation: Conversation
    event: Event
    text: str = ""
    message: Optional[Message] = None
    data: dict[str, Any] = dataclasses.field(default_factory=dict)
    replies: list[str] = dataclasses.field(default_factory=list)
    extra: list[Outbound] = dataclasses.field(default_factory=list)
    redispatch: Optional[str] = None
    reading: Optional[nlu.Reading] = None  # what the citizen's words mean; None for officer and deadline events
    choices: Optional[_choices.ChoiceSet] = None  # what the last prompt said offers (bot.choices)
    template: Optional[str] = None  # the approved WhatsApp template the reply calls for outside the window
    cache: dict[str, Any] = dataclasses.field(default_factory=dict)

    @property
    def identity(self) -> ChannelIdentity:
        return self.conversation.identity

    @property
    def ctx(self) -> Context:
        if "ctx" not in self.cache:
            self.cache["ctx"] = Context.load(self.conversation.context)
        return self.cache["ctx"]


class Engine(Actions):
    def __init__(self, session: Session, *, settings, calendar, knowledge):
        self.session, self.settings, self.calendar, self.knowledge = session, settings, calendar, knowledge

    # ---- entry points -------------------------------------------------------------------------
    def process(self, message: Message) -> list[Outbound]:
        """Answer one stored inbound citizen message (idempotent: a processed message is skipped).

        The caller (:func:`bot.pipeline.process`) already holds the conversation's row lock."""
        if message.status != "received":
            return []
        conversation = self.session.get(Conversation, message.conversation_id)
        self._link_citizen(conversation)
        conversation.lang = self._start_lang(conversation)  # a new conversation starts in the citizen's language
        turn = Turn(conversation, Event.TEXT, text=message.body, message=message)
        turn.cache["previous_inbound"] = conversation.last_inbound_at
        letter = (message.meta or {}).get("letter")
        if letter:  # what a mail's signature said, for registration and the request (the first statement stands)
            turn.ctx.add_letter(letter)
        chosen = self._chosen(turn, message)
        self._hear(turn)
        if chosen is False:  # a button of an earlier prompt: said so, and the current prompt again
            turn.event = Event.STALE_TAP
        figures = turn.reading.intent in _FIGURES and not turn.reading.comment  # "one" as a score is no switch
        if chosen is None and not figures:  # nor is a tap or a number picking a choice
            conversation.lang = turn.reading.lang  # short, language-neutral words keep the language
        lang = conversation.lang
        conversation.last_inbound_at = message.created_at
        out = self._run(turn)
        message.status = "processed"
        if conversation.citizen is not None and lang != conversation.citizen.lang:
            conversation.citizen.lang = lang
        return out

    def fire(self, conversation: Conversation, event: Event, **data: Any) -> list[Outbound]:
        """An event from an officer or a deadline (officer reply, close, inactivity)."""
        return self._run(Turn(conversation, event, data=data))

    # ---- the loop -------------------------------------------------------------------------------
    def _run(self, turn: Turn) -> list[Outbound]:
        conversation = turn.conversation
        for _ in range(MAX_REDISPATCH + 1):
            self._step(turn)
            if turn.redispatch is None:
                break
            turn.text, turn.redispatch = turn.redispatch, None
            turn.cache = {"ctx": turn.ctx}
            self._hear(turn)
        if turn.choices is not None:
            turn.choices = _choices.offer(turn.ctx, conversation.id, turn.choices, conversation.lang)
        elif turn.replies:
            _choices.withdraw(turn.ctx)
        conversation.context = turn.ctx.dump()
        self._move_deadlines(turn)
        return self._outbounds(turn)

    def _hear(self, turn: Turn) -> None:
        """Read the citizen's words once, in the context of what the bot last asked."""
        state = State(turn.conversation.state)
        turn.reading = nlu.read(turn.text, nlu.context_for(state), lang=turn.conversation.lang)
        turn.event = event_for(turn.text, turn.reading, state, turn.ctx.asking)

    def _step(self, turn: Turn) -> None:
        state = State(turn.conversation.state)
        for row in candidates(state, turn.event):
            if all(getattr(self, f"g_{guard}")(turn) for guard in row.guards):
                for action in row.actions:
                    getattr(self, f"a_{action}")(turn)
                self._enter(turn, state, row.dest)
                log.debug("conversation %s: row %d: %s --%s--> %s", turn.conversation.id, TABLE.index(row),
                          state.value, turn.event.value, turn.conversation.state)
                return
        raise IllegalTransition(f"{state.value} on {turn.event.value}")

    def _enter(self, turn: Turn, source: State, dest) -> None:
        if dest == SAME:
            return
        if dest == RETURN:
            dest = State(turn.ctx.come_back(State.READY.value))
        turn.conversation.state = State(dest).value
        if dest == State.CLOSED:
            turn.conversation.ended_at = self.now

    def _move_deadlines(self, turn: Turn) -> None:
        """Inactivity runs while the citizen owes an answer (:func:`bot.states.office_owes`), and not after a
        close for silence: then nothing more is sent until the citizen writes."""
        conversation, now = turn.conversation, self.now
        conversation.last_activity_at = now
        ticket = self.open_consultation_of(turn)
        quiet = turn.event == Event.INACTIVITY_CLOSE or office_owes(
            State(conversation.state), citizen_wrote_last=turn.message is not None,
            first_reply_pending=ticket is not None and ticket.first_response_at is None)
        if quiet:
            conversation.remind_at = conversation.close_at = None
        else:
            conversation.remind_at = now + self.settings.inactivity_reminder_after
            conversation.close_at = now + self.settings.inactivity_close_after
        conversation.reminded_at = None

    def _outbounds(self, turn: Turn) -> list[Outbound]:
        out = []
        if turn.replies:
            identity = turn.identity
            out.append(Outbound(channel=identity.channel, address=identity.address, text="\n\n".join(turn.replies),
                                conversation_id=turn.conversation.id,
                                consultation_id=turn.cache.get("consultation_id"), choices=turn.choices,
                                meta={"template": turn.template} if turn.template else {}))
        return out + turn.extra

    # ---- helpers shared by actions and guards ---------------------------------------------------
    @property
    def now(self) -> dt.datetime:
        return clock.now()

    def say(self, turn: Turn, key: str, choices: Optional[_choices.ChoiceSet] = None, **values: Any) -> None:
        """Say the text ``key``; a prompt offers its choices (given, or named for it in ``bot.choices.PROMPTS``)."""
        turn.replies.append(self.t(turn, key, **values))
        if choices is None and key in _choices.PROMPTS:
            choices = _choices.named(_choices.PROMPTS[key], lambda k: self.t(turn, k))
        if choices is not None:
            turn.choices = choices

    def _chosen(self, turn: Turn, message: Message):
        """A tap or a typed number/label under the live offer becomes the words it stands for (``turn.text``).

        Returns None for ordinary words, True for a choice, False for a tap on an earlier prompt's button."""
        tap = (message.meta or {}).get("tap")
        reply = (_choices.tapped(turn.ctx, turn.conversation.id, tap) if tap is not None
                 else _choices.typed(turn.ctx, turn.text))
        if reply is not None:
            turn.text = reply
            return True
        if tap is not None:
            turn.text = ""  # the button's label is no message of its own
            return False
        return None

    def t(self, turn: Turn, key: str, **values: Any) -> str:
        return _text(turn.conversation.lang, key, **values)

    def citizen(self, turn: Turn) -> Optional[Citizen]:
        return turn.conversation.citizen

    def open_consultation_of(self, turn: Turn) -> Optional[Consultation]:
        """The newest open ticket of this conversation (the one a citizen's message belongs to)."""
        if "open" not in turn.cache:
            turn.cache["open"] = self.session.scalar(
                select(Consultation).where(Consultation.conversation_id == turn.conversation.id,
                                           Consultation.status.in_(OPEN_STATUSES))
                .order_by(Consultation.id.desc()).limit(1))
        return turn.cache["open"]

    def _start_lang(self, conversation: Conversation) -> str:
        """The language a message is read against: a new conversation starts in the citizen's language, or, for
        an unregistered address, in that of its last conversation ("hi" is no reason to switch)."""
        known = conversation.citizen
        if known is not None and conversation.state == State.NEW.value:
            return known.lang
        if known is None and conversation.last_inbound_at is None:
            earlier = self.session.scalar(select(Conversation.lang).where(
                Conversation.identity_id == conversation.identity_id, Conversation.id < conversation.id)
                .order_by(Conversation.id.desc()).limit(1))
            return earlier or conversation.lang
        return conversation.lang

    def _link_citizen(self, conversation: Conversation) -> None:
        """A returning citizen is recognised by what the channel proves: the mail sender or the phone."""
        identity = conversation.identity
        if identity.citizen_id is None:
            email = proven_email(identity.channel, identity.address)
            phone = proven_phone(identity.channel, identity.address)
            clause = Citizen.email == email if email else Citizen.phone == phone
            identity.citizen = self.session.scalar(select(Citizen).where(clause))
            if identity.citizen is not None:  # what this address did before it was known is the citizen's
                self.session.flush()
                personal_data.claim_consents(self.session, identity, identity.citizen)
                self.claim_complaints(identity, identity.citizen.id)
        if conversation.citizen_id is None and identity.citizen is not None:
            conversation.citizen = identity.citizen


check({name[2:] for name in dir(Engine) if name.startswith("g_")},
      {name[2:] for name in dir(Engine) if name.startswith("a_")})

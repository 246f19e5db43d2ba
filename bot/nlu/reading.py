"""The vocabulary of the intent layer: what the bot last asked, what a message means, and the reading."""
from __future__ import annotations

import enum
from dataclasses import dataclass
from typing import Optional

from bot.states import State


class Context(str, enum.Enum):
    """What the bot last asked; the same words mean different things after different questions."""
    NONE = "none"  # menu, ready for a question, or a new conversation
    RESULTS = "results"  # answers listed, "did this help?"
    CLARIFY = "clarify"  # asked for a detail (area, year, purpose)
    NAME = "name"
    EMAIL = "email"
    PHONE = "phone"
    CODE = "code"
    CONSENT = "consent"  # a yes/no offer ("shall I open a complaint?")
    RATING = "rating"
    COMMENT = "comment"  # free text expected (a comment, a complaint's words)
    WAITING = "waiting"  # consultation open, no officer reply yet
    HANDOFF = "handoff"  # an officer is talking


class Intent(str, enum.Enum):
    GREETING = "greeting"
    THANKS_GOODBYE = "thanks_goodbye"
    YES = "yes"
    NO = "no"
    NO_WITH_CORRECTION = "no_with_correction"  # correction: what they meant instead
    NEVER_MIND = "never_mind"
    COMPLAINT = "complaint"
    PICK_ANSWER = "pick_answer"  # number: which listed answer
    QUESTION = "question"  # free text to take as content: a question, a detail, a comment
    NAME = "name"  # value: the tidied name
    EMAIL = "email"  # value: the lower-cased address
    PHONE = "phone"  # value: E.164
    CODE = "code"  # value: the six digits
    NO_CODE_YET = "no_code_yet"
    NO_EMAIL = "no_email"
    RATING = "rating"  # number: 1-4; comment: the words around it, if any
    OUT_OF_SCOPE = "out_of_scope"  # value: the pointer key (bmkg, kpu, dukcapil, samsat, bpjs, polri) or None
    HELP = "help"
    STATUS = "status"
    CANCEL = "cancel"


# The slots each intent needs before it can be the reading; without them the next likeliest intent is taken.
NEEDS_NUMBER = {Intent.PICK_ANSWER, Intent.RATING}
NEEDS_VALUE = {Intent.NAME, Intent.EMAIL, Intent.PHONE, Intent.CODE}


@dataclass(frozen=True)
class Reading:
    """What one message means in its context, with the values it carries and the language to answer in."""
    intent: Intent
    lang: str
    value: Optional[str] = None  # name, e-mail, phone, code, correction text or out-of-scope pointer key
    number: Optional[int] = None  # the answer picked or the rating's score
    comment: Optional[str] = None  # the words that came with a rating ("4, mantap" -> "mantap")
    confidence: float = 1.0  # the classifier's probability; 1.0 when a pattern rule decided


_STATE_CONTEXT = {
    State.ASK_NAME: Context.NAME, State.ASK_EMAIL: Context.EMAIL, State.ASK_CODE: Context.CODE,
    State.ASK_PHONE: Context.PHONE, State.RESULTS: Context.RESULTS, State.CLARIFY: Context.CLARIFY,
    State.CONFIRM_REQUEST: Context.RESULTS,  # a yes, a no or a correction, as after the answers
    State.WAITING: Context.WAITING, State.HANDOFF: Context.HANDOFF, State.RATING: Context.RATING,
    State.COMMENT: Context.COMMENT, State.OFFER_COMPLAINT: Context.CONSENT, State.COMPLAINT: Context.COMMENT,
    State.WHICH_TICKET: Context.CONSENT,
}


def context_for(state: State) -> Context:
    """The context of a conversation state (new, ready and closed conversations read as NONE)."""
    return _STATE_CONTEXT.get(State(state), Context.NONE)

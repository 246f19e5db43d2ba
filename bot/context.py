"""What a conversation remembers between two messages, as one typed value.

The engine loads it from ``conversations.context`` (JSON) when a turn starts and stores it back when the
turn ends. Fields are grouped by the stage that owns them, and each stage forgets its own fields through a
named operation, so no action clears keys by hand and a new field cannot be forgotten in one place and kept
in another. Only fields that differ from their defaults are stored, which keeps the row small and keeps
a nonce out of the row once registration no longer needs it.
"""
from __future__ import annotations

import dataclasses
import logging
from typing import Any, Optional

log = logging.getLogger(__name__)


@dataclasses.dataclass
class Context:
    # registration: cleared when it ends or is cancelled
    name: Optional[str] = None  # the name given, until the citizen row exists
    email: Optional[str] = None  # the address a code was mailed to
    nonce: Optional[str] = None  # the code is derived from it (bot.verification); the code is never kept
    code_expires: float = 0.0  # epoch seconds
    typo_typed: Optional[str] = None  # an address with a mistyped common domain (gmail.con) ...
    typo_suggested: Optional[str] = None  # ... and the one we asked "did you mean …?" about
    letter: dict[str, str] = dataclasses.field(default_factory=dict)  # name/phone/purpose a mail's signature gave
    # search: the answers offered and the question they answer
    answers: list[str] = dataclasses.field(default_factory=list)
    question: Optional[str] = None
    # the request being clarified into a ticket
    request: Optional[dict[str, Any]] = None
    asking: Optional[str] = None  # the detail last asked for
    request_started: Optional[float] = None  # epoch seconds: the ticket's opened_at
    # an open ticket
    acked_at: float = 0.0  # last "your message reached the ticket"
    officer_at: float = 0.0  # last officer reply
    handoff_acked: bool = False  # the one acknowledgement of a quiet hand-off was given
    kept_question: Optional[str] = None  # written while we asked something else; handled after it
    kept_message: Optional[int] = None
    # rating the closed ticket
    rating_for: Optional[int] = None  # consultation id
    score: Optional[int] = None
    # a detour (a complaint, an erase confirmation): the state to go back to
    return_state: Optional[str] = None
    # the choices last offered, owned by bot.choices (its counter outlives a reset: old taps stay stale)
    offer: dict[str, Any] = dataclasses.field(default_factory=dict)

    # ---- storage
    @classmethod
    def load(cls, stored: Optional[dict[str, Any]]) -> "Context":
        """From the stored JSON; keys this version does not know (an older release's) are dropped."""
        names = {f.name for f in dataclasses.fields(cls)}
        unknown = set(stored or {}) - names
        if unknown:
            log.debug("context: dropping unknown keys %s", sorted(unknown))
        return cls(**{k: v for k, v in (stored or {}).items() if k in names})

    def dump(self) -> dict[str, Any]:
        """Only what differs from the defaults."""
        blank = Context()
        return {f.name: getattr(self, f.name) for f in dataclasses.fields(self)
                if getattr(self, f.name) != getattr(blank, f.name)}

    def reset(self) -> None:
        """Forget everything (registration cancelled, consent refused, data erased)."""
        offers = self.offer.get("n", 0)
        for f in dataclasses.fields(self):
            setattr(self, f.name, getattr(Context(), f.name))
        if offers:
            self.offer = {"n": offers, "ids": []}

    # ---- registration
    def add_letter(self, letter: dict[str, str]) -> None:
        """What a mail's signature says; the first statement stands."""
        self.letter = {**letter, **self.letter}

    def code_sent(self, email: str, nonce: str, expires: float) -> None:
        self.email, self.nonce, self.code_expires = email, nonce, expires

    def code_live(self, now: float) -> bool:
        return now <= self.code_expires

    def forget_code(self) -> None:
        self.nonce, self.code_expires = None, 0.0

    def registered(self) -> None:
        self.forget_code()
        self.forget_typo()
        self.email = None

    def question_address(self, typed: Optional[str], suggested: str) -> None:
        self.typo_typed, self.typo_suggested = typed, suggested

    def forget_typo(self) -> None:
        self.typo_typed = self.typo_suggested = None

    # ---- search and request
    def answers_shown(self, answers: list[str], question: str) -> None:
        self.answers, self.question = answers, question

    def forget_answers(self) -> None:
        self.answers, self.question = [], None

    def start_request(self, request: dict[str, Any], now: float) -> None:
        self.answers = []
        self.request, self.request_started, self.asking = request, now, None

    def take_request(self) -> tuple[dict[str, Any], Optional[float]]:
        """The clarified request, handed over to the ticket it becomes."""
        request, started = self.request or {}, self.request_started
        self.request = self.request_started = self.asking = self.question = None
        return request, started

    def forget_request(self) -> None:
        self.request = self.request_started = self.asking = None

    def clear(self) -> None:
        """Back to the menu: no answers, request, detour or rating pending."""
        self.forget_answers()
        self.forget_request()
        self.return_state = None
        self.rating_done()

    # ---- an open ticket
    def officer_spoke(self, now: float) -> None:
        self.officer_at, self.handoff_acked = now, False

    def keep_question(self, text: str, message_id: Optional[int]) -> None:
        self.kept_question, self.kept_message = text, message_id

    def take_kept_question(self) -> tuple[Optional[str], Optional[int]]:
        kept = self.kept_question, self.kept_message
        self.kept_question = self.kept_message = None
        return kept

    def ticket_closed(self, consultation_id: int) -> None:
        """The ticket is over: its rating comes next; what belonged to it goes."""
        self.rating_for = consultation_id
        self.acked_at = 0.0
        self.forget_request()
        self.answers = []

    # ---- rating and detours
    def rating_done(self) -> None:
        self.rating_for = self.score = None

    def detour(self, state: str) -> None:
        self.return_state = state

    def come_back(self, default: str) -> str:
        """The state the detour returns to, forgetting it."""
        back, self.return_state = self.return_state or default, None
        return back

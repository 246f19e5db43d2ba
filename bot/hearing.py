"""From what a message means (a :class:`bot.nlu.Reading`) to the event the conversation table acts on.

The typed commands of :mod:`bot.intent` (MENU, BATAL, SELESAI, LEWATI …) keep their meaning everywhere: the
menu and the help promise them. Everything else is the intent layer's reading in the state's context. The
registration steps keep the keyword events they are written for (their guards validate the words).
"""
from __future__ import annotations

from bot import intent, names
from bot.nlu import Intent, Reading
from bot.states import REGISTERING, Event, State

COMMANDS = frozenset({Event.MENU, Event.HELP, Event.STATUS, Event.CANCEL, Event.COMPLAINT, Event.DONE,
                      Event.RESEND, Event.SKIP, Event.MY_DATA, Event.ERASE})
# Steps whose guards read the typed words themselves: registration, the privacy notice, erasure's confirmation.
_TYPED = REGISTERING + (State.NEW, State.CLOSED, State.ASK_CONSENT, State.CONFIRM_ERASE)
# A complaint in free words stays TEXT here: the complaint rows' guard (bot.actions.complaints) weighs the
# reading and files what it says; only a typed PENGADUAN is the COMPLAINT event.
BY_INTENT = {
    Intent.GREETING: Event.GREETING, Intent.THANKS_GOODBYE: Event.THANKS, Intent.YES: Event.YES,
    Intent.NO: Event.NO, Intent.NO_WITH_CORRECTION: Event.CORRECTION, Intent.NEVER_MIND: Event.NEVER_MIND,
    Intent.PICK_ANSWER: Event.PICK, Intent.OUT_OF_SCOPE: Event.OUT_OF_SCOPE,
    Intent.HELP: Event.HELP, Intent.STATUS: Event.STATUS, Intent.CANCEL: Event.CANCEL,
}
# Commands read from free words, not typed: acted on only when the classifier is this sure of them, since
# a wrong CANCEL drops a ticket and a wrong COMPLAINT starts a detour.
SURE = 0.6
# Elsewhere a yes or no this unsure is left to the typed words (a bare "ya" is read by them).
SURE_ANSWER = 0.5
# A yes/no offer reads nearly anything as yes ("hmm" 0.79): there only a sure reading outweighs the typed words.
SURE_CONSENT = 0.9
_CONSENT = (State.OFFER_COMPLAINT, State.WHICH_TICKET)
_FREE_TEXT = (State.COMMENT, State.COMPLAINT)  # whatever is written here is the content asked for
_NEVER_MIND_IN = {State.COMMENT: Event.SKIP, State.COMPLAINT: Event.CANCEL, State.RATING: Event.SKIP,
                  State.OFFER_COMPLAINT: Event.NO}
# Asked for a detail (area, year, purpose), these readings are the detail itself.
_DETAIL = (Event.CORRECTION, Event.PICK, Event.COMPLAINT)


def event_for(text: str, reading: Reading, state: State, asking: str | None = None) -> Event:
    """The table's event for ``text``, read as ``reading`` in ``state`` (``asking``: the detail asked)."""
    typed = intent.classify(text)
    if state is not State.CONFIRM_ERASE and (typed is Event.ERASE or intent.asks_erasure(text)):
        return Event.ERASE  # asks for a typed confirmation, so a wrong reading costs nothing (never CANCEL)
    if state not in _TYPED and names.rename_in(text) is not None:
        return Event.RENAME  # UBAH NAMA <name>: while registering, a correction of the name instead
    if state in _TYPED or typed in COMMANDS or not intent.has_words(text):
        return typed
    if reading.intent is Intent.NEVER_MIND and state in _NEVER_MIND_IN:
        return _NEVER_MIND_IN[state]
    if state in _FREE_TEXT:
        return typed
    event = BY_INTENT.get(reading.intent, Event.TEXT)
    if state in _CONSENT and event in (Event.YES, Event.NO) and reading.confidence < SURE_CONSENT:
        return typed
    if event in (Event.YES, Event.NO) and reading.confidence < SURE_ANSWER:
        return typed  # "alamat kantor bps llg dmn ya": a question ending in a particle, not a yes
    if event in (Event.HELP, Event.STATUS, Event.CANCEL, Event.COMPLAINT) and reading.confidence < SURE:
        return Event.TEXT
    if state is State.HANDOFF and event in (Event.STATUS, Event.HELP):
        return Event.TEXT  # "masih lama ya pak?" in a chat with an officer is for the officer, not the bot
    if state is State.CLARIFY and (event in _DETAIL or event is Event.OUT_OF_SCOPE and asking != "data"):
        return Event.TEXT
    if state is State.CONFIRM_REQUEST and event in (Event.CORRECTION, Event.PICK, Event.OUT_OF_SCOPE):
        return Event.TEXT  # "bukan, wilayahnya Lubuklinggau Timur": the correction's guard reads it
    if state is State.RATING and event in (Event.OUT_OF_SCOPE, Event.CORRECTION):
        return Event.TEXT  # a question after the close: kept until the rating is given or skipped
    if event is Event.CORRECTION and not reading.value:
        return Event.NO
    return event

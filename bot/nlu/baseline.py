"""Today's keyword rules (bot/intent.py) read onto the intent layer's intents, to measure both in one run.

The mapping follows what the engine does with each event in each state, as generously as the rules allow:
an event keyword maps to its intent (MENU to help, DONE to thanks_goodbye, RESEND to no_code_yet, SKIP to no);
plain text becomes the registration answer the state's validator accepts (name, e-mail, phone), after "enter
the code" any reply but a command a code (a wrong one if it is not six digits), the list number after results,
the score after "rate us", "no" for "tidak tahu"/"-" where a detail or comment is asked, a greeting (or thanks,
when the words thank) for courtesy-only messages, and a question otherwise. The rules
have no never_mind, no_with_correction, no_email or out_of_scope: those messages come out as something else.
"""
from __future__ import annotations

from bot import intent as keywords
from bot.nlu.reading import Context, Intent, Reading
from bot.states import Event

_EVENTS = {
    Event.YES: Intent.YES, Event.NO: Intent.NO, Event.HELP: Intent.HELP, Event.MENU: Intent.HELP,
    Event.STATUS: Intent.STATUS, Event.CANCEL: Intent.CANCEL, Event.COMPLAINT: Intent.COMPLAINT,
    Event.DONE: Intent.THANKS_GOODBYE, Event.RESEND: Intent.NO_CODE_YET, Event.SKIP: Intent.NO,
}
_THANKS = ("terima kasih", "makasih", "thank", "trims", "thanks")


def read(text: str, context: Context = Context.NONE, lang: str = "id") -> Reading:
    """The intent today's rules give ``text`` after ``context``, with the value its validator extracts."""
    context, lang = Context(context), keywords.detect_lang(text, lang)
    event = keywords.classify(text)
    if context is Context.CODE and event in (Event.YES, Event.NO, Event.SKIP):
        event = Event.TEXT  # ASK_CODE checks these as codes too ("belum masuk kodenya" is a wrong code)
    if event is not Event.TEXT:
        return Reading(_EVENTS[event], lang)
    slot = _slot(text, context)
    if slot is not None:
        return Reading(slot[0], lang, **slot[1])
    if context in (Context.CLARIFY, Context.COMMENT) and keywords.leaves_open(text):
        return Reading(Intent.NO, lang)
    if keywords.is_greeting(text):
        thanks = any(word in keywords.normalize(text) for word in _THANKS)
        return Reading(Intent.THANKS_GOODBYE if thanks else Intent.GREETING, lang)
    return Reading(Intent.QUESTION, lang)


def _slot(text: str, context: Context):
    """The registration answer, list number or score the state's validator accepts, as (intent, fields)."""
    if context is Context.NAME and keywords.clean_name(text):
        return Intent.NAME, {"value": keywords.clean_name(text)}
    if context in (Context.EMAIL, Context.CODE) and keywords.clean_email(text):
        return Intent.EMAIL, {"value": keywords.clean_email(text)}
    if context is Context.PHONE and keywords.clean_phone(text):
        return Intent.PHONE, {"value": keywords.clean_phone(text)}
    if context is Context.CODE:  # every other text in ASK_CODE is checked as a code (and counts as a wrong one)
        return Intent.CODE, {"value": keywords.code_digits(text)}
    if context is Context.RESULTS and keywords.number(text) is not None:
        return Intent.PICK_ANSWER, {"number": keywords.number(text)}
    if context is Context.RATING and keywords.score(text, top=4) is not None:
        return Intent.RATING, {"number": keywords.score(text, top=4)}
    return None

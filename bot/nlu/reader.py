"""``read(text, context, lang) -> Reading``: pattern rules for what has a shape, the classifier for the rest.

Rules decide first where a message's shape settles it (an address, a code after "enter the code", a phone
number, a bare list number after results, a score after "rate us"). Otherwise the classifier ranks the intents
and the likeliest one whose slot can be filled wins: a pick needs a number, a rating a score 1-4, a name a name.
"""
from __future__ import annotations

import re
from dataclasses import replace
from typing import Optional

from bot.nlu import slots
from bot.nlu.lang import language
from bot.nlu.reading import NEEDS_NUMBER, NEEDS_VALUE, Context, Intent, Reading


MAX_CHARS = 1000  # a message's intent shows in its opening; the rest of a long mail is content, not intent
# Intents that answer one question only: a list number after the results, a score after "rate us", a code.
_ONLY_AFTER = {Intent.PICK_ANSWER: {Context.RESULTS}, Intent.RATING: {Context.RATING, Context.COMMENT},
               Intent.CODE: {Context.CODE}}


def read(text: str, context: Context = Context.NONE, lang: str = "id", classifier=None) -> Reading:
    """What ``text`` means after the bot asked ``context``; ``lang`` is the conversation's language so far.

    ``classifier`` is for evaluation (a model trained on part of the corpus); QUESTION needs no slot, so the
    ranking always yields a reading."""
    from bot.nlu import model  # scikit-learn loads on first use, not when the app starts

    context, text = Context(context), (text or "")[:MAX_CHARS]
    if not text.strip():  # nothing to read: the engine's own checks answer an empty message
        return Reading(Intent.QUESTION, lang, confidence=0.0)
    reading = _rule(text, context, lang) or _classified(text, context, lang, classifier or model.default())
    return replace(reading, lang=language(without_slot(text, reading), lang))


def _classified(text: str, context: Context, lang: str, classifier) -> Reading:
    """The likeliest intent that fits the context and whose slots the message fills."""
    for intent, score in classifier.rank(text, context):
        if context in _ONLY_AFTER.get(intent, {context}):
            reading = _fill(intent, text, lang, score)
            if reading is not None:
                return reading
    raise AssertionError("QUESTION fits every context and needs no slot")


def without_slot(text: str, reading: Reading) -> str:
    """The words around a name, address or number: "Budi" or "0812…" alone say nothing about the language."""
    if reading.intent is Intent.NAME and reading.value:
        text = re.sub(r"\s+".join(map(re.escape, reading.value.split())), " ", text, flags=re.I)
    return re.sub(r"[\d+]+", " ", slots.EMAIL.sub(" ", text))


def _rule(text: str, context: Context, lang: str) -> Optional[Reading]:
    """The readings a message's shape settles without the classifier."""
    address = slots.email(text)
    if address:
        return Reading(Intent.EMAIL, lang, value=address)
    if context is Context.CODE and slots.code(text):
        return Reading(Intent.CODE, lang, value=slots.code(text))
    number = slots.phone(text)
    if number and context is not Context.CODE:
        return Reading(Intent.PHONE, lang, value=number)
    if context is Context.RESULTS and slots.bare_pick(text) is not None:
        return Reading(Intent.PICK_ANSWER, lang, number=slots.bare_pick(text))
    if context is Context.RATING:
        score, comment = slots.rating(text)
        if score is not None:
            return Reading(Intent.RATING, lang, number=score, comment=comment)
    return None


def _fill(intent: Intent, text: str, lang: str, score: float) -> Optional[Reading]:
    """The reading for ``intent`` with its slots, or None when the message lacks a slot the intent needs."""
    fields: dict = {}
    if intent is Intent.PICK_ANSWER:
        fields["number"] = slots.pick(text)
    elif intent is Intent.RATING:
        fields["number"], fields["comment"] = slots.rating(text)
    elif intent in NEEDS_VALUE:
        fields["value"] = {Intent.NAME: slots.name, Intent.EMAIL: slots.email, Intent.PHONE: slots.phone,
                           Intent.CODE: slots.code}[intent](text)
    elif intent is Intent.NO_WITH_CORRECTION:
        fields["value"] = slots.correction(text)
        if fields["value"] is None:  # "bukan itu" and nothing after it is a plain no
            return Reading(Intent.NO, lang, confidence=score)
    elif intent is Intent.OUT_OF_SCOPE:
        fields["value"] = slots.pointer(text)
    if intent in NEEDS_NUMBER and fields.get("number") is None or intent in NEEDS_VALUE and not fields.get("value"):
        return None
    return Reading(intent, lang, confidence=score, **fields)

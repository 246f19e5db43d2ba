"""Choices: the answers a prompt offers, for a citizen to tap (WhatsApp) or pick by number or word (any channel).

The engine declares a named choice set where it says a prompt (``self.say(turn, key, choices="yes_no")``); the
outbound message carries the set, and each channel renders it (WhatsApp buttons or a list, a numbered list in a
mail, ``[1] Ya  [2] Tidak`` in the terminal). What a choice stands for is ``reply``: the words a citizen would
type, so a tap goes through exactly the rows typed words go through and typed answers keep working.

A tap comes back with its payload ``<conversation>.<offer>.<choice id>``; the conversation context keeps the
last offer (``Context.offer``), so a tap on an older message's button is recognised as stale, never acted on.
Adding a choice set is one line in :data:`SETS`.
"""
from __future__ import annotations

import dataclasses
import re
from typing import Any, Callable, Optional

from bot import intent
from bot.context import Context

# The live offer, kept in Context.offer: {"n": offers so far, "set": name, "ids": [...], "replies": [...],
# "labels": [...], "numbered": bool}; "n" survives everything, so an old payload never matches a new offer.


@dataclasses.dataclass(frozen=True)
class Choice:
    id: str  # stable within its set; part of the tap's payload
    label: str  # what the button or row shows
    description: Optional[str] = None  # a list row's second line
    reply: str = ""  # the words the choice stands for, as a citizen would type them

    def __post_init__(self):
        if not self.reply:
            object.__setattr__(self, "reply", self.label)


@dataclasses.dataclass(frozen=True)
class ChoiceSet:
    """The choices one prompt offers; ``fixed`` when the labels never vary (they live in the WhatsApp definition)."""

    name: str
    choices: tuple[Choice, ...]
    numbered: bool = True  # "1" picks the first; False where a number means something else (RESULTS)
    fixed: bool = True
    key: str = ""  # the payload prefix of this offer (``<conversation>.<n>.``), set when it is offered
    lang: str = "id"

    def to_meta(self) -> dict[str, Any]:
        """What the outbox row keeps (``meta["choices"]``) for the channel that renders it."""
        return {"set": self.name, "key": self.key, "lang": self.lang, "numbered": self.numbered,
                "fixed": self.fixed, "items": [[c.id, c.label, c.description or ""] for c in self.choices]}


# One line per set: choice id, label text key, reply text key ("" = the label; digits are literal), description
# text key. Every key is in bot/texts/id.py and en.py.
SETS: dict[str, tuple[bool, tuple[tuple[str, str, str, str], ...]]] = {
    "yes_no": (True, (("yes", "choice_yes", "", ""), ("no", "choice_no", "", ""))),
    "helped": (False, (("yes", "choice_yes", "", ""), ("no", "choice_no", "", ""))),  # in RESULTS "1" is answer 1
    "consent": (True, (("agree", "choice_agree", "", ""), ("refuse", "choice_refuse", "choice_no", ""))),
    "which_ticket": (True, (("same", "choice_same_ticket", "choice_yes", ""),
                            ("new", "choice_new_question", "choice_new", ""))),
    "rating": (True, tuple((str(n), f"choice_rating_{n}", str(n), "") for n in range(1, 5))),  # the score itself
    "comment": (False, (("skip", "choice_skip", "", ""),)),  # a comment may be a figure
    # a bare number in the menu is no command: it asks for the question, as before
    "menu": (False, (("status", "choice_status", "", "choice_status_about"),
                    ("complaint", "choice_complaint", "", "choice_complaint_about"),
                    ("help", "choice_help", "", "choice_help_about"),
                    ("done", "choice_done", "", "choice_done_about"))),
    # numbers go to the officer while a ticket is open ("2" may answer "how many copies?"), never to DONE/CANCEL
    # the request summary: send it as it is, change something, or drop it
    "confirm_request": (True, (("confirm", "choice_send_request", "choice_yes", ""),
                               ("correct", "choice_change", "choice_no", ""),
                               ("cancel", "choice_drop_request", "choice_cancel", ""))),
    "ticket_menu": (False, (("done", "choice_done", "", ""), ("cancel", "choice_cancel_ticket", "choice_cancel", ""))),
}
# The set each prompt offers whenever it is said (``Engine.say``); a new prompt with choices is one line here.
PROMPTS = {
    "consent_question": "consent", "menu": "menu", "menu_ticket": "ticket_menu", "article_tail": "helped",
    "ask_rating": "rating", "question_kept": "rating", "bad_rating": "rating", "ask_comment": "comment",
    "offer_complaint": "yes_no", "ask_which_ticket": "which_ticket", "request_summary": "confirm_request",
}
ANSWERS = "answers"  # built from the answers found (titles vary): see :func:`answers`


def named(name: str, t: Callable[..., str]) -> ChoiceSet:
    """The set ``name`` in the language of ``t`` (a text lookup)."""
    numbered, rows = SETS[name]
    return ChoiceSet(name, tuple(Choice(cid, t(label), t(about) if about else None,
                                        reply if reply.isdigit() else t(reply) if reply else "")
                                 for cid, label, reply, about in rows), numbered)


def answers(titles: list[str], summaries: list[str], t: Callable[..., str]) -> ChoiceSet:
    """The answers shown, by number (the number picks it, as typed), and "none of these"."""
    found = tuple(Choice(str(n), title, summary, str(n)) for n, (title, summary) in
                  enumerate(zip(titles, summaries), 1))
    return ChoiceSet(ANSWERS, found + (Choice("none", t("choice_none_fits"), reply=t("choice_no")),), fixed=False)


# ---- the offer kept in the conversation, and what comes back ---------------------------------
def offer(ctx: Context, conversation_id: int, chosen: ChoiceSet, lang: str) -> ChoiceSet:
    """Remember ``chosen`` as the live offer; returns it with the payload prefix its buttons carry."""
    n = ctx.offer.get("n", 0) + 1
    ctx.offer = {"n": n, "set": chosen.name, "ids": [c.id for c in chosen.choices],
                  "replies": [c.reply for c in chosen.choices], "labels": [c.label for c in chosen.choices],
                  "numbered": chosen.numbered}
    return dataclasses.replace(chosen, key=f"{conversation_id}.{n}.", lang=lang)


def withdraw(ctx: Context) -> None:
    """The conversation moved on without a new offer: the last buttons are stale (the count stays)."""
    if ctx.offer.get("ids"):
        ctx.offer = {"n": ctx.offer["n"], "ids": []}


def tapped(ctx: Context, conversation_id: int, payload: str) -> Optional[str]:
    """The reply a tap stands for, or None when the button belongs to an earlier prompt (or another chat)."""
    live = ctx.offer
    prefix = f"{conversation_id}.{live.get('n')}."
    if not payload.startswith(prefix):
        return None
    choice_id = payload[len(prefix):]
    ids = live.get("ids") or []
    return live["replies"][ids.index(choice_id)] if choice_id in ids else None


_NUMBER = re.compile(r"^\s*\[?\s*(\d{1,2})\s*\]?\s*\.?\s*$")


def typed(ctx: Context, text: str) -> Optional[str]:
    """The reply a typed "2" or a typed label stands for, under the live offer; None if it is none of them."""
    live = ctx.offer
    replies = live.get("replies") or []
    if not live.get("ids"):
        return None
    match = _NUMBER.match(text)
    if match and live.get("numbered"):
        n = int(match.group(1))
        return replies[n - 1] if 1 <= n <= len(replies) else None
    said = intent.normalize(text)
    for label, reply in zip(live.get("labels") or [], replies):
        if said and said == intent.normalize(label):
            return reply
    return None


# ---- rendering as text (e-mail, terminal, WhatsApp fallback) ---------------------------------
def items(meta: Optional[dict]) -> list[tuple[str, str, str]]:
    return [tuple(item) for item in (meta or {}).get("items", [])]


def as_line(meta: Optional[dict]) -> str:
    """``[1] Ya  [2] Tidak`` (``[Ya]  [Tidak]`` where numbers mean something else)."""
    numbered = (meta or {}).get("numbered", True)
    return "  ".join(f"[{n}] {label}" if numbered else f"[{label}]"
                     for n, (_, label, _) in enumerate(items(meta), 1))


def as_list(meta: Optional[dict]) -> str:
    """A short numbered list under the words to reply (e-mail, and WhatsApp when buttons are refused)."""
    if not items(meta):
        return ""
    from bot.texts import text

    numbered = meta.get("numbered", True)
    heading = text(meta.get("lang", "id"), "choices_reply" if numbered else "choices_reply_words")
    lines = [f"{n}. {label}" if numbered else f"• {label}" for n, (_, label, _) in enumerate(items(meta), 1)]
    return heading + "\n" + "\n".join(lines)

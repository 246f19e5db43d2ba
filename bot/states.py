"""The conversation state machine, as one table.

Each row reads: in ``source`` state, on ``event``, if every ``guard`` holds, run ``actions`` and go to
``dest``. Rows are tried top to bottom; the first whose guards hold wins. ``ANY`` as a source matches
every state, ``TEXTUAL`` as an event matches any non-command message, and ``SAME`` as a destination
keeps the state. Every state has a catch-all row, so no message is ever left without an answer, and a prompt (what
the bot asks again in it); :func:`check` proves both when the engine is imported.
"""
from __future__ import annotations

import enum
from typing import NamedTuple


class State(str, enum.Enum):
    NEW = "new"
    ASK_CONSENT = "ask_consent"  # privacy notice shown, waiting for the citizen's agreement
    ASK_NAME = "ask_name"
    ASK_EMAIL = "ask_email"
    ASK_CODE = "ask_code"
    ASK_PHONE = "ask_phone"
    READY = "ready"  # registered, waiting for a question
    RESULTS = "results"  # answers shown, "did this help?"
    CLARIFY = "clarify"  # asking the details the kind of request needs (bot.request)
    CONFIRM_REQUEST = "confirm_request"  # the request summarised; YES opens the ticket, words correct it
    WAITING = "waiting"  # consultation open, no officer reply yet
    HANDOFF = "handoff"  # an officer is talking; the bot keeps quiet
    RATING = "rating"
    COMMENT = "comment"
    OFFER_COMPLAINT = "offer_complaint"
    COMPLAINT = "complaint"
    WHICH_TICKET = "which_ticket"  # a returning citizen's question: for the open ticket, or a new one?
    CLOSED = "closed"  # conversation over; the next message starts a new one
    CONFIRM_ERASE = "confirm_erase"  # HAPUS DATA asked; waiting for the typed confirmation


class Event(str, enum.Enum):
    TEXT = "text"
    YES = "yes"
    NO = "no"
    MENU = "menu"
    HELP = "help"
    STATUS = "status"
    CANCEL = "cancel"
    COMPLAINT = "complaint"
    DONE = "done"
    RESEND = "resend"
    SKIP = "skip"
    MY_DATA = "my_data"  # DATA SAYA: a copy of what is kept, by proven e-mail
    ERASE = "erase"  # HAPUS DATA
    RENAME = "rename"  # UBAH NAMA / GANTI NAMA / CHANGE NAME, after registration
    # What the intent layer (bot.nlu) reads beyond commands and yes/no; see bot.hearing.
    GREETING = "greeting"
    THANKS = "thanks"
    NEVER_MIND = "never_mind"
    OUT_OF_SCOPE = "out_of_scope"
    PICK = "pick"  # a listed answer chosen, in any phrasing ("yang kedua", "no. 1")
    CORRECTION = "correction"  # "no, I meant …": search again with what was meant
    STALE_TAP = "stale_tap"  # a WhatsApp button of an earlier prompt (bot.choices): never acted on
    # Raised by officers and deadlines rather than by the citizen's words.
    OFFICER_REPLY = "officer_reply"
    OFFICER_CLOSE = "officer_close"
    INACTIVITY_CLOSE = "inactivity_close"


class IllegalTransition(RuntimeError):
    """No row of the table accepts this event in this state (the table guarantees it never happens)."""


ANY = "*"
SAME = "="
RETURN = "<"  # back to the state saved when a detour (a complaint) began
TEXTUAL = "textual"
S, E = State, Event
REGISTERING = (S.ASK_NAME, S.ASK_EMAIL, S.ASK_CODE, S.ASK_PHONE)
NAMED = REGISTERING[1:]  # registering, the name already given (and open to correction)
CONSULTING = (S.WAITING, S.HANDOFF)
# Where a complaint in the citizen's own words is heard (in COMPLAINT every text is the complaint; a closed
# conversation reopens first; a comment that complains has its own row).
COMPLAINABLE = tuple(s for s in S if s not in (S.COMPLAINT, S.CLOSED, S.COMMENT))


class Row(NamedTuple):
    source: object
    event: object
    guards: tuple[str, ...]
    dest: object
    actions: tuple[str, ...]


TABLE: tuple[Row, ...] = tuple(Row(*r) for r in (
    # source          event            guards                                dest               actions
    (S.NEW,           ANY,             ("known", "consented"),               S.READY,           ("welcome_back",)),
    (S.NEW,           ANY,             ("known",),                           S.ASK_CONSENT,     ("ask_consent_again",)),
    # the address proved to be a registered citizen's while it was being asked to register (e.g. by mail)
    (REGISTERING + (S.ASK_CONSENT,), ANY, ("known", "consented"),           S.READY,           ("welcome_back",)),
    # a complaint in the citizen's words, any state: filed when it says what happened, else asked for
    (COMPLAINABLE,    TEXTUAL,         ("complains", "complaint_stated"),    RETURN,            ("detour_from_here", "file_complaint")),
    (S.COMMENT,       TEXTUAL,         ("complains", "complaint_stated"),    RETURN,            ("save_comment", "rating_done", "file_complaint")),
    (COMPLAINABLE + (S.COMMENT,), TEXTUAL, ("complains",),                  S.COMPLAINT,       ("detour_from_here", "ask_complaint")),
    (S.NEW,           E.COMPLAINT,     (),                                   S.COMPLAINT,       ("detour_from_here", "ask_complaint")),
    (S.NEW,           E.MY_DATA,       ("consented",),                       S.ASK_NAME,        ("my_data_no_email", "greet")),
    (S.NEW,           E.MY_DATA,       (),                                   S.ASK_CONSENT,     ("my_data_no_email", "ask_consent")),
    (S.NEW,           ANY,             ("consented",),                       S.ASK_NAME,        ("greet",)),
    (S.NEW,           ANY,             (),                                   S.ASK_CONSENT,     ("ask_consent",)),
    (ANY,             E.STALE_TAP,     (),                                   SAME,              ("stale_tap", "reprompt")),
    (CONSULTING,      E.OFFICER_REPLY, (),                                   S.HANDOFF,         ("relay_reply",)),
    (ANY,             E.OFFICER_REPLY, (),                                   SAME,              ("relay_reply",)),
    (ANY,             E.OFFICER_CLOSE, ("rating_not_owed",),                 SAME,              ("closed_again",)),
    (ANY,             E.OFFICER_CLOSE, (),                                   S.RATING,          ("closed_by_officer",)),
    (ANY,             E.INACTIVITY_CLOSE, ("has_open_ticket",),              S.RATING,          ("closed_for_inactivity",)),
    (ANY,             E.INACTIVITY_CLOSE, (),                                S.CLOSED,          ("end_for_inactivity",)),
    # personal data: the citizen's rights hold in every state, consent comes before registration
    (S.CONFIRM_ERASE, ANY,             ("confirms_erase",),                  S.CLOSED,          ("erase_my_data",)),
    (S.CONFIRM_ERASE, ANY,             (),                                   RETURN,            ("erase_cancelled", "resume")),
    (ANY,             E.ERASE,         (),                                   S.CONFIRM_ERASE,   ("remember_state", "ask_erase")),
    (ANY,             E.MY_DATA,       ("has_proven_email",),                SAME,              ("send_my_data", "reprompt")),
    (ANY,             E.MY_DATA,       (),                                   SAME,              ("my_data_no_email", "reprompt")),
    (S.ASK_CONSENT,   ANY,             ("agrees", "known"),                  S.READY,           ("record_consent", "consent_welcome_back")),
    (S.ASK_CONSENT,   ANY,             ("agrees",),                          S.ASK_NAME,        ("record_consent", "reprompt_name")),
    (S.ASK_CONSENT,   ANY,             ("refuses",),                         S.NEW,             ("consent_refused",)),
    (S.ASK_CONSENT,   E.CANCEL,        (),                                   S.NEW,             ("consent_refused",)),
    (S.ASK_CONSENT,   E.HELP,          (),                                   SAME,              ("consent_help", "reprompt")),
    (S.ASK_CONSENT,   ANY,             (),                                   SAME,              ("reprompt",)),
    (ANY,             E.HELP,          ("registering",),                     SAME,              ("help_registration", "reprompt")),
    (S.READY,         E.HELP,          (),                                   SAME,              ("show_help",)),
    (ANY,             E.HELP,          (),                                   SAME,              ("show_help", "reprompt")),
    (ANY,             E.STATUS,        ("registering",),                     SAME,              ("status_unregistered",)),
    (ANY,             E.STATUS,        (),                                   SAME,              ("show_status",)),
    (REGISTERING,     E.MENU,          (),                                   SAME,              ("reprompt",)),
    (CONSULTING,      E.MENU,          (),                                   SAME,              ("show_ticket_menu",)),
    (S.COMPLAINT,     E.MENU,          (),                                   RETURN,            ("resume",)),
    (S.RATING,        E.MENU,          (),                                   S.READY,           ("skip_rating",)),
    (ANY,             E.MENU,          (),                                   S.READY,           ("clear", "show_menu")),
    (REGISTERING,     E.CANCEL,        (),                                   S.NEW,             ("cancel_registration",)),
    (CONSULTING,      E.CANCEL,        (),                                   S.READY,           ("cancel_ticket",)),
    (S.READY,         E.CANCEL,        (),                                   SAME,              ("nothing_to_cancel",)),
    (S.COMPLAINT,     E.CANCEL,        (),                                   RETURN,            ("complaint_cancelled", "resume")),
    (ANY,             E.CANCEL,        (),                                   S.READY,           ("clear", "cancelled")),
    ((S.COMPLAINT, S.OFFER_COMPLAINT), E.COMPLAINT, (),                     S.COMPLAINT,       ("ask_complaint",)),
    (ANY,             E.COMPLAINT,     (),                                   S.COMPLAINT,       ("remember_state", "ask_complaint")),
    (CONSULTING,      E.DONE,          (),                                   S.RATING,          ("closed_by_citizen",)),
    ((S.READY, S.RESULTS), E.DONE,     (),                                   S.CLOSED,          ("goodbye",)),
    (ANY,             E.RENAME,        ("valid_new_name",),                  SAME,              ("rename",)),
    (ANY,             E.RENAME,        (),                                   SAME,              ("how_to_rename",)),
    # registration
    (S.ASK_NAME,      E.YES,           ("has_profile_name", "email_proven"), S.ASK_PHONE,       ("take_profile_name", "ask_phone")),
    (S.ASK_NAME,      E.YES,           ("has_profile_name",),                S.ASK_EMAIL,       ("take_profile_name", "ask_email")),
    (S.ASK_NAME,      TEXTUAL,         ("valid_name", "email_proven"),       S.ASK_PHONE,       ("save_name", "ask_phone")),
    (S.ASK_NAME,      TEXTUAL,         ("valid_name",),                      S.ASK_EMAIL,       ("save_name", "ask_email")),
    (S.ASK_CODE,      TEXTUAL,         ("code_matches",),                    S.READY,           ("register", "after_registration")),
    (NAMED,           TEXTUAL,         ("corrects_name",),                   SAME,              ("correct_name", "reprompt")),
    (S.ASK_EMAIL,     TEXTUAL,         ("valid_email", "email_typo"),        SAME,              ("question_email",)),
    (S.ASK_EMAIL,     TEXTUAL,         ("valid_email", "code_mail_refused"), SAME,              ("refuse_code_mail",)),
    (S.ASK_EMAIL,     TEXTUAL,         ("valid_email",),                     S.ASK_CODE,        ("send_code",)),
    (S.ASK_EMAIL,     TEXTUAL,         ("has_no_email",),                    SAME,              ("no_email",)),
    (S.ASK_CODE,      E.RESEND,        ("has_pending_email", "code_mail_refused"), SAME,        ("refuse_code_mail",)),
    (S.ASK_CODE,      E.RESEND,        ("has_pending_email",),               SAME,              ("send_code",)),
    (S.ASK_CODE,      TEXTUAL,         ("code_not_arrived",),                SAME,              ("code_not_arrived",)),
    (S.ASK_CODE,      TEXTUAL,         ("valid_email", "email_typo"),        S.ASK_EMAIL,       ("question_email",)),
    (S.ASK_CODE,      TEXTUAL,         ("valid_email", "code_mail_refused"), SAME,              ("refuse_code_mail",)),
    (S.ASK_CODE,      TEXTUAL,         ("valid_email",),                     SAME,              ("send_code",)),
    (S.ASK_PHONE,     TEXTUAL,         ("valid_phone",),                     S.READY,           ("register", "after_registration")),
    (S.ASK_PHONE,     TEXTUAL,         ("gave_letter_phone",),               S.READY,           ("register", "after_registration")),
    # a question instead of the answer: kept, answered right after registration
    (REGISTERING,     E.TEXT,          ("is_question",),                     SAME,              ("keep_question", "question_kept_registration", "reprompt")),
    (S.ASK_NAME,      ANY,             (),                                   SAME,              ("bad_name",)),
    (S.ASK_EMAIL,     ANY,             (),                                   SAME,              ("bad_email",)),
    (S.ASK_CODE,      ANY,             ("code_attempts_left",),              SAME,              ("wrong_code",)),
    (S.ASK_CODE,      ANY,             (),                                   S.ASK_EMAIL,       ("code_locked",)),
    (S.ASK_PHONE,     ANY,             (),                                   SAME,              ("bad_phone",)),
    # searching
    (S.RESULTS,       E.PICK,          ("picks_answer",),                    SAME,              ("show_article",)),
    (S.RESULTS,       E.PICK,          (),                                   SAME,              ("reprompt",)),
    ((S.READY, S.RESULTS), E.GREETING, (),                                   S.READY,           ("show_menu",)),
    (S.RESULTS,       E.THANKS,        (),                                   S.READY,           ("helped",)),
    (S.READY,         E.THANKS,        (),                                   SAME,              ("you_are_welcome",)),
    (S.READY,         E.NEVER_MIND,    (),                                   SAME,              ("never_mind",)),
    ((S.RESULTS, S.CLARIFY, S.CONFIRM_REQUEST), E.NEVER_MIND, (),            S.READY,           ("clear", "never_mind")),
    ((S.READY, S.RESULTS, S.CLARIFY), E.OUT_OF_SCOPE, (),                    S.READY,           ("clear", "out_of_scope")),
    ((S.READY, S.RESULTS), E.CORRECTION, ("has_answers",),                   S.RESULTS,         ("show_answers",)),
    ((S.READY, S.RESULTS), E.CORRECTION, ("nothing_to_ask",),                S.CONFIRM_REQUEST, ("not_found", "show_request")),
    ((S.READY, S.RESULTS), E.CORRECTION, (),                                 S.CLARIFY,         ("not_found", "ask_detail")),
    ((S.READY, S.RESULTS), TEXTUAL,    ("is_number",),                       SAME,              ("reprompt",)),
    (S.RESULTS,       E.YES,           (),                                   S.READY,           ("helped",)),
    (S.RESULTS,       E.NO,            ("nothing_to_ask",),                  S.CONFIRM_REQUEST, ("not_helped", "show_request")),
    (S.RESULTS,       E.NO,            (),                                   S.CLARIFY,         ("not_helped", "ask_detail")),
    ((S.READY, S.RESULTS), TEXTUAL,    ("is_greeting",),                     S.READY,           ("show_menu",)),
    ((S.READY, S.RESULTS), TEXTUAL,    ("has_answers",),                     S.RESULTS,         ("show_answers",)),
    ((S.READY, S.RESULTS), E.TEXT,     ("has_words", "statistical", "nothing_to_ask"), S.CONFIRM_REQUEST, ("not_found", "show_request")),
    ((S.READY, S.RESULTS), E.TEXT,     ("has_words", "statistical"),         S.CLARIFY,         ("not_found", "ask_detail")),
    ((S.READY, S.RESULTS), E.TEXT,     ("has_words",),                       S.READY,           ("clear", "not_statistical")),
    (S.READY,         ANY,             (),                                   SAME,              ("show_menu",)),
    (S.RESULTS,       ANY,             (),                                   SAME,              ("reprompt",)),
    # clarification → a confirmed request → consultation (an answer that does not fit is asked once more)
    (S.CLARIFY,       TEXTUAL,         ("gives_answer", "answer_missed"),    SAME,              ("reask_detail",)),
    (S.CLARIFY,       TEXTUAL,         ("gives_answer", "request_complete"), S.CONFIRM_REQUEST, ("save_detail", "show_request")),
    (S.CLARIFY,       TEXTUAL,         ("gives_answer",),                    SAME,              ("save_detail", "ask_detail")),
    (S.CLARIFY,       ANY,             (),                                   SAME,              ("reprompt_detail",)),
    (S.CONFIRM_REQUEST, TEXTUAL,       ("corrects_request",),                SAME,              ("correct_request", "show_request")),
    (S.CONFIRM_REQUEST, E.YES,         (),                                   S.WAITING,         ("open_consultation",)),
    (S.CONFIRM_REQUEST, ANY,           (),                                   SAME,              ("ask_what_to_change",)),  # a bare no
    # hand-off: the citizen's words go to the ticket; knowledge questions are still answered
    (S.WAITING,       E.TEXT,          ("is_question", "has_answers"),       SAME,              ("attach", "answer_while_waiting")),
    (CONSULTING,      E.TEXT,          ("is_question", "returning", "new_topic"),
                                                                             S.WHICH_TICKET,    ("remember_state", "keep_question", "ask_which_ticket")),
    (CONSULTING,      E.OUT_OF_SCOPE,  (),                                   SAME,              ("out_of_scope",)),
    (CONSULTING,      E.NEVER_MIND,    (),                                   SAME,              ("attach", "ticket_stays_open")),
    (S.WAITING,       ANY,             (),                                   SAME,              ("attach", "acknowledge")),
    (S.HANDOFF,       ANY,             (),                                   SAME,              ("attach", "acknowledge_handoff")),
    (S.WHICH_TICKET,  TEXTUAL,         ("says_new",),                        S.READY,           ("new_question",)),
    (S.WHICH_TICKET,  E.YES,           (),                                   RETURN,            ("attach_kept_question",)),
    (S.WHICH_TICKET,  E.NO,            (),                                   S.READY,           ("new_question",)),
    (S.WHICH_TICKET,  ANY,             (),                                   SAME,              ("ask_which_ticket",)),
    # rating and complaint
    (S.RATING,        TEXTUAL,         ("valid_score", "score_has_comment", "low_score_given"),
                                                                             S.OFFER_COMPLAINT, ("store_score", "save_comment", "offer_complaint")),
    (S.RATING,        TEXTUAL,         ("valid_score", "score_has_comment"), S.READY,           ("store_score", "save_comment", "thank_rating")),
    (S.RATING,        TEXTUAL,         ("valid_score",),                     S.COMMENT,         ("save_score",)),
    (S.RATING,        E.TEXT,          ("is_question",),                     SAME,              ("keep_question", "question_kept")),
    (S.RATING,        E.SKIP,          (),                                   S.READY,           ("skip_rating",)),
    (S.RATING,        ANY,             (),                                   SAME,              ("bad_rating",)),
    (S.COMMENT,       E.SKIP,          ("low_score",),                       S.OFFER_COMPLAINT, ("offer_complaint",)),
    (S.COMMENT,       E.SKIP,          (),                                   S.READY,           ("thank_rating",)),
    (S.COMMENT,       ANY,             ("low_score",),                       S.OFFER_COMPLAINT, ("save_comment", "offer_complaint")),
    (S.COMMENT,       ANY,             (),                                   S.READY,           ("save_comment", "thank_rating")),
    (S.OFFER_COMPLAINT, E.YES,         ("comment_complains",),               RETURN,            ("file_comment_as_complaint",)),
    (S.OFFER_COMPLAINT, E.YES,         (),                                   S.COMPLAINT,       ("ask_complaint",)),
    (S.OFFER_COMPLAINT, ANY,           (),                                   S.READY,           ("thank_rating",)),
    (S.COMPLAINT,     TEXTUAL,         ("complaint_too_short",),             SAME,              ("complaint_too_short",)),
    (S.COMPLAINT,     TEXTUAL,         (),                                   RETURN,            ("file_complaint",)),
    (S.COMPLAINT,     ANY,             (),                                   SAME,              ("ask_complaint",)),
    (S.CLOSED,        ANY,             (),                                   S.NEW,             ("reopen",)),
))

# What the bot asks again to put a citizen back on track in each state (after HELP, a cancelled detour, a
# command): the action that says it. :func:`check` proves every state has one.
PROMPTS: dict[State, str] = {
    S.NEW: "show_menu",
    S.ASK_CONSENT: "repeat_notice",
    S.ASK_NAME: "reprompt_name",
    S.ASK_EMAIL: "ask_email",
    S.ASK_CODE: "remind_code",
    S.ASK_PHONE: "ask_phone",
    S.READY: "show_menu",
    S.RESULTS: "results_tail",
    S.CLARIFY: "ask_again_detail",
    S.WAITING: "show_ticket_menu",
    S.HANDOFF: "show_ticket_menu",
    S.RATING: "ask_rating",
    S.COMMENT: "ask_comment",
    S.OFFER_COMPLAINT: "repeat_complaint_offer",
    S.COMPLAINT: "ask_complaint",
    S.WHICH_TICKET: "ask_which_ticket",
    S.CLOSED: "show_menu",
    S.CONFIRM_ERASE: "ask_erase",
    S.CONFIRM_REQUEST: "show_request",
}


def office_owes(state: State, *, citizen_wrote_last: bool, first_reply_pending: bool) -> bool:
    """Whether the office, not the citizen, owes the next word: then no inactivity clock runs.

    The office owes a ticket's first reply (WAITING, and any detour taken meanwhile, such as a complaint), and
    in a hand-off whatever the citizen wrote last: a follow-up left unanswered is not the citizen's silence.
    A new or closed conversation asks the citizen nothing. The officer's next message starts the citizen's
    time again."""
    return (state in (S.WAITING, S.NEW, S.CLOSED) or first_reply_pending
            or (state == S.HANDOFF and citizen_wrote_last))


CITIZEN_EVENTS = tuple(e for e in Event if e not in (E.OFFICER_REPLY, E.OFFICER_CLOSE, E.INACTIVITY_CLOSE))
TEXT_EVENTS = (E.TEXT, E.YES, E.NO, E.RESEND, E.SKIP)  # what TEXTUAL matches: words, not commands


def _sources(source) -> tuple[State, ...]:
    if source == ANY:
        return tuple(State)
    return source if isinstance(source, tuple) else (source,)


def matches(row: Row, state: State, event: Event) -> bool:
    if state not in _sources(row.source):
        return False
    if row.event == ANY:
        return True
    if row.event == TEXTUAL:
        return event in TEXT_EVENTS
    return row.event == event


def candidates(state: State, event: Event) -> list[Row]:
    """The rows to try, in order, for this state and event."""
    return [row for row in TABLE if matches(row, state, event)]


def check(guards: set[str], actions: set[str]) -> None:
    """Every name in the table exists and every (state, citizen event) pair ends in a guard-free row."""
    for row in TABLE:
        unknown = (set(row.guards) - guards) | (set(row.actions) - actions)
        if unknown:
            raise IllegalTransition(f"table names unknown guards/actions: {sorted(unknown)}")
    missing = [s.value for s in State if PROMPTS.get(s) not in actions]
    if missing:
        raise IllegalTransition(f"no prompt action for {missing}")
    for state in State:
        for event in CITIZEN_EVENTS + (E.OFFICER_REPLY, E.OFFICER_CLOSE, E.INACTIVITY_CLOSE):
            rows = candidates(state, event)
            if not rows or rows[-1].guards:
                raise IllegalTransition(f"no catch-all row for {state.value} on {event.value}")

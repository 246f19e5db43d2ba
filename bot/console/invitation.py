"""Follow-up invitations: the citizen's message on their channel and an ``.ics`` calendar file.

The outbox row carries the calendar text in ``meta["ics"]`` (and a file name in
``meta["ics_filename"]``); the e-mail sender attaches it, WhatsApp ignores it. A reschedule or a
cancellation re-sends the same event (same UID) with a higher ``SEQUENCE``, so the citizen's
calendar moves or drops the meeting instead of keeping a stale copy. The sequence is the seconds
since the booking: it only grows, and needs no column of its own.
"""
from __future__ import annotations

import datetime as dt

from sqlalchemy.orm import Session

from bot import outbox
from bot.envelope import Outbound
from bot.models import Consultation, Conversation, FollowUp, Message, Officer
from bot.texts import text, when

DURATION = dt.timedelta(minutes=30)
OFFICE = "Kantor BPS Kota Lubuklinggau, ruang PST"


def _ics_escape(value: str) -> str:
    return value.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\r", "").replace("\n", "\\n")


def _stamp(moment: dt.datetime) -> str:
    return moment.astimezone(dt.timezone.utc).strftime("%Y%m%dT%H%M%SZ")


def ics(follow_up: FollowUp, ticket: str, summary: str, now: dt.datetime, cancelled: bool = False) -> str:
    """An RFC 5545 calendar with one event (CRLF line ends, escaped text); ``cancelled`` withdraws it."""
    location = follow_up.link if follow_up.kind == "zoom" else OFFICE
    sequence = max(int((now - follow_up.created_at).total_seconds()), 0)
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//BPS Kota Lubuklinggau//PST//ID",
             f"METHOD:{'CANCEL' if cancelled else 'REQUEST'}",
             "BEGIN:VEVENT", f"UID:follow-up-{follow_up.id}-{ticket.lower()}@pst.lubuklinggau",
             f"SEQUENCE:{sequence}", f"DTSTAMP:{_stamp(now)}", f"DTSTART:{_stamp(follow_up.starts_at)}",
             f"DTEND:{_stamp(follow_up.starts_at + DURATION)}", f"SUMMARY:{_ics_escape(summary)}",
             f"LOCATION:{_ics_escape(location or '')}", f"DESCRIPTION:{_ics_escape(ticket)}"]
    if cancelled:
        lines.append("STATUS:CANCELLED")
    if follow_up.kind == "zoom" and follow_up.link:
        lines.append(f"URL:{follow_up.link}")
    lines += ["END:VEVENT", "END:VCALENDAR"]
    return "\r\n".join(lines) + "\r\n"


# meta kind -> the text wrapped around the invitation (None: the invitation as it is)
WRAPPERS = {"follow_up": None, "follow_up_reminder": "followup_reminder", "follow_up_rescheduled": "followup_rescheduled"}
CANCELLED = "follow_up_cancelled"


def message(session: Session, consultation: Consultation, follow_up: FollowUp, now: dt.datetime, *,
            officer_id: int | None, reminder: bool = False, kind: str = "follow_up") -> Outbound:
    """The invitation, its day-before reminder (``reminder=True``), a new time or a cancellation, on the
    ticket's own channel with its calendar."""
    kind = "follow_up_reminder" if reminder else kind
    conversation = session.get(Conversation, consultation.conversation_id)
    lang, identity = conversation.lang, conversation.identity
    moment = when(lang, follow_up.starts_at)
    if kind == CANCELLED:
        body = text(lang, "followup_cancelled", ticket=consultation.ticket, when=moment)
    else:
        key = "followup_zoom" if follow_up.kind == "zoom" else "followup_visit"
        body = text(lang, key, ticket=consultation.ticket, when=moment, link=follow_up.link or "", office=OFFICE)
        if WRAPPERS[kind]:
            body = text(lang, WRAPPERS[kind], invitation=body)
    summary = text(lang, "followup_subject", ticket=consultation.ticket)
    return Outbound(channel=identity.channel, address=identity.address, text=body,
                    author="system" if kind == "follow_up_reminder" else "officer", conversation_id=conversation.id,
                    consultation_id=consultation.id, officer_id=officer_id, subject=summary,
                    meta={"kind": kind, "follow_up_id": follow_up.id,
                          "ics": ics(follow_up, consultation.ticket, summary, now, cancelled=kind == CANCELLED),
                          "ics_filename": f"{consultation.ticket}.ics"})


def send(session: Session, consultation: Consultation, follow_up: FollowUp, officer: Officer,
         now: dt.datetime, kind: str = "follow_up") -> list[Message]:
    """Store the message as an outbox row on the ticket's own channel (the caller commits and enqueues)."""
    return outbox.store(session, [message(session, consultation, follow_up, now, officer_id=officer.id, kind=kind)])

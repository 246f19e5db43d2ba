"""A complaint's life after filing: its due time, the mail to the complaint address, and the supervisors' handling.

The rules live here so that the engine (filing) and the console (handling) share them. Everything that leaves
goes through the outbox, like every other message: the mail to ``COMPLAINT_MAILBOX`` is a row written in the
same transaction as the complaint, so an SMTP outage delays it and loses nothing. The answer to the citizen
goes on the channel the complaint came from (WhatsApp or e-mail; outside WhatsApp's 24-hour window the
sender uses the officer-reply template, with the reference as its ticket).
"""
from __future__ import annotations

import datetime as dt
from typing import Optional

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot import outbox, staffmail
from bot.envelope import Channel, Outbound
from bot.models import Citizen, Complaint, ComplaintStatus, Consultation, Conversation, Message, Officer
from bot.texts import text, when
from bot.workcalendar import WorkCalendar

MAILBOX_KIND = "complaint"  # meta["kind"] of the mail to the complaint address
RESPONSE_KIND = "complaint_response"  # meta["kind"] of the answer sent to the citizen
OPEN = (ComplaintStatus.NEW.value, ComplaintStatus.IN_PROGRESS.value)  # the office still owes the answer
MAX_RESPONSE = 4000


class Unreachable(LookupError):
    """The complaint has no channel to answer on (filed before complaints kept their conversation, or erased)."""


def due(calendar: WorkCalendar, filed_at: dt.datetime, working_days: int) -> dt.datetime:
    return calendar.add_working_days(filed_at, working_days)


def overdue(complaint: Complaint, now: dt.datetime) -> bool:
    """Still owed and past its due time."""
    return complaint.status in OPEN and complaint.due_at is not None and complaint.due_at < now


def mailbox_notice(session: Session, complaint: Complaint, settings) -> Outbound:
    """The complaint as a mail to the office's complaint address (Indonesian: an office mailbox, no person's
    language); ``author="system"`` makes it auto-generated, so the office's own poller never answers it."""
    citizen = session.get(Citizen, complaint.citizen_id) if complaint.citizen_id else None
    ticket = session.scalar(select(Consultation.ticket).where(Consultation.id == complaint.consultation_id)) \
        if complaint.consultation_id else None
    values = dict(reference=complaint.reference, filed=when("id", complaint.created_at),
                  due=when("id", complaint.due_at) if complaint.due_at else "-",
                  citizen=(citizen.name if citizen and citizen.name else staffmail.phrase("id", "unregistered")),
                  channel=complaint.channel, ticket=ticket or "-", text=complaint.text,
                  url=f"{settings.public_base_url}/console/complaints/{complaint.reference}")
    return Outbound(channel=Channel.EMAIL.value, address=settings.complaint_mailbox, author="system",
                    subject=staffmail.phrase("id", "complaint_subject", **values),
                    text=staffmail.phrase("id", "complaint", **values),
                    meta={"kind": MAILBOX_KIND, "complaint_id": complaint.id, "ticket": complaint.reference})


def respond(session: Session, complaint: Complaint, officer: Officer, answer: str, now: dt.datetime) -> list[Message]:
    """Send the officer's answer to the citizen on the complaint's channel, keep it, and mark it answered.

    The caller commits, then enqueues the returned rows."""
    if not reachable(session, complaint):
        raise Unreachable(complaint.reference)
    conversation = session.get(Conversation, complaint.conversation_id)
    identity, lang = conversation.identity, conversation.lang
    (row,) = outbox.store(session, [Outbound(
        channel=identity.channel, address=identity.address, author="officer", officer_id=officer.id,
        conversation_id=conversation.id,
        text=text(lang, "complaint_response", reference=complaint.reference, answer=answer, officer=officer.name),
        subject=text(lang, "complaint_response_subject", reference=complaint.reference),
        meta={"kind": RESPONSE_KIND, "complaint_id": complaint.id, "ticket": complaint.reference})])
    complaint.response, complaint.responded_at, complaint.responded_by_id = answer, now, officer.id
    complaint.response_message_id, complaint.status, complaint.updated_at = row.id, ComplaintStatus.ANSWERED.value, now
    if complaint.assigned_officer_id is None:
        complaint.assigned_officer_id = officer.id
    return [row]


def reachable(session: Session, complaint: Complaint) -> bool:
    """Whether :func:`respond` has a channel to answer on."""
    conversation = session.get(Conversation, complaint.conversation_id) if complaint.conversation_id else None
    citizen = session.get(Citizen, complaint.citizen_id) if complaint.citizen_id else None
    return (conversation is not None and conversation.identity is not None and bool(conversation.identity.address)
            and (citizen is None or citizen.erased_at is None))


def by_reference(session: Session, reference: str, lock: bool = False) -> Optional[Complaint]:
    query = select(Complaint).where(Complaint.reference == reference.strip().upper()[:20])
    return session.scalar(query.with_for_update() if lock else query)

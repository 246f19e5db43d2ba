"""Mail to staff (SLA reminders, escalations): outbox rows on the e-mail channel, held until office hours.

Staff mail reuses the outbox, so it has the citizens' guarantees (a row before a job, sent once,
retried, failures visible). ``next_attempt_at`` is the office's next opening: the sweeper enqueues
a row only once that moment has passed, so nothing reaches an officer at night, at a weekend or on
a holiday. Rows carry ``author="system"`` and ``meta["kind"] == "staff"``; the ticket is named in
``meta`` rather than in ``consultation_id``, so staff mail never shows up in the citizen's thread.
"""
from __future__ import annotations

import datetime as dt
from typing import Iterable

from sqlalchemy.orm import Session

from bot import clock, outbox
from bot.envelope import Channel, Outbound
from bot.models import Consultation, Message, Officer
from bot.texts import when
from bot.workcalendar import WorkCalendar

KIND = "staff"
TEXTS = {
    "id": {
        "sla_reminder_subject": "[PST] Tiket {ticket} belum dijawab ({percent}% waktu layanan terpakai)",
        "sla_reminder": "Konsultasi {ticket} belum mendapat jawaban petugas.\nBatas waktu: {due}.\n"
                        "Waktu layanan terpakai: {percent}% dari {days} hari kerja.\n\nKonsol: {url}",
        "sla_breach_subject": "[PST] Tiket {ticket} melewati batas waktu layanan",
        "sla_breach": "Konsultasi {ticket} belum dijawab sampai batas waktu {due}.\nPetugas: {officer}.\n"
                      "{reassigned}\nKonsol: {url}",
        "unassigned": "belum ada",
        "reassigned": "Tiket dialihkan ke {officer}.\n",
        "handover_subject": "[PST] Tiket {ticket} dialihkan kepada Anda",
        "handover": "{by} mengalihkan konsultasi {ticket} kepada Anda.\nAlasan: {reason}\nBatas waktu: {due}.\n\n"
                    "Konsol: {url}",
        "complaint_subject": "[PST] Pengaduan {reference}",
        "complaint": "Pengaduan baru {reference}\nDisampaikan: {filed}\nKanal: {channel}\nWarga: {citizen}\n"
                     "Tiket: {ticket}\nBatas tanggapan: {due}\n\n{text}\n\nKonsol: {url}",
        "unregistered": "belum terdaftar",
    },
    "en": {
        "sla_reminder_subject": "[PST] Ticket {ticket} not answered yet ({percent}% of the service time used)",
        "sla_reminder": "Consultation {ticket} has no officer reply yet.\nDue: {due}.\n"
                        "Service time used: {percent}% of {days} working days.\n\nConsole: {url}",
        "sla_breach_subject": "[PST] Ticket {ticket} is past its due time",
        "sla_breach": "Consultation {ticket} was not answered by its due time, {due}.\nOfficer: {officer}.\n"
                      "{reassigned}\nConsole: {url}",
        "unassigned": "none",
        "reassigned": "The ticket was reassigned to {officer}.\n",
        "handover_subject": "[PST] Ticket {ticket} was transferred to you",
        "handover": "{by} transferred consultation {ticket} to you.\nReason: {reason}\nDue: {due}.\n\n"
                    "Console: {url}",
        "complaint_subject": "[PST] Complaint {reference}",
        "complaint": "New complaint {reference}\nFiled: {filed}\nChannel: {channel}\nCitizen: {citizen}\n"
                     "Ticket: {ticket}\nAnswer due: {due}\n\n{text}\n\nConsole: {url}",
        "unregistered": "not registered",
    },
}


def phrase(lang: str, key: str, **values) -> str:
    return TEXTS.get(lang, TEXTS["id"])[key].format(**values)


def queue(session: Session, calendar: WorkCalendar, officers: Iterable[Officer], notice: str,
          consultation: Consultation, **values) -> list[Message]:
    """One mail per officer with an address, written now and held until the office is open."""
    hold = calendar.next_opening(clock.now())
    outs = []
    for officer in officers:
        if not officer.email:
            continue
        lang = officer.lang if officer.lang in TEXTS else "id"
        filled = _fill(lang, consultation, values)
        outs.append(Outbound(
            channel=Channel.EMAIL.value, address=officer.email, author="system",
            subject=phrase(lang, f"{notice}_subject", **filled), text=phrase(lang, notice, **filled),
            meta={"kind": KIND, "notice": notice, "officer_id": officer.id, "ticket": consultation.ticket,
                  "consultation_id": consultation.id}))
    rows = outbox.store(session, outs)
    for row in rows:
        row.next_attempt_at = hold
    return rows


def _fill(lang: str, consultation: Consultation, values: dict) -> dict:
    """Values in the officer's language; ``officer_name``/``reassigned_to`` may be None."""
    moved = values.get("reassigned_to")
    return dict(values, ticket=consultation.ticket, due=when(lang, consultation.due_at),
                officer=values.get("officer_name") or phrase(lang, "unassigned"),
                reassigned=phrase(lang, "reassigned", officer=moved) if moved else "")


def held(row: Message, now: dt.datetime) -> bool:
    """Whether a row must not be sent yet (staff mail outside office hours)."""
    return row.next_attempt_at is not None and row.next_attempt_at > now

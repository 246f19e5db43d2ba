"""The inbox's rows: open consultations with who spoke last, flagged first then by due time, split into tabs.

An office has tens of open consultations, not thousands, so all open rows are loaded in one
query and split in Python; the tab counts come from the same list.
"""
from __future__ import annotations

import dataclasses
import datetime as dt
from typing import Optional

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session, aliased, joinedload

from bot.console import activity, sla
from bot.models import OPEN_STATUSES, Citizen, Consultation, Message
from bot.workcalendar import WorkCalendar

TABS = ("mine", "unassigned", "waiting", "breached", "all")
CLOSED = "closed"  # its own tab, loaded only when chosen: closed tickets only grow
SEARCH_LIMIT = CLOSED_LIMIT = 100
PEOPLE = ("citizen", "officer")


@dataclasses.dataclass
class Row:
    consultation: Consultation
    last_author: Optional[str]
    last_at: Optional[dt.datetime]
    colour: str
    said: Optional[Message] = None  # the last message a person wrote (citizen or officer): the inbox's preview
    unread: int = 0  # citizen messages the viewing officer has not seen (set by the inbox, see activity)
    unread_newest: int = 0  # the newest of them: a poll that sees it grow has news to notify

    @property
    def preview(self) -> str:
        return activity.preview(self.said.body if self.said else None)

    @property
    def waiting_for_citizen(self) -> bool:
        """The officer spoke last: the citizen owes the next word."""
        return self.last_author == "officer"


def _last(*where):
    return (select(Message.consultation_id.label("cid"), func.max(Message.id).label("mid"))
            .where(Message.consultation_id.is_not(None), *where).group_by(Message.consultation_id).subquery())


def _with_last_message(query):
    """Each ticket with its last message's author and time, and the last message a person wrote (the bot's
    automatic "added to your ticket" would otherwise be every preview)."""
    last, spoken = _last(), _last(Message.author.in_(PEOPLE))
    said = aliased(Message)
    return (query.add_columns(Message.author, Message.created_at, said)
            .outerjoin(last, last.c.cid == Consultation.id).outerjoin(Message, Message.id == last.c.mid)
            .outerjoin(spoken, spoken.c.cid == Consultation.id).outerjoin(said, said.id == spoken.c.mid)
            .options(joinedload(Consultation.citizen), joinedload(Consultation.assigned_officer),
                     joinedload(Consultation.priority_by)))


def _rows(session: Session, query, now: dt.datetime, calendar: WorkCalendar) -> list[Row]:
    return [Row(c, author, at, sla.colour(c, now, calendar), said) for c, author, at, said in session.execute(query)]


def open_rows(session: Session, now: dt.datetime, calendar: WorkCalendar) -> list[Row]:
    """Flagged tickets first (oldest flag first), then by due time; each tab keeps this order."""
    query = _with_last_message(select(Consultation).where(Consultation.status.in_(OPEN_STATUSES))
                               .order_by(Consultation.priority_at.is_(None), Consultation.priority_at,
                                         Consultation.due_at.is_(None), Consultation.due_at, Consultation.id))
    return _rows(session, query, now, calendar)


def closed_rows(session: Session, now: dt.datetime, calendar: WorkCalendar) -> list[Row]:
    """The most recently closed or cancelled consultations, newest first (search finds older ones)."""
    query = _with_last_message(select(Consultation).where(Consultation.status.not_in(OPEN_STATUSES))
                               .order_by(Consultation.closed_at.is_(None), Consultation.closed_at.desc(),
                                         Consultation.id.desc()).limit(CLOSED_LIMIT))
    return _rows(session, query, now, calendar)


def in_tab(row: Row, tab: str, me: int) -> bool:
    c = row.consultation
    if tab == "unassigned":
        return c.assigned_officer_id is None
    if tab == "mine":
        return c.assigned_officer_id == me and not row.waiting_for_citizen
    if tab == "waiting":
        return c.assigned_officer_id == me and row.waiting_for_citizen
    if tab == "breached":
        return row.colour == "red"
    return True


def split(rows: list[Row], me: int) -> dict[str, list[Row]]:
    return {tab: [r for r in rows if in_tab(r, tab, me)] for tab in TABS}


def _phone_variants(q: str) -> list[str]:
    """0812… and 62812… are how people type a number stored as +62812…."""
    digits = "".join(ch for ch in q if ch.isdigit())
    if len(digits) < 4 or len(digits) != len(q.strip().lstrip("+").replace(" ", "").replace("-", "")):
        return []
    for prefix in ("0", "62"):
        if digits.startswith(prefix):
            return ["+62" + digits[len(prefix):]]
    return []


def search(session: Session, q: str, now: dt.datetime, calendar: WorkCalendar) -> list[Row]:
    """Every consultation (open or not) whose ticket, citizen or text contains ``q``."""
    escaped = q.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    pattern = f"%{escaped}%"
    said = aliased(Message)
    text_hit = (select(said.id).where(said.consultation_id == Consultation.id, said.body.ilike(pattern, escape="\\"))
                .correlate(Consultation).exists())
    clauses = [Consultation.ticket.ilike(pattern, escape="\\"), Citizen.name.ilike(pattern, escape="\\"),
               Citizen.email.ilike(pattern, escape="\\"), Citizen.phone.ilike(pattern, escape="\\"),
               Citizen.unverified_phone.ilike(pattern, escape="\\"),
               Consultation.question.ilike(pattern, escape="\\"), text_hit]
    clauses += [phone.like(f"{v}%") for v in _phone_variants(q) for phone in (Citizen.phone, Citizen.unverified_phone)]
    query = _with_last_message(select(Consultation).join(Citizen, Citizen.id == Consultation.citizen_id)
                               .where(or_(*clauses)).order_by(Consultation.opened_at.desc()).limit(SEARCH_LIMIT))
    return _rows(session, query, now, calendar)

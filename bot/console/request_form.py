"""An officer's correction of a ticket's request: the form's fields, their checks, and the change history.

The request the citizen confirmed is often not what they meant (a "ya" as the question, the real topic
under "area"), so officers fix it. Every changed field becomes a :class:`RequestChange` row; the newest
row's id is the request's version. The form carries the version it was based on, and a save based on an
older one is refused with the other officer's change shown, instead of silently overwriting it.
"""
from __future__ import annotations

import dataclasses
import datetime as dt
from typing import Optional

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from bot import request as citizen_request
from bot.models import Consultation, Officer, RequestChange


@dataclasses.dataclass(frozen=True)
class Field:
    name: str  # in the form and the history
    column: str  # on Consultation
    limit: int  # characters


FIELDS = (Field("question", "question", citizen_request.MAX_CHARS), Field("type", "request_type", 16),
          Field("data", "data_needed", citizen_request.MAX_CHARS), Field("area", "area", 255),
          Field("period", "period", 255), Field("purpose", "purpose", citizen_request.MAX_CHARS))
FIELD_LABELS = {"question": "Pertanyaan", "type": "Jenis permintaan", "data": "Data yang dibutuhkan",
                "area": "Daerah", "period": "Periode data", "purpose": "Keperluan"}  # shown through the i18n
# The kinds of bot.request as the console names them (shown through the console's i18n).
TYPE_LABELS = {"data": "permintaan data", "classification": "kode klasifikasi", "concept": "konsep atau metode",
               "service": "layanan atau prosedur", "other": "lainnya"}
assert tuple(TYPE_LABELS) == citizen_request.KINDS


class Invalid(ValueError):
    """The form names a field that cannot be saved: ``field`` and why (``reason``: too_long, required, type)."""

    def __init__(self, field: str, reason: str):
        super().__init__(f"{field}: {reason}")
        self.field, self.reason = field, reason


def current(consultation: Consultation) -> dict[str, Optional[str]]:
    return {f.name: getattr(consultation, f.column) for f in FIELDS}


def read(form) -> dict[str, Optional[str]]:
    """The request as the officer typed it (empty is None), or :class:`Invalid` for the first bad field."""
    values = {}
    for f in FIELDS:
        text = " ".join((form.get(f.name) or "").split()) if f.limit <= 255 else \
            (form.get(f.name) or "").replace("\r\n", "\n").strip()
        if len(text) > f.limit:
            raise Invalid(f.name, "too_long")
        values[f.name] = text or None
    if not values["question"]:
        raise Invalid("question", "required")
    if values["type"] is not None and values["type"] not in TYPE_LABELS:
        raise Invalid("type", "type")
    return values


def version(session: Session, consultation: Consultation) -> int:
    """The id of the request's newest change; 0 while it is as the citizen confirmed it."""
    return session.scalar(select(func.max(RequestChange.id)).where(
        RequestChange.consultation_id == consultation.id)) or 0


def changes(session: Session, consultation: Consultation, after: int = 0) -> list[tuple[RequestChange, str]]:
    """Changes after id ``after`` with the officer's name, oldest first."""
    return [tuple(row) for row in session.execute(
        select(RequestChange, Officer.name).join(Officer, RequestChange.officer_id == Officer.id)
        .where(RequestChange.consultation_id == consultation.id, RequestChange.id > after)
        .order_by(RequestChange.id))]


def rebase(consultation: Consultation, typed: dict[str, Optional[str]],
           others: list[tuple[RequestChange, str]]) -> dict[str, Optional[str]]:
    """The form to show after a refused stale save: the fields the officer changed keep their input, the
    rest show the values saved meanwhile (resaving must not quietly undo the other officer's change)."""
    based_on = current(consultation)
    for change, _name in reversed(others):
        based_on[change.field] = change.old  # walk back to the version the officer's form showed
    now = current(consultation)
    return {name: typed[name] if typed[name] != based_on[name] else now[name] for name in now}


def apply(session: Session, consultation: Consultation, values: dict[str, Optional[str]], officer_id: int,
          now: dt.datetime) -> list[RequestChange]:
    """Write the fields that differ to the ticket and one history row each; the rows, flushed."""
    rows = []
    for f in FIELDS:
        old, new = getattr(consultation, f.column), values[f.name]
        if old != new:
            setattr(consultation, f.column, new)
            rows.append(RequestChange(consultation_id=consultation.id, officer_id=officer_id, field=f.name,
                                      old=old, new=new, at=now))
    session.add_all(rows)
    session.flush()
    return rows

"""Ticket numbers citizens can quote: ``PST-2026-000123``, one sequence per year.

The counter row is bumped with a single ``UPDATE … RETURNING``: PostgreSQL's row lock (and SQLite's
write lock) make two simultaneous openings wait for each other instead of taking the same number.
"""
from __future__ import annotations

from sqlalchemy import update
from sqlalchemy.orm import Session

from bot.db import insert_for
from bot.models import TicketCounter

PREFIX = "PST"


def allocate(session: Session, year: int) -> str:
    session.execute(insert_for(session, TicketCounter).values(year=year, last=0)
                    .on_conflict_do_nothing(index_elements=["year"]))
    number = session.execute(
        update(TicketCounter).where(TicketCounter.year == year)
        .values(last=TicketCounter.last + 1).returning(TicketCounter.last)
    ).scalar_one()
    return f"{PREFIX}-{year}-{number:06d}"

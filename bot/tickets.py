"""Numbers citizens can quote: tickets ``PST-2026-000123``, complaints ``ADU-2026-000012``; one sequence per
series and year.

The counter row is bumped with a single ``UPDATE … RETURNING``: PostgreSQL's row lock (and SQLite's
write lock) make two simultaneous openings wait for each other instead of taking the same number.
"""
from __future__ import annotations

from sqlalchemy import update
from sqlalchemy.orm import Session

from bot.db import insert_for
from bot.models import TicketCounter

PREFIX = "PST"
COMPLAINT_PREFIX = "ADU"


def allocate(session: Session, year: int, prefix: str = PREFIX) -> str:
    session.execute(insert_for(session, TicketCounter).values(series=prefix, year=year, last=0)
                    .on_conflict_do_nothing(index_elements=["series", "year"]))
    number = session.execute(
        update(TicketCounter).where(TicketCounter.series == prefix, TicketCounter.year == year)
        .values(last=TicketCounter.last + 1).returning(TicketCounter.last)
    ).scalar_one()
    return f"{prefix}-{year}-{number:06d}"

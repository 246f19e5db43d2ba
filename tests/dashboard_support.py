"""A week of an office's tickets with hand-computed figures, shared by the dashboard's HTTP and browser tests.

Office hours are the default (Mon–Thu 07:30–16:00, Fri 07:30–16:30); 24 Dec 2026 is cuti bersama and
25 Dec Christmas. The clock is frozen on Tuesday 29 Dec 2026 12:00 WIB; rows are written directly so
every instant is exactly the one the expectation was computed from.
"""
from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from bot import clock
from bot.models import Citizen, Consultation, Message
from tests.console_support import db, make_officer

WIB = ZoneInfo("Asia/Jakarta")
NOW = dt.datetime(2026, 12, 29, 12, 0, tzinfo=WIB)


def at(day: int, hour: int, minute: int = 0) -> dt.datetime:
    return dt.datetime(2026, 12, day, hour, minute, tzinfo=WIB)


# ticket: (clarified, due, holder, [(officer, reply time)], closed, close reason, request type)
TICKETS = {
    # Friday 17:00, after closing; Ani answers on Saturday, before the office next opens: outside office hours.
    "T1": (at(18, 17), at(21, 16), "ani", [("ani", at(19, 10))], at(19, 10, 15), "officer", "data"),
    # Wednesday 10:00; Thursday (cuti bersama), Friday (Christmas) and the weekend do not count:
    # 6 h on Wednesday + 1.5 h on Monday = 7.5 h, an hour after its due time.
    "T2": (at(23, 10), at(28, 8), "budi", [("budi", at(28, 9))], None, None, "data"),
    # An ordinary Monday: answered after 2.5 h, closed after 3 h.
    "T3": (at(21, 8), at(22, 16), "ani", [("ani", at(21, 10, 30))], at(21, 11), "officer", "classification"),
    # Budi's, unanswered and past due.
    "T4": (at(22, 9), at(23, 16), "budi", [], None, None, "service"),
    # Ani's, opened this morning, not due yet.
    "T5": (at(29, 8), at(30, 16), "ani", [], None, None, None),
    # Nobody's, unanswered and past due.
    "T6": (at(28, 8), at(28, 15), None, [], None, None, "other"),
    # Ani answers after 0.5 h, then the ticket moves to Budi, who writes too: the answer stays Ani's.
    "T7": (at(21, 9), at(22, 16), "budi", [("ani", at(21, 9, 30)), ("budi", at(21, 10))], None, None, "data"),
}


def seed_office(app) -> dict[str, int]:
    """Officers ani, budi (officers) and sari (supervisor), the tickets above, and the clock at NOW."""
    ids = {name: make_officer(app, name, name=name.title()) for name in ("ani", "budi")}
    ids["sari"] = make_officer(app, "sari", role="supervisor", name="Sari", available=False)
    with db(app) as session:
        citizen = Citizen(name="Warga", email="warga@example.org", created_at=at(1, 8))
        session.add(citizen)
        session.flush()
        for n, (ticket, (start, due, holder, replies, closed, reason, kind)) in enumerate(TICKETS.items(), 1):
            c = Consultation(ticket=ticket, citizen_id=citizen.id, channel="email",
                             status="closed" if closed else ("in_progress" if replies else "open"),
                             question=f"pertanyaan {n}", request_type=kind, opened_at=start, clarified_at=start,
                             due_at=due, first_response_at=replies[0][1] if replies else None, closed_at=closed,
                             close_reason=reason, assigned_officer_id=ids[holder] if holder else None)
            session.add(c)
            session.flush()
            for who, when in replies:
                session.add(Message(consultation_id=c.id, direction="out", channel="email", address="warga@example.org",
                                    author="officer", officer_id=ids[who], body="jawaban", status="sent",
                                    created_at=when))
        session.commit()
    clock.freeze(NOW)
    return ids

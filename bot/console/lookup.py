"""Loading what a console request is about, with a 404 instead of a traceback."""
from __future__ import annotations

from flask import abort
from flask_login import current_user
from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.models import Consultation, Officer


def consultation(session: Session, ticket: str) -> Consultation:
    found = session.scalar(select(Consultation).where(Consultation.ticket == ticket.strip().upper()))
    if found is None:
        abort(404)
    return found


def me(session: Session) -> Officer:
    """The logged-in officer's row, for writes that name them."""
    return session.get(Officer, current_user.officer_id)


def officers(session: Session) -> list[Officer]:
    return list(session.scalars(select(Officer).where(Officer.active).order_by(Officer.name)))

"""Loading what a console request is about, with a 404 instead of a traceback."""
from __future__ import annotations

from flask import abort
from flask_login import current_user
from sqlalchemy import select
from sqlalchemy.orm import Session
from werkzeug.routing import IntegerConverter

from bot.models import Consultation, Officer

MAX_ID = 2**31 - 1  # every id column is a 32-bit INTEGER; a bigger number errors in the driver, not "not found"


class IdConverter(IntegerConverter):
    """``<id:name>``: a row id in the URL; one no row can have is a 404 like any unknown id."""

    def __init__(self, map, **kwargs):
        super().__init__(map, min=1, max=MAX_ID, **kwargs)


def row_id(value: str) -> int:
    """A row id from a form or query (``request.form.get(key, type=row_id)``); ValueError when none can be."""
    number = int(value)
    if not 0 < number <= MAX_ID:
        raise ValueError(value)
    return number


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

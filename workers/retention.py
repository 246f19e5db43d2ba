"""Retention (UU 27/2022): conversations closed longer than ``RETENTION_AFTER_CLOSE`` ago are anonymised.

Their messages, attachments and raw mails go; a citizen with nothing newer is anonymised as a whole
(see :mod:`bot.personal_data`). Ticket times, statuses and ratings stay for the office's reports.
"""
from __future__ import annotations

import datetime as dt
from typing import Optional

from flask import Flask
from sqlalchemy.orm import Session

from bot import clock, personal_data
from bot.models import Conversation, Message

MODEL = Conversation


def _cutoff(app: Flask, now: dt.datetime) -> dt.datetime:
    return now - app.config["SETTINGS"].retention_after_close


def due(app: Flask, session: Session, now: dt.datetime, limit: int) -> list[int]:
    return personal_data.due_for_retention(session, _cutoff(app, now), limit)


def act(app: Flask, session: Session, conversation: Conversation) -> tuple[Optional[str], list[Message]]:
    """Checked again under the row lock: a conversation reopened meanwhile is not touched."""
    now = clock.now()
    cutoff = _cutoff(app, now)
    if conversation.anonymised_at is not None or conversation.ended_at is None or conversation.ended_at > cutoff:
        return None, []
    settings = app.config["SETTINGS"]
    return personal_data.retire(session, conversation, now, cutoff, settings.var_path), []


def scrub(app: Flask, session: Session, limit: int) -> dict[str, int]:
    """Erasure notices that have been sent lose the address they needed until then."""
    scrubbed = personal_data.scrub_sent_notices(session, limit)
    session.commit()
    return {"notices scrubbed": scrubbed} if scrubbed else {}

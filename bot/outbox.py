"""The outbox: every outbound message is a row before it is a job.

Rows are written in the same transaction as the state change that caused them; jobs are enqueued
only after that commit. If Redis is down the rows simply wait: the sweeper enqueues what is still
``queued``. Terminal rows are never enqueued: ``flask chat`` shows them itself.
"""
from __future__ import annotations

import logging
from typing import Iterable

from sqlalchemy.orm import Session

from bot import clock
from bot.envelope import Channel, Outbound
from bot.models import Message

log = logging.getLogger(__name__)
QUEUED = "queued"
UNDELIVERABLE = "undeliverable"  # the channel cannot reach the citizen now (WhatsApp window, no template)


def store(session: Session, outbounds: Iterable[Outbound]) -> list[Message]:
    rows = []
    now = clock.now()
    for out in outbounds:
        meta = dict(out.meta)
        if out.subject:
            meta["subject"] = out.subject
        if out.choices is not None:
            meta["choices"] = out.choices.to_meta()
        row = Message(direction="out", channel=out.channel, address=out.address, author=out.author, body=out.text,
                      status=QUEUED, meta=meta, conversation_id=out.conversation_id,
                      consultation_id=out.consultation_id, officer_id=out.officer_id, created_at=now,
                      next_attempt_at=now)
        session.add(row)
        rows.append(row)
    session.flush()
    return rows


def needs_job(row: Message) -> bool:
    return row.status == QUEUED and row.channel != Channel.TERMINAL.value

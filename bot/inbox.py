"""Accepting an inbound message: stored (with its identity and conversation) before anything else.

``accept`` is idempotent on (channel, external id), so a webhook delivered twice or a mail fetched
again after a crash is stored once and processed once.

Stored unresolved (``accept(resolve=False)``, or :func:`commit_unresolved_many` for the WhatsApp
webhook's batches), a message is one row of an ``INSERT … ON CONFLICT (channel, external_id) DO
NOTHING RETURNING`` and nothing else: no identity, no conversation (``conversation_id`` NULL; address and profile name
are on the row). The processing job calls :func:`resolve` first, which finds or creates both with
the same :func:`identity_for` / :func:`conversation_for` the eager path uses. E-mail stays eager:
its threading needs the conversation at store time.
"""
from __future__ import annotations

import functools
import json
from typing import Optional, Sequence

from sqlalchemy import ColumnElement, and_, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, make_transient_to_detached

from bot import clock
from bot.db import HeldConnection
from bot.envelope import Inbound
from bot.models import ChannelIdentity, Conversation, Message
from bot.states import State


def identity_for(session: Session, channel: str, address: str, display_name: Optional[str] = None,
                 lock: bool = False) -> ChannelIdentity:
    """Find or create; ``lock`` holds the row (FOR UPDATE) so jobs for one citizen resolve one at a time."""
    query = select(ChannelIdentity).where(ChannelIdentity.channel == channel, ChannelIdentity.address == address)
    if lock:
        query = query.with_for_update().execution_options(populate_existing=True)
    identity = session.scalar(query)
    if identity is None:
        try:
            with session.begin_nested():
                identity = ChannelIdentity(channel=channel, address=address, display_name=display_name,
                                           created_at=clock.now())
                session.add(identity)
        except IntegrityError:  # created by a concurrent request
            identity = session.scalar(query)
    if display_name and identity.display_name != display_name:
        identity.display_name = display_name[:120]
    return identity


def conversation_for(session: Session, identity: ChannelIdentity, hint: Optional[int] = None,
                     new: bool = False) -> Conversation:
    """The identity's open conversation, or a new one when the last has ended.

    A channel that threads its messages (e-mail: ticket tag, In-Reply-To) passes ``hint``, used when it
    is an open conversation of this identity; with ``new`` an unthreaded message starts a conversation.
    """
    conversation = session.get(Conversation, hint) if hint else None
    if conversation is None or conversation.identity_id != identity.id or conversation.ended_at is not None:
        conversation = None if new else session.scalar(
            select(Conversation).where(Conversation.identity_id == identity.id, Conversation.ended_at.is_(None))
            .order_by(Conversation.id.desc()).limit(1))
    if conversation is None:
        now = clock.now()
        conversation = Conversation(identity=identity, citizen_id=identity.citizen_id, state=State.NEW.value,
                                    lang="id", context={}, created_at=now, last_activity_at=now)
        session.add(conversation)
        session.flush()
    return conversation


def find(session: Session, channel: str, external_id: str) -> Optional[Message]:
    return session.scalar(select(Message).where(Message.channel == channel, Message.external_id == external_id))


def _columns(inbound: Inbound, status: str, flagged: bool, error: Optional[str]) -> dict:
    meta = dict(inbound.meta)
    if inbound.profile_name:
        meta["profile_name"] = inbound.profile_name
    return dict(direction="in", channel=inbound.channel, address=inbound.address, external_id=inbound.external_id,
                author="citizen", body=inbound.text, status=status, flagged=flagged, error=error, meta=meta,
                attempts=0, created_at=inbound.received_at)


# Built once per dialect: building the statement per request cost more than running it.
_INSERT_UNRESOLVED = {
    name: dialect.insert(Message.__table__).on_conflict_do_nothing(index_elements=["channel", "external_id"])
    .returning(Message.__table__.c.id)
    for name, dialect in (("postgresql", postgresql), ("sqlite", sqlite))}


def _insert_unresolved(connection: Connection, columns: dict) -> Optional[int]:
    """One statement: the new row's id (conversation_id NULL), or None when (channel, external_id) exists.

    Core, not the ORM's unit of work: half the CPU."""
    return connection.execute(_INSERT_UNRESOLVED[connection.dialect.name], columns).scalar()


def commit_unresolved_many(engine: Engine, inbounds: Sequence[Inbound],
                           connection: Optional[HeldConnection] = None) -> list[Optional[int]]:
    """Store ``inbounds`` unresolved and commit; per item its new id, or None when already stored.

    PostgreSQL: ONE ``INSERT … SELECT FROM unnest(arrays) ON CONFLICT DO NOTHING RETURNING`` in
    autocommit mode, however many items: a single statement is atomic and committed (durably,
    under the server's unchanged synchronous_commit) when it returns. On ``connection`` (a
    :class:`~bot.db.HeldConnection`) it skips the pool's checkout and ping. SQLite: the same rows in
    one BEGIN IMMEDIATE … COMMIT. A MessageSid twice in one batch is stored once (the first wins)."""
    rows = [_columns(inbound, "received", False, None) for inbound in inbounds]
    if engine.dialect.name == "postgresql":
        for row in rows:
            row["meta"] = json.dumps(row["meta"])
        columns = {key: [row[key] for row in rows] for key in rows[0]}
        same = tuple(key for key, values in columns.items() if values.count(values[0]) == len(values))
        params = {key: values[0] if key in same else values for key, values in columns.items()}
        statement = _unnest_insert(tuple(columns), same)
        stored = (connection.run(lambda dbapi: dbapi.execute(statement, params, prepare=True).fetchall())
                  if connection else _run_autocommit(engine, statement, params))
        new_ids = {(channel, external_id): message_id for message_id, channel, external_id in stored}
    else:
        with engine.begin() as conn:
            new_ids = {}
            for row in rows:
                message_id = _insert_unresolved(conn, row)
                if message_id is not None:
                    new_ids[row["channel"], row["external_id"]] = message_id
    return [new_ids.pop((inbound.channel, inbound.external_id), None) for inbound in inbounds]


@functools.cache
def _unnest_insert(keys: tuple[str, ...], same: tuple[str, ...]) -> str:
    """The batch INSERT for these columns, typed from the model (so a new column cannot drift).

    Columns whose value is the same in every row (``same``: channel, status … and, for one row,
    all of them) are sent once as a scalar; the others as one array each, zipped by ``unnest``."""
    table, dialect = Message.__table__, postgresql.dialect()
    typed = {key: table.c[key].type.compile(dialect) for key in keys}
    varying = [key for key in keys if key not in same]
    rows = (f" FROM unnest({', '.join(f'%({key})s::{typed[key]}[]' for key in varying)}) "
            f"AS batch({', '.join(varying)})") if varying else ""
    values = ", ".join(f"%({key})s::{typed[key]}" if key in same else f"batch.{key}" for key in keys)
    return (f"INSERT INTO {table.name} ({', '.join(keys)}) SELECT {values}{rows} "
            "ON CONFLICT (channel, external_id) DO NOTHING RETURNING id, channel, external_id")


def _run_autocommit(engine: Engine, statement: str, params: dict) -> list:
    with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
        return connection.exec_driver_sql(statement, params).all()


def _stored_unresolved(session: Session, columns: dict) -> Optional[Message]:
    """:func:`_insert_unresolved` in the session's transaction; the row joins the session unread."""
    new_id = _insert_unresolved(session.connection(), columns)
    if new_id is None:
        return None
    message = Message(id=new_id, conversation_id=None, **columns)
    make_transient_to_detached(message)
    session.add(message)
    return message


def accept(session: Session, inbound: Inbound, *, status: str = "received", flagged: bool = False,
           error: Optional[str] = None, conversation_hint: Optional[int] = None,
           new_conversation: bool = False, resolve: bool = True) -> tuple[Message, bool]:
    """Store ``inbound``; returns (message, created). The caller commits, then enqueues processing.

    ``conversation_hint`` / ``new_conversation``: see :func:`conversation_for` (e-mail threading).
    ``resolve=False``: one INSERT, identity and conversation left to :func:`resolve` (module docstring)."""
    if not resolve:
        message = _stored_unresolved(session, _columns(inbound, status, flagged, error))
        return (message, True) if message is not None else (find(session, inbound.channel, inbound.external_id), False)
    existing = find(session, inbound.channel, inbound.external_id)
    if existing is not None:
        return existing, False
    identity = identity_for(session, inbound.channel, inbound.address, inbound.profile_name)
    identity.last_inbound_at = inbound.received_at
    conversation = conversation_for(session, identity, conversation_hint, new_conversation)
    message = Message(**_columns(inbound, status, flagged, error), conversation_id=conversation.id)
    try:
        with session.begin_nested():
            session.add(message)
    except IntegrityError:  # the same message arrived twice at once
        return find(session, inbound.channel, inbound.external_id), False
    return message, True


def unresolved(channel: str, address: str) -> ColumnElement[bool]:
    """Inbound messages of this citizen stored with ``resolve=False`` and not yet given a conversation."""
    return and_(Message.direction == "in", Message.conversation_id.is_(None), Message.channel == channel,
                Message.address == address)


def resolve(session: Session, message: Message) -> None:
    """Give ``message`` (stored with ``resolve=False``) its identity and conversation, in the job.

    Earlier unresolved messages of the same citizen join the same conversation in the same step, so
    the engine still sees them in arrival order. The identity row is locked first: two jobs for one
    new citizen wait for each other and agree on one conversation.
    """
    identity = identity_for(session, message.channel, message.address, (message.meta or {}).get("profile_name"),
                            lock=True)
    waiting = session.scalars(select(Message).where(unresolved(message.channel, message.address),
                                                    Message.id <= message.id)
                              .order_by(Message.id).execution_options(populate_existing=True)).all()
    if message not in waiting:  # another job resolved it while we waited for the lock
        session.refresh(message)
        return
    identity.last_inbound_at = waiting[-1].created_at
    conversation = conversation_for(session, identity)
    for item in waiting:
        item.conversation_id = conversation.id
    session.flush()

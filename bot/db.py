"""The database's life: one engine per app, one session per request and per job.

SQLite is for a laptop and a small office: WAL, a busy timeout and ``BEGIN IMMEDIATE`` make the
web, the worker and the poller queue for the write lock instead of failing. PostgreSQL is the
production database; both run the same Alembic migrations.
"""
from __future__ import annotations

import contextlib
import logging
import os
from pathlib import Path
from typing import Any, Callable, Iterator, Optional, TypeVar

from flask import Flask, current_app, g
from sqlalchemy import create_engine, event
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.engine import Engine
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session, sessionmaker

log = logging.getLogger(__name__)
R = TypeVar("R")


def insert_for(session: Session, table):
    """``INSERT`` in the session's dialect, the one with ``on_conflict_do_nothing``/``_do_update`` (both databases
    have ``ON CONFLICT``; SQLAlchemy's generic insert does not offer it)."""
    dialect = postgresql if session.get_bind().dialect.name == "postgresql" else sqlite
    return dialect.insert(table)


def make_engine(url: str) -> Engine:
    if not url.startswith("sqlite"):
        return create_engine(url, pool_pre_ping=True, pool_size=5, max_overflow=10)
    path = url.split(":///", 1)[-1]
    if path and path != ":memory:":
        Path(path).parent.mkdir(parents=True, exist_ok=True)
    engine = create_engine(url, connect_args={"timeout": 30, "check_same_thread": False})

    @event.listens_for(engine, "connect")
    def _sqlite_connect(dbapi_connection, _record):
        dbapi_connection.isolation_level = None  # we issue BEGIN ourselves
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA busy_timeout=30000")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _sqlite_begin(conn):
        conn.exec_driver_sql("BEGIN IMMEDIATE")

    return engine


class Database:
    def __init__(self, url: str):
        self.engine = make_engine(url)
        self.sessionmaker = sessionmaker(self.engine, expire_on_commit=False)

    @contextlib.contextmanager
    def session(self) -> Iterator[Session]:
        """A session for a job or a command: committed by the caller, rolled back on error."""
        session = self.sessionmaker()
        try:
            yield session
        except BaseException:
            session.rollback()
            raise
        finally:
            session.close()


class HeldConnection:
    """One DBAPI connection this process keeps for a hot path: no pool checkout, no ping per use.

    The pool pings a connection on every checkout (a round trip) and resets it on return; the
    WhatsApp webhook's batch INSERT would pay both on every batch. This connection is detached from
    the pool and kept; one the server dropped shows up as a disconnect error on use instead: it is
    thrown away and ``run`` retried once on a fresh one, so ``work`` must be idempotent (an
    ``INSERT … ON CONFLICT DO NOTHING`` is). After a fork (gunicorn ``--preload``) the parent's
    connection is left to the parent. Not thread-safe: one caller at a time
    (:class:`bot.groupcommit.GroupCommit` guarantees that for its writer).
    """

    def __init__(self, engine: Engine, statement_timeout_ms: Optional[int] = None):
        self.engine = engine
        self.statement_timeout_ms = statement_timeout_ms  # PostgreSQL: a stuck statement fails instead of hanging
        self._dbapi_connection: Any = None
        self._pid: Optional[int] = None

    def run(self, work: Callable[[Any], R]) -> R:
        """``work(dbapi_connection)`` in autocommit mode, once more on a new connection after a disconnect."""
        dbapi = self.engine.dialect.loaded_dbapi
        try:
            try:
                return work(self._connection())
            except dbapi.Error as exc:
                if not self.engine.dialect.is_disconnect(exc, self._dbapi_connection, None):
                    raise
                log.warning("held database connection lost (%s); reconnecting once", exc.__class__.__name__)
                self.close()
                return work(self._connection())
        except dbapi.Error as exc:  # as SQLAlchemy would raise it, so callers handle one kind of error
            raise DBAPIError.instance(None, None, exc, dbapi.Error) from exc

    def _connection(self) -> Any:
        if self._dbapi_connection is None or self._pid != os.getpid():
            fairy = self.engine.raw_connection()
            self._dbapi_connection, self._pid = fairy.driver_connection, os.getpid()
            fairy.detach()  # ours now: the pool neither counts nor resets it
            self._dbapi_connection.autocommit = True
            if self.statement_timeout_ms and self.engine.dialect.name == "postgresql":
                self._dbapi_connection.execute(f"SET statement_timeout = {int(self.statement_timeout_ms)}")
        return self._dbapi_connection

    def close(self) -> None:
        if self._dbapi_connection is not None and self._pid == os.getpid():
            try:
                self._dbapi_connection.close()
            except Exception:  # already broken: nothing left to release
                pass
        self._dbapi_connection = None


def get_db(app: Flask | None = None) -> Database:
    return (app or current_app).extensions["db"]


def get_session() -> Session:
    """The current request's session, closed at teardown."""
    if "db_session" not in g:
        g.db_session = get_db().sessionmaker()
    return g.db_session


def _close_session(_exc=None) -> None:
    session = g.pop("db_session", None)
    if session is not None:
        session.close()


def init_app(app: Flask) -> None:
    app.extensions["db"] = Database(app.config["SETTINGS"].database_url)
    app.teardown_appcontext(_close_session)

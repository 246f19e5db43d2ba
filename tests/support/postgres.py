"""Throw-away databases on the test PostgreSQL server: each test gets its own, cloned from a template.

The server is the one at TEST_POSTGRES_URL (default: the local Debian cluster that
scripts/system-deps.sh starts, trust auth for postgres over loopback TCP).
"""
import atexit
import os
import uuid

import psycopg
from psycopg import sql
from sqlalchemy.engine import make_url

DEFAULT_URL = "postgresql+psycopg://postgres@127.0.0.1:5432/postgres"

_created: set[str] = set()


def server_url() -> str:
    """SQLAlchemy URL of the maintenance database on the test server."""
    return os.environ.get("TEST_POSTGRES_URL", DEFAULT_URL)


def database_url(name: str) -> str:
    """SQLAlchemy URL of database `name` on the test server."""
    return make_url(server_url()).set(database=name).render_as_string(hide_password=False)


def libpq_url(url: str) -> str:
    """psycopg speaks libpq URLs, which know no "+driver" suffix."""
    return make_url(url).set(drivername="postgresql").render_as_string(hide_password=False)


def _admin() -> psycopg.Connection:
    # CREATE/DROP DATABASE cannot run inside a transaction.
    return psycopg.connect(libpq_url(server_url()), autocommit=True, connect_timeout=5)


def server_answers() -> str | None:
    """None if the server accepts a connection, else the reason why not."""
    try:
        with _admin() as conn:
            conn.execute("select 1")
        return None
    except psycopg.Error as exc:
        return str(exc).strip()


def unique_name(prefix: str = "test") -> str:
    """A database name no other test, run or developer on the same server will pick."""
    return f"{prefix}_{os.getpid()}_{uuid.uuid4().hex[:10]}"


def _terminate(conn: psycopg.Connection, name: str) -> None:
    conn.execute(
        "select pg_terminate_backend(pid) from pg_stat_activity"
        " where datname = %s and pid <> pg_backend_pid()", (name,))


def create_database(name: str | None = None, template: str | None = None) -> str:
    """Create a database (a copy of `template` if given) and return its URL; dropped at exit."""
    name = name or unique_name()
    query = sql.SQL("create database {}").format(sql.Identifier(name))
    if template:
        query += sql.SQL(" template {}").format(sql.Identifier(template))
    with _admin() as conn:
        if template:
            _terminate(conn, template)  # a template must have no other sessions while copied
        conn.execute(query)
    _created.add(name)
    return database_url(name)


def drop_database(name_or_url: str) -> None:
    """Drop a database after ending the sessions a test may have left open on it."""
    name = make_url(name_or_url).database if "://" in name_or_url else name_or_url
    with _admin() as conn:
        if _exists(conn, name):  # a template cannot be dropped until unmarked
            _set_template(conn, name, False)
        _terminate(conn, name)
        conn.execute(sql.SQL("drop database if exists {}").format(sql.Identifier(name)))
    _created.discard(name)


def _exists(conn: psycopg.Connection, name: str) -> bool:
    return conn.execute("select 1 from pg_database where datname = %s", (name,)).fetchone() is not None


def _set_template(conn: psycopg.Connection, name: str, flag: bool) -> None:
    conn.execute(sql.SQL("alter database {} with is_template {}").format(
        sql.Identifier(name), sql.Literal(flag)))


def create_template(name: str, setup_fn) -> str:
    """(Re)create template database `name`, fill it by setup_fn(url) (e.g. migrations), return `name`.

    Cloning it with create_database(template=name) is far faster than migrating per test.
    Use a name unique to the run (unique_name("tmpl")) when several runs share one server.
    """
    drop_database(name)
    url = create_database(name)
    setup_fn(url)
    with _admin() as conn:
        _terminate(conn, name)  # setup_fn's engine may still hold pooled connections
        _set_template(conn, name, True)
    return name


@atexit.register
def drop_created() -> None:
    """Drop every database this process created and did not drop, so runs leave no litter."""
    for name in list(_created):
        try:
            drop_database(name)
        except psycopg.Error:
            pass

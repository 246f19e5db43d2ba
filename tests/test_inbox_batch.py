"""Batch storing of unresolved inbound messages (both databases) and the held PostgreSQL connection."""
from __future__ import annotations

import datetime as dt
import logging
import time
import uuid

import psycopg
import pytest
from sqlalchemy import select
from sqlalchemy.exc import DBAPIError, ProgrammingError

from bot import inbox
from bot.db import HeldConnection, make_engine
from bot.envelope import Inbound
from bot.models import Message
from tests.support import postgres
from tests.support.ports import wait_until

WIB = dt.timezone(dt.timedelta(hours=7))
AT = dt.datetime(2026, 3, 4, 12, 30, 15, 123456, tzinfo=WIB)


def _inbound(sid: str | None = None, **changes) -> Inbound:
    fields = dict(channel="whatsapp", address="+6281234500001", text="halo", external_id=sid or "SM" + uuid.uuid4().hex,
                  received_at=AT, profile_name="Budi", meta={"kind": "text", "num_media": 0})
    return Inbound(**{**fields, **changes})


def _rows(engine) -> dict[str, dict]:
    """Every stored message as its column values, by external id."""
    with engine.connect() as conn:
        return {row.external_id: row._asdict() for row in conn.execute(select(Message.__table__))}


def _engine(app):
    return app.extensions["db"].engine


def _store_by_orm(app, inbound: Inbound) -> int:
    with app.app_context(), app.extensions["db"].session() as session:
        message, created = inbox.accept(session, inbound, resolve=False)
        session.commit()
        assert created
        return message.id


def test_same_external_id_on_two_channels_are_two_messages(app):
    """The key is (channel, external id): each caller gets its own row, neither is told "duplicate"."""
    on_whatsapp, by_mail = _inbound("SMsame"), _inbound("SMsame", channel="email", address="warga@example.org")
    ids = inbox.commit_unresolved_many(_engine(app), [on_whatsapp, by_mail])
    assert None not in ids and ids[0] != ids[1]
    with _engine(app).connect() as conn:
        stored = dict(conn.execute(select(Message.id, Message.channel)).all())
    assert stored == {ids[0]: "whatsapp", ids[1]: "email"}


def test_known_and_repeated_message_sids_get_none(app):
    """[new, known, new, new again]: ids for the two new ones, None for the rest; first of a repeat wins."""
    known = _inbound(text="sudah ada")
    [known_id] = inbox.commit_unresolved_many(_engine(app), [known])
    assert isinstance(known_id, int)
    first, second = _inbound(text="pertama"), _inbound(text="kedua")
    repeat = _inbound(first.external_id, text="pertama lagi")
    ids = inbox.commit_unresolved_many(_engine(app), [first, known, second, repeat])
    assert ids[1] is None and ids[3] is None
    assert all(isinstance(i, int) for i in ids[::2]) and len({known_id, ids[0], ids[2]}) == 3
    stored = _rows(_engine(app))
    assert set(stored) == {known.external_id, first.external_id, second.external_id}
    assert {sid: row["id"] for sid, row in stored.items()} == {
        known.external_id: known_id, first.external_id: ids[0], second.external_id: ids[2]}
    assert (stored[first.external_id]["body"], stored[known.external_id]["body"]) == ("pertama", "sudah ada")


def test_one_item_batch_returns_none_for_a_known_sid(app):
    """A lone message (the webhook's usual batch): an id the first time, None the second, one row."""
    inbound = _inbound()
    [first] = inbox.commit_unresolved_many(_engine(app), [inbound])
    assert isinstance(first, int) and inbox.commit_unresolved_many(_engine(app), [inbound]) == [None]
    assert [row["id"] for row in _rows(_engine(app)).values()] == [first]


@pytest.mark.parametrize("batch_size", [1, 3])
def test_batch_rows_equal_rows_the_orm_path_stores(app, batch_size):
    """Every column (but id and external id) of a batch-stored row equals accept(resolve=False)'s row."""
    meta = {"kind": "text", "num_media": 0, "nested": {"a": [1, "dua"]}}
    model = _inbound(meta=meta, text="berapa penduduk 2023?")
    orm_id = _store_by_orm(app, model)
    twins = [_inbound(meta=meta, text="berapa penduduk 2023?") for _ in range(batch_size)]
    others = [_inbound(address=f"+62813000{n:05d}", text=f"lain {n}", profile_name=None) for n in range(batch_size - 1)]
    ids = inbox.commit_unresolved_many(_engine(app), [twins[0], *others, *twins[1:]])
    stored = _rows(_engine(app))
    expected = {k: v for k, v in stored[model.external_id].items() if k not in ("id", "external_id")}
    assert stored[model.external_id]["id"] == orm_id and expected["conversation_id"] is None
    assert expected["created_at"] == AT and expected["meta"] == {**meta, "profile_name": "Budi"}
    for twin in twins:
        row = stored[twin.external_id]
        assert {k: v for k, v in row.items() if k not in ("id", "external_id")} == expected
    assert ids[0] == stored[twins[0].external_id]["id"]


def test_rows_differing_only_in_external_id(app):
    """Five rows alike but for the MessageSid (all other columns sent once): five rows, real ids."""
    batch = [_inbound() for _ in range(5)]
    ids = inbox.commit_unresolved_many(_engine(app), batch)
    stored = _rows(_engine(app))
    assert ids == [stored[item.external_id]["id"] for item in batch] and len(set(ids)) == 5
    assert {row["body"] for row in stored.values()} == {"halo"}


def test_rows_differing_in_every_column(app):
    """Addresses, bodies, profile names, meta and times all differ: each row holds its own values."""
    batch = [_inbound(address=f"+6281300{n:06d}", text=f"pesan {n} " + "é" * n,
                      profile_name=f"Nama {n}" if n % 2 else None,
                      meta={"kind": "text", "num_media": n, "n": [n] * n}, received_at=AT + dt.timedelta(seconds=n))
             for n in range(4)]
    ids = inbox.commit_unresolved_many(_engine(app), batch)
    stored = _rows(_engine(app))
    assert ids == [stored[item.external_id]["id"] for item in batch]
    for item in batch:
        row = stored[item.external_id]
        meta = {**item.meta, **({"profile_name": item.profile_name} if item.profile_name else {})}
        assert (row["address"], row["body"], row["meta"], row["created_at"]) == (
            item.address, item.text, meta, item.received_at)
        assert (row["direction"], row["status"], row["conversation_id"], row["attempts"]) == ("in", "received", None, 0)


# PostgreSQL only: the held connection and the batch INSERT on it.

@pytest.fixture
def pg_engine(postgres_template):
    url = postgres.create_database(template=postgres_template)
    engine = make_engine(url)
    yield engine
    engine.dispose()
    postgres.drop_database(url)


def _pid(connection) -> int:
    return connection.execute("select pg_backend_pid()").fetchone()[0]


def _terminate(pid: int) -> None:
    """End that backend from outside, and wait until it is gone."""
    with psycopg.connect(postgres.libpq_url(postgres.server_url()), autocommit=True) as admin:
        assert admin.execute("select pg_terminate_backend(%s)", (pid,)).fetchone()[0]
        wait_until(lambda: not admin.execute("select 1 from pg_stat_activity where pid = %s", (pid,)).fetchone(),
                   what=f"backend {pid} gone")


def test_held_connection_reconnects_once_after_the_server_drops_it(pg_engine, caplog):
    """A terminated backend: the next run succeeds on a new backend (work called twice, warning logged)."""
    held = HeldConnection(pg_engine)
    first = held.run(_pid)
    assert held.run(_pid) == first  # kept, not checked out again
    _terminate(first)
    calls = []
    with caplog.at_level(logging.WARNING, logger="bot.db"):
        second = held.run(lambda c: calls.append(1) or _pid(c))
    assert second != first and len(calls) == 2
    assert "reconnecting once" in caplog.text
    held.close()


def test_other_database_errors_raise_dbapierror_without_retry(pg_engine):
    """Bad SQL: a SQLAlchemy DBAPIError, work called once, the same connection usable and idle after."""
    held = HeldConnection(pg_engine)
    pid = held.run(_pid)
    calls = []
    with pytest.raises(DBAPIError) as caught:
        held.run(lambda c: calls.append(1) or c.execute("select * from no_such_table"))
    assert isinstance(caught.value, ProgrammingError)
    assert isinstance(caught.value.orig, psycopg.errors.UndefinedTable) and len(calls) == 1
    assert held.run(lambda c: (_pid(c), c.info.transaction_status)) == (pid, psycopg.pq.TransactionStatus.IDLE)
    held.close()


def test_statement_timeout_turns_a_stuck_statement_into_an_error(pg_engine):
    """With a timeout, a statement that would hang fails (the webhook's 503) and the connection stays usable."""
    held = HeldConnection(pg_engine, statement_timeout_ms=200)
    pid = held.run(_pid)
    started = time.monotonic()
    with pytest.raises(DBAPIError) as caught:
        held.run(lambda c: c.execute("select pg_sleep(5)"))
    assert isinstance(caught.value.orig, psycopg.errors.QueryCanceled) and time.monotonic() - started < 4
    assert held.run(_pid) == pid
    held.close()


def test_a_forked_process_opens_its_own_connection(pg_engine):
    """Another pid than the one that connected: a new backend; the parent's connection left open."""
    held = HeldConnection(pg_engine)
    parent_pid = held.run(_pid)
    parent_connection = held._dbapi_connection
    held._pid = -1
    child_pid = held.run(_pid)
    assert child_pid != parent_pid and held._dbapi_connection is not parent_connection
    assert not parent_connection.closed
    parent_connection.close()
    held.close()
    assert held._dbapi_connection is None
    assert held.run(_pid) not in (child_pid, parent_pid)  # close() really let go of it
    held.close()


def test_batch_insert_on_the_held_connection_survives_a_dropped_backend(pg_engine):
    """commit_unresolved_many on a HeldConnection whose backend died: stored once, real ids."""
    held = HeldConnection(pg_engine)
    before = inbox.commit_unresolved_many(pg_engine, [_inbound(), _inbound(text="dua")], held)
    _terminate(held.run(_pid))
    batch = [_inbound(text="tiga"), _inbound(text="empat", address="+6281234500002")]
    ids = inbox.commit_unresolved_many(pg_engine, batch, held)
    stored = _rows(pg_engine)
    assert len(stored) == 4 and all(isinstance(i, int) for i in before)
    assert ids == [stored[item.external_id]["id"] for item in batch]
    assert inbox.commit_unresolved_many(pg_engine, batch, held) == [None, None]
    held.close()

"""The stack under load, as processes: redis-server, the fake API, gunicorn ``wsgi:app``, the RQ worker.

Each run gets a fresh database (a SQLite file in the run's temp dir, or a throw-away PostgreSQL
database), the knowledge base imported and some citizens registered, as ``make run`` would have them.
"""
from __future__ import annotations

import contextlib
import os
import sys
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterator

from bench.cputime import postgres_backends
from bench.webhook_apps import WEBHOOK
from tests.support import postgres
from tests.support.ports import HOST, accepts, free_port, spawn, stop_process, wait_until
from tests.support.redis_server import RedisServer

ROOT = Path(__file__).resolve().parents[2]
BIN = ROOT / ".venv/bin"
WEB_PROCESSES = 2
WEB_THREADS = 8  # scripts/run.sh's default
APPS = {"engine": "wsgi", "no-op": "bench.load.noop"}  # the worker's app: the real engine or the baseline's


@dataclass
class Stack:
    """What a run needs to reach the stack and to measure its processes."""

    database_url: str
    port: int
    webhook_url: str  # the URL signatures are computed over (PUBLIC_BASE_URL + path)
    auth_token: str
    fake_port: int
    registered: list[str]
    procs: dict = field(default_factory=dict)  # name -> Popen
    redis_pid: int = 0

    def pids(self, with_fake: bool = False) -> dict[str, list[int]]:
        """Process groups by name, each with every descendant (gunicorn's workers, RQ's scheduler)."""
        groups = {name: descendants(proc.pid) for name, proc in self.procs.items()
                  if with_fake or name != "fake API"}
        groups["redis"] = [self.redis_pid]
        if self.database_url.startswith("postgresql"):
            groups["postgres"] = postgres_backends(postgres.libpq_url(postgres.server_url()),
                                                   self.database_url.rsplit("/", 1)[1])
        return groups


def descendants(pid: int) -> list[int]:
    """A process and all processes below it, from /proc (no pgrep per level)."""
    children: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat") as stat:
                    parent = int(stat.read().rsplit(")", 1)[1].split()[1])
            except (FileNotFoundError, ProcessLookupError):
                continue
            children.setdefault(parent, []).append(int(entry))
    found, todo = [], [pid]
    while todo:
        current = todo.pop()
        found.append(current)
        todo.extend(children.get(current, []))
    return found


def _stop(procs: dict) -> None:
    for proc in procs.values():
        stop_process(proc)


def messages_by_state(database_url: str) -> dict[str, int]:
    """Rows of the messages table by direction and status ("in processed", "out queued", ...): how far
    the pipeline got with what it accepted, read after the wait."""
    from sqlalchemy import create_engine, text

    engine = create_engine(database_url)
    try:
        with engine.connect() as conn:
            rows = conn.execute(text("select direction, status, count(*) from messages group by direction, status"))
            return {f"{direction} {status}": count for direction, status, count in rows}
    finally:
        engine.dispose()


def _prepare(database_url: str, registered: int) -> list[str]:
    """Schema, knowledge base and the registered citizens, before any process of the stack starts."""
    from bench.webhook import registered_citizens
    from bot.migrations import upgrade

    upgrade(database_url)
    return registered_citizens(registered)


@contextlib.contextmanager
def running(tmp: Path, database: str, engine: str, latency: float, registered: int) -> Iterator[Stack]:
    """The whole stack up for the block, on a new database; everything stopped and dropped after."""
    tmp.mkdir(parents=True, exist_ok=True)
    database_url = postgres.create_database(postgres.unique_name("benchload")) if database == "postgresql" \
        else f"sqlite:///{tmp}/pst.db"
    port, fake_port = free_port(), free_port()
    account, token = "AC" + uuid.uuid4().hex, uuid.uuid4().hex
    public = f"http://{HOST}:{port}"
    saved = dict(os.environ)
    procs: dict = {}
    try:
        with RedisServer() as redis:
            os.environ.update({
                "SECRET_KEY": "bench-load", "DATABASE_URL": database_url, "REDIS_URL": redis.url,
                "VAR_DIR": str(tmp / "var"), "TWILIO_ACCOUNT_SID": account, "TWILIO_AUTH_TOKEN": token,
                "TWILIO_WHATSAPP_FROM": "+14155238886", "TWILIO_API_BASE": f"http://{HOST}:{fake_port}",
                "TWILIO_CONTENT_API_BASE": f"http://{HOST}:{fake_port}", "PUBLIC_BASE_URL": public,
                "PYTHONPATH": str(ROOT)})
            citizens = _prepare(database_url, registered)
            procs["fake API"] = spawn([sys.executable, "-m", "bench.load.fakeapi", str(fake_port), account, token,
                                       str(latency)], log_path=str(tmp / "fakeapi.log"))
            procs["gunicorn"] = spawn([str(BIN / "gunicorn"), "-k", "gthread", "--workers", str(WEB_PROCESSES),
                                       "--threads", str(WEB_THREADS), "--bind", f"{HOST}:{port}", "--chdir", str(ROOT),
                                       "-c", str(ROOT / "config/gunicorn.py"), "wsgi:app"],
                                      log_path=str(tmp / "gunicorn.log"))
            procs["worker"] = spawn([str(BIN / "flask"), "--app", APPS[engine], "worker"],
                                    log_path=str(tmp / "worker.log"))
            wait_until(lambda: accepts(fake_port), timeout=30, what="fake API")
            wait_until(lambda: accepts(port), timeout=60, what="gunicorn")
            # the worker warms the intent layer first: offering before it listens would time the warm-up
            client = redis.client()
            wait_until(lambda: client.scard("rq:workers") > 0, timeout=120, interval=0.2, what="RQ worker")
            try:
                yield Stack(database_url, port, public + WEBHOOK, token, fake_port, citizens,
                            procs, client.info("server")["process_id"])
            finally:  # before redis goes: a worker that loses redis first logs errors that are no finding
                _stop(procs)
    finally:
        _stop(procs)
        os.environ.clear()
        os.environ.update(saved)
        if database == "postgresql":
            postgres.drop_database(database_url)

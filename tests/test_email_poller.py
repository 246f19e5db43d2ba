"""The IMAP poller against a real Dovecot: store, commit, then flag and enqueue; crash-safe when killed."""
import contextlib
import os
import re
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from sqlalchemy import func, select, text

from bot import create_app
from bot.channels.email.poller import Poller
from bot.db import make_engine
from bot.models import MailboxState, Message, RawMail
from config import PROJECT_ROOT
from tests.test_email_ingest import mail
from workers.jobs import enqueue_processing
from workers.queue import get_queue

MAIL = Path(__file__).parent / "fixtures" / "mail"


@pytest.fixture
def imap_env(env, dovecot):
    return {**env, "IMAP_HOST": dovecot.host, "IMAP_PORT": str(dovecot.port), "IMAP_USER": dovecot.user,
            "IMAP_PASSWORD": dovecot.password, "IMAP_SSL": "false", "MAIL_POLL_INTERVAL": "1s"}


@pytest.fixture
def imap_app(imap_env):
    app = create_app(imap_env)
    yield app
    app.extensions["db"].engine.dispose()


def poller(app) -> Poller:
    return Poller(app, lambda message_id: enqueue_processing(message_id, app))


def catch_up(app) -> int:
    """One connect-and-sync round, as the loop does it."""
    p = poller(app)
    with app.app_context(), p.connect() as imap:
        p.start(imap)
        return p.sync(imap)


def stored(app) -> list[str]:
    with app.extensions["db"].session() as session:
        return session.scalars(select(Message.external_id).where(Message.direction == "in").order_by(Message.id)).all()


def queued(app) -> list[int]:
    """Message ids with a processing job waiting on the inbound queue."""
    return sorted(int(re.search(r"(\d+)$", job_id).group(1)) for job_id in get_queue("inbound", app).job_ids)


def unseen(mailbox) -> int:
    return sum(b"\\Seen" not in item[b"FLAGS"] for item in mailbox.fetch_all().values())


def test_new_mail_is_stored_flagged_and_enqueued(imap_app, dovecot):
    """Every mail is stored with its bytes, marked \\Seen, and its processing job is queued."""
    raws = [mail(body=f"Pertanyaan {n}", message_id=f"<m{n}@example.org>") for n in range(3)]
    for raw in raws:
        dovecot.append(raw)
    assert catch_up(imap_app) == 3
    assert stored(imap_app) == ["<m0@example.org>", "<m1@example.org>", "<m2@example.org>"]
    with imap_app.extensions["db"].session() as session:
        assert session.scalar(select(func.count()).select_from(RawMail)) == 3
        assert session.get(MailboxState, "INBOX").last_uid == 3
        ids = session.scalars(select(Message.id).order_by(Message.id)).all()
    assert unseen(dovecot) == 0
    assert queued(imap_app) == ids
    assert catch_up(imap_app) == 0 and len(stored(imap_app)) == 3


def test_bad_and_robot_mail_is_kept_and_the_mailbox_moves_on(imap_app, dovecot):
    """A malformed mail and an auto-reply are stored (not answered); the mail after them still arrives."""
    for name in ("malformed.eml", "auto_reply.eml"):
        dovecot.append((MAIL / name).read_bytes())
    dovecot.append(mail(message_id="<after@example.org>"))
    assert catch_up(imap_app) == 3
    with imap_app.extensions["db"].session() as session:
        rows = session.scalars(select(Message).order_by(Message.id)).all()
        assert [(r.status, r.flagged) for r in rows] == [("held", True), ("ignored", False), ("received", False)]
    assert queued(imap_app) == [rows[2].id]


def test_a_backlog_of_large_mails_is_fetched_a_few_at_a_time(imap_app, dovecot, monkeypatch):
    """Batches stop at BATCH_BYTES (one big mail alone), so a backlog of scanned PDFs cannot exhaust memory."""
    from bot.channels.email import poller as poller_module
    from imapclient import IMAPClient

    monkeypatch.setattr(poller_module, "BATCH_BYTES", 500_000)
    fetched, fetch = [], IMAPClient.fetch
    monkeypatch.setattr(IMAPClient, "fetch", lambda imap, uids, data, *a, **kw: fetched.append(
        (len(uids), data)) or fetch(imap, uids, data, *a, **kw))
    for n in range(3):
        dovecot.append(mail(body=f"Lampiran {n}\n" + "x" * 300_000, message_id=f"<big{n}@example.org>"))
    dovecot.append(mail(message_id="<small@example.org>"))
    assert catch_up(imap_app) == 4 and len(stored(imap_app)) == 4
    assert [count for count, data in fetched if "BODY.PEEK[]" in data] == [1, 1, 2]


def test_new_uidvalidity_rescans_without_doubles(imap_app, dovecot):
    """A recreated folder (new UIDVALIDITY) is read from UID 1; stored mail is recognised by Message-ID."""
    dovecot.append(mail(message_id="<one@example.org>"))
    catch_up(imap_app)
    with imap_app.extensions["db"].session() as session:
        session.get(MailboxState, "INBOX").uidvalidity = 1
        session.commit()
    dovecot.append(mail(message_id="<two@example.org>"))
    catch_up(imap_app)
    assert stored(imap_app) == ["<one@example.org>", "<two@example.org>"]


def test_idle_wakes_the_poller(imap_app, dovecot):
    """With IDLE, mail appended while the poller waits is stored within seconds."""
    p = poller(imap_app)
    thread = threading.Thread(target=lambda: imap_app.app_context().push() or p.run(), daemon=True)
    thread.start()
    try:
        time.sleep(0.5)
        dovecot.append(mail(message_id="<idle@example.org>"))
        deadline = time.monotonic() + 10
        while not stored(imap_app) and time.monotonic() < deadline:
            time.sleep(0.1)
        assert stored(imap_app) == ["<idle@example.org>"]
    finally:
        p.stop.set()
        thread.join(10)
    assert not thread.is_alive()


# ---- the poller as a process, killed between fetch and commit -----------------------------------------
class PollerProcess:
    def __init__(self, env):
        self.log = []
        self.proc = subprocess.Popen([sys.executable, "-m", "flask", "--app", "wsgi", "poller"], cwd=PROJECT_ROOT,
                                     env={**os.environ, **env}, stderr=subprocess.PIPE, text=True)
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self):
        for line in self.proc.stderr:
            self.log.append(line)

    def wait_for(self, words: str, timeout: float = 20) -> None:
        deadline = time.monotonic() + timeout
        while not any(words in line for line in self.log):
            assert self.proc.poll() is None, "".join(self.log)
            assert time.monotonic() < deadline, f"no {words!r} in:\n" + "".join(self.log)
            time.sleep(0.05)

    def kill(self) -> None:
        self.proc.send_signal(signal.SIGKILL)
        self.proc.wait(10)


@contextlib.contextmanager
def database_held(url: str):
    """Hold the database so the poller blocks inside its storing transaction (after it fetched)."""
    engine = make_engine(url)
    with engine.connect() as conn:
        transaction = conn.begin()
        conn.execute(text("LOCK TABLE raw_mails IN ACCESS EXCLUSIVE MODE") if url.startswith("postgresql")
                     else text("SELECT 1"))
        try:
            yield
        finally:
            transaction.rollback()
    engine.dispose()


def test_killed_between_fetch_and_commit_loses_and_doubles_nothing(imap_env, imap_app, dovecot, fresh_redis):
    """SIGKILL after FETCH and before COMMIT: nothing stored or flagged; the restart stores each mail once."""
    first = PollerProcess(imap_env)
    try:
        first.wait_for("watching INBOX")
        with database_held(imap_env["DATABASE_URL"]):
            for n in range(5):
                dovecot.append(mail(body=f"Surat {n}", message_id=f"<k{n}@example.org>"))
            first.wait_for("fetched 5 mails")
            time.sleep(0.3)  # let it reach the blocked write
            first.kill()
        assert stored(imap_app) == [] and unseen(dovecot) == 5
    finally:
        if first.proc.poll() is None:
            first.kill()
    second = PollerProcess(imap_env)
    try:
        second.wait_for("mail stored as message", timeout=20)
        deadline = time.monotonic() + 20
        # the jobs are enqueued after the commit and the \\Seen flags: wait for them too before stopping it
        while (len(stored(imap_app)) < 5 or unseen(dovecot) or len(queued(imap_app)) < 5) \
                and time.monotonic() < deadline:
            time.sleep(0.1)
    finally:
        second.proc.terminate()
        second.proc.wait(10)
    assert stored(imap_app) == [f"<k{n}@example.org>" for n in range(5)]
    assert unseen(dovecot) == 0
    assert len(queued(imap_app)) == 5

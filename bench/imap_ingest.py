"""IMAP ingest speed: mails per second from Dovecot into the database with processing enqueued.

Run: .venv/bin/python bench/imap_ingest.py [--mails 1000] [--database-url postgresql://…]
Everything is started here on loopback: a private Dovecot (as the tests run it, needs root for the
mail user's files), a private redis-server, and a migrated SQLite file (or the given database, which
must be empty). Mails are realistic (a mix of the tests/fixtures/mail corpus with unique Message-IDs).

Baseline, same run and same mailbox: a bare imapclient FETCH of the same mails in the same batches,
nothing parsed or stored. The poller's run is one catch-up (connect, select, fetch in batches, parse,
store with raw bytes and attachments, commit, set \\Seen, enqueue one RQ job per mail).
"""
from __future__ import annotations

import argparse
import re
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bot import create_app  # noqa: E402
from bot.channels.email.poller import BATCH, Poller  # noqa: E402
from bot.migrations import upgrade  # noqa: E402
from bot.models import Message  # noqa: E402
from tests.support.dovecot import DovecotServer  # noqa: E402
from tests.support.redis_server import RedisServer  # noqa: E402
from workers.jobs import enqueue_processing  # noqa: E402
from workers.queue import get_queue  # noqa: E402

CORPUS = Path(__file__).resolve().parents[1] / "tests" / "fixtures" / "mail"
PEOPLE = ["gmail_reply_en.eml", "gmail_reply_id.eml", "outlook_reply.eml", "outlook_id.eml", "apple_mail.eml",
          "thunderbird.eml", "html_only.eml", "attachments.eml", "encoded_words.eml"]


def corpus(count: int) -> list[bytes]:
    """``count`` mails cycling through the corpus, each with a Message-ID of its own."""
    sources = [(CORPUS / name).read_bytes() for name in PEOPLE]
    mails = []
    for n in range(count):
        raw = sources[n % len(sources)]
        raw = re.sub(rb"(?im)^message-id:.*\r?\n", b"", raw, count=1)
        mails.append(f"Message-ID: <bench{n}@example.org>\r\n".encode() + raw)
    return mails


def baseline(mailbox) -> float:
    """Seconds for a bare fetch of every mail in the same batch size."""
    started = time.perf_counter()
    with mailbox.client() as imap:
        imap.select_folder("INBOX", readonly=True)
        uids = imap.search("ALL")
        for start in range(0, len(uids), BATCH):
            imap.fetch(uids[start:start + BATCH], ["BODY.PEEK[]"])
    return time.perf_counter() - started


def ingest(app) -> float:
    poller = Poller(app, lambda message_id: enqueue_processing(message_id, app))
    started = time.perf_counter()
    with app.app_context(), poller.connect() as imap:
        poller.start(imap)
        poller.sync(imap)
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mails", type=int, default=1000)
    parser.add_argument("--database-url")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp, DovecotServer() as dovecot, RedisServer() as redis:
        url = args.database_url or f"sqlite:///{tmp}/bench.db"
        upgrade(url)
        mailbox = dovecot.add_user()
        mails = corpus(args.mails)
        with mailbox.client() as imap:
            for raw in mails:
                imap.append("INBOX", raw)
        app = create_app({"SECRET_KEY": "bench", "DATABASE_URL": url, "REDIS_URL": redis.url, "VAR_DIR": tmp,
                          "IMAP_HOST": mailbox.host, "IMAP_PORT": str(mailbox.port), "IMAP_USER": mailbox.user,
                          "IMAP_PASSWORD": mailbox.password, "IMAP_SSL": "false"})
        bare = baseline(mailbox)
        took = ingest(app)
        with app.extensions["db"].session() as session:
            rows = session.query(Message).count()
        jobs = get_queue("inbound", app).count
        size = sum(map(len, mails)) / len(mails)
        print(f"{args.mails} mails (average {size / 1024:.1f} KiB), database {url.split(':', 1)[0]}")
        print(f"baseline  bare imapclient fetch      {bare:6.2f} s  {args.mails / bare:8.0f} mails/s")
        print(f"poller    fetch+store+commit+enqueue {took:6.2f} s  {args.mails / took:8.0f} mails/s")
        print(f"stored rows {rows}, processing jobs queued {jobs}")
        app.extensions["db"].engine.dispose()


if __name__ == "__main__":
    main()

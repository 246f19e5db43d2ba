"""The IMAP poller: new mail into the database, crash-safely.

Order per batch (up to 100 mails or 64 MiB): FETCH (with BODY.PEEK, so nothing changes on the server) →
store every mail and the folder's last UID in one transaction → COMMIT → set ``\\Seen`` → enqueue
processing. Killed before the commit, the batch is fetched again (nothing was recorded); killed after
it, the last UID keeps it from being stored twice and the Message-ID unique key would too. Mail stored
but never enqueued (a kill after the commit, Redis down) is enqueued again when the poller (re)connects,
and \\Seen is set again for stored mail still unseen.

UIDVALIDITY + last UID per folder live in ``mailbox_states``; a new UIDVALIDITY (folder recreated)
means starting from UID 1, and the Message-ID keeps already stored mail from being doubled. IDLE is
used when the server offers it, else the folder is checked every MAIL_POLL_INTERVAL; a lost
connection is retried with exponential back-off.
"""
from __future__ import annotations

import logging
import threading
from typing import Callable

from imapclient import IMAPClient
from imapclient.exceptions import IMAPClientError
from sqlalchemy import select
from sqlalchemy.exc import OperationalError

from bot.channels.email import ingest
from bot.envelope import Channel
from bot.models import MailboxState, Message

log = logging.getLogger(__name__)
BATCH = 100
BATCH_BYTES = 64 * 1024 * 1024  # a batch is held in memory several times over (raw, parsed, INSERT)
IDLE_RENEW = 25 * 60  # RFC 2177: re-issue IDLE at least every 29 minutes
MAX_BACKOFF = 60.0
SEEN = b"\\Seen"


class Poller:
    def __init__(self, app, on_stored: Callable[[int], object], stop: threading.Event | None = None):
        self.app, self.settings, self.on_stored = app, app.config["SETTINGS"], on_stored
        self.db = app.extensions["db"]
        self.folder = self.settings.imap_folder
        self.stop = stop or threading.Event()
        self.last_uid = 0

    # ---- the loop ---------------------------------------------------------------------------------
    def run(self) -> None:
        """Until stopped: connect, catch up, wait for mail; reconnect with back-off on any failure."""
        delay = 1.0
        while not self.stop.is_set():
            try:
                with self.connect() as imap:
                    self.start(imap)
                    delay = 1.0
                    while not self.stop.is_set():
                        self.sync(imap)
                        self.wait(imap)
            except (IMAPClientError, OSError, OperationalError) as exc:
                log.warning("mail poller: %s; reconnecting in %.0fs", exc.__class__.__name__, delay)
                self.stop.wait(delay)
                delay = min(delay * 2, MAX_BACKOFF)

    def connect(self) -> IMAPClient:
        s = self.settings
        imap = IMAPClient(s.imap_host, port=s.imap_port_or_default, ssl=s.imap_ssl, timeout=60)
        imap.login(s.imap_user, s.imap_password)
        return imap

    def start(self, imap: IMAPClient) -> None:
        """Select the folder, check UIDVALIDITY, and finish what a previous run left half done."""
        uidvalidity = imap.select_folder(self.folder)[b"UIDVALIDITY"]
        with self.db.session() as session:
            state = session.get(MailboxState, self.folder)
            if state is None:
                state = MailboxState(folder=self.folder, uidvalidity=uidvalidity, last_uid=0)
                session.add(state)
            elif state.uidvalidity != uidvalidity:
                log.warning("mail poller: UIDVALIDITY of %s changed; rescanning (stored mail is recognised)",
                            self.folder)
                state.uidvalidity, state.last_uid = uidvalidity, 0
            self.last_uid = state.last_uid
            session.commit()
            pending = session.scalars(select(Message.id).where(
                Message.channel == Channel.EMAIL.value, Message.direction == "in",
                Message.status == "received")).all()
        if self.last_uid:
            unseen = imap.search(["UNSEEN", "UID", f"1:{self.last_uid}"])
            if unseen:
                imap.add_flags(unseen, [SEEN])
        for message_id in pending:
            self.on_stored(message_id)
        log.info("mail poller: watching %s from uid %s (%d stored mails re-enqueued)", self.folder, self.last_uid,
                 len(pending))

    def wait(self, imap: IMAPClient) -> None:
        interval = self.settings.mail_poll_interval.total_seconds()
        if b"IDLE" not in imap.capabilities():
            self.stop.wait(interval)
            imap.noop()
            return
        imap.idle()
        try:
            imap.idle_check(timeout=min(interval, IDLE_RENEW))
        finally:
            imap.idle_done()

    # ---- one catch-up -----------------------------------------------------------------------------
    def sync(self, imap: IMAPClient) -> int:
        """Store every mail above the last UID; returns how many new rows were stored."""
        uids = sorted(u for u in imap.search(["UID", f"{self.last_uid + 1}:*"]) if u > self.last_uid)
        return sum(self._batch(imap, batch) for batch in self._batches(imap, uids))

    @staticmethod
    def _batches(imap: IMAPClient, uids: list[int]):
        """Up to BATCH mails and BATCH_BYTES (a bigger mail alone): a backlog of large mails fits in memory."""
        for start in range(0, len(uids), BATCH):  # sizes asked per BATCH: one command line stays short
            window = uids[start:start + BATCH]
            sizes = imap.fetch(window, ["RFC822.SIZE"])
            batch, total = [], 0
            for uid in window:
                size = sizes.get(uid, {}).get(b"RFC822.SIZE", 0)
                if batch and total + size > BATCH_BYTES:
                    yield batch
                    batch, total = [], 0
                batch.append(uid)
                total += size
            yield batch

    def _batch(self, imap: IMAPClient, uids: list[int]) -> int:
        fetched = imap.fetch(uids, ["BODY.PEEK[]"])
        log.info("mail poller: fetched %d mails (uid %s-%s)", len(fetched), uids[0], uids[-1])
        mails = [(uid, fetched[uid][b"BODY[]"]) for uid in uids if uid in fetched]
        results = self._store(mails, uids[-1])
        imap.add_flags(uids, [SEEN])
        self.last_uid = uids[-1]
        for result in results:
            if result.answer:
                self.on_stored(result.message.id)
        return sum(result.created for result in results)

    def _store(self, mails: list[tuple[int, bytes]], last_uid: int) -> list[ingest.Stored]:
        """All mails of a batch and the new last UID in one commit; one by one if the batch fails."""
        try:
            return self._commit(mails, last_uid)
        except OperationalError:
            raise  # the database is away: back off and retry the whole batch later
        except Exception:  # noqa: BLE001 - one bad mail must not block the mailbox
            log.exception("mail poller: batch up to uid %s failed; storing one by one", last_uid)
        results = []
        for uid, raw in mails:
            try:
                results += self._commit([(uid, raw)], uid, checked=False)
            except OperationalError:
                raise
            except Exception as exc:  # noqa: BLE001
                log.exception("mail poller: uid %s could not be stored; keeping it flagged", uid)
                results += self._commit_unreadable(uid, raw, exc)
        return results

    def _commit(self, mails: list[tuple[int, bytes]], last_uid: int, checked: bool = True) -> list[ingest.Stored]:
        """``checked``: the batch way (no savepoint per mail, see ``ingest``); one by one uses savepoints."""
        with self.db.session() as session:
            results = ingest.store_batch(session, [raw for _, raw in mails], self.settings, checked)
            session.get(MailboxState, self.folder).last_uid = last_uid
            session.commit()
            return results

    def _commit_unreadable(self, uid: int, raw: bytes, exc: Exception) -> list[ingest.Stored]:
        with self.db.session() as session:
            result = ingest.store_unreadable(session, raw, f"could not be stored ({exc.__class__.__name__})")
            session.get(MailboxState, self.folder).last_uid = uid
            session.commit()
            return [result]

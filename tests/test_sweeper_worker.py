"""Real ``flask worker`` processes (RQ scheduler on) sweep by themselves; the clock moves through CLOCK_FILE.

Mail goes to a real aiosmtpd through the SMTP sender, WhatsApp to the fake Twilio through the SDK sender.
"""
from __future__ import annotations

import datetime as dt
import os
import subprocess
import threading
from pathlib import Path

import pytest
from sqlalchemy import select

from bot import clock, create_app, pipeline
from bot.envelope import Channel
from bot.models import Consultation, Conversation, Message, Officer
from bot.texts import WIB
from tests import journeys
from tests.support.ports import _die_with_parent, stop_process, wait_until
from workers import sweeper
from workers.jobs import enqueue_delivery
from workers.queue import get_redis

ROOT = Path(__file__).resolve().parent.parent
FLASK = str(Path(os.sys.executable).parent / "flask")
REMINDER = "Kami belum menerima balasan Anda"
CLOSED = "Percakapan ditutup karena tidak ada balasan"


def wib(*args) -> dt.datetime:
    return dt.datetime(*args, tzinfo=WIB)


@pytest.fixture
def live_env(env, fake_twilio, smtp_server, tmp_path) -> dict[str, str]:
    return {**env, "TWILIO_ACCOUNT_SID": fake_twilio.account_sid, "TWILIO_AUTH_TOKEN": fake_twilio.auth_token,
            "TWILIO_WHATSAPP_FROM": "+14155238886", "TWILIO_API_BASE": fake_twilio.url,
            "TWILIO_CONTENT_API_BASE": fake_twilio.url,
            **smtp_server.settings(),
            "CLOCK_FILE": str(tmp_path / "clock"), "SWEEP_INTERVAL": "1s"}


@pytest.fixture
def live_app(live_env):
    application = create_app(live_env)  # this process follows the same clock file as the workers
    yield application
    application.extensions["db"].engine.dispose()


@pytest.fixture
def start_workers(live_env, tmp_path):
    procs: list[subprocess.Popen] = []

    def start(count: int = 1) -> None:
        for _ in range(count):
            with open(tmp_path / f"worker{len(procs)}.log", "ab") as log:
                procs.append(subprocess.Popen(
                    [FLASK, "--app", "wsgi", "worker"], cwd=ROOT, env={**os.environ, **live_env},
                    stdin=subprocess.DEVNULL, stdout=log, stderr=subprocess.STDOUT, preexec_fn=_die_with_parent))

    yield start
    for proc in procs:
        stop_process(proc)


def sweeps_done(app) -> int:
    try:
        return int(get_redis(app).get(sweeper.SWEEPS_DONE) or 0)
    except Exception:  # Redis restarting
        return 0


def let_sweep(app, runs: int = 2, timeout: float = 30) -> None:
    """Wait until the workers finished ``runs`` more sweeps (so at least one started after the clock moved)."""
    start = sweeps_done(app)
    wait_until(lambda: sweeps_done(app) >= start + runs, timeout=timeout, interval=0.05, what="sweeps")


def mails_to(smtp_server, address: str, containing: str = "") -> list:
    found = []
    for mail in smtp_server.messages:
        body = mail.message.get_body(preferencelist=("plain",))
        if address in mail.rcpt_tos and containing in (body.get_content() if body else ""):
            found.append(mail)
    return found


def test_day5_reminder_and_day7_close_once_with_racing_sweepers(live_app, start_workers, smtp_server):
    """Two workers and a third sweeper in this process: one reminder on day 5, one close on day 7."""
    clock.freeze(wib(2026, 6, 5, 10, 0))  # Friday: the silence crosses a weekend
    citizen = journeys.ask_name(live_app, Channel.EMAIL.value)
    start_workers(2)
    let_sweep(live_app)
    stop = threading.Event()

    def third_sweeper():
        while not stop.is_set():
            sweeper.sweep(live_app)

    racer = threading.Thread(target=third_sweeper)
    racer.start()
    try:
        clock.freeze(wib(2026, 6, 10, 10, 1))  # Wednesday, day 5
        wait_until(lambda: mails_to(smtp_server, citizen.address, REMINDER), timeout=30, what="reminder mail")
        let_sweep(live_app, 3)
        clock.freeze(wib(2026, 6, 12, 10, 1))  # Friday, day 7
        wait_until(lambda: mails_to(smtp_server, citizen.address, CLOSED), timeout=30, what="close mail")
        let_sweep(live_app, 3)
    finally:
        stop.set()
        racer.join()
    assert len(mails_to(smtp_server, citizen.address, REMINDER)) == 1
    assert len(mails_to(smtp_server, citizen.address, CLOSED)) == 1
    with live_app.app_context(), live_app.extensions["db"].session() as s:
        ended = s.scalar(select(Conversation).order_by(Conversation.id.desc()))
        assert (ended.state, ended.end_reason) == ("closed", "no_response")


def test_message_written_while_redis_is_down_is_sent_once_it_is_back(live_app, start_workers, fresh_redis,
                                                                     fake_twilio):
    """An officer reply stored during a Redis outage reaches the citizen once Redis (empty) returns."""
    clock.freeze(wib(2026, 6, 8, 10, 0))
    citizen = journeys.waiting(live_app)
    start_workers(1)
    let_sweep(live_app)
    fresh_redis.stop()
    with live_app.app_context(), live_app.extensions["db"].session() as s:
        consultation = s.scalar(select(Consultation).order_by(Consultation.id.desc()))
        rows = pipeline.officer_reply(s, consultation, "Tabel 4.1 ada di publikasi Lubuklinggau Dalam Angka.")
        s.commit()
        enqueue_delivery(rows, live_app)  # Redis is down: logged, the row waits
        (reply,) = [r.id for r in rows if r.address == citizen.address]
    fresh_redis.start()
    wait_until(lambda: any("Tabel 4.1" in (m.body or "") for m in fake_twilio.messages), timeout=60,
               what="reply at Twilio")
    let_sweep(live_app, 3)
    assert sum("Tabel 4.1" in (m.body or "") for m in fake_twilio.messages) == 1
    with live_app.app_context(), live_app.extensions["db"].session() as s:
        sent = s.get(Message, reply)
        assert (sent.status, sent.attempts) in {("sent", 1), ("delivered", 1), ("queued", 0)} and sent.sent_at


@pytest.mark.parametrize("opened, due, quiet, opening", [
    # Tuesday's ticket is due Friday 16:30: the escalation waits over the weekend for Monday 07:30.
    (wib(2026, 6, 9, 9, 0), wib(2026, 6, 12, 16, 30),
     [wib(2026, 6, 12, 16, 30), wib(2026, 6, 13, 10, 0), wib(2026, 6, 14, 20, 0), wib(2026, 6, 15, 7, 29)],
     wib(2026, 6, 15, 7, 30)),
    # Friday before Nyepi and Idul Fitri: nothing during the nine closed days; escalation the morning after.
    (wib(2026, 3, 13, 15, 0), wib(2026, 3, 25, 16, 0),
     [wib(2026, 3, 20, 10, 0), wib(2026, 3, 24, 12, 0), wib(2026, 3, 25, 15, 59), wib(2026, 3, 25, 16, 0),
      wib(2026, 3, 25, 20, 0), wib(2026, 3, 26, 7, 29)],
     wib(2026, 3, 26, 7, 30)),
], ids=["weekend", "idul-fitri"])
def test_no_staff_mail_outside_office_hours(live_app, start_workers, smtp_server, opened, due, quiet, opening):
    """The breach is flagged at closing time, but supervisors get the mail only when the office opens."""
    with live_app.app_context(), live_app.extensions["db"].session() as s:
        s.add(Officer(username="kasi", name="Kasi IPDS", email="kasi@bps.go.id", role="admin",  # escalations only
                      password_hash="-", created_at=clock.now()))
        s.commit()
    clock.freeze(opened)
    journeys.waiting(live_app)
    start_workers(1)
    for moment in quiet:
        clock.freeze(moment)
        let_sweep(live_app)
        assert mails_to(smtp_server, "kasi@bps.go.id") == [], moment
        with live_app.app_context(), live_app.extensions["db"].session() as s:
            assert s.scalar(select(Consultation.breached_at)) == (due if moment >= due else None), moment
    clock.freeze(opening)
    wait_until(lambda: mails_to(smtp_server, "kasi@bps.go.id"), timeout=30, what="escalation mail")
    let_sweep(live_app, 3)
    (mail,) = mails_to(smtp_server, "kasi@bps.go.id")
    assert "melewati batas waktu" in mail.message["Subject"]

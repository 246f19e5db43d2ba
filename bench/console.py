"""Console page speed with a busy office's data, against /healthz served by the same app in the same run.

Run: .venv/bin/python bench/console.py [--open 300] [--messages 20] [--rounds 30]
Seeds a SQLite file (``--open`` open consultations, each with ``--messages`` messages, and one
citizen with 500), starts a private redis-server, logs in through the real form, then times the
inbox, a search, the conversation view and the live feed with Flask's test client (no network, so
the figures are the app's own work). Baseline: ``GET /healthz`` (one SELECT 1 and a Redis PING).
"""
from __future__ import annotations

import argparse
import datetime as dt
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bot import clock, create_app  # noqa: E402
from bot.migrations import upgrade  # noqa: E402
from bot.models import ChannelIdentity, Citizen, Consultation, Conversation, Message  # noqa: E402
from tests.console_support import login, make_officer  # noqa: E402
from tests.support.redis_server import RedisServer  # noqa: E402

TARGET_INBOX_P95_MS = 300.0


def seed(app, n_open: int, per_ticket: int) -> str:
    now = clock.now()
    with app.app_context(), app.extensions["db"].session() as session:
        for i in range(n_open):
            phone = f"+62812{i:07d}"
            citizen = Citizen(name=f"Warga {i}", phone=phone, email=f"w{i}@example.org", created_at=now)
            identity = ChannelIdentity(channel="whatsapp", address=phone, citizen=citizen, created_at=now,
                                       last_inbound_at=now)
            conversation = Conversation(identity=identity, citizen=citizen, state="waiting", context={},
                                        created_at=now, last_activity_at=now)
            session.add_all([citizen, identity, conversation])
            session.flush()
            consultation = Consultation(
                ticket=f"PST-2026-{i + 1:06d}", citizen_id=citizen.id, conversation_id=conversation.id,
                channel="whatsapp", status="open", question=f"data kemiskinan kecamatan {i}", opened_at=now,
                clarified_at=now, due_at=now + dt.timedelta(days=(i % 9) - 3))
            session.add(consultation)
            session.flush()
            count = 500 if i == 0 else per_ticket
            session.add_all(Message(direction="in" if k % 2 else "out", channel="whatsapp", address=phone,
                                    author="citizen" if k % 2 else "bot", body=f"pesan {k} tentang data", status="sent",
                                    meta={}, conversation_id=conversation.id, consultation_id=consultation.id,
                                    created_at=now + dt.timedelta(seconds=k)) for k in range(count))
        session.commit()
    return "PST-2026-000001"


def timed(client, path: str, rounds: int) -> tuple[float, float]:
    samples = []
    for _ in range(rounds):
        start = time.perf_counter()
        response = client.get(path)
        samples.append((time.perf_counter() - start) * 1000)
        assert response.status_code == 200, (path, response.status_code)
    samples.sort()
    return statistics.median(samples), samples[max(int(len(samples) * 0.95) - 1, 0)]


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--open", type=int, default=300)
    parser.add_argument("--messages", type=int, default=20)
    parser.add_argument("--rounds", type=int, default=30)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp, RedisServer() as redis:
        url = f"sqlite:///{tmp}/bench.db"
        upgrade(url)
        app = create_app({"SECRET_KEY": "bench", "DATABASE_URL": url, "REDIS_URL": redis.url, "VAR_DIR": tmp})
        ticket = seed(app, args.open, args.messages)
        make_officer(app, "bench", available=False)
        client = app.test_client()
        login(client, "bench")
        pages = {"baseline /healthz": "/healthz", "inbox (all open)": "/console/?tab=all",
                 "search": "/console/?q=warga%2012", "conversation (500 msgs)": f"/console/t/{ticket}",
                 "feed (nothing new)": f"/console/t/{ticket}/feed.json?after=999999999"}
        print(f"{args.open} open consultations, {args.messages} messages each (one with 500); {args.rounds} rounds")
        results = {}
        for name, path in pages.items():
            timed(client, path, 3)  # warm-up
            results[name] = timed(client, path, args.rounds)
            print(f"{name:26s} median {results[name][0]:7.1f} ms   p95 {results[name][1]:7.1f} ms")
        inbox_p95 = results["inbox (all open)"][1]
        verdict = "ok" if inbox_p95 <= TARGET_INBOX_P95_MS else "SLOWER THAN TARGET"
        print(f"target: inbox p95 <= {TARGET_INBOX_P95_MS:.0f} ms -> {verdict}")
        app.extensions["db"].engine.dispose()
        return 0 if verdict == "ok" else 1


if __name__ == "__main__":
    sys.exit(main())

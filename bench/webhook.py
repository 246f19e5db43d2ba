"""WhatsApp webhook speed: throughput against a bare Flask endpoint, latency at 200 req/s, inbound→reply.

Run: .venv/bin/python bench/webhook.py [--workers 3] [--worker-class gthread --threads 8] [--seconds 10]
[--rounds 3] [--ladder] [--database sqlite] [--compare sync:2,sync:3,sync:4,gthread:2x4]
Everything is started here on loopback: a private redis-server, the fake Twilio, a new database
on the test PostgreSQL server (or a SQLite file), and gunicorn with the same settings for both apps:
the real webhook (signature, store, commit, enqueue, empty TwiML) and a bare Flask "hello" that
returns the same TwiML. Load: ``wrk`` for throughput, in rounds that alternate hello and webhook
with both servers up (other load on a shared machine then hits both alike; medians reported, and
every measured webhook request carries a new MessageSid), an open-loop Python generator for the fixed
rate (latency measured from each request's scheduled time, so a stall is not hidden), then one RQ
worker for the inbound→reply time seen at the fake Twilio. ``--ladder`` adds, in the same rounds,
the floor of any store-first design (hello plus one committed row, PostgreSQL), and the real app
cut short after the signature check and parse, and after the commit without the RQ job: where the
webhook's cost goes. ``--compare`` first measures the
throughput of both apps under each listed gunicorn setting (each pair with the same setting).
"""
from __future__ import annotations

import argparse
import contextlib
import http.client
import os
import queue
import re
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
import uuid
from typing import Iterator, Optional
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from twilio.request_validator import RequestValidator  # noqa: E402

from bench.cputime import Meter, postgres_backends, with_children  # noqa: E402
from bench.webhook_apps import WEBHOOK  # noqa: E402
from tests.support import postgres  # noqa: E402
from tests.support.fake_twilio import FakeTwilio  # noqa: E402
from tests.support.ports import HOST, accepts, free_port, spawn, stop_process, wait_until  # noqa: E402
from tests.support.redis_server import RedisServer  # noqa: E402

TARGETS = {"ratio": 0.5, "p99_ms": 25.0, "reply_p95_ms": 300.0}
APPS = (("hello", "bench.webhook_apps:hello_app()"), ("webhook", "wsgi:app"))
APPS_NAMES = tuple(name for name, _ in APPS)
# --ladder: where the webhook's cost goes, each step the real code cut short after one more stage
LADDER = (("hello", "bench.webhook_apps:hello_app()"), ("floor", "bench.webhook_apps:floor_app()"),
          ("checked", "bench.webhook_apps:checked_app()"),
          ("stored", "bench.webhook_apps:stored_app()"), ("webhook", "wsgi:app"))
LADDER_STEPS = {"floor": "floor: bare hello + one committed row (no check, ORM or Redis)",
                "checked": "webhook up to the signature check and parse, no storing",
                "stored": "webhook up to the commit, no RQ job"}
STORES = {"floor", "stored", "webhook"}  # these need a new MessageSid on every measured request
WEBHOOK_RPS_CEILING = 2500  # sizes the requests file: more than the webhook's req/s on a small machine


def form(number: str, text: str = "halo, saya mau tanya data kemiskinan") -> dict[str, str]:
    sid = "SM" + uuid.uuid4().hex
    return {"MessageSid": sid, "SmsMessageSid": sid, "AccountSid": "AC" + "0" * 32, "From": f"whatsapp:{number}",
            "To": "whatsapp:+14155238886", "Body": text, "NumMedia": "0", "ProfileName": "Warga Bench",
            "WaId": number[1:], "ApiVersion": "2010-04-01"}


def signed(token: str, url: str, fields: dict[str, str]) -> tuple[str, str]:
    return RequestValidator(token).compute_signature(url, fields), urllib.parse.urlencode(fields)


class Gunicorn:
    def __init__(self, target: str, setting: "Setting", log: Path):
        self.port = free_port()
        self.proc = spawn([str(ROOT / ".venv/bin/gunicorn"), *setting.args(), "--preload", "-b",
                           f"{HOST}:{self.port}", "--chdir", str(ROOT), "--log-level", "warning", target],
                          log_path=str(log))
        wait_until(lambda: accepts(self.port), timeout=30, what=f"gunicorn {target}")

    def stop(self) -> None:
        stop_process(self.proc)


class Setting(tuple):
    """gunicorn workers, worker class and threads; written ``sync:3`` or ``gthread:2x4``."""

    @classmethod
    def parse(cls, text: str) -> "Setting":
        kind, _, size = text.partition(":")
        workers, _, threads = size.partition("x")
        return cls((kind, int(workers), int(threads or 1)))

    def args(self) -> list[str]:
        kind, workers, threads = self
        return ["-k", kind, "-w", str(workers)] + (["--threads", str(threads)] if kind == "gthread" else [])

    def __str__(self) -> str:
        kind, workers, threads = self
        return f"-k {kind} -w {workers}" + (f" --threads {threads}" if kind == "gthread" else "")


class Requests:
    """The pre-signed requests file and how far wrk has read it: every measured webhook request is new.

    A repeated MessageSid takes the cheap duplicate path, so each wrk run starts where the last one
    stopped; ``repeats`` counts requests that wrapped around to the start of the file anyway.
    """

    def __init__(self, path: Path, lines: int):
        self.path, self.lines, self.offset, self.repeats = path, lines, 0, 0

    def take(self, count: int) -> None:
        self.repeats += max(0, self.offset + count - self.lines)
        self.offset = (self.offset + count) % self.lines


@contextlib.contextmanager
def serving(apps, setting: Setting, tmp: Path) -> Iterator[dict[str, Gunicorn]]:
    """Each of ``apps`` (name, gunicorn target) up under ``setting`` for the block."""
    servers: dict[str, Gunicorn] = {}
    try:
        for name, target in apps:
            servers[name] = Gunicorn(target, setting, tmp / f"{name}.log")
        yield servers
    finally:
        for server in servers.values():
            server.stop()


def throughput(setting: Setting, requests: Requests, args, tmp: Path) -> dict[str, float]:
    """wrk req/s of hello and of the webhook, both under ``setting``: one round (2 s warm-up, not counted)."""
    with serving(APPS, setting, tmp) as servers:
        rps, _ = rounds(servers, requests, lambda server: {}, args, count=1)
    return {name: values[0] for name, values in rps.items()}


def wrk(port: int, requests: Requests, seconds: int, connections: int, fresh: bool = True) -> float:
    """Requests per second wrk achieved (2 threads, keep-alive), reading ``requests`` from its offset.

    ``fresh``: move the offset past what was sent (the webhook; hello stores nothing, so it may repeat)."""
    out = subprocess.run(["wrk", "-t2", f"-c{connections}", f"-d{seconds}s", "-s", str(ROOT / "bench/webhook_load.lua"),
                          f"http://{HOST}:{port}", "--", str(requests.path), WEBHOOK, "2", str(requests.offset)],
                         capture_output=True, text=True, check=True).stdout
    if "Non-2xx" in out:
        raise RuntimeError(f"wrk saw errors:\n{out}")
    if fresh:
        requests.take(int(re.search(r"(\d+) requests in", out).group(1)))
    return float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))


def rounds(servers: dict[str, Gunicorn], requests: Requests, groups, args, count: Optional[int] = None
           ) -> tuple[dict, dict]:
    """``count`` (default ``args.rounds``) rounds of every app in turn, all up: other load hits them alike.

    Returns req/s per app per round and the median CPU per request per app and process group.
    """
    rps: dict[str, list[float]] = {name: [] for name in servers}
    cpu: dict[str, list[dict[str, float]]] = {name: [] for name in servers}
    for name, server in servers.items():
        wrk(server.port, requests, 2, args.connections, fresh=name in STORES)  # warm-up (not counted)
    for _ in range(count or args.rounds):
        for name, server in servers.items():
            with Meter(groups(server)) as meter:
                rate = wrk(server.port, requests, args.seconds, args.connections, fresh=name in STORES)
            rps[name].append(rate)
            cpu[name].append(meter.per_request(rate * args.seconds))
    medians = {name: {group: statistics.median(each[group] for each in samples) for group in samples[0]}
               for name, samples in cpu.items()}
    return rps, medians


def fixed_rate(port: int, payloads: list[tuple[str, str]], rate: float, threads: int = 8) -> list[float]:
    """Open loop: request i is due at i/rate; its latency counts from that moment (milliseconds)."""
    due: queue.Queue = queue.Queue()
    latencies: list[float] = []
    lock = threading.Lock()

    def worker():
        conn = http.client.HTTPConnection(HOST, port, timeout=10)
        while (item := due.get()) is not None:
            at, (sig, body) = item
            time.sleep(max(0.0, at - time.perf_counter()))
            conn.request("POST", WEBHOOK, body, {"Content-Type": "application/x-www-form-urlencoded",
                                                 "X-Twilio-Signature": sig})
            response = conn.getresponse()
            response.read()
            if response.status != 200:
                raise RuntimeError(f"status {response.status}")
            with lock:
                latencies.append((time.perf_counter() - at) * 1000)

    pool = [threading.Thread(target=worker, daemon=True) for _ in range(threads)]
    for t in pool:
        t.start()
    start = time.perf_counter() + 0.2
    for i, payload in enumerate(payloads):
        due.put((start + i / rate, payload))
    for _ in pool:
        due.put(None)
    for t in pool:
        t.join()
    return latencies


def percentile(values: list[float], p: float) -> float:
    return statistics.quantiles(values, n=100, method="inclusive")[p - 1] if len(values) > 1 else values[0]


QUESTIONS = ("berapa angka kemiskinan kota lubuklinggau", "data inflasi bulan lalu", "jumlah penduduk per kecamatan",
             "bagaimana cara meminta data mikro", "indeks pembangunan manusia lubuklinggau")


def send(port: int, token: str, url: str, number: str, text: str) -> None:
    sig, body = signed(token, url, form(number, text))
    conn = http.client.HTTPConnection(HOST, port, timeout=10)
    conn.request("POST", WEBHOOK, body, {"Content-Type": "application/x-www-form-urlencoded",
                                         "X-Twilio-Signature": sig})
    conn.getresponse().read()


def reply_latency(fake: FakeTwilio, port: int, token: str, url: str, numbers: list[str],
                  texts: tuple[str, ...]) -> list[float]:
    """One message at a time: POST, then wait for the reply to reach the fake Twilio (ms)."""
    out = []
    for n, number in enumerate(numbers):
        before = len(fake.messages)
        start = time.perf_counter()
        send(port, token, url, number, texts[n % len(texts)])
        with fake._lock:
            if not fake._lock.wait_for(lambda: any(m.to == f"whatsapp:{number}" for m in fake.messages[before:]), 10):
                raise TimeoutError(f"no reply to {number}")
        out.append((time.perf_counter() - start) * 1000)
    return out


def registered_citizens(count: int) -> list[str]:
    """Citizens already registered, plus the knowledge base, so their questions run the real search."""
    from bot import clock, create_app
    from bot.models import Citizen
    from knowledge.store import import_dir

    app = create_app()
    numbers = [f"+62877{n:07d}" for n in range(count)]
    with app.app_context(), app.extensions["db"].session() as session:
        import_dir(session)
        session.add_all(Citizen(name=f"Warga {n}", phone=number, email=f"warga{n}@example.org", created_at=clock.now())
                        for n, number in enumerate(numbers))
        session.commit()
    app.extensions["db"].engine.dispose()
    return numbers


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    # The production setting (scripts/run.sh): cores + 1 workers, threads so concurrent webhooks share a commit.
    parser.add_argument("--workers", type=int, default=3, help="gunicorn workers, the same for both apps")
    parser.add_argument("--worker-class", choices=("sync", "gthread"), default="gthread")
    parser.add_argument("--threads", type=int, default=8, help="threads per gthread worker")
    parser.add_argument("--compare", default="", help="also measure throughput under these settings, "
                        "e.g. sync:2,sync:3,sync:4,gthread:2x4")
    parser.add_argument("--seconds", type=int, default=10, help="length of one wrk run")
    parser.add_argument("--rounds", type=int, default=3, help="alternating wrk runs per app; medians reported")
    parser.add_argument("--ladder", action="store_true", help="also time the webhook cut short after the check "
                        "(signature, parse) and after the commit (no enqueue), in the same rounds")
    parser.add_argument("--connections", type=int, default=8)
    parser.add_argument("--rate", type=float, default=200.0)
    parser.add_argument("--replies", type=int, default=100, help="messages timed inbound→reply, per kind")
    parser.add_argument("--database", choices=("postgresql", "sqlite"), default="postgresql",
                        help="a new PostgreSQL database (production) or SQLite file")
    args = parser.parse_args()

    tmp = Path(tempfile.mkdtemp(prefix="bench-webhook-"))
    with RedisServer() as redis, FakeTwilio() as fake:
        port_hint = free_port()  # only in signed URLs: the webhook checks against PUBLIC_BASE_URL, not its port
        database_url = postgres.create_database() if args.database == "postgresql" else f"sqlite:///{tmp}/bench.db"
        env = {**os.environ, "SECRET_KEY": "bench", "DATABASE_URL": database_url,
               "REDIS_URL": redis.url, "VAR_DIR": str(tmp / "var"), "TWILIO_ACCOUNT_SID": fake.account_sid,
               "TWILIO_AUTH_TOKEN": fake.auth_token, "TWILIO_WHATSAPP_FROM": "+14155238886",
               "TWILIO_API_BASE": fake.url, "TWILIO_CONTENT_API_BASE": fake.url,
               "PUBLIC_BASE_URL": f"http://{HOST}:{port_hint}"}
        os.environ.update(env)  # gunicorn and the worker inherit it
        from bot.migrations import upgrade

        upgrade(env["DATABASE_URL"])
        url = env["PUBLIC_BASE_URL"] + WEBHOOK
        pool = [f"+62812{n:07d}" for n in range(1000)]  # returning citizens, as in real traffic
        steady_count = int(args.rate * args.seconds)
        compare = [Setting.parse(each) for each in filter(None, args.compare.split(","))]
        apps = [(name, target) for name, target in (LADDER if args.ladder else APPS)
                if name != "floor" or args.database == "postgresql"]  # the floor is written for PostgreSQL
        runs = args.rounds * len(STORES.intersection(dict(apps))) + len(compare)  # wrk runs needing new sids
        total = WEBHOOK_RPS_CEILING * (args.seconds + 2) * runs + steady_count
        payloads = [signed(fake.auth_token, url, form(pool[i % len(pool)])) for i in range(total)]
        requests = Requests(tmp / "requests.tsv", len(payloads) - steady_count)
        requests.path.write_text("".join(f"{s}\t{b}\n" for s, b in payloads[:requests.lines]))
        steady = payloads[requests.lines:]

        setting = Setting((args.worker_class, args.workers, args.threads))
        compared = {each: throughput(each, requests, args, tmp) for each in compare}
        with serving(apps, setting, tmp) as servers:
            rps, cpu = rounds(servers, requests, lambda server: meter_groups(server, redis, database_url), args)
            latency = {name: fixed_rate(servers[name].port, steady, args.rate) for name in APPS_NAMES}
        redis.client().flushall()  # the load's jobs are not part of the reply latency test

        citizens = registered_citizens(args.replies)
        worker = spawn([sys.executable, __file__, "--worker"], log_path=str(tmp / "worker.log"))
        server = Gunicorn("wsgi:app", setting, tmp / "webhook2.log")
        try:
            new = [f"+62899{n:07d}" for n in range(args.replies)]
            replies = {"first message of a new citizen (greeting)": reply_latency(
                fake, server.port, fake.auth_token, url, new, ("halo",))}
            for number in citizens:  # opens their conversation (welcome back); not timed
                send(server.port, fake.auth_token, url, number, "halo")
            fake.wait_for(2 * args.replies, timeout=120)
            replies["registered citizen's question (knowledge search)"] = reply_latency(
                fake, server.port, fake.auth_token, url, citizens, QUESTIONS)
        finally:
            server.stop()
            stop_process(worker)
        report(rps, latency, replies, args, setting, compared, requests.repeats)
        report_cpu(cpu)
        if args.database == "postgresql":
            postgres.drop_database(database_url)


def meter_groups(server: Gunicorn, redis: RedisServer, database_url: str) -> dict:
    groups = {"gunicorn": lambda: with_children(server.proc.pid),
              "redis": lambda: [redis.client().info("server")["process_id"]]}
    if database_url.startswith("postgresql"):
        name = database_url.rsplit("/", 1)[1]
        groups["postgres"] = lambda: postgres_backends(postgres.libpq_url(postgres.server_url()), name)
    return groups


def report_cpu(cpu: dict[str, dict[str, float]]) -> None:
    """Where the cores go (median of rounds): at 50 % of hello's rate, a webhook request may cost twice hello's."""
    cores = os.cpu_count() or 1
    for name, parts in cpu.items():
        total = sum(parts.values())
        print(f"CPU per request, {name}: " + ", ".join(f"{k} {v:.0f}" for k, v in parts.items())
              + f"; total {total:.0f} µs (on {cores} cores: at most {cores * 1e6 / total:,.0f} req/s)")
    hello, webhook = sum(cpu["hello"].values()), sum(cpu["webhook"].values())
    print(f"for a ratio of 50 % the webhook may cost at most {2 * hello:.0f} µs in all; "
          f"ratio from CPU per request {hello / webhook:.0%} (steadier than req/s when neighbours load the machine)")


def report(rps, latency, replies, args, setting, compared, repeats: int) -> None:
    shares = {name: [value / h for h, value in zip(rps["hello"], values)] for name, values in rps.items()}
    ratios = shares["webhook"]
    h_rps, w_rps, ratio = (statistics.median(values) for values in (rps["hello"], rps["webhook"], ratios))
    (h50, h99), (w50, w99) = ((percentile(latency[name], 50), percentile(latency[name], 99)) for name in APPS_NAMES)
    if compared:
        print(f"throughput, wrk -t2 -c{args.connections} {args.seconds}s, each pair under the same gunicorn setting:")
        for each, pair in compared.items():
            print(f"  {str(each):28} hello {pair['hello']:>7.0f}  webhook {pair['webhook']:>6.0f}  "
                  f"ratio {pair['webhook'] / pair['hello']:.0%}")
    print(f"database {args.database}; gunicorn {setting} --preload; wrk -t2 -c{args.connections} "
          f"{args.seconds}s x {args.rounds} rounds, alternating; fixed {args.rate:.0f} req/s")
    for n in range(args.rounds):
        print(f"  round {n + 1}: " + "  ".join(f"{name} {rps[name][n]:>5.0f}" for name in rps)
              + f" req/s; ratio {ratios[n]:.0%}")
    for name in (name for name in LADDER_STEPS if name in rps):  # the webhook cut short: median ratio to hello
        print(f"  {LADDER_STEPS[name]}: {statistics.median(rps[name]):.0f} req/s, "
              f"{statistics.median(shares[name]):.0%} of hello")
    if repeats:
        print(f"  note: {repeats} measured requests repeated a MessageSid (the requests file was too short)")
    print(f"{'median of rounds':22}{'req/s':>10}{'p50 ms':>10}{'p99 ms':>10}   (p50/p99 at {args.rate:.0f} req/s)")
    print(f"{'bare Flask hello':22}{h_rps:>10.0f}{h50:>10.2f}{h99:>10.2f}")
    print(f"{'WhatsApp webhook':22}{w_rps:>10.0f}{w50:>10.2f}{w99:>10.2f}")
    print(f"throughput ratio webhook/hello, median of rounds: {ratio:.0%}, range {min(ratios):.0%}–{max(ratios):.0%} "
          f"(target ≥ {TARGETS['ratio']:.0%})")
    print(f"webhook p99 at {args.rate:.0f} req/s: {w99:.1f} ms (target < {TARGETS['p99_ms']:.0f} ms)")
    for kind, values in replies.items():
        print(f"inbound→reply at fake Twilio, one worker, {kind}, {len(values)} messages: "
              f"p50 {percentile(values, 50):.0f} ms, p95 {percentile(values, 95):.0f} ms "
              f"(target < {TARGETS['reply_p95_ms']:.0f} ms)")


def run_worker() -> None:
    """One RQ SimpleWorker on all queues, as ``flask worker`` runs it (without the periodic sweep)."""
    from rq import SimpleWorker

    from bot import create_app
    from workers.queue import QUEUES, get_redis

    app = create_app()
    with app.app_context():
        SimpleWorker(list(QUEUES), connection=get_redis(app)).work()


if __name__ == "__main__":
    run_worker() if "--worker" in sys.argv else main()

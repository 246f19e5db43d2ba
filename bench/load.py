"""Issue 18's load test: the whole stack, started as processes, under signed webhooks at a fixed rate.

Run: .venv/bin/python bench/load.py [--rate 80] [--duration 60] [--api-latency 0.25]
[--database sqlite|postgresql|both] [--drain 60] [--registered 0.5] [--json FILE]
For each database: gunicorn ``wsgi:app`` (2 processes, gthread as scripts/run.sh), the RQ worker as
``make run`` starts it, a private redis-server, and the fake Twilio API in its own process, answering
each send after --api-latency; a fresh SQLite file or throw-away PostgreSQL database. Distinct citizens,
a share of them registered up front, send one message each; the figures come beside the baseline of
the same run: the same stack whose worker answers with a fixed text (bench/load/noop.py), the
pipeline's own ceiling. Parts in bench/load/.
"""
from __future__ import annotations

import argparse
import json
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
if str(ROOT / "bench") in sys.path:  # run as a script: "load" would be this file, bench.load is the package
    sys.path.remove(str(ROOT / "bench"))

from bench.load.measure import measure  # noqa: E402
from bench.load.report import render  # noqa: E402
from bench.load.stack import running  # noqa: E402
from tests.support import postgres  # noqa: E402


def parse(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rate", type=float, default=80.0, help="messages offered per second")
    parser.add_argument("--duration", type=float, default=60.0, help="seconds of offering")
    parser.add_argument("--api-latency", type=float, default=0.25, help="seconds the fake API takes per send")
    parser.add_argument("--database", choices=("sqlite", "postgresql", "both"), default="both")
    parser.add_argument("--drain", type=float, default=60.0, help="at most this long to wait for replies after")
    parser.add_argument("--registered", type=float, default=0.5, help="share of citizens registered up front")
    parser.add_argument("--json", type=Path, help="also write the figures here")
    args = parser.parse_args(argv)
    if args.rate <= 0 or args.duration <= 0 or args.api_latency < 0 or not 0 <= args.registered <= 1:
        parser.error("--rate and --duration must be positive, --api-latency ≥ 0, --registered within 0–1")
    return args


def run(args: argparse.Namespace) -> dict[tuple[str, str], dict]:
    """Every (database, engine) in turn on a stack of its own; the baseline first, then the engine."""
    databases = ("sqlite", "postgresql") if args.database == "both" else (args.database,)
    if "postgresql" in databases and (reason := postgres.server_answers()):
        raise SystemExit(f"PostgreSQL does not answer ({reason}); try --database sqlite")
    count = max(1, round(args.rate * args.duration))
    tmp = Path(tempfile.mkdtemp(prefix="bench-load-"))
    results = {}
    for database in databases:
        for engine in ("no-op", "engine"):
            with running(tmp / f"{database}-{engine}", database, engine, args.api_latency,
                         round(count * args.registered)) as stack:
                results[database, engine] = measure(stack, count, args.rate, args.drain)
            print(f"  done: {database} {engine}", file=sys.stderr)
    return results


def main() -> None:
    args = parse()
    results = run(args)
    print(render(results, args))
    if args.json:
        args.json.write_text(json.dumps({f"{db} {engine}": figures for (db, engine), figures in results.items()},
                                        indent=2))


if __name__ == "__main__":
    main()

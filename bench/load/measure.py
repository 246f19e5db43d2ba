"""One measured run: offer the load to a running stack, wait (bounded) for replies, and sum up.

CPU is read from /proc for each process group before and after (offer plus wait), divided by the
messages offered; memory is the peak of the stack's summed RSS, sampled twice a second.
"""
from __future__ import annotations

import json
import resource
import statistics
import threading
import time
import urllib.request

from bench.cputime import process_cpu
from bench.load.offer import Sent, citizens, offer, payloads
from bench.load.stack import Stack, messages_by_state
from tests.support.ports import HOST

PAGE = 1024  # /proc/<pid>/status gives VmRSS in kB


def stats(stack: Stack) -> dict:
    """What the fake API counted so far."""
    with urllib.request.urlopen(f"http://{HOST}:{stack.fake_port}/bench/stats", timeout=10) as response:
        return json.load(response)


def rss(pid: int) -> int:
    """Resident bytes of a live process (0 if it is gone)."""
    try:
        with open(f"/proc/{pid}/status") as status:
            for line in status:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) * PAGE
    except (FileNotFoundError, ProcessLookupError):
        pass
    return 0


class PeakMemory:
    """Samples the stack's summed RSS (not the fake API's nor the bench's) until stopped."""

    def __init__(self, stack: Stack, interval: float = 0.5):
        self.stack, self.interval, self.peak = stack, interval, 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        while not self._stop.is_set():
            total = sum(rss(pid) for pids in self.stack.pids().values() for pid in pids)
            self.peak = max(self.peak, total)
            self._stop.wait(self.interval)

    def __enter__(self) -> "PeakMemory":
        self._thread.start()
        return self

    def __exit__(self, *_exc) -> None:
        self._stop.set()
        self._thread.join()


def cpu_seconds(groups: dict[str, list[int]]) -> dict[str, float]:
    out = {name: sum(map(process_cpu, pids)) for name, pids in groups.items()}
    usage = resource.getrusage(resource.RUSAGE_SELF)
    out["bench (offer, sampling)"] = usage.ru_utime + usage.ru_stime
    return out


def percentile(values: list[float], p: int) -> float:
    if not values:
        return float("nan")
    return statistics.quantiles(values, n=100, method="inclusive")[p - 1] if len(values) > 1 else values[0]


def measure(stack: Stack, count: int, rate: float, drain: float) -> dict:
    """Offer ``count`` messages at ``rate``, wait up to ``drain`` s for the last replies, return the figures."""
    numbers = citizens(count, stack.registered)
    forms = payloads(stack.webhook_url, stack.auth_token, numbers)
    groups = stack.pids(with_fake=True)  # the same processes after (postgres backends: those of the pool)
    before = cpu_seconds(groups)
    with PeakMemory(stack) as memory:
        sent = offer(stack.port, numbers, forms, rate)
        deadline = time.time() + drain
        while time.time() < deadline and len(_answered(stats(stack), sent)) < len(sent):
            time.sleep(0.5)
        groups = {name: sorted(set(pids) | set(stack.pids(with_fake=True).get(name, [])))
                  for name, pids in groups.items()}  # backends opened during the run count too
        after = cpu_seconds(groups)
    counted = stats(stack)
    figures = summary(sent, counted, {name: after[name] - before.get(name, 0.0) for name in after}, memory.peak)
    figures["messages"] = messages_by_state(stack.database_url)
    return figures


def _answered(counted: dict, sent: list[Sent]) -> dict[str, float]:
    first = counted["first"]
    return {s.number: first[f"whatsapp:{s.number}"] for s in sent if f"whatsapp:{s.number}" in first}


def summary(sent: list[Sent], counted: dict, cpu: dict[str, float], peak: int) -> dict:
    answered = _answered(counted, sent)
    by_number = {s.number: s for s in sent}
    delays = [answered[number] - by_number[number].sent for number in answered]
    start = min(s.sent for s in sent)
    span = max(s.sent for s in sent) - start
    last_reply = max(answered.values(), default=start)
    per_second = counted["per_second"]
    return {
        "offered": len(sent),
        "offer_rate": (len(sent) - 1) / span if span else float("nan"),
        "replies_per_s": len(answered) / (last_reply - start) if answered and last_reply > start else 0.0,
        "api_peak_per_s": max(per_second.values(), default=0),
        "api_messages": counted["total"],
        "reply_p50": percentile(delays, 50), "reply_p95": percentile(delays, 95),
        "reply_p99": percentile(delays, 99),
        "webhook_p99_ms": percentile([s.latency * 1000 for s in sent], 99),
        "errors": sum(1 for s in sent if s.status != 200),
        "unanswered": len(sent) - len(answered),
        "cpu_ms_per_message": {name: seconds * 1000 / len(sent) for name, seconds in cpu.items()},
        "peak_rss_mib": peak / 2**20,
    }

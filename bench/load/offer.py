"""The offered load: Twilio-signed webhooks from distinct citizens, open loop, at a fixed rate.

Message i is due at start + i/rate whatever happened to earlier ones (a stall is not hidden by
sending less); its webhook latency counts from that due time. Every citizen sends one message, so
the first reply the fake API gets for a number is the reply to that message.
"""
from __future__ import annotations

import http.client
import queue
import threading
import time
from dataclasses import dataclass

from bench.webhook import QUESTIONS, form, signed
from bench.webhook_apps import WEBHOOK
from tests.support.ports import HOST

TWILIO_TIMEOUT = 15.0  # Twilio gives up on a webhook after 15 s
SENDERS = 100  # Twilio waits on many webhooks at once; a slow webhook must not hold up the schedule


@dataclass
class Sent:
    """One offered webhook: who, when it was due and sent (wall clock), how it ended."""

    number: str
    due: float
    sent: float = 0.0
    latency: float = 0.0  # seconds from due to the response
    status: int = 0  # HTTP status; 0 when the request failed outright


def citizens(count: int, registered: list[str]) -> list[str]:
    """``count`` distinct numbers, the registered ones spread evenly among new ones."""
    new = [f"+62899{n:07d}" for n in range(count - len(registered))]
    step = count / max(len(registered), 1)
    slots = {round(i * step): number for i, number in enumerate(registered)}
    fresh = iter(new)
    return [slots.get(i) or next(fresh) for i in range(count)]


def payloads(url: str, token: str, numbers: list[str]) -> list[tuple[str, str]]:
    """(signature, form body) per number, signed before the clock starts so signing is not measured."""
    return [signed(token, url, form(number, QUESTIONS[i % len(QUESTIONS)])) for i, number in enumerate(numbers)]


def offer(port: int, numbers: list[str], signed_forms: list[tuple[str, str]], rate: float) -> list[Sent]:
    """POST one signed message per number at ``rate`` per second; returns what happened to each."""
    start = time.time() + 0.2
    results = [Sent(number, start + i / rate) for i, number in enumerate(numbers)]
    due: queue.Queue = queue.Queue()
    for item in zip(results, signed_forms):
        due.put(item)
    threads = [threading.Thread(target=_sender, args=(port, due), daemon=True) for _ in range(SENDERS)]
    for thread in threads:
        due.put(None)
        thread.start()
    for thread in threads:
        thread.join()
    return results


def _sender(port: int, due: queue.Queue) -> None:
    conn = http.client.HTTPConnection(HOST, port, timeout=TWILIO_TIMEOUT)
    while (item := due.get()) is not None:
        sent, (signature, body) = item
        time.sleep(max(0.0, sent.due - time.time()))
        sent.sent = time.time()
        try:
            conn.request("POST", WEBHOOK, body, {"Content-Type": "application/x-www-form-urlencoded",
                                                 "X-Twilio-Signature": signature})
            response = conn.getresponse()
            response.read()
            sent.status = response.status
        except (OSError, http.client.HTTPException):
            conn.close()
            conn = http.client.HTTPConnection(HOST, port, timeout=TWILIO_TIMEOUT)
        sent.latency = time.time() - sent.due
    conn.close()

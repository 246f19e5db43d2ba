"""The fake Twilio of the tests, in a process of its own, answering each send after a set latency.

Run by bench/load.py as ``python -m bench.load.fakeapi PORT ACCOUNT TOKEN LATENCY``. It keeps, per
recipient, the wall-clock time the first message to them arrived, and how many messages arrived in
each second; ``GET /bench/stats`` returns both as JSON. Its own process, so its CPU is not the stack's
and the 250 ms waits hold threads of its own, not of the bench.
"""
from __future__ import annotations

import collections
import json
import sys
import threading
import time
from http.server import ThreadingHTTPServer

from tests.support import fake_twilio
from tests.support.ports import HOST

STATS = "/bench/stats"


class LatentTwilio(fake_twilio.FakeTwilio):
    """Sends wait ``latency`` seconds (outside the lock, concurrently, as the real API does);
    received messages are counted, not kept, so a long run does not grow without bound."""

    def __init__(self, port: int, account_sid: str, auth_token: str, latency: float):
        super().__init__(account_sid, auth_token)
        self._httpd.server_close()
        self._httpd = ThreadingHTTPServer((HOST, port), _StatsHandler)
        self._httpd.daemon_threads = True
        self._httpd.request_queue_size = 1024
        self._httpd.fake = self
        self.port, self.latency = port, latency
        self.first: dict[str, float] = {}
        self.per_second: collections.Counter = collections.Counter()
        self.total = 0
        self._count_lock = threading.Lock()

    def _create(self, account: str, form: dict) -> tuple:
        time.sleep(self.latency)
        status, resource, headers = super()._create(account, form)
        if status == 201:
            now = time.time()
            with self._count_lock:
                self.total += 1
                self.per_second[int(now)] += 1
                self.first.setdefault(resource["to"], now)
            with self._lock:
                self.messages.clear()  # counted above; nothing reads them back
        return status, resource, headers

    def stats(self) -> dict:
        with self._count_lock:
            return {"total": self.total, "first": dict(self.first),
                    "per_second": {str(k): v for k, v in self.per_second.items()}}


class _StatsHandler(fake_twilio._Handler):
    def do_GET(self) -> None:
        if self.path == STATS:
            return self._json(200, self.server.fake.stats(), {})
        self._route("GET")


def main() -> None:
    port, account, token, latency = int(sys.argv[1]), sys.argv[2], sys.argv[3], float(sys.argv[4])
    fake = LatentTwilio(port, account, token, latency)
    fake._httpd.serve_forever(0.05)


if __name__ == "__main__":
    main()

"""CPU time spent per request by each process a benchmark involves (Linux ``/proc``).

On a small machine the load generator, the app server, PostgreSQL and Redis share the cores, so
requests per second is CPU per request turned upside down; this says where that CPU goes.
"""
from __future__ import annotations

import os
import resource
import subprocess
from typing import Callable

TICK = os.sysconf("SC_CLK_TCK")


def process_cpu(pid: int) -> float:
    """User + system seconds of one live process (0 if it is gone)."""
    try:
        with open(f"/proc/{pid}/stat") as stat:
            fields = stat.read().rsplit(")", 1)[1].split()
    except FileNotFoundError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / TICK


def with_children(pid: int) -> list[int]:
    """A process and its direct children (gunicorn's master and workers)."""
    out = subprocess.run(["pgrep", "-P", str(pid)], capture_output=True, text=True).stdout
    return [pid, *map(int, out.split())]


def postgres_backends(libpq_admin_url: str, database: str) -> list[int]:
    """Server processes connected to ``database`` (the app's pool)."""
    import psycopg

    with psycopg.connect(libpq_admin_url, autocommit=True) as conn:
        return [row[0] for row in conn.execute("select pid from pg_stat_activity where datname = %s", (database,))]


def _finished_children() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


class Meter:
    """CPU of named process groups, plus children that finish inside the block (the load generator)."""

    def __init__(self, groups: dict[str, Callable[[], list[int]]], finished_as: str = "wrk"):
        self.groups, self.finished_as = groups, finished_as
        self.seconds: dict[str, float] = {}

    def _sample(self) -> dict[str, float]:
        sample = {name: sum(map(process_cpu, pids)) for name, pids in self._pids.items()}
        sample[self.finished_as] = _finished_children()
        return sample

    def __enter__(self) -> "Meter":
        self._pids = {name: pids() for name, pids in self.groups.items()}  # the same processes after
        self._before = self._sample()
        return self

    def __exit__(self, *_exc) -> None:
        after = self._sample()
        self.seconds = {name: after[name] - self._before[name] for name in after}

    def per_request(self, requests: float) -> dict[str, float]:
        """Microseconds of CPU per request, by group."""
        return {name: seconds / requests * 1e6 for name, seconds in self.seconds.items()}

"""bench/load.py runs end to end on SQLite: the report has its shape and the replies arrive (nothing timed)."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from bench.load.offer import citizens
from bench.load.report import ROWS

ROOT = Path(__file__).resolve().parents[1]
COLUMNS = ("sqlite no-op", "sqlite engine")


def test_citizens_are_distinct_and_mix_new_with_registered():
    """Every message comes from its own citizen; all the registered ones are among them, spread out."""
    registered = [f"+62877{n:07d}" for n in range(5)]
    numbers = citizens(20, registered)
    assert len(numbers) == len(set(numbers)) == 20
    assert set(registered) <= set(numbers)
    assert numbers.index(registered[-1]) > 10  # spread over the run, not all at the start


def test_bench_load_smoke(tmp_path):
    """Three seconds at a low rate: both stacks answer every message; the report names every figure."""
    out = tmp_path / "figures.json"
    result = subprocess.run(
        [sys.executable, str(ROOT / "bench/load.py"), "--rate", "4", "--duration", "3", "--database", "sqlite",
         "--drain", "90", "--json", str(out)],
        capture_output=True, text=True, timeout=600, cwd=ROOT)
    assert result.returncode == 0, result.stderr[-3000:]
    for _, label, _ in ROWS:
        assert label in result.stdout
    figures = json.loads(out.read_text())
    assert set(figures) == set(COLUMNS)
    for column in COLUMNS:
        run = figures[column]
        assert {key for key, _, _ in ROWS} <= set(run)
        assert run["offered"] == 12
        assert run["errors"] == 0
        assert run["unanswered"] == 0, f"{column}: replies missing"
        assert run["api_messages"] >= 12
        assert {"gunicorn", "worker", "redis", "fake API"} <= set(run["cpu_ms_per_message"])
        assert run["peak_rss_mib"] > 0
        assert run["messages"].get("in processed") == 12  # every inbound row was answered by its engine

"""The web server's log (gunicorn as scripts/run.sh starts it) never holds an officer's search terms."""
from __future__ import annotations

import urllib.request

from config.settings import PROJECT_ROOT
from tests.support.ports import HOST, accepts, free_port, spawn, stop_process, wait_until

PHONE, EMAIL = "081234567890", "budi.santoso@gmail.com"


def _get(url: str, referer: str) -> None:
    request = urllib.request.Request(url, headers={"Referer": referer})
    with urllib.request.urlopen(request, timeout=10):  # follows the login redirect, which repeats the query
        pass


def test_access_log_has_paths_without_queries(env, monkeypatch, tmp_path):
    """Searches for a phone number and an e-mail address show as bare paths; the Referer is left out too."""
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    port, log = free_port(), tmp_path / "gunicorn.log"
    server = spawn([str(PROJECT_ROOT / ".venv/bin/gunicorn"), "-c", str(PROJECT_ROOT / "config/gunicorn.py"),
                    "--chdir", str(PROJECT_ROOT), "-b", f"{HOST}:{port}", "wsgi:app"], log_path=str(log))
    try:
        wait_until(lambda: accepts(port), timeout=30, what="gunicorn")
        base = f"http://{HOST}:{port}"
        _get(f"{base}/console/?q={PHONE}", referer=f"{base}/console/?q={EMAIL}")
        _get(f"{base}/console/knowledge/?q={EMAIL.replace('@', '%40')}", referer=f"{base}/console/?q=%2B62{PHONE[1:]}")
        wait_until(lambda: log.read_text().count("/console/login") >= 2, timeout=10, what="access log lines")
    finally:
        stop_process(server)
    text = log.read_text()
    assert '"GET /console/ HTTP/1.1" 302' in text and '"GET /console/login HTTP/1.1" 200' in text
    assert PHONE[1:] not in text and "budi.santoso" not in text and "q=" not in text

"""The app served over real HTTP in a thread, for callers that fetch from it (Chromium, the fake Twilio)."""
from __future__ import annotations

import contextlib
import threading
from typing import Iterator

from flask import Flask
from werkzeug.serving import make_server

from bot import create_app
from tests.support.ports import free_port


@contextlib.contextmanager
def served(env: dict[str, str]) -> Iterator[tuple[Flask, str]]:
    """The app built from ``env`` with ``PUBLIC_BASE_URL`` at a free loopback port; yields (app, base URL)."""
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    app = create_app({**env, "PUBLIC_BASE_URL": base})
    server = make_server("127.0.0.1", port, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield app, base
    finally:
        server.shutdown()
        thread.join(5)
        app.extensions["db"].engine.dispose()

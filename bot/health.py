"""``GET /healthz``: is the database reachable, is Redis reachable (for load balancers and humans)."""
from __future__ import annotations

import logging

from flask import Blueprint, Flask, jsonify
from sqlalchemy import text

from bot.db import get_session
from workers.queue import get_redis

bp = Blueprint("health", __name__)
log = logging.getLogger(__name__)


def _check(probe) -> str:
    try:
        probe()
        return "ok"
    except Exception as exc:  # any failure means "down"; the reason goes to the log, not the response
        log.warning("health check failed: %s", exc.__class__.__name__)
        return "down"


@bp.get("/healthz")
def healthz():
    status = {"database": _check(lambda: get_session().execute(text("SELECT 1"))),
              "redis": _check(lambda: get_redis().ping())}
    healthy = all(v == "ok" for v in status.values())
    return jsonify(status="ok" if healthy else "degraded", **status), 200 if healthy else 503


def init_app(app: Flask) -> None:
    app.register_blueprint(bp)

"""Admin pages for the machinery behind the console: RQ queues and workers (not a supervisor's concern)."""
from __future__ import annotations

from flask import Blueprint, render_template
from redis.exceptions import RedisError
from rq import Worker
from rq.registry import FailedJobRegistry, ScheduledJobRegistry, StartedJobRegistry

from bot.console.auth import role_required
from workers.queue import QUEUES, get_queue, get_redis

bp = Blueprint("admin", __name__, url_prefix="/console/admin")


def queue_health() -> dict:
    """Per queue: waiting, running, scheduled and failed jobs; plus live workers. None when Redis is down."""
    try:
        queues = []
        for name in QUEUES:
            queue = get_queue(name)
            queues.append({"name": name, "waiting": queue.count,
                           "started": StartedJobRegistry(queue=queue).count,
                           "scheduled": ScheduledJobRegistry(queue=queue).count,
                           "failed": FailedJobRegistry(queue=queue).count})
        return {"queues": queues, "workers": Worker.count(connection=get_redis())}
    except RedisError:
        return {"queues": None, "workers": 0}


@bp.get("/queues")
@role_required("admin")
def queues():
    return render_template("console/admin_queues.html", health=queue_health())

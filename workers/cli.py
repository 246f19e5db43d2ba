"""``flask --app wsgi worker``: an RQ worker with its scheduler (periodic jobs need no other process)."""
from __future__ import annotations

import logging

import click
from flask import Flask, current_app

from workers.queue import QUEUES, get_redis

log = logging.getLogger(__name__)


@click.command("worker")
@click.option("--queue", "queues", multiple=True, type=click.Choice(QUEUES), default=QUEUES, show_default=True)
@click.option("--burst", is_flag=True, help="Stop when the queues are empty (tests, one-off runs).")
def worker(queues: tuple[str, ...], burst: bool) -> None:
    """Run jobs in this process (no fork per job: our jobs are short and database-bound).

    The scheduler runs beside it, and the periodic deadline sweep is booked on start.
    """
    from bot import nlu
    from workers import schedule

    nlu.warm()  # the engine reads every message with the intent layer: pay its start-up here, once
    connection = get_redis()
    interval = current_app.config["SETTINGS"].sweep_interval
    schedule.install(connection, interval)
    worker = schedule.Worker(list(queues), connection=connection)
    worker.sweep_interval = interval
    worker.work(with_scheduler=True, burst=burst, logging_level=logging.INFO)


def init_app(app: Flask) -> None:
    app.cli.add_command(worker)
    from workers.poller_cli import poller

    app.cli.add_command(poller)

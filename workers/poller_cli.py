"""``flask --app wsgi poller``: fetches mail from IMAP into the database (see bot.channels.email.poller)."""
from __future__ import annotations

import signal
import sys

import click
from flask import current_app


@click.command("poller")
def poller() -> None:
    """Watch the IMAP mailbox (IMAP_HOST, IMAP_USER, IMAP_PASSWORD); store each mail, then enqueue it."""
    settings = current_app.config["SETTINGS"]
    if not settings.imap_enabled:
        click.echo("IMAP is not configured (IMAP_HOST is unset); the e-mail channel is off.")
        return
    from bot.channels.email.poller import Poller
    from workers.jobs import enqueue_processing

    app = current_app._get_current_object()
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))  # leave IDLE and log out cleanly
    try:
        Poller(app, lambda message_id: enqueue_processing(message_id, app)).run()
    except KeyboardInterrupt:
        pass

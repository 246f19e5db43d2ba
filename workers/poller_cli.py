"""``flask --app wsgi poller``: fetches mail from IMAP into the database."""
from __future__ import annotations

import click
from flask import current_app


@click.command("poller")
def poller() -> None:
    """Poll the IMAP mailbox (IMAP_HOST, IMAP_USER, IMAP_PASSWORD)."""
    settings = current_app.config["SETTINGS"]
    if not settings.imap_enabled:
        click.echo("IMAP is not configured (IMAP_HOST is unset); the e-mail channel is off.")
        return
    raise click.ClickException("the IMAP poller is not built yet")

"""``flask --app wsgi whatsapp content sync``: create the WhatsApp buttons and lists ahead of the first message."""
from __future__ import annotations

import click
from flask import current_app
from flask.cli import AppGroup

from bot.channels import sender_for
from bot.db import get_db
from bot.envelope import Channel

whatsapp_cli = AppGroup("whatsapp", help="WhatsApp through Twilio.")
content_cli = AppGroup("content", help="Content resources (quick replies, list pickers) for choices.")
whatsapp_cli.add_command(content_cli)


@content_cli.command("sync")
def content_sync() -> None:
    """Create every choice definition in code that Twilio does not have yet (a changed one gets a new resource)."""
    from bot.channels.whatsapp import content

    sender = sender_for(Channel.WHATSAPP.value, current_app)
    if sender is None:
        raise click.ClickException("WhatsApp is not configured (TWILIO_ACCOUNT_SID, TWILIO_AUTH_TOKEN, "
                                   "TWILIO_WHATSAPP_FROM)")
    with get_db().session() as session:
        try:
            done = content.sync(session, sender.contents)
        except content.ContentRefused as exc:
            raise click.ClickException(f"the Content API refused: {exc}") from None
    for name, sid in done:
        click.echo(f"{sid}  {name}")
    click.echo(f"{len(done)} definitions in place")

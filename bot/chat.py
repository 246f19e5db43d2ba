"""``flask --app wsgi chat``: talk to the real engine and database as a citizen, in a terminal.

The terminal is a channel of its own; identities are the phone (``--as``) or e-mail (``--email``)
the person plays, so a citizen registered on WhatsApp is recognised here too. Messages the bot
would mail (verification codes) are printed as well as queued.
"""
from __future__ import annotations

import sys
import uuid

import click
from flask import Flask, current_app
from sqlalchemy import select

from bot import choices, clock, inbox, intent, nlu, pipeline, verification
from bot.db import get_db
from bot.envelope import Channel, Inbound
from bot.models import Conversation, Message


def _show(session, rows, address: str) -> None:
    for row in rows:
        if row.channel == Channel.TERMINAL.value and row.address == address:
            offered = choices.as_line((row.meta or {}).get("choices"))  # [1] Ya  [2] Tidak: type either
            click.echo(f"\nPST> {row.body}\n" + (f"     {offered}\n" if offered else ""))
            row.status, row.sent_at = "delivered", clock.now()
        elif row.channel == Channel.EMAIL.value:
            body = verification.mail_text(row, current_app.config["SETTINGS"].secret_key)
            click.echo(f"\n[e-mail to {row.address}] {row.meta.get('subject', '')}\n{body}\n")


def _pending(session, address: str) -> list[Message]:
    """Terminal messages queued while nobody was at this terminal (officer replies, closings)."""
    return session.scalars(select(Message).where(Message.channel == Channel.TERMINAL.value, Message.address == address,
                                                 Message.direction == "out", Message.status == "queued")
                           .order_by(Message.id)).all()


def _read(interactive: bool) -> str | None:
    if not interactive:
        return sys.stdin.readline() or None
    try:
        return input("Anda> ")
    except EOFError:
        return None


@click.command("chat")
@click.option("--as", "phone", default=None, help="Play the citizen with this phone number (WhatsApp-like).")
@click.option("--email", default=None, help="Play the citizen with this e-mail address (mail-like).")
@click.option("--name", default=None, help="Profile name the channel would show.")
def chat(phone: str | None, email: str | None, name: str | None) -> None:
    """Chat with the bot as a citizen (one message per line; end with Ctrl-D)."""
    from workers.jobs import enqueue_delivery

    if phone and email:
        raise click.UsageError("give --as or --email, not both")
    if email is not None:
        address = intent.clean_email(email)
    else:  # an empty --as (an unset shell variable) is a mistake, not the default number
        address = intent.clean_phone("+6281234567890" if phone is None else phone)
    if not address:
        raise click.UsageError("that is not a valid phone number or e-mail address")
    interactive = sys.stdin.isatty()
    nlu.warm()  # before the first line, not in the middle of it
    click.echo(f"Chatting as {address}. Type a message; Ctrl-D ends.")
    db = get_db()
    with db.session() as session:
        _show(session, _pending(session, address), address)
        session.commit()
    while True:
        line = _read(interactive)
        if line is None:
            break
        text = line.strip()
        if not text:
            continue
        with db.session() as session:
            message, _ = inbox.accept(session, Inbound(
                channel=Channel.TERMINAL.value, address=address, text=text, external_id=f"term-{uuid.uuid4()}",
                received_at=clock.now(), profile_name=name))
            session.commit()
            rows = pipeline.process(session, message.id)
            rows += [r for r in _pending(session, address) if r not in rows]
            _show(session, rows, address)
            session.commit()
            enqueue_delivery(rows)
    with db.session() as session:
        state = session.scalar(select(Conversation.state).join(Conversation.identity)
                               .where(Conversation.identity.has(address=address)).order_by(Conversation.id.desc()))
        click.echo(f"(conversation state: {state})")


def init_app(app: Flask) -> None:
    app.cli.add_command(chat)

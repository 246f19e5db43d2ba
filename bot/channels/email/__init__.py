"""The e-mail channel: an IMAP poller that stores mail crash-safely, reply parsing, a loop guard,
threading by ticket tag and Message-IDs, and an SMTP sender for the outbox.

Modules: ``parsing`` (raw bytes → ParsedMail), ``quotes`` and ``htmltext`` (the citizen's own words),
``guard`` (robots and bounces), ``ingest`` (one mail into the database), ``attachments``, ``compose``
and ``sender`` (SMTP), ``poller`` (IMAP IDLE/polling loop).
"""
from __future__ import annotations

from flask import Flask

from bot.channels import register_sender
from bot.envelope import Channel


def init_app(app: Flask) -> None:
    """Register the SMTP sender when SMTP_HOST is set (verification codes and replies go through it)."""
    settings = app.config["SETTINGS"]
    if settings.smtp_enabled:
        from bot.channels.email.sender import SMTPSender

        register_sender(app, Channel.EMAIL.value, SMTPSender(settings))

"""WhatsApp through Twilio: signed webhooks in (:mod:`.webhook`), the Twilio SDK out (:mod:`.sender`).

Off unless ``TWILIO_ACCOUNT_SID``/``TWILIO_AUTH_TOKEN``/``TWILIO_WHATSAPP_FROM`` are set: the webhook
routes still exist but refuse every request with 403 (nothing can be verified without the auth
token), and outbound WhatsApp rows fail with "channel is not configured".
"""
from __future__ import annotations

from flask import Flask

from bot.channels import register_sender
from bot.envelope import Channel


def init_app(app: Flask) -> None:
    from bot.channels.whatsapp.cli import whatsapp_cli
    from bot.channels.whatsapp.intake import TextIntake
    from bot.channels.whatsapp import media_link
    from bot.channels.whatsapp.webhook import bp

    app.register_blueprint(bp)
    app.register_blueprint(media_link.bp)
    app.cli.add_command(whatsapp_cli)
    app.extensions["whatsapp_texts"] = TextIntake(app)
    settings = app.config["SETTINGS"]
    if settings.whatsapp_enabled:
        from bot.channels.whatsapp.sender import TwilioSender

        register_sender(app, Channel.WHATSAPP.value, TwilioSender(settings))

"""WhatsApp through Twilio: signed webhooks in (:mod:`.webhook`), the Twilio SDK out (:mod:`.sender`).

Off unless ``TWILIO_ACCOUNT_SID``/``TWILIO_AUTH_TOKEN``/``TWILIO_WHATSAPP_FROM`` are set: then the
webhook routes do not exist and outbound WhatsApp rows fail with "channel is not configured".
"""
from __future__ import annotations

from flask import Flask

from bot.channels import register_sender
from bot.envelope import Channel


def init_app(app: Flask) -> None:
    settings = app.config["SETTINGS"]
    if not settings.whatsapp_enabled:
        return
    from bot.channels.whatsapp.sender import TwilioSender
    from bot.channels.whatsapp.webhook import bp

    app.register_blueprint(bp)
    register_sender(app, Channel.WHATSAPP.value, TwilioSender(settings))

"""PST consultation bot: the Flask application factory."""
from __future__ import annotations

import logging
from typing import Any, Mapping, Optional, Union

from flask import Flask
from werkzeug.middleware.proxy_fix import ProxyFix

from config import Settings


def create_app(config: Optional[Union[Settings, Mapping[str, Any]]] = None) -> Flask:
    """Build the app from ``config`` (a Settings or an environment-like mapping), else the environment."""
    if isinstance(config, Settings):
        settings = config
    elif config is not None:
        settings = Settings.from_mapping(config)
    else:
        settings = Settings.from_env()
    app = Flask(__name__)
    if settings.trusted_proxies:  # request.remote_addr is the client, not nginx (login throttling counts it)
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=settings.trusted_proxies, x_proto=0, x_host=0, x_port=0,
                                x_prefix=0)
    app.config.update(SECRET_KEY=settings.secret_key, SETTINGS=settings, JSON_SORT_KEYS=False)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")

    from bot import cli, clock, db, health, services
    from bot.channels.whatsapp import init_app as whatsapp_init
    from bot.channels.email import init_app as email_init
    from bot.chat import init_app as chat_init
    from bot.console import init_app as console_init
    from bot.nlu.cli import init_app as intent_init
    from bot.survey import init_app as survey_init
    from knowledge.cli import init_app as kb_init
    from workers import queue
    from workers.cli import init_app as workers_init

    for part in (clock, db, queue, services, health, cli):
        part.init_app(app)
    for init in (chat_init, kb_init, intent_init, workers_init, whatsapp_init, email_init, console_init,
                 survey_init):
        init(app)
    cli.guard(app.cli)
    return app

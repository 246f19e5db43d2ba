"""The SKM survey (issue 17): signed links, the public mobile form, the IKM report and its command."""
from __future__ import annotations

from flask import Flask


def init_app(app: Flask) -> None:
    from bot.survey import cli, form

    app.register_blueprint(form.bp)
    cli.init_app(app)

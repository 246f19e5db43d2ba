"""The apps bench/webhook.py serves under gunicorn beside the real one (``bench.webhook_apps:…()``).

``hello_app`` is the baseline; ``checked_app`` and ``stored_app`` are the real app cut short (the
``--ladder``), built from the project's own modules so they cost what those steps cost in the webhook.
"""
from __future__ import annotations

import os
import threading

from flask import Flask, Response

WEBHOOK = "/webhooks/twilio/whatsapp"
EMPTY_TWIML = '<?xml version="1.0" encoding="UTF-8"?><Response></Response>'


def hello_app():
    """The baseline: a bare Flask POST endpoint answering the same TwiML as the webhook."""
    app = Flask("hello")
    app.add_url_rule(WEBHOOK, "hello", lambda: Response(EMPTY_TWIML, content_type="text/xml"), methods=["POST"])
    return app


def floor_app():
    """Ladder step 0, the floor of any store-first webhook: hello plus one committed row per request.

    No signature check, no parsing beyond the MessageSid, no ORM, no Redis: one prepared
    ``INSERT … ON CONFLICT DO NOTHING`` of the sid into a one-column table, in autocommit, on a
    psycopg connection each thread keeps. PostgreSQL only (the production database)."""
    import psycopg
    from flask import request

    from tests.support.postgres import libpq_url

    url, local = libpq_url(os.environ["DATABASE_URL"]), threading.local()
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute("CREATE TABLE IF NOT EXISTS bench_floor (sid text PRIMARY KEY)")

    def stored():
        if getattr(local, "conn", None) is None:  # made after gunicorn's fork, one per thread
            local.conn = psycopg.connect(url, autocommit=True)
        local.conn.execute("INSERT INTO bench_floor (sid) VALUES (%s) ON CONFLICT DO NOTHING",
                           (request.form["MessageSid"],), prepare=True)
        return Response(EMPTY_TWIML, content_type="text/xml")

    app = Flask("floor")
    app.add_url_rule(WEBHOOK, "floor", stored, methods=["POST"])
    return app


def checked_app():
    """Ladder step 1: the real app, but the webhook view stops after the signature check and parse."""
    from flask import request

    from bot import clock, create_app
    from bot.channels.whatsapp.inbound import parse
    from bot.channels.whatsapp.signature import twilio_signed

    app = create_app()

    @twilio_signed
    def checked():
        parse(request.form, clock.now())
        return Response(EMPTY_TWIML, content_type="text/xml")

    app.view_functions["whatsapp.whatsapp"] = checked
    return app


def stored_app():
    """Ladder step 2: the real webhook, but its group commit only stores (no RQ job is enqueued)."""
    from bot import create_app, inbox
    from bot.channels.whatsapp.intake import TextIntake

    class StoreOnly(TextIntake):
        def _write(self, batch):
            return inbox.commit_unresolved_many(self.connection.engine, batch, self.connection)

    app = create_app()
    app.extensions["whatsapp_texts"] = StoreOnly(app)
    return app

"""Sending one outbox row with the Twilio SDK (``client.messages.create``), as the outbound job asks.

Errors are sorted for :func:`workers.jobs.deliver`: 429, 5xx and network trouble are temporary
(retried with back-off), every other 4xx is permanent, and 63016 ("outside the 24-hour window")
switches to the template, as does a row whose citizen last wrote more than 24 hours ago. Without a
configured template the row becomes ``undeliverable``: the console shows it and offers the citizen's
e-mail instead.

A long text goes out as several messages. The SIDs already sent are kept in ``meta["parts"]``
(committed with the retry), so a retry after part 2 of 3 failed sends only parts 2 and 3.
"""
from __future__ import annotations

import logging

import requests
from sqlalchemy.orm import Session, object_session
from twilio.base.exceptions import TwilioException, TwilioRestException
from twilio.http.http_client import TwilioHttpClient
from twilio.rest import Client

from bot import outbox
from bot.channels import PermanentError, SendResult, TemporaryError
from bot.channels.whatsapp import chunks, templates
from bot.models import Message

log = logging.getLogger(__name__)
OUTSIDE_WINDOW = 63016
STATUS_PATH = "/webhooks/twilio/status"


class WindowClosed(Exception):
    """Twilio refused a free-form message: the 24-hour window is closed."""


def whatsapp_address(number: str) -> str:
    return number if number.startswith("whatsapp:") else f"whatsapp:{number}"


class TwilioSender:
    def __init__(self, settings, timeout: float = 10.0):
        self.settings = settings
        self.client = Client(settings.twilio_account_sid, settings.twilio_auth_token,
                             http_client=TwilioHttpClient(timeout=timeout))
        self.client.api.base_url = settings.twilio_api_base
        self.from_ = whatsapp_address(settings.twilio_whatsapp_from)

    def status_callback(self, message: Message) -> str:
        """Where Twilio reports delivery; the row id in the query lets every part find its row."""
        return f"{self.settings.public_base_url}{STATUS_PATH}?m={message.id}"

    def send(self, message: Message) -> SendResult:
        session = object_session(message)
        if (message.meta or {}).get("force_template") or not templates.in_window(session, message):
            return self._template(session, message, "outside the 24-hour window")
        try:
            parts = self._send_text(message)
        except WindowClosed:
            return self._template(session, message, f"Twilio error {OUTSIDE_WINDOW}")
        return SendResult(external_id=next(iter(parts)), status="sent", meta={"parts": parts})

    def _send_text(self, message: Message) -> dict[str, str]:
        """Send the parts not sent yet; returns {sid: status} of all parts, in order."""
        parts = dict((message.meta or {}).get("parts") or {})
        for body in chunks.split(message.body)[len(parts):]:
            created = self._create(message, body=body)
            parts[created.sid] = created.status
            message.meta = {**(message.meta or {}), "parts": parts}  # kept if a later part fails
        return parts

    def _template(self, session: Session, message: Message, reason: str) -> SendResult:
        kind = templates.kind_of(session, message)
        sid = templates.content_sid(self.settings, kind)
        if not sid:
            log.warning("message %s undeliverable on WhatsApp: %s, no template for %s", message.id, reason,
                        kind or "this kind of message")
            return SendResult(status=outbox.UNDELIVERABLE, meta={"undeliverable": reason, "template": kind})
        try:
            created = self._create(message, content_sid=sid, content_variables=templates.variables(session, message))
        except WindowClosed as exc:  # a template is exactly what 63016 asks for: this is not recoverable
            raise PermanentError(f"Twilio error {OUTSIDE_WINDOW} for template {kind}") from exc
        return SendResult(external_id=created.sid, status="sent",
                          meta={"template": kind, "parts": {created.sid: created.status}})

    def _create(self, message: Message, **content):
        try:
            return self.client.messages.create(to=whatsapp_address(message.address), from_=self.from_,
                                               status_callback=self.status_callback(message), **content)
        except TwilioRestException as exc:
            raise _classify(exc) from exc
        except (requests.RequestException, TwilioException) as exc:
            raise TemporaryError(f"Twilio unreachable: {exc.__class__.__name__}") from exc


def _classify(exc: TwilioRestException) -> Exception:
    if exc.code == OUTSIDE_WINDOW:
        return WindowClosed()
    text = f"Twilio {exc.status} error {exc.code}: {exc.msg}"
    if exc.status == 429 or exc.status >= 500:
        return TemporaryError(text)
    return PermanentError(text)

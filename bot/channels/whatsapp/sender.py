"""Sending one outbox row with the Twilio SDK (``client.messages.create``), as the outbound job asks.

Errors are sorted for :func:`workers.jobs.deliver`: 429, 5xx and network trouble are temporary
(retried with back-off), every other 4xx is permanent, and 63016 ("outside the 24-hour window")
switches to the template, as does a row whose citizen last wrote more than 24 hours ago. Without a
configured template the row becomes ``undeliverable``: the console shows it and offers the citizen's
e-mail instead.

A file an officer attached goes after the text as a media message of its own, which Twilio fetches from a
signed, expiring link of ours (:mod:`.media_link`); outside the window the row is ``undeliverable`` (a template
cannot carry a file) and the console offers the e-mail instead. A long text goes out as several messages.
The SIDs already sent are kept in ``meta["parts"]``
(committed with the retry), so a retry after part 2 of 3 failed sends only parts 2 and 3.

A row with choices (``meta["choices"]``, see :mod:`bot.choices`) goes, inside the window, as a quick-reply or
list-picker Content message (:mod:`.content`) whose body is the text, or, for a text over 1,024 characters, its
last paragraph after the rest as plain parts. When the Content API refuses (creating the definition, or Twilio
refusing the send), the same text goes with the choices as a numbered list: the parts already sent are not sent
again, and the refused interactive message was never delivered, so nothing is lost and nothing doubled.
"""
from __future__ import annotations

import logging

import requests
from sqlalchemy.orm import Session, object_session
from twilio.base.exceptions import TwilioException, TwilioRestException
from twilio.http.http_client import TwilioHttpClient
from twilio.rest import Client

from bot import choices, outbox
from bot.channels import PermanentError, SendResult, TemporaryError
from bot.channels.whatsapp import chunks, content, media_link, templates
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
        self.client.content.base_url = settings.twilio_content_api_base
        self.contents = content.ContentCache(self.client)
        self.from_ = whatsapp_address(settings.twilio_whatsapp_from)

    def status_callback(self, message: Message) -> str:
        """Where Twilio reports delivery; the row id in the query lets every part find its row."""
        return f"{self.settings.public_base_url}{STATUS_PATH}?m={message.id}"

    def send(self, message: Message) -> SendResult:
        session = object_session(message)
        # Loaded before any part is noted in ``meta``: a lazy load later would autoflush those notes over the
        # parts' statuses that Twilio's callbacks committed meanwhile.
        files = [a for a in message.attachments if a.status == "stored"]
        if (message.meta or {}).get("force_template") or not templates.in_window(session, message):
            return self._template(session, message, "outside the 24-hour window", files)
        offered = (message.meta or {}).get("choices")
        try:
            if offered:
                parts, extra = self._send_choices(session, message, offered)
            else:
                bodies = chunks.split(message.body)
                parts, extra = self._send_media(message, self._send_texts(message, bodies), len(bodies), files), {}
        except WindowClosed:
            return self._template(session, message, f"Twilio error {OUTSIDE_WINDOW}", files)
        return SendResult(external_id=next(iter(parts)), status="sent", meta={"parts": parts, **extra})

    def _send_texts(self, message: Message, bodies: list[str]) -> dict[str, str]:
        """Send the parts not sent yet; returns {sid: status} of all parts, in order."""
        parts = dict((message.meta or {}).get("parts") or {})
        for body in bodies[len(parts):]:
            created = self._create(message, body=body)
            parts[created.sid] = created.status
            message.meta = {**(message.meta or {}), "parts": parts}  # kept if a later part fails
        return parts

    def _send_media(self, message: Message, parts: dict[str, str], texts: int, files: list) -> dict[str, str]:
        """Each stored file as a message of its own after the text (WhatsApp carries one medium per message and
        shows no caption on documents); Twilio fetches it from our signed link. Files already sent are skipped."""
        for index, attachment in enumerate(files):
            if len(parts) > texts + index:
                continue
            created = self._create(message, media_url=[media_link.url(self.settings, attachment.id)])
            parts[created.sid] = created.status
            message.meta = {**(message.meta or {}), "parts": parts}
        return parts

    def _send_choices(self, session: Session, message: Message, offered: dict) -> tuple[dict[str, str], dict]:
        """The text with its buttons or list; numbered text when WhatsApp cannot show them or Twilio refuses."""
        lead, prompt = _split_prompt(message.body)
        before = chunks.split(lead) if lead else []
        spec = content.definition(offered) if prompt is not None else None
        sent = len((message.meta or {}).get("parts") or {})
        reason = "no interactive form" if spec is None else "fell back earlier" if sent > len(before) else None
        if reason is None:
            try:
                sid = self.contents.sid_for(session, offered, spec)
                parts = self._send_texts(message, before)
                created = self._create(message, content_sid=sid,
                                       content_variables=content.variables(offered, prompt))
                parts[created.sid] = created.status
                return parts, {"content": sid}
            except (content.ContentRefused, PermanentError) as exc:
                reason = str(exc)[:200]
                log.warning("message %s: choices sent as text: %s", message.id, exc.__class__.__name__)
        listed = choices.as_list(offered)
        bodies = before + chunks.split(f"{prompt}\n\n{listed}") if prompt is not None and lead else \
            chunks.split(f"{message.body}\n\n{listed}")
        return self._send_texts(message, bodies), {"choices_as_text": reason}

    def _template(self, session: Session, message: Message, reason: str, files: list) -> SendResult:
        if files:  # a template cannot carry the file
            log.warning("message %s undeliverable on WhatsApp: %s, with a file", message.id, reason)
            return SendResult(status=outbox.UNDELIVERABLE, meta={"undeliverable": f"{reason}, with a file"})
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


def _split_prompt(body: str) -> tuple[str, str | None]:
    """(text before, the prompt) for an interactive body of at most 1,024 characters; prompt None if none fits."""
    if len(body) <= content.BODY_MAX:
        return "", body
    lead, _, prompt = body.rpartition("\n\n")
    return (lead, prompt) if lead and len(prompt) <= content.BODY_MAX else ("", None)


def _classify(exc: TwilioRestException) -> Exception:
    if exc.code == OUTSIDE_WINDOW:
        return WindowClosed()
    text = f"Twilio {exc.status} error {exc.code}: {exc.msg}"
    if exc.status == 429 or exc.status >= 500:
        return TemporaryError(text)
    return PermanentError(text)

"""Twilio's inbound WhatsApp form → one :class:`bot.envelope.Inbound` plus its media (pure, no I/O)."""
from __future__ import annotations

import dataclasses
import datetime as dt
import re
from typing import Mapping

from bot.envelope import Channel, Inbound

MAX_TEXT = 4096  # WhatsApp's own limit for one message
MAX_MEDIA = 10  # Twilio sends at most ten media per message
MAX_PAYLOAD = 200  # a Content button's or list row's id (bot.channels.whatsapp.content)
_FROM = re.compile(r"^whatsapp:(\+[1-9]\d{5,14})$")
_SID = re.compile(r"^(SM|MM)[0-9a-fA-F]{32}$")
_COUNT = re.compile(r"[0-9]{1,2}")  # ASCII only: str.isdigit() also takes "²", which int() refuses
# Printable ASCII without spaces, as Twilio's media URLs are, and within Attachment.source_url's 1,024.
_URL = re.compile(r"https?://[!-~]{1,1016}")
# What the bot cannot read and answers with "text please" instead of guessing.
NON_TEXT_TYPES = {"location", "contacts", "sticker", "unsupported"}
_NON_TEXT_MEDIA = {"text/vcard", "text/x-vcard", "image/webp"}  # contact cards; stickers are webp
# Control characters but tab and line breaks: PostgreSQL text cannot hold NUL (the INSERT, and the
# other citizens' messages sharing its batch, would fail), and none of them means anything to a reader.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


class InvalidForm(ValueError):
    """The form is not a WhatsApp message Twilio could have sent; the text says what is wrong."""


@dataclasses.dataclass(frozen=True)
class Media:
    url: str
    content_type: str


@dataclasses.dataclass(frozen=True)
class Received:
    inbound: Inbound
    media: tuple[Media, ...]
    kind: str  # Twilio's MessageType, or what the fields imply

    @property
    def readable(self) -> bool:
        """False for locations, contact cards and stickers: the citizen is asked to type instead."""
        return self.kind not in NON_TEXT_TYPES

    @property
    def plain(self) -> bool:
        """Readable text without media: stored by one INSERT, everything else decided by the job."""
        return self.readable and not self.media


def _required(form: Mapping[str, str], name: str) -> str:
    value = (form.get(name) or "").strip()
    if not value:
        raise InvalidForm(f"{name} is missing")
    return value


def _text(form: Mapping[str, str], name: str) -> str:
    return _CONTROL.sub("", form.get(name) or "").strip()


def _media(form: Mapping[str, str]) -> tuple[Media, ...]:
    raw = form.get("NumMedia") or "0"
    if not _COUNT.fullmatch(raw) or int(raw) > MAX_MEDIA:
        raise InvalidForm(f"NumMedia must be a number from 0 to {MAX_MEDIA}")
    items = []
    for n in range(int(raw)):
        url = _required(form, f"MediaUrl{n}")
        if not _URL.fullmatch(url):
            raise InvalidForm(f"MediaUrl{n} is not a URL")
        items.append(Media(url, _text(form, f"MediaContentType{n}")[:127] or "application/octet-stream"))
    return tuple(items)


def _kind(form: Mapping[str, str], text: str, media: tuple[Media, ...]) -> str:
    declared = _text(form, "MessageType").lower()[:32]
    if declared:
        return declared
    if form.get("Latitude") or form.get("Longitude"):
        return "location"
    if media and not text and all(m.content_type in _NON_TEXT_MEDIA for m in media):
        return "contacts" if media[0].content_type != "image/webp" else "sticker"
    return "media" if media else "text"


def _tap(form: Mapping[str, str]) -> tuple[str, str] | None:
    """(payload, label) of a tapped quick-reply button (ButtonPayload/ButtonText) or list row (ListId/ListTitle)."""
    payload = _text(form, "ButtonPayload") or _text(form, "ListId")
    if not payload:
        return None
    return payload[:MAX_PAYLOAD], (_text(form, "ButtonText") or _text(form, "ListTitle"))[:MAX_TEXT]


def parse(form: Mapping[str, str], received_at: dt.datetime) -> Received:
    """Check and convert the form; raises InvalidForm naming the first problem."""
    sid = _required(form, "MessageSid")
    if not _SID.match(sid):
        raise InvalidForm("MessageSid is not a Twilio message SID")
    match = _FROM.match(_required(form, "From"))
    if not match:
        raise InvalidForm("From is not a WhatsApp address like whatsapp:+6281234567890")
    text = _text(form, "Body")
    tap = _tap(form)
    if tap is not None:  # the label the citizen saw is the message's text; the payload is what it means
        text = text or tap[1]
    if len(text) > MAX_TEXT:
        raise InvalidForm(f"Body is longer than {MAX_TEXT} characters")
    media = _media(form)
    kind = _kind(form, text, media)
    if kind == "text" and not text:
        raise InvalidForm("Body is empty and there is no media")
    profile = _text(form, "ProfileName")[:120] or None
    meta = {"kind": kind, "num_media": len(media)}
    if tap is not None:
        meta["tap"] = tap[0]
    inbound = Inbound(channel=Channel.WHATSAPP.value, address=match.group(1), text=text, external_id=sid,
                      received_at=received_at, profile_name=profile, meta=meta)
    return Received(inbound, media, kind)

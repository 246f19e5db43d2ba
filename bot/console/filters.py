"""Jinja filters for the console: office-time dates, due phrases, channel icons (inline SVG, no CDN), resends."""
from __future__ import annotations

import datetime as dt
from typing import Optional

from flask import Flask, current_app
from markupsafe import Markup, escape

from bot import clock, texts
from bot.console import i18n, labels, sla, urgency
from bot.console.history import resend_address
from bot.models import OPEN_STATUSES

ICONS = {  # shapes only: the label comes from labels.CHANNELS in the officer's language
    "whatsapp": ('<circle cx="12" cy="12" r="10" fill="#25d366"/><path d="M8 7.5c.5-.8 1.2-.7 1.5 0l.8 1.9c.1.3 0 '
                 '.6-.2.8l-.6.6c.6 1.3 1.7 2.4 3 3l.6-.6c.2-.2.5-.3.8-.2l1.9.8c.7.3.8 1 0 1.5-2.9 2-9.7-4.9-7.8-7.8z"'
                 ' fill="#fff"/>'),
    "email": ('<rect x="2" y="5" width="20" height="14" rx="2" fill="#1a73e8"/><path d="M3 6l9 7 9-7" '
              'stroke="#fff" stroke-width="2" fill="none"/>'),
    "terminal": ('<rect x="2" y="4" width="20" height="16" rx="2" fill="#444"/><path d="M6 9l3 3-3 3M11 15h6" '
                 'stroke="#fff" stroke-width="2" fill="none"/>'),
}


def office_time(value: Optional[dt.datetime], fmt: Optional[str] = None) -> str:
    """A moment in the office's zone, rendered here so no browser locale decides how it reads.

    Without ``fmt`` the office's short form ("Sen, 7 Des 2026 14.05 WIB"); ``fmt`` is for machine values
    such as a ``datetime-local`` input's."""
    if value is None:
        return "–"
    tz = current_app.extensions["calendar"].tz
    return value.astimezone(tz).strftime(fmt) if fmt else texts.short_when(i18n.lang(), value, tz)


def office_when(value: Optional[dt.datetime]) -> str:
    """A moment in the office's own format, in the officer's language: "Rabu, 2 Desember 2026 pukul 16.00 WIB"."""
    return "–" if value is None else texts.when(i18n.lang(), value, current_app.extensions["calendar"].tz)


office_stamp = office_time  # message and note stamps: the same short form


def due_colour(consultation) -> str:
    """The SLA colour of a ticket now (green/amber/red, or done once answered)."""
    return sla.colour(consultation, clock.now(), current_app.extensions["calendar"])


def due_phrase(consultation) -> str:
    """ "3 jam lagi" / "lewat 2 hari kerja" while the first answer is owed; empty once answered or closed."""
    if consultation.first_response_at is not None or consultation.status not in OPEN_STATUSES:
        return ""
    return urgency.phrase(consultation.due_at, clock.now(), current_app.extensions["calendar"], i18n.gettext)


def channel_icon(channel: str) -> Markup:
    label = escape(channel_label(channel))
    return Markup(f'<svg class="icon" viewBox="0 0 24 24" role="img" aria-label="{label}"><title>{label}</title>'
                  f'{ICONS.get(channel, ICONS["terminal"])}</svg>')


def channel_label(channel: str) -> str:
    """ "Obrolan uji" / "WhatsApp" / "E-mail" in the officer's language, never the stored code."""
    return labels.channel(channel, i18n.gettext)


def init_app(app: Flask) -> None:
    app.jinja_env.filters.update(office_time=office_time, office_when=office_when, office_stamp=office_stamp,
                                 due_colour=due_colour, due_phrase=due_phrase, channel_icon=channel_icon,
                                 channel_label=channel_label,
                                 resend_address=resend_address)

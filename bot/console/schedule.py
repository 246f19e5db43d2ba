"""The follow-up form: a Zoom meeting or an office visit, read from the officer's input with per-field errors.

Errors name the field they belong to, so the page can show the message beside it and keep what the
officer typed (a wiped form after one mistake was the complaint). Times are ``datetime-local`` values
in the office's time zone.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from flask import current_app

KINDS = ("zoom", "visit")
MAX_LINK = 1024
# Indonesian source phrases (bot.console.i18n has the English), one per way a field can be wrong.
PICK_KIND = "Pilih Zoom atau kunjungan kantor."
NEED_TIME = "Isi tanggal dan jam."
PAST_TIME = "Waktu ini sudah lewat; pilih waktu yang akan datang."
OFFICE_CLOSED = "Kantor tutup pada waktu itu (akhir pekan, hari libur, atau di luar jam buka)."
NEED_LINK = "Tautan Zoom wajib untuk pertemuan Zoom."
BAD_LINK = "Tautan harus diawali https://"


@dataclass
class Schedule:
    """What the officer typed (kept for the re-shown form), and what is wrong with it, field by field."""
    kind: str
    starts_at_text: str
    link_text: str
    starts_at: dt.datetime | None = None  # UTC, when valid
    errors: dict[str, str] = field(default_factory=dict)

    @property
    def link(self) -> str | None:
        return (self.link_text or None) if self.kind == "zoom" else None


def _parse_local(value: str) -> dt.datetime | None:
    try:
        naive = dt.datetime.fromisoformat(value)
    except ValueError:
        return None
    return naive.replace(tzinfo=current_app.extensions["calendar"].tz) if naive.tzinfo is None else naive


def read(form, kind: str, now: dt.datetime) -> Schedule:
    """The form's kind, time and link, checked; ``errors`` is empty when they can be booked."""
    entry = Schedule(kind=kind, starts_at_text=form.get("starts_at", "").strip()[:32],
                     link_text=form.get("link", "").strip()[:MAX_LINK])
    if kind not in KINDS:
        entry.errors["kind"] = PICK_KIND
    starts_at = _parse_local(entry.starts_at_text) if entry.starts_at_text else None
    if starts_at is None:
        entry.errors["starts_at"] = NEED_TIME
    elif starts_at <= now:
        entry.errors["starts_at"] = PAST_TIME
    elif kind == "visit" and not current_app.extensions["calendar"].is_open(starts_at):
        entry.errors["starts_at"] = OFFICE_CLOSED  # nobody would be at the office then
    if kind == "zoom" and not entry.link_text:
        entry.errors["link"] = NEED_LINK
    elif kind == "zoom" and not entry.link_text.startswith(("https://", "http://")):
        entry.errors["link"] = BAD_LINK
    if not entry.errors:
        entry.starts_at = starts_at.astimezone(dt.timezone.utc)
    return entry

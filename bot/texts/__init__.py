"""Citizen-facing texts, one catalogue per language; code refers to them by key only."""
from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from bot.texts import en, id as id_

CATALOGUES = {"id": id_.TEXTS, "en": en.TEXTS}
LANGS = tuple(CATALOGUES)
# The privacy notice citizens agree to ("privacy_notice" in each catalogue). Change it whenever that text
# changes: every citizen is then asked again at the start of their next conversation.
NOTICE_VERSION = "2026-12-1"
WIB = ZoneInfo("Asia/Jakarta")


def text(lang: str, key: str, **values) -> str:
    """The text ``key`` in ``lang`` (Indonesian when the language is unknown), filled with ``values``."""
    template = CATALOGUES.get(lang, id_.TEXTS)[key]
    return template.format(**values) if values else template


def when(lang: str, moment: dt.datetime, tz: ZoneInfo = WIB) -> str:
    """A date and time as citizens read them: ``Rabu, 2 Desember 2026 pukul 16.00 WIB``."""
    cat = CATALOGUES.get(lang, id_.TEXTS)
    local = moment.astimezone(tz)
    clock = local.strftime("%H.%M" if lang == "id" else "%H:%M")
    return cat["datetime"].format(weekday=cat["weekday"][local.weekday()], day=local.day,
                                  month=cat["month"][local.month - 1], year=local.year, time=clock)


def short_when(lang: str, moment: dt.datetime, tz: ZoneInfo = WIB) -> str:
    """The office's short form for lists and stamps: ``Sen, 7 Des 2026 14.05 WIB`` / ``Mon, 7 Dec 2026 14:05 WIB``.

    The zone's own abbreviation (``tzname``) names it, so another ``OFFICE_TIMEZONE`` reads WITA or WIT."""
    lang = lang if lang in CATALOGUES else "id"
    cat = CATALOGUES[lang]
    local = moment.astimezone(tz)
    clock = local.strftime("%H.%M" if lang == "id" else "%H:%M")
    return (f"{cat['weekday'][local.weekday()][:3]}, {local.day} {cat['month'][local.month - 1][:3]} {local.year} "
            f"{clock} {local.tzname()}")


def duration(lang: str, span: dt.timedelta) -> str:
    """A retention period in words: whole years as years (``2 tahun``), anything else in days."""
    days = span.days
    if days >= 365 and days % 365 == 0:
        return text(lang, "duration_years", n=days // 365)
    return text(lang, "duration_days", n=max(days, 1))

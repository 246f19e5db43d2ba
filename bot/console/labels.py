"""Human names for stored codes (channels, ticket states, close reasons): officers never read "terminal".

Indonesian is the source text; ``gettext`` (the console's i18n) gives the officer's language."""
from __future__ import annotations

from typing import Callable

CHANNELS = {"terminal": "Obrolan uji", "whatsapp": "WhatsApp", "email": "E-mail"}
STATUSES = {"open": "Terbuka", "in_progress": "Sedang dilayani", "closed": "Ditutup", "cancelled": "Dibatalkan"}
CLOSE_REASONS = {"officer": "Ditutup petugas", "citizen": "Ditutup warga", "no_response": "Warga tidak menjawab",
                 "cancelled": "Dibatalkan", "erased": "Data warga dihapus"}


def channel(code: str, gettext: Callable[[str], str]) -> str:
    return gettext(CHANNELS[code]) if code in CHANNELS else code


def status(code: str, gettext: Callable[[str], str]) -> str:
    return gettext(STATUSES[code]) if code in STATUSES else code


def close_reason(code: str | None, gettext: Callable[[str], str]) -> str:
    return gettext(CLOSE_REASONS[code]) if code in CLOSE_REASONS else (code or "")

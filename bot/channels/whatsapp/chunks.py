"""Splitting a long text into WhatsApp-sized parts at the most natural boundary available."""
from __future__ import annotations

import re

LIMIT = 1600  # Twilio's maximum Body length for one WhatsApp message
# Preferred cut points, best first: a blank line, a line end, a sentence end, a space.
_BOUNDARIES = (re.compile(r"\n\s*\n"), re.compile(r"\n"), re.compile(r"(?<=[.!?])\s+"), re.compile(r"\s+"))


def _cut(text: str, limit: int) -> int:
    """Where to end the first part: after the last boundary that fits, at least half-way in."""
    window = text[:limit + 1]
    for boundary in _BOUNDARIES:
        ends = [m.start() for m in boundary.finditer(window) if limit // 2 <= m.start() <= limit]
        if ends:
            return ends[-1]
    return limit


def split(text: str, limit: int = LIMIT) -> list[str]:
    """Parts of at most ``limit`` characters, cut at paragraph, line, sentence or word ends."""
    parts, rest = [], text.strip()
    while len(rest) > limit:
        end = _cut(rest, limit)
        parts.append(rest[:end].rstrip())
        rest = rest[end:].lstrip()
    if rest:
        parts.append(rest)
    return parts

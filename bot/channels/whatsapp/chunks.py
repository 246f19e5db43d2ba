"""Splitting a long text into WhatsApp-sized parts at the most natural boundary available."""
from __future__ import annotations

import re
import unicodedata

# Twilio's maximum Body length for one message, counted in UTF-16 code units: an emoji counts twice
# (error 21617 "exceeds the 1600 character limit", which is permanent).
LIMIT = 1600
# Preferred cut points, best first: a blank line, a line end, a sentence end, a space.
_BOUNDARIES = (re.compile(r"\n\s*\n"), re.compile(r"\n"), re.compile(r"(?<=[.!?])\s+"), re.compile(r"\s+"))
_JOINERS = {"\u200d", "\ufe0e", "\ufe0f"} | {chr(c) for c in range(0x1F3FB, 0x1F400)}  # ZWJ, variation, skin tone


def units(text: str) -> int:
    """Length as Twilio counts it: UTF-16 code units."""
    return len(text.encode("utf-16-le")) // 2


def _fitting(text: str, limit: int) -> int:
    """How many characters from the start of ``text`` fit in ``limit`` UTF-16 code units."""
    used = 0
    for index, char in enumerate(text):
        used += 2 if ord(char) > 0xFFFF else 1
        if used > limit:
            return index
    return len(text)


def _joined(before: str, after: str) -> bool:
    """Would a cut between these two characters split what the reader sees as one (an emoji, an accent)?"""
    return before == "\u200d" or after in _JOINERS or unicodedata.combining(after) > 0


def _cut(text: str, limit: int) -> int:
    """Where to end the first part: after the last boundary that fits, at least half-way in if possible.

    A word longer than half a part (a link) moves to the next part whole rather than be cut; only a
    word longer than a whole part is cut, between two characters, never inside an emoji."""
    window = text[:limit + 1]
    for boundary in _BOUNDARIES:
        ends = [m.start() for m in boundary.finditer(window) if limit // 2 <= m.start() <= limit]
        if ends:
            return ends[-1]
    spaces = [m.start() for m in _BOUNDARIES[-1].finditer(window) if m.start() > 0]
    if spaces:
        return spaces[-1]
    end = limit
    while end > 1 and _joined(text[end - 1], text[end]):
        end -= 1
    return end


def split(text: str, limit: int = LIMIT) -> list[str]:
    """Parts of at most ``limit`` UTF-16 code units, cut at paragraph, line, sentence or word ends."""
    parts, rest = [], text.strip()
    while units(rest) > limit:
        end = _cut(rest, _fitting(rest, limit))
        parts.append(rest[:end].rstrip())
        rest = rest[end:].lstrip()
    if rest:
        parts.append(rest)
    return parts

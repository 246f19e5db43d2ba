"""The new part of a reply: quoted history and signatures removed.

email-reply-parser knows English "On … wrote:" and ``>`` quotes; citizens here also write from
Indonesian Gmail ("Pada … menulis:"), Outlook ("From:/Sent:" or "Dari:/Dikirim:" blocks, "-----Original
Message-----"), Apple Mail and Thunderbird, and phones add "Sent from my iPhone"/"Dikirim dari …". So we
first cut at the earliest such header ourselves (it may be wrapped over up to three lines), then let
email-reply-parser clean what is left. Interleaved answers below a quote header are not recovered;
the officer always has the original mail.
"""
from __future__ import annotations

import re

from email_reply_parser import EmailReplyParser

_WROTE = re.compile(
    r"^\s*(On|Pada|Le|Am|El)\b.{0,300}?\b(wrote|menulis|a écrit|schrieb|escribió)\s*:\s*$", re.I | re.S)
_SEPARATOR = re.compile(
    r"^\s*(-{2,}\s*(Original Message|Pesan Asli|Pesan Awal|Forwarded by)[^\n]*|_{20,})\s*$", re.I)
_HEADER_FIELD = re.compile(r"^\s*\**(From|Dari|Sent|Dikirim|Date|Tanggal|To|Kepada|Subject|Perihal|Subjek|Cc)\**\s*:",
                           re.I)
_FROM_FIELD = re.compile(r"^\s*\**(From|Dari)\**\s*:", re.I)
_MOBILE_FOOTER = re.compile(
    r"^\s*(Sent from (my|Mail|Yahoo|Outlook)\b.*|Dikirim dari .*|Get Outlook for .*|Dapatkan Outlook untuk .*"
    r"|Kirim dari .*|Sent with .*)$", re.I)
_SIGNATURE = re.compile(r"^--\s*$")


def _is_header_block(lines: list[str], i: int) -> bool:
    """An Outlook-style "From: … / Sent: … / To: … / Subject: …" block starting at line ``i``."""
    if not _FROM_FIELD.match(lines[i]):
        return False
    fields = sum(1 for line in lines[i + 1:i + 6] if _HEADER_FIELD.match(line))
    return fields >= 2


def _quote_start(lines: list[str]) -> int | None:
    for i, line in enumerate(lines):
        if _SEPARATOR.match(line) or _is_header_block(lines, i):
            return i
        for span in (1, 2, 3):
            joined = " ".join(part.strip() for part in lines[i:i + span])
            if _WROTE.match(joined) and (span == 1 or not _WROTE.match(lines[i + span - 1].strip())):
                return i
    return None


def _cut_footer(lines: list[str]) -> list[str]:
    for i, line in enumerate(lines):
        if _SIGNATURE.match(line) or (_MOBILE_FOOTER.match(line) and len(lines) - i <= 3):
            return lines[:i]
    return lines


def strip_reply(text: str) -> str:
    """The citizen's own words of a mail body (the whole text when nothing looks quoted)."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    start = _quote_start(lines)
    if start is not None:
        lines = lines[:start]
    lines = _cut_footer(lines)
    while lines and (not lines[-1].strip() or lines[-1].lstrip().startswith(">")):
        lines.pop()
    # email-reply-parser takes any line starting "-word" for a signature: keep "-data penduduk" list items.
    own = re.sub(r"(?m)^-(?=\w)", "- ", "\n".join(lines).strip())
    cleaned = EmailReplyParser.parse_reply(own).strip() if own else ""
    return cleaned or own

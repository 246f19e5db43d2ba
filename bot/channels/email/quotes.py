"""The new part of a reply: quoted history and signatures removed.

email-reply-parser knows English "On … wrote:" and ``>`` quotes; citizens here also write from
Indonesian Gmail ("Pada … menulis:"), Outlook ("From:/Sent:" or "Dari:/Dikirim:" blocks, "-----Original
Message-----"), Apple Mail and Thunderbird, and phones add "Sent from my iPhone"/"Dikirim dari …". So we
first cut at the earliest such header ourselves (it may be wrapped over up to three lines), then let
email-reply-parser clean what is left.

A mail forwarded without a word of the citizen's is their request: its text (below the forward's
header block) is kept instead.

Below an "On … wrote:" header whose history is ``>``-quoted, unquoted lines are the citizen's too:
Thunderbird replies below the quote by default, and some people answer between the quoted
questions. Those lines are kept (after any top part, without the quoted questions: the officer
has the original mail for context); the history itself, a nested header and a signature are not.
"""
from __future__ import annotations

import re

from email_reply_parser import EmailReplyParser

_WROTE = re.compile(
    r"^\s*(On|Pada|Le|Am|El)\b.{0,300}?\b(wrote|menulis|a écrit|schrieb|escribió)\s*:\s*$", re.I | re.S)
# Any mail client's language: a date, a name and address, then a "wrote" verb (the name may follow it, as in
# German) or just the address, and a colon.
_WROTE_ANY = re.compile(
    r"^(?=[^@<(]*\d)(?=.*@).{0,300}?(?:\b(?:wrote|menulis|a écrit|schrieb|escribió|schreef|escreveu|ha scritto|"
    r"scrisse|napisał|skrev|kirjoitti|yazdı)\b[^:]{0,120}|[<(]\s*[^\s<>()]+@[^\s<>()]+[>)\]])\s*:\s*$", re.I | re.S)
_SEPARATOR = re.compile(
    r"^\s*(-{2,}\s*(Original Message|Pesan Asli|Pesan Awal|Forwarded by)[^\n]*|_{20,})\s*$", re.I)
_HEADER_FIELD = re.compile(
    r"^\s*\**(From|Dari|Sent|Dikirim|Terkirim|Date|Tanggal|To|Kepada|Subject|Perihal|Subjek|Cc"
    r"|De|Envoyé|À|Objet|Von|Gesendet|An|Betreff|Enviado|Para|Asunto|Assunto)\**\s*:", re.I)
_FROM_FIELD = re.compile(r"^\s*\**(From|Dari|De|Von)\**\s*:", re.I)
_SENT_FIELD = re.compile(r"^\s*\**(Sent|Dikirim|Terkirim|Envoyé|Gesendet|Enviado)\**\s*:", re.I)
_MOBILE_FOOTER = re.compile(
    r"^\s*(Sent from (my|Mail|Yahoo|Outlook)\b.*|Dikirim dari .*|Get Outlook for .*|Dapatkan Outlook untuk .*"
    r"|Kirim dari .*|Sent with .*)$", re.I)
_SIGNATURE = re.compile(r"^--\s*$")
_FORWARD = re.compile(r"^\s*-{2,}\s*(Forwarded message|Pesan terusan|Pesan yang diteruskan)\s*-*\s*$", re.I)


def _quoted(line: str) -> bool:
    return line.lstrip().startswith(">")


def _is_header_block(lines: list[str], i: int) -> bool:
    """An Outlook-style "From: … / Sent: … / To: … / Subject: …" block starting at line ``i``.

    Its From names an address or a Sent line follows: an Indonesian memo ("Kepada:/Dari:/Tanggal:/Perihal:"
    at the top of a letter) has neither, and it is the citizen's own text."""
    if not _FROM_FIELD.match(lines[i]):
        return False
    fields = [line for line in lines[i + 1:i + 6] if _HEADER_FIELD.match(line)]
    return len(fields) >= 2 and ("@" in lines[i] or any(_SENT_FIELD.match(line) for line in fields))


def _header_at(lines: list[str], i: int) -> bool:
    """Whether a quote header (separator, Outlook block, "On … wrote:" over 1–3 lines) starts at line ``i``."""
    if _SEPARATOR.match(lines[i]) or _is_header_block(lines, i):
        return True
    for span in (1, 2, 3):
        joined = " ".join(part.strip() for part in lines[i:i + span])
        if _wrote(joined) and (span == 1 or not _wrote(lines[i + span - 1].strip())):
            return True
    return False


def _wrote(text: str) -> bool:
    return bool(_WROTE.match(text) or _WROTE_ANY.match(text))


def _quote_start(lines: list[str]) -> int | None:
    return next((i for i in range(len(lines)) if _header_at(lines, i)), None)


def _below_quote(lines: list[str]) -> list[str]:
    """Unquoted lines written below or between ``>`` quotes, when ``lines`` starts at a "wrote:" header."""
    first = next((i for i, line in enumerate(lines) if _quoted(line)), None)
    if first is None or first > 4 or any(_SEPARATOR.match(line) or _HEADER_FIELD.match(line) for line in lines[:first]):
        return []  # not a ">" history (Outlook's unquoted history starts with a From:/Sent: block)
    own: list[str] = []
    for i in range(first, len(lines)):
        line = lines[i]
        if _quoted(line) or not line.strip():
            if own and own[-1].strip():
                own.append("")  # one blank line between answers (to different questions) and paragraphs
            continue
        if _header_at(lines, i):  # a further history (forwarded or an unquoted older thread)
            break
        own.append(line)
    return _cut_footer(own)


def _trim(lines: list[str]) -> list[str]:
    """Without blank lines at either end."""
    filled = [i for i, line in enumerate(lines) if line.strip()]
    return lines[filled[0]:filled[-1] + 1] if filled else []


def _cut_footer(lines: list[str]) -> list[str]:
    for i, line in enumerate(lines):
        if _SIGNATURE.match(line) or (_MOBILE_FOOTER.match(line) and _at_end(lines[i + 1:])):
            return lines[:i]
    return lines


def _at_end(lines: list[str]) -> bool:
    """At most two lines of text follow, not counting a ``>`` history (iPhone Mail quotes its "wrote:" line)."""
    return sum(1 for line in lines if line.strip() and not _quoted(line)) <= 2


def _forwarded(lines: list[str]) -> list[str] | None:
    """The forwarded mail's text (below its header block) when the citizen forwarded it without a word."""
    start = next((i for i, line in enumerate(lines) if line.strip()), None)
    if start is None or not _FORWARD.match(lines[start]):
        return None
    body = next((i for i in range(start + 1, len(lines)) if not lines[i].strip()), len(lines))
    return lines[body:]


def strip_reply(text: str) -> str:
    """The citizen's own words of a mail body (the whole text when nothing looks quoted)."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    lines = _forwarded(lines) or lines
    start = _quote_start(lines)
    below: list[str] = []
    if start is not None:
        lines, below = lines[:start], _below_quote(lines[start:])
    lines, below = _trim(_cut_footer(lines)), _trim(below)
    lines = [*lines, "", *below] if lines and below else lines or below
    while lines and (not lines[-1].strip() or _quoted(lines[-1])):
        lines.pop()
    # email-reply-parser takes any line starting "-word" for a signature: keep "-data penduduk" list items.
    own = re.sub(r"(?m)^-(?=\w)", "- ", "\n".join(lines).strip())
    cleaned = EmailReplyParser.parse_reply(own).strip() if own else ""
    return cleaned or own

"""Outgoing mail as a pure function of what to say and where it belongs in the thread."""
from __future__ import annotations

import dataclasses
import html
import re
from email.headerregistry import Address
from email.message import EmailMessage
from email.utils import format_datetime
import datetime as dt
from typing import Optional, Sequence

FROM_NAME = "PST BPS Kota Lubuklinggau"
_URL = re.compile(r"(https?://[^\s<>()]+)")


@dataclasses.dataclass(frozen=True)
class Thread:
    """Where a reply goes: the mail it answers and that mail's ancestors (oldest first)."""

    in_reply_to: Optional[str] = None
    references: tuple[str, ...] = ()


def with_ticket(subject: str, ticket: Optional[str]) -> str:
    """``subject`` carrying ``[ticket]`` once, so replies thread back to the consultation."""
    if ticket and ticket.upper() not in subject.upper():
        return f"{subject} [{ticket}]"
    return subject


def reply_subject(subject: str) -> str:
    return subject if re.match(r"^\s*(re|aw|balas)\s*:", subject, re.I) else f"Re: {subject}"


def html_body(text: str) -> str:
    """A simple HTML rendering: paragraphs, line breaks, links; everything escaped."""
    paragraphs = []
    for block in re.split(r"\n\s*\n", text.strip()):
        escaped = _URL.sub(r'<a href="\1">\1</a>', html.escape(block))
        escaped = re.sub(r"\*([^*\n]+)\*", r"<strong>\1</strong>", escaped)  # WhatsApp-style bold in shared texts
        paragraphs.append("<p>" + escaped.replace("\n", "<br>\n") + "</p>")
    return ('<!DOCTYPE html><html><body style="font-family:Arial,sans-serif;font-size:14px">\n'
            + "\n".join(paragraphs) + "\n</body></html>\n")


def compose(*, sender: str, to: str, subject: str, text: str, message_id: str, thread: Thread, automatic: Optional[str],
            date: dt.datetime, calendar: Optional[tuple[str, str]] = None,
            files: Sequence[tuple[str, str, bytes]] = ()) -> EmailMessage:
    """The mail; ``automatic`` is the RFC 3834 Auto-Submitted value (None for a person's reply).

    ``calendar`` is (file name, iCalendar text) for a follow-up invitation, attached as ``text/calendar``;
    ``files`` are (file name, content type, bytes) an officer attached, each a MIME part of its own.
    """
    mail = EmailMessage()
    mail["From"] = Address(FROM_NAME, addr_spec=sender)
    mail["To"] = to
    mail["Subject"] = subject
    mail["Date"] = format_datetime(date)
    mail["Message-ID"] = message_id
    if thread.in_reply_to:
        mail["In-Reply-To"] = thread.in_reply_to
        mail["References"] = " ".join(dict.fromkeys((*thread.references, thread.in_reply_to)))
    mail["X-Loop"] = sender
    if automatic:
        mail["Auto-Submitted"] = automatic
        mail["X-Auto-Response-Suppress"] = "All"  # asks Exchange not to answer our robot with its robot
    mail.set_content(text)
    mail.add_alternative(html_body(text), subtype="html")
    if calendar:
        filename, ics = calendar
        mail.add_attachment(ics.encode(), maintype="text", subtype="calendar", filename=filename,
                            params={"method": "REQUEST"})
    for filename, content_type, data in files:
        maintype, _, subtype = content_type.partition("/")
        mail.add_attachment(data, maintype=maintype, subtype=subtype, filename=filename)
    return mail

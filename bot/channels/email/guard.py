"""The loop and abuse guard: which mails must never get an automatic answer, and which are bounces.

Answering a robot makes two robots talk forever, so every sign of an automatic sender counts
(RFC 3834 Auto-Submitted, Precedence, List-Id/List-Unsubscribe, vendor auto-reply headers, X-Loop naming us, a null return
path, MAILER-DAEMON, our own address). Such mail is still stored; it is just not answered.
"""
from __future__ import annotations

import dataclasses
import re
from email.message import Message
from typing import Optional

from bot.channels.email.parsing import ParsedMail, header, message_ids

_ROBOT_SENDERS = re.compile(r"^(mailer-daemon|postmaster|no-?reply|do-?not-?reply)@", re.I)
_BOUNCE_SUBJECT = re.compile(r"(undeliver|delivery status notification|returned mail|delivery failure|"
                             r"mail delivery failed|failure notice|tidak terkirim|gagal terkirim)", re.I)


@dataclasses.dataclass(frozen=True)
class Bounce:
    """A delivery failure report: which of our Message-IDs it is about and why."""

    message_ids: list[str]
    reason: str


def robot_reason(mail: ParsedMail, our_address: str) -> Optional[str]:
    """Why this mail must not be answered automatically, or None for a person's mail."""
    h = mail.headers
    auto = header(h, "Auto-Submitted").lower()
    if auto and not auto.startswith("no"):
        return f"auto-submitted: {auto[:40]}"
    if header(h, "Precedence").lower() in ("bulk", "junk", "list"):
        return "precedence: " + header(h, "Precedence").lower()
    if "List-Id" in h or "List-Unsubscribe" in h:  # a list or newsletter (RFC 2369/2919); people write directly
        return "mailing list"
    # Not X-Auto-Response-Suppress: Exchange puts it on people's mail too (lists, Outlook); it asks, it does not tell.
    for name in ("X-Autoreply", "X-Autorespond", "X-MS-Exchange-Inbox-Rules-Loop"):
        if name in h:
            return name.lower()
    if our_address.lower() in header(h, "X-Loop").lower():
        return "x-loop"
    if "Return-Path" in h and header(h, "Return-Path").strip("<> ") == "":
        return "null return path"
    if mail.sender and _ROBOT_SENDERS.match(mail.sender):
        return "robot sender"
    if mail.sender == our_address.lower():
        return "our own address"
    return None


def _report_part(msg: Message, content_types: tuple[str, ...]) -> Optional[Message]:
    for part in msg.walk():
        if part.get_content_type() in content_types:
            return part
    return None


def _status_blocks(msg: Message) -> list[Message]:
    """The per-message and per-recipient fields of a DSN's message/delivery-status part."""
    status = _report_part(msg, ("message/delivery-status",))
    return status.get_payload() if status is not None and status.is_multipart() else []


def _diagnostic(msg: Message) -> str:
    for block in _status_blocks(msg):
        for name in ("Diagnostic-Code", "Status"):
            if header(block, name):  # cleaned: a report's fields are as hostile as any header
                return f"{name.lower()}: {header(block, name)}"[:200]
    return "delivery failed"


def bounce(mail: ParsedMail, sent_domain: str) -> Optional[Bounce]:
    """A delivery report about mail we sent (ids found in the returned headers or anywhere in it)."""
    h = mail.headers
    is_report = h.get_content_type() == "multipart/report" and \
        (h.get_param("report-type") or "").lower() == "delivery-status"
    robot = mail.sender is None or bool(_ROBOT_SENDERS.match(mail.sender or ""))
    if not is_report and not (robot and _BOUNCE_SUBJECT.search(mail.subject)):
        return None
    actions = {header(block, "Action").lower() for block in _status_blocks(h)} - {""}
    if actions and "failed" not in actions:
        return None  # a delay warning ("still being retried") or a delivery receipt: the mail may yet arrive
    returned = _report_part(h, ("message/rfc822", "text/rfc822-headers", "message/rfc822-headers"))
    ids: list[str] = []
    if returned is not None:
        inner = returned.get_payload(0) if returned.is_multipart() else None
        text = header(inner, "Message-ID") if inner is not None else str(returned.get_payload())
        ids = message_ids(text) if inner is not None else \
            message_ids("".join(re.findall(r"(?im)^message-id:\s*(.*)$", text)))
    ours = [i for i in ids + message_ids(mail.text) + mail.in_reply_to + mail.references
            if i.lower().endswith("@" + sent_domain.lower() + ">")]
    return Bounce(list(dict.fromkeys(ours)), _diagnostic(h))

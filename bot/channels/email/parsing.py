"""Raw RFC 5322 bytes to what the bot needs: sender, subject, thread ids, the reply text, attachments.

The stdlib parser with ``policy.default`` (each header parsed once per mail) decodes encoded words and
RFC 2231 names; body charsets are decoded by hand because real mail lies: ``iso-8859-1`` and
``us-ascii`` labels often carry windows-1252 (curly quotes, €), unlabelled 8-bit text is usually
UTF-8, unknown labels exist.
``parse`` never raises: whatever it cannot make sense of goes into ``problem`` so the mail is stored
and flagged for an officer instead of dropped.
"""
from __future__ import annotations

import codecs
import dataclasses
import email
import email.header
import email.policy
import email.utils
import hashlib
import mimetypes
import re
from email.message import EmailMessage, Message
from typing import Iterator, Optional

from bot.channels.email.htmltext import html_to_text
from bot.channels.email.quotes import strip_reply

_MSGID = re.compile(r"<[^<>\s\x00-\x1f\x7f\ud800-\udfff]+>")
# Lone surrogates: what utf-7 ("+2AA-") and undecodable bytes turn into; no database can store them.
_SURROGATE = re.compile(r"[\ud800-\udfff]")
_ADDRESS = re.compile(r"^[^@\s<>]+@[^@\s<>]+$")
_ANGLE_ADDRESS = re.compile(r"<([^<>\s]+)>$")  # the address a mail client shows and replies to
# Codecs whose labels, in practice, carry their superset (the WHATWG encoding standard does the same).
_SUPERSETS = {"ascii": "cp1252", "iso8859-1": "cp1252", "gb2312": "gb18030", "gbk": "gb18030"}


class _ParseOnce(email.policy.EmailPolicy):
    """``policy.default`` that parses each header of one mail once.

    The modern policy re-parses a header on every ``msg.get`` and ``get_content_type`` (the parser, the
    body walk and the loop guard ask for Content-Type dozens of times per mail): that was half of the
    ingest time. Parsed headers are immutable ``str`` subclasses, so handing out the same one is safe.
    One instance per mail, so nothing is kept beyond the mail's life.
    """

    def __init__(self, **kw):
        super().__init__(**kw)
        object.__setattr__(self, "_parsed", {})  # policies are read-only objects

    def header_fetch_parse(self, name, value):
        if hasattr(value, "name"):
            return value
        parsed = self._parsed.get((name, value))
        if parsed is None:
            parsed = self._parsed[name, value] = super().header_fetch_parse(name, value)
        return parsed


@dataclasses.dataclass
class Part:
    """A file carried by the mail."""

    filename: str
    content_type: str
    payload: bytes


@dataclasses.dataclass
class ParsedMail:
    message_id: str
    sender: Optional[str]  # lower-case address, None when there is none usable
    display_name: Optional[str]
    subject: str
    in_reply_to: list[str]
    references: list[str]
    text: str  # the whole body as text
    reply: str  # the citizen's own words (quotes and signature removed)
    attachments: list[Part]
    headers: Message  # for the loop guard and bounce reading
    problem: Optional[str] = None


_MIME_TYPE = re.compile(r"[a-z0-9][a-z0-9!#$&^_.+-]*/[a-z0-9][a-z0-9!#$&^_.+-]*")


def _content_type(part: Message) -> str:
    """The part's type when it is a MIME type at all ("\x00/" is not: PostgreSQL cannot even store it)."""
    declared = part.get_content_type()
    return declared if _MIME_TYPE.fullmatch(declared) else "application/octet-stream"


def clean(value: object) -> str:
    """A header as printable text: undeclared 8-bit bytes decoded (UTF-8, else windows-1252)."""
    text = str(value or "")
    if any("\udc80" <= ch <= "\udcff" for ch in text):
        raw = text.encode("utf-8", "surrogateescape")
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError:
            text = raw.decode("cp1252", "replace")
    text = re.sub(r"[\x80-\x9f]", _c1_as_cp1252, text)  # "iso-8859-1" encoded words that are windows-1252
    text = re.sub(r"[\t\r\n]+", " ", text)  # an encoded line break must not reach our reply's headers
    return _SURROGATE.sub("\ufffd", re.sub(r"[\x00-\x08\x0b-\x1f\x7f]", "", text)).strip()


def _c1_as_cp1252(match: re.Match) -> str:
    return match.group().encode("latin-1").decode("cp1252", "ignore")


def header(msg: Message, name: str) -> str:
    try:
        return clean(msg.get(name, ""))
    except (TypeError, ValueError, IndexError, AttributeError):  # a header the modern parser chokes on
        return clean(_decoded(next((value for key, value in msg.raw_items() if key.lower() == name.lower()), "")))


def _decoded(value: str) -> str:
    """Encoded words decoded without the modern parser (which rejects, say, a line break in a From name)."""
    try:
        return str(email.header.make_header(email.header.decode_header(value)))
    except (LookupError, ValueError, UnicodeError):  # unknown charset, bad base64: the undecoded text
        return value


def message_ids(text: str) -> list[str]:
    return _MSGID.findall(text or "")


def decode_text(payload: bytes, charset: Optional[str]) -> str:
    label = (charset or "").strip().strip('"').lower()
    if not label:
        try:
            return payload.decode("utf-8")
        except UnicodeDecodeError:
            label = "cp1252"
    try:
        name = codecs.lookup(label).name
    except LookupError:
        name = "utf-8"
    return _SURROGATE.sub("\ufffd", payload.decode(_SUPERSETS.get(name, name), "replace"))


def _part_text(part: Message) -> str:
    payload = part.get_payload(decode=True) or b""
    text = decode_text(payload, part.get_param("charset")).replace("\x00", "")
    return html_to_text(text) if part.get_content_type() == "text/html" else text.replace("\r\n", "\n")


def _leaves(part: Message) -> Iterator[Message]:
    """Leaf parts in order; an attached mail or header block is one leaf (its insides are not the body)."""
    if part.is_multipart() and part.get_content_type() not in ("message/rfc822", "text/rfc822-headers"):
        for sub in part.get_payload():
            yield from _leaves(sub)
    else:
        yield part


def _filename(part: Message, index: int) -> str:
    name = clean(part.get_filename() or "")
    name = re.sub(r"[^\w.\- ()]+", "_", name.replace("\\", "/").rsplit("/", 1)[-1]).strip(" .")
    if not name:
        ext = ".eml" if part.get_content_type() == "message/rfc822" else \
            mimetypes.guess_extension(part.get_content_type()) or ".bin"
        name = f"attachment-{index}{ext}"
    return name[-120:]


def _payload(part: Message) -> bytes:
    if part.get_content_type() == "message/rfc822" and part.is_multipart():
        return part.get_payload(0).as_bytes()
    return part.get_payload(decode=True) or b""


def _body_and_files(msg: Message) -> tuple[str, list[Part]]:
    body = msg.get_body(preferencelist=("plain", "html")) if isinstance(msg, EmailMessage) else None
    alternatives = {id(body)}
    if body is not None:
        for sibling in _leaves(msg):  # the other renderings of the same body are not attachments
            if sibling.get_content_maintype() == "text" and not sibling.get_filename() \
                    and sibling.get_content_disposition() != "attachment":
                alternatives.add(id(sibling))
    files = []
    for part in _leaves(msg):
        if id(part) in alternatives or part.is_multipart() and part.get_content_type() != "message/rfc822":
            continue
        files.append(Part(_filename(part, len(files) + 1), _content_type(part), _payload(part)))
    return "\n\n".join(_part_text(part).strip("\n") for part in _with_continuations(msg, body)), files


def _with_continuations(msg: Message, body: Optional[Message]) -> list[Message]:
    """The body and, when it sits in a multipart/mixed, the inline parts of its type there: Apple Mail splits
    a plain text around each inline picture, and the words after the picture are the citizen's too."""
    if body is None:
        return []
    for container in msg.walk():
        parts = container.get_payload() if container.get_content_type() == "multipart/mixed" else []
        if any(part is body for part in parts):
            return [part for part in parts if part is body or part.get_content_type() == body.get_content_type()
                    and not part.get_filename() and part.get_content_disposition() != "attachment"]
    return [body]


def _fallback_id(raw: bytes) -> str:
    """A stable id for mail without a usable Message-ID, so a re-fetch is still recognised."""
    return f"<{hashlib.sha256(raw).hexdigest()[:40]}@no-message-id.invalid>"


def _sender(msg: Message) -> tuple[Optional[str], Optional[str]]:
    text = header(msg, "From")
    name, address = email.utils.parseaddr(text)
    angle = _ANGLE_ADDRESS.search(text)
    if angle and text.count("<") == 1 and angle.group(1).lower() != address.lower():  # a ":" in a name fooled it
        name, address = text[:angle.start()].strip(' "'), angle.group(1)
    address = address.strip().lower()
    return (address if _ADDRESS.match(address) else None), (name.strip()[:120] or None)


def unreadable(raw: bytes, problem: str) -> ParsedMail:
    """What is left of a mail the parser could not even open: its bytes and the reason."""
    return ParsedMail(message_id=_fallback_id(raw), sender=None, display_name=None, subject="", in_reply_to=[],
                      references=[], text="", reply="", attachments=[], headers=EmailMessage(), problem=problem)


def parse(raw: bytes) -> ParsedMail:
    """Parse ``raw``; a mail that cannot be read still yields a ParsedMail carrying ``problem``."""
    try:
        return _parse(raw)
    except Exception as exc:  # noqa: BLE001 - stored and flagged for an officer, never a crash
        return unreadable(raw, f"unparseable mail ({exc.__class__.__name__})")


def _parse(raw: bytes) -> ParsedMail:
    msg = email.message_from_bytes(raw, policy=_ParseOnce())
    ids = message_ids(header(msg, "Message-ID"))
    message_id = ids[0] if ids and len(ids[0]) <= 255 else _fallback_id(raw)
    sender, name = _sender(msg)
    mail = ParsedMail(message_id=message_id, sender=sender, display_name=name, subject=header(msg, "Subject")[:255],
                      in_reply_to=message_ids(header(msg, "In-Reply-To")),
                      references=message_ids(header(msg, "References")), text="", reply="", attachments=[],
                      headers=msg)
    try:
        mail.text, mail.attachments = _body_and_files(msg)
        mail.reply = strip_reply(mail.text)
    except Exception as exc:  # noqa: BLE001 - any parser failure must end in a flagged mail, not a crash
        mail.problem = f"unreadable body ({exc.__class__.__name__})"
    if sender is None:
        mail.problem = "no usable sender address"
    return mail

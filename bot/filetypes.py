"""What a file is, judged by its bytes: which files officers may send, and which a browser may show inline.

An uploaded file's type comes from its extension *and* must match its first bytes (a program renamed
``tabel.pdf`` is refused); the browser's Content-Type is never believed. Limits per channel: Twilio
takes WhatsApp media up to 16 MB, images up to 5 MB, and documents only as PDF, DOC(X), PPTX, XLSX
(twilio.com/docs/whatsapp/guidance-whatsapp-media-messages), so a CSV goes by e-mail only. Mail has
``MAIL_REPLY_FILE_MAX_BYTES`` (10 MiB by default: many servers refuse 10–25 MB once base64 adds a third).
"""
from __future__ import annotations

import dataclasses
import io
import zipfile
from typing import Callable, Optional

WHATSAPP_MAX = 16 * 10**6  # Twilio: the whole WhatsApp message
WHATSAPP_IMAGE_MAX = 5 * 10**6  # Twilio: an image on WhatsApp


class Refused(ValueError):
    """The officer's file cannot be sent; ``reason`` is a key of the console's messages."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


def _zip_with(member: str) -> Callable[[bytes], bool]:
    def check(data: bytes) -> bool:
        """An Office Open XML package: a zip holding the content-types part and the document's main part."""
        if not data.startswith(b"PK\x03\x04"):
            return False
        try:
            names = set(zipfile.ZipFile(io.BytesIO(data)).namelist())  # reads the directory only, inflates nothing
        except (zipfile.BadZipFile, ValueError, OSError):
            return False
        return "[Content_Types].xml" in names and member in names
    return check


def _text(data: bytes) -> bool:
    """Plain text in any 8-bit encoding a spreadsheet writes: no NUL, no control bytes but tab and line ends."""
    return not any(b < 0x20 and b not in (0x09, 0x0A, 0x0D) for b in data[:65536])


def _webp(data: bytes) -> bool:
    return data[:4] == b"RIFF" and data[8:12] == b"WEBP"


@dataclasses.dataclass(frozen=True)
class Kind:
    content_type: str
    matches: Callable[[bytes], bool]
    image: bool = False
    whatsapp: bool = True  # Twilio sends it on WhatsApp


PDF = Kind("application/pdf", lambda d: d.startswith(b"%PDF-"))
XLSX = Kind("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", _zip_with("xl/workbook.xml"))
DOCX = Kind("application/vnd.openxmlformats-officedocument.wordprocessingml.document", _zip_with("word/document.xml"))
CSV = Kind("text/csv", _text, whatsapp=False)
JPEG = Kind("image/jpeg", lambda d: d.startswith(b"\xff\xd8\xff"), image=True)
PNG = Kind("image/png", lambda d: d.startswith(b"\x89PNG\r\n\x1a\n"), image=True)
SENDABLE = {"pdf": PDF, "xlsx": XLSX, "docx": DOCX, "csv": CSV, "jpg": JPEG, "jpeg": JPEG, "png": PNG}
ACCEPT = ",".join(f".{extension}" for extension in SENDABLE)  # the file picker's filter

# Shown inline in the console only when the bytes are what the type says: raster formats a browser
# decodes as pictures and nothing else (an SVG can carry script, so it is always a download).
INLINE = {"image/jpeg": JPEG.matches, "image/png": PNG.matches, "image/webp": _webp,
          "image/gif": lambda d: d[:6] in (b"GIF87a", b"GIF89a")}
# Content types a download may keep; any other (text/html, image/svg+xml, a malformed one) goes as octet-stream.
DOWNLOAD_TYPES = {kind.content_type for kind in SENDABLE.values()} | set(INLINE) | {
    "text/plain", "application/msword", "application/vnd.ms-excel", "application/zip", "audio/ogg", "audio/mpeg",
    "audio/amr", "audio/aac", "video/mp4", "video/3gpp", "text/vcard",
    "application/vnd.openxmlformats-officedocument.presentationml.presentation"}


def extension(filename: str) -> str:
    return filename.rpartition(".")[2].lower() if "." in filename else ""


def check(filename: str, data: bytes, channel: str, mail_max: int) -> Kind:
    """The kind of an officer's file for ``channel``, or Refused saying why it cannot go."""
    kind = SENDABLE.get(extension(filename))
    if kind is None:
        raise Refused("type")
    if not data:
        raise Refused("empty")
    if not kind.matches(data):
        raise Refused("content")
    if channel == "whatsapp":
        if not kind.whatsapp:
            raise Refused("not_on_whatsapp")
        if len(data) > (WHATSAPP_IMAGE_MAX if kind.image else WHATSAPP_MAX):
            raise Refused("too_large")
    elif len(data) > mail_max:
        raise Refused("too_large")
    return kind


def base_type(content_type: Optional[str]) -> str:
    return (content_type or "").split(";")[0].strip().lower()


def inline_image(content_type: Optional[str], head: bytes) -> bool:
    """May the console show this file as a picture? Only a raster type whose first bytes agree."""
    matches = INLINE.get(base_type(content_type))
    return bool(matches and matches(head))


def download_type(content_type: Optional[str]) -> str:
    kind = base_type(content_type)
    return kind if kind in DOWNLOAD_TYPES else "application/octet-stream"

"""Sample files for the file tests (a real PNG, an xlsx, a PDF) and a citizen's attachment stored on a ticket."""
from __future__ import annotations

import io
import struct
import zipfile
import zlib
from pathlib import Path

from sqlalchemy import select

from bot import clock
from bot.models import Attachment, Consultation, Message

PDF = b"%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"


def png(width: int = 4, height: int = 3) -> bytes:
    """A red picture Chromium decodes (so a thumbnail has a real size)."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
    rows = b"".join(b"\x00" + b"\xff\x00\x00" * width for _ in range(height))
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b"")


def xlsx(marker: str = "Penduduk miskin 2023") -> bytes:
    """The parts that make an Office Open XML workbook (enough for the type check; ``marker`` makes it unique)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as package:
        package.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types/>')
        package.writestr("xl/workbook.xml", f'<?xml version="1.0"?><workbook><!-- {marker} --></workbook>')
    return buffer.getvalue()


def citizen_file(app, ticket: str, filename: str, content_type: str, data: bytes | None,
                 path: str | None = None, status: str = "stored") -> int:
    """An attachment on a new inbound message of ``ticket``, its bytes written under VAR_DIR; its id."""
    var = app.config["SETTINGS"].var_path
    with app.app_context(), app.extensions["db"].session() as session:
        consultation = session.scalar(select(Consultation).where(Consultation.ticket == ticket))
        message = Message(direction="in", channel=consultation.channel, address="+6281234567890", author="citizen",
                          body="", status="processed", meta={}, conversation_id=consultation.conversation_id,
                          consultation_id=consultation.id, created_at=clock.now())
        session.add(message)
        session.flush()
        relative = path or f"media/{message.id}/{len(filename)}-{abs(hash(filename))}"
        if data is not None and path is None:
            (var / relative).parent.mkdir(parents=True, exist_ok=True)
            Path(var / relative).write_bytes(data)
        attachment = Attachment(filename=filename, content_type=content_type, size=len(data or b""),
                                path=relative, status=status)
        message.attachments.append(attachment)
        session.commit()
        return attachment.id

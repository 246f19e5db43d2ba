"""Mail attachments as files under ``VAR_DIR/attachments/`` and ``Attachment`` rows for the officer.

Files are named by the hash of their content, so storing the same mail again after a crash writes
the same path (no orphans to clean, no duplicates). Files over the size cap are not written: the row
says ``too_large`` and the bytes stay available in the raw mail.
"""
from __future__ import annotations

import hashlib
import os
from pathlib import Path

from bot.channels.email.parsing import Part
from bot.models import Attachment, Message


def _write(var_dir: Path, part: Part) -> str:
    digest = hashlib.sha256(part.payload).hexdigest()
    relative = Path("attachments") / digest[:2] / digest / part.filename
    target = var_dir / relative
    if not target.exists():
        target.parent.mkdir(parents=True, exist_ok=True)
        temporary = target.with_name(target.name + ".part")
        temporary.write_bytes(part.payload)
        os.replace(temporary, target)  # readers never see a half-written file
    return relative.as_posix()


def attach(message: Message, parts: list[Part], var_dir: Path, max_bytes: int) -> None:
    """Add one Attachment row per part to ``message`` (files written before the caller commits)."""
    for part in parts:
        size = len(part.payload)
        row = Attachment(filename=part.filename, content_type=part.content_type[:127], size=size,
                         status="too_large")
        if size <= max_bytes:
            row.path, row.status = _write(var_dir, part), "stored"
        message.attachments.append(row)

"""Mail attachments as files under ``VAR_DIR/attachments/`` and ``Attachment`` rows for the officer.

Files are named by the hash of their content (:mod:`bot.filestore`), so storing the same mail again
after a crash writes the same path (no orphans to clean, no duplicates). Files over the size cap are
not written: the row says ``too_large`` and the bytes stay available in the raw mail.

A file that cannot be written (disk full, a name the file system refuses) must not cost the citizen
the answer: the files this mail wrote are removed again, its rows say ``failed`` (the raw mail still
has every byte) and the mail is stored and answered as usual.
"""
from __future__ import annotations

import logging
from pathlib import Path

from bot import filestore
from bot.channels.email.parsing import Part
from bot.filestore import remove
from bot.models import Attachment, Message

log = logging.getLogger(__name__)
__all__ = ["attach", "remove"]  # ingest removes a failed batch's files through this module


def attach(message: Message, parts: list[Part], var_dir: Path, max_bytes: int) -> list[str]:
    """Add one Attachment row per part to ``message`` (files written before the caller commits).

    Returns the files this call created, so a caller whose transaction fails can remove them."""
    written: list[str] = []
    failed = False
    try:
        for part in parts:
            size = len(part.payload)
            row = Attachment(filename=part.filename, content_type=part.content_type[:127], size=size,
                             status="too_large" if size > max_bytes else "failed")
            message.attachments.append(row)
            if size > max_bytes or failed:
                continue
            try:
                row.path, created = filestore.write(var_dir, "attachments", part.filename, part.payload)
            except OSError as exc:
                log.warning("an attachment of a mail could not be saved (%s); the mail's files are removed",
                            exc.__class__.__name__)
                failed = True
                continue
            row.status = "stored"
            if created:
                written.append(row.path)
    except BaseException:
        remove(var_dir, written)
        raise
    if failed:
        remove(var_dir, written)
        for row in message.attachments:
            if row.path in written:
                row.path, row.status = None, "failed"
        return []
    return written

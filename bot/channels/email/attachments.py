"""Mail attachments as files under ``VAR_DIR/attachments/`` and ``Attachment`` rows for the officer.

Files are named by the hash of their content, so storing the same mail again after a crash writes
the same path (no orphans to clean, no duplicates). Files over the size cap are not written: the row
says ``too_large`` and the bytes stay available in the raw mail.

A file that cannot be written (disk full, a name the file system refuses) must not cost the citizen
the answer: the files this mail wrote are removed again, its rows say ``failed`` (the raw mail still
has every byte) and the mail is stored and answered as usual. Each file is written under a temporary
name and renamed, so no reader and no crash ever leaves half a file under the real name.
"""
from __future__ import annotations

import hashlib
import logging
import os
import tempfile
from pathlib import Path

from bot.channels.email.parsing import Part
from bot.models import Attachment, Message

log = logging.getLogger(__name__)
NAME_MAX = 255  # bytes in one file name on ext4, XFS, Btrfs and tmpfs
MAX_EXTENSION = 16  # bytes; a longer "extension" is just part of the name


def fit(name: str, limit: int = NAME_MAX) -> str:
    """``name`` cut to ``limit`` UTF-8 bytes on a character boundary, keeping a short extension."""
    if len(name.encode()) <= limit:
        return name
    stem, dot, extension = name.rpartition(".")
    extension = dot + extension if stem and len((dot + extension).encode()) <= MAX_EXTENSION else ""
    stem = name[:len(name) - len(extension)]
    return stem.encode()[:limit - len(extension.encode())].decode("utf-8", "ignore") + extension


def _write(var_dir: Path, part: Part) -> tuple[str, bool]:
    """The file's path relative to ``var_dir``, and whether this call created it (it may exist already)."""
    digest = hashlib.sha256(part.payload).hexdigest()
    relative = Path("attachments") / digest[:2] / digest / fit(part.filename)
    target = var_dir / relative
    if target.is_file():
        return relative.as_posix(), False
    target.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=target.parent, prefix=".", suffix=".part")  # short, unique name
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(part.payload)
        os.replace(temporary, target)  # readers never see a half-written file
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return relative.as_posix(), True


def remove(var_dir: Path, written: list[str]) -> None:
    """Delete files this process created for rows that will not be stored (their directories stay)."""
    for relative in written:
        (var_dir / relative).unlink(missing_ok=True)


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
                row.path, created = _write(var_dir, part)
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

"""Files kept under ``VAR_DIR``: written once by content hash, read back only from inside ``VAR_DIR``.

Citizens' mail attachments and officers' reply files live here (WhatsApp media keep their own
per-attachment path). Files stay on disk rather than in the database so rows stay small and
backups of the database stay quick; the row keeps the relative path, and erasure deletes the file.
A file is written under a temporary name and renamed, so no reader and no crash ever sees half a
file under the real name; naming by content hash makes writing the same bytes twice harmless.
"""
from __future__ import annotations

import hashlib
import os
import tempfile
from pathlib import Path
from typing import Optional

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


def safe_name(name: str) -> str:
    """A file name with no directory part, no control characters and no leading dot (never empty)."""
    base = name.replace("\\", "/").rsplit("/", 1)[-1]
    base = "".join(ch for ch in base if ch.isprintable()).strip().lstrip(".")
    return fit(base) or "file"


def write(var_dir: Path, folder: str, filename: str, payload: bytes) -> tuple[str, bool]:
    """Store ``payload``; the path relative to ``var_dir``, and whether this call created the file."""
    digest = hashlib.sha256(payload).hexdigest()
    relative = Path(folder) / digest[:2] / digest / fit(filename)
    target = var_dir / relative
    if target.is_file():
        return relative.as_posix(), False
    target.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=target.parent, prefix=".", suffix=".part")  # short, unique name
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(payload)
        os.replace(temporary, target)  # readers never see a half-written file
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return relative.as_posix(), True


def remove(var_dir: Path, written: list[str]) -> None:
    """Delete files this process created for rows that will not be stored (their directories stay)."""
    for relative in written:
        (var_dir / relative).unlink(missing_ok=True)


def locate(var_dir: Path, relative: Optional[str]) -> Optional[Path]:
    """The file a row points at, only if it is a regular file inside ``var_dir`` (no ``..``, no symlink out)."""
    if not relative:
        return None
    root = Path(var_dir).resolve()
    try:
        target = (root / relative).resolve(strict=True)
    except (OSError, RuntimeError, ValueError):
        return None
    if not target.is_relative_to(root) or not target.is_file():
        return None
    return target

"""Inbound media: downloaded by a job with the account's credentials, size-capped, kept under VAR_DIR.

Twilio's media URLs need HTTP Basic auth (account SID and auth token); the credentials are only
ever sent to ``TWILIO_API_BASE`` (a signed webhook still should not make us post our token to an
arbitrary host). Twilio redirects to a storage host; ``requests`` drops the auth header there.
"""
from __future__ import annotations

import logging
import mimetypes
from pathlib import Path
from typing import Iterable, Optional

import requests
from flask import Flask
from rq import Retry, get_current_job

from bot.models import Attachment
from workers.context import job_session
from workers.queue import enqueue

log = logging.getLogger(__name__)
CHUNK = 64 * 1024
RETRY = Retry(max=3, interval=[10, 60, 300])


class TooLarge(Exception):
    def __init__(self, size: int):
        super().__init__(f"{size} bytes")
        self.size = size


def enqueue_downloads(attachments: Iterable[Attachment], app: Optional[Flask] = None) -> None:
    for attachment in attachments:
        enqueue("default", download, attachment.id, job_id=f"media:{attachment.id}", retry=RETRY, app=app)


def relative_path(attachment: Attachment) -> str:
    ext = mimetypes.guess_extension(attachment.content_type.split(";")[0].strip()) or ".bin"
    return f"media/{attachment.message_id}/{attachment.id}{ext}"


def _save(response: requests.Response, target: Path, cap: int) -> int:
    """Stream the body to ``target``; raises TooLarge (leaving no file) once it passes ``cap``."""
    length = (response.headers.get("Content-Length") or "").strip()
    declared = int(length) if length.isascii() and length.isdigit() else 0  # "²" passes isdigit(), not int()
    if declared > cap:
        raise TooLarge(declared)
    target.parent.mkdir(parents=True, exist_ok=True)
    partial, size = target.with_suffix(target.suffix + ".part"), 0
    try:
        with partial.open("wb") as out:
            for chunk in response.iter_content(CHUNK):
                size += len(chunk)
                if size > cap:
                    raise TooLarge(size)
                out.write(chunk)
        partial.replace(target)
    finally:
        partial.unlink(missing_ok=True)
    return size


def download(attachment_id: int) -> str:
    """Fetch one attachment; network and 5xx errors raise so RQ retries, and are final after the last retry."""
    with job_session() as (app, session):
        attachment = session.get(Attachment, attachment_id)
        if attachment is None or attachment.status != "pending":
            return attachment.status if attachment else "missing"
        settings = app.config["SETTINGS"]
        if not (attachment.source_url or "").startswith(settings.twilio_api_base + "/"):
            attachment.status = "failed"
        else:
            try:
                attachment.status = _fetch(attachment, settings)
            except requests.RequestException:
                if _retried_later():
                    raise
                attachment.status = "failed"  # else it would say pending for ever
        session.commit()
        log.info("attachment %s of message %s: %s", attachment.id, attachment.message_id, attachment.status)
        return attachment.status


def _retried_later() -> bool:
    """Will RQ run this job again? Not after its last retry, nor outside a worker."""
    job = get_current_job()
    return job is not None and bool(job.retries_left)


def _fetch(attachment: Attachment, settings) -> str:
    auth = (settings.twilio_account_sid, settings.twilio_auth_token)
    with requests.get(attachment.source_url, auth=auth, stream=True, timeout=(5, 60)) as response:
        if response.status_code == 429 or response.status_code >= 500:
            response.raise_for_status()  # RQ retries the job
        if response.status_code >= 400:
            return "failed"
        relative = relative_path(attachment)
        try:
            attachment.size = _save(response, settings.var_path / relative, settings.whatsapp_media_max_bytes)
        except TooLarge as exc:
            attachment.size = exc.size
            return "too_large"
        attachment.path = relative
        return "stored"

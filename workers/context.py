"""Jobs run inside an application context: the worker's own, or one built once per process."""
from __future__ import annotations

import contextlib
from typing import Iterator

from flask import Flask, current_app, has_app_context
from sqlalchemy.orm import Session

_app: Flask | None = None


def app() -> Flask:
    global _app
    if has_app_context():
        return current_app._get_current_object()
    if _app is None:
        from bot import create_app

        _app = create_app()
    return _app


@contextlib.contextmanager
def job_session() -> Iterator[tuple[Flask, Session]]:
    """One app context and one fresh session per job, whatever ran before in this process."""
    application = app()
    with application.app_context():
        with application.extensions["db"].session() as session:
            yield application, session

"""Process-wide collaborators the engine needs: the working calendar and the knowledge index."""
from __future__ import annotations

from flask import Flask, current_app
from sqlalchemy.orm import Session

from bot.engine import Engine
from bot.workcalendar import WorkCalendar, parse_office_hours
from knowledge.store import KnowledgeBase


def init_app(app: Flask) -> None:
    settings = app.config["SETTINGS"]
    app.extensions["calendar"] = WorkCalendar(parse_office_hours(settings.office_hours), settings.extra_closed(),
                                              tz=settings.office_timezone)
    app.extensions["knowledge"] = KnowledgeBase()


def engine(session: Session, app: Flask | None = None) -> Engine:
    app = app or current_app
    return Engine(session, settings=app.config["SETTINGS"], calendar=app.extensions["calendar"],
                  knowledge=app.extensions["knowledge"])


def calendar(app: Flask | None = None) -> WorkCalendar:
    return (app or current_app).extensions["calendar"]

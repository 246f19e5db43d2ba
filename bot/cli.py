"""``flask --app wsgi db …`` and ``officer …`` commands."""
from __future__ import annotations

import functools

import click
from flask import Flask, current_app
from flask.cli import AppGroup
from redis.exceptions import RedisError
from sqlalchemy import select
from sqlalchemy.exc import OperationalError, ProgrammingError
from werkzeug.security import generate_password_hash

from bot import clock, intent, passwords, personal_data, pipeline
from bot.console import sessions
from bot.db import get_db
from bot.models import Officer, Role

db_cli = AppGroup("db", help="Database migrations.")
officer_cli = AppGroup("officer", help="Officer accounts and replies.")


@db_cli.command("upgrade")
@click.option("--revision", default="heads", show_default=True)
def db_upgrade(revision: str) -> None:
    """Apply migrations up to REVISION."""
    from alembic.util import CommandError

    from bot.migrations import upgrade

    try:
        upgrade(current_app.config["SETTINGS"].database_url, revision)
    except CommandError as exc:  # a revision that does not exist
        raise click.ClickException(str(exc)) from None
    click.echo("database is up to date")


def _fits(column, lower: bool = False):
    """A click callback for a value stored in ``column``: stripped (and lowercased), refused when too long for
    the column (the database would refuse it with a traceback) or empty (None when the column may be NULL)."""
    limit = column.type.length

    def check(_ctx, _param, value: str | None) -> str | None:
        if value is None:
            return None
        value = value.strip().lower() if lower else value.strip()
        if not value:
            if column.nullable:
                return None
            raise click.BadParameter("must not be empty")
        if len(value) > limit:
            raise click.BadParameter(f"at most {limit} characters (got {len(value)})")
        return value
    return check


def _email(ctx, param, value: str | None) -> str | None:
    """An officer's address, as staff mail (SLA reminders) is sent there."""
    value = _fits(Officer.email)(ctx, param, value)
    if value is not None and intent.clean_email(value) != value.lower():
        raise click.BadParameter("not an e-mail address")
    return value


@officer_cli.command("create")
@click.argument("username", callback=_fits(Officer.username, lower=True))  # lowercased as the login form reads it
@click.option("--name", required=True, callback=_fits(Officer.name))
@click.option("--email", default=None, callback=_email)
@click.option("--role", type=click.Choice([r.value for r in Role]), default=None,
              help="Default: officer for a new account, unchanged for an existing one.")
@click.password_option(envvar="OFFICER_PASSWORD")
def officer_create(username: str, name: str, email: str | None, role: str | None, password: str) -> None:
    """Create an officer account (or reset its password; role and e-mail change only when given).

    A reset ends every console login of that officer; a weak password is refused (:mod:`bot.passwords`)."""
    weakness = passwords.problem(password, username, name)
    if weakness:
        raise click.BadParameter(weakness.value, param_hint="'--password'")
    with get_db().session() as session:
        officer = session.scalar(select(Officer).where(Officer.username == username))
        if officer is None:
            officer = Officer(username=username, role=Role.OFFICER.value, created_at=clock.now())
            session.add(officer)
        else:
            sessions.end_all(session, officer.id)
        officer.name, officer.email, officer.role = name, email or officer.email, role or officer.role
        officer.password_hash = generate_password_hash(password)
        session.commit()
        click.echo(f"officer {username} ({officer.role}) saved")


def _officer(session, username: str | None) -> Officer | None:
    if username is None:
        return None
    officer = session.scalar(select(Officer).where(Officer.username == username.strip().lower()))
    if officer is None:
        raise click.ClickException(f"no officer called {username}")
    return officer


def _audit(session, action: str, consultation, officer: Officer | None) -> None:
    """The terminal reads and acts on a citizen's conversation too: the access log says who."""
    personal_data.audit(session, action, actor=f"cli:{officer.username if officer else 'office'}",
                        officer_id=officer.id if officer else None, citizen_id=consultation.citizen_id,
                        conversation_id=consultation.conversation_id, consultation_id=consultation.id)


def _finish(session, rows) -> None:
    from workers.jobs import enqueue_delivery

    session.commit()
    enqueue_delivery(rows)


@officer_cli.command("reply")
@click.argument("ticket")
@click.argument("text")
@click.option("--as", "username", default=None, help="Officer username (default: the office).")
@click.option("--close", is_flag=True, help="Close the ticket after replying.")
def officer_reply(ticket: str, text: str, username: str | None, close: bool) -> None:
    """Reply to the citizen of TICKET on their channel."""
    if not text.strip():
        raise click.ClickException("the reply is empty")
    with get_db().session() as session:
        try:
            consultation = pipeline.open_ticket(session, ticket)
        except pipeline.NotFound as exc:
            raise click.ClickException(str(exc)) from None
        officer = _officer(session, username)
        rows = pipeline.officer_reply(session, consultation, text, officer)
        _audit(session, "reply", consultation, officer)
        if close:
            rows += pipeline.close(session, consultation, officer)
            _audit(session, "close", consultation, officer)
        _finish(session, rows)
        click.echo(f"reply queued for {consultation.ticket}" + (" (closed)" if close else ""))


@officer_cli.command("close")
@click.argument("ticket")
@click.option("--as", "username", default=None)
@click.option("--outcome", default=None, help="What was delivered (kept on the ticket).")
def officer_close(ticket: str, username: str | None, outcome: str | None) -> None:
    """Close TICKET; the citizen is asked for a rating."""
    with get_db().session() as session:
        try:
            consultation = pipeline.open_ticket(session, ticket)
        except pipeline.NotFound as exc:
            raise click.ClickException(str(exc)) from None
        officer = _officer(session, username)
        rows = pipeline.close(session, consultation, officer, outcome)
        _audit(session, "close", consultation, officer)
        _finish(session, rows)
        click.echo(f"{consultation.ticket} closed")


def _missing_table(exc: ProgrammingError | OperationalError) -> bool:
    return "no such table" in str(exc.orig) or getattr(exc.orig, "sqlstate", None) == "42P01"


def _outage(exc: Exception) -> str:
    """One line for the terminal: which service is unavailable, or which command creates the tables."""
    if isinstance(exc, RedisError):
        return f"Redis is unavailable (REDIS_URL): {exc}"
    detail = (str(exc.orig or exc).strip().splitlines() or [exc.__class__.__name__])[0]
    if _missing_table(exc):
        return f"the database has no tables yet ({detail}); run `flask --app wsgi db upgrade`"
    return f"the database is unavailable (DATABASE_URL): {detail}"


def _one_line_outages(callback):
    @functools.wraps(callback)
    def run(*args, **kwargs):
        try:
            return callback(*args, **kwargs)
        except (OperationalError, RedisError) as exc:
            raise click.ClickException(_outage(exc)) from None
        except ProgrammingError as exc:
            if not _missing_table(exc):
                raise  # a bug: its traceback is wanted
            raise click.ClickException(_outage(exc)) from None
    run.one_line_outages = True
    return run


def guard(command: click.Command) -> None:
    """Outages met by ``command`` and its subcommands end in one line instead of a traceback.

    Called once all commands are registered (``kb`` comes from ``knowledge``); wrapping twice is a no-op,
    as the command objects outlive each app a test builds."""
    if isinstance(command, click.Group):
        for sub in command.commands.values():
            guard(sub)
    elif command.callback is not None and not getattr(command.callback, "one_line_outages", False):
        command.callback = _one_line_outages(command.callback)


def init_app(app: Flask) -> None:
    app.cli.add_command(db_cli)
    app.cli.add_command(officer_cli)

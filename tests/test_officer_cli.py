"""`flask officer create`: accounts officers can log in with, and a password reset that changes nothing else."""
from __future__ import annotations

from sqlalchemy import select

from bot.models import Officer
from tests.console_support import PASSWORD, db, login


def _create(runner, *args: str):
    result = runner.invoke(args=["officer", "create", *args, "--password", PASSWORD])
    assert result.exit_code == 0, result.output
    return result


def test_username_with_capitals_can_log_in(app, client, runner):
    """The login form lowercases what is typed, so the account is stored lowercased too."""
    _create(runner, " Siti ", "--name", "Siti Aminah")
    assert login(client, "Siti").status_code == 302
    assert "officer siti (officer) saved" in _create(runner, "SITI", "--name", "Siti Aminah").output
    with db(app) as session:
        assert session.scalars(select(Officer.username)).all() == ["siti"]


def test_password_reset_keeps_role_and_email(app, runner):
    """Running the command again for a new password does not demote an admin or drop their e-mail."""
    _create(runner, "root", "--name", "Root", "--role", "admin", "--email", "root@bps.go.id")
    _create(runner, "root", "--name", "Root")
    with db(app) as session:
        officer = session.scalar(select(Officer))
        assert (officer.role, officer.email) == ("admin", "root@bps.go.id")
